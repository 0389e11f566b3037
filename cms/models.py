"""Site-wide pages and settings: the home page, a plain content page and the site settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


@register_setting(icon="site")
class PengaturanSitus(BaseSiteSetting):
    """Identity of the publishing agency, shown in the footer and on generated documents."""

    nama_instansi = models.CharField(
        "nama instansi", max_length=200, default="Badan Kepegawaian Daerah Provinsi Lampung"
    )
    singkatan = models.CharField("singkatan", max_length=40, blank=True, default="BKD Lampung")
    alamat = models.TextField("alamat", blank=True)
    telepon = models.CharField("telepon", max_length=40, blank=True)
    email = models.EmailField("email", blank=True)
    jam_layanan = models.CharField("jam layanan", max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("nama_instansi"), FieldPanel("singkatan"), FieldPanel("logo")],
            heading="Identitas",
        ),
        MultiFieldPanel(
            [
                FieldPanel("alamat"),
                FieldPanel("telepon"),
                FieldPanel("email"),
                FieldPanel("jam_layanan"),
            ],
            heading="Kontak",
        ),
    ]

    class Meta:
        verbose_name = "pengaturan situs"


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
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Slots that the sosialisasi and evaluasi issues fill through their selectors.
        context.setdefault("panduan_terbaru", [])
        context.setdefault("workshop_mendatang", [])
        context.setdefault("periode_aktif", [])
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

    class Meta:
        verbose_name = "halaman standar"
