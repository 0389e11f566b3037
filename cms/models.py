"""Site-wide pages: the home page and a plain content page.

The kernel models `Topik`, `PengaturanSitus` and `Pemberitahuan` live in `cms.topics`,
`cms.site_settings` and `cms.notifications`;
they are imported here only so Django registers them with the `cms` app.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .notifications import Pemberitahuan  # noqa: F401  (model registration)
from .site_settings import PengaturanSitus  # noqa: F401  (model registration)
from .topics import Topik  # noqa: F401  (model registration)


class HomePage(Page):
    hero_judul = models.CharField("judul utama", max_length=160)
    hero_pengantar = models.TextField("pengantar", blank=True)
    hero_gambar = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="gambar utama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_tautan = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="halaman tujuan tombol",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_tautan_teks = models.CharField("teks tombol", max_length=60, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="isi", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_judul"),
                FieldPanel("hero_pengantar"),
                FieldPanel("hero_gambar"),
                FieldPanel("hero_tautan"),
                FieldPanel("hero_tautan_teks"),
            ],
            heading="Bagian utama",
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_judul"),
        index.SearchField("hero_pengantar"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("hero_judul"),
        APIField("hero_pengantar"),
        APIField("hero_gambar"),
        APIField("body"),
    ]

    # Only one home page per site; it sits directly under the tree root.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "sosialisasi.SosialisasiIndexPage",
        "sosialisasi.WorkshopIndexPage",
        "evaluasi.AsnBerprestasiPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_context(self, request, *args, **kwargs):
        # The home page reads both apps when serving; their models import the cms kernel.
        from evaluasi.selectors.assessments import active_periods_for
        from sosialisasi.selectors import latest_guides, workshops_upcoming_with_seats

        context = super().get_context(request, *args, **kwargs)
        context["panduan_terbaru"] = latest_guides(limit=3)
        context["workshop_mendatang"] = workshops_upcoming_with_seats(limit=3)
        context["periode_aktif"] = active_periods_for(request.user)
        return context


class StandardPage(Page):
    """A plain content page (about, contact, privacy), as bakerydemo's StandardPage."""

    pengantar = models.TextField("pengantar", blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="isi", blank=True)

    content_panels = Page.content_panels + [FieldPanel("pengantar"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("pengantar"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("pengantar"), APIField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = "halaman standar"
