"""Site settings: the publishing agency's identity and the certificate signatory (kernel model)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
