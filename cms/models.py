"""Site-wide pages and settings: the home page, a plain content page and the site settings."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class Topik(models.Model):
    """One taxonomy shared by guides, FAQ, news, workshops and instrument aspects.

    A weak aspect in a person's report points, through its topic, at guides and workshops on the
    same topic (kernel model: it imports neither app).
    """

    nama = models.CharField("nama", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=100, unique=True, blank=True)
    deskripsi = models.TextField("deskripsi", blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    panels = [FieldPanel("nama"), FieldPanel("slug"), FieldPanel("deskripsi"), FieldPanel("urutan")]
    api_fields = [APIField("nama"), APIField("slug")]

    class Meta:
        verbose_name = "topik"
        verbose_name_plural = "topik"
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.nama)[:100]
        super().save(*args, **kwargs)


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
    penandatangan_nama = models.CharField(
        "nama penanda tangan sertifikat",
        max_length=150,
        blank=True,
        default="Kepala Badan Kepegawaian Daerah",
    )
    penandatangan_jabatan = models.CharField(
        "jabatan penanda tangan", max_length=200, blank=True, default="Kepala BKD Provinsi Lampung"
    )
    penandatangan_nip = models.CharField("NIP penanda tangan", max_length=18, blank=True)
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
        MultiFieldPanel(
            [
                FieldPanel("penandatangan_nama"),
                FieldPanel("penandatangan_jabatan"),
                FieldPanel("penandatangan_nip"),
            ],
            heading="Sertifikat workshop",
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
