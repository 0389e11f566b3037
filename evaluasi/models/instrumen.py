"""Assessment instruments: versioned scales, aspects and statements, frozen once a period uses them."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


class Hubungan(models.TextChoices):
    DIRI = "diri", "Diri sendiri"
    ATASAN = "atasan", "Atasan"
    REKAN = "rekan", "Rekan kerja"
    BAWAHAN = "bawahan", "Bawahan"


class Instrumen(ClusterableModel):
    nama = models.CharField("nama", max_length=200)
    versi = models.PositiveSmallIntegerField("versi", default=1, editable=False)
    versi_sebelumnya = models.ForeignKey(
        "self",
        verbose_name="versi sebelumnya",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="versi_berikutnya",
    )
    petunjuk = RichTextField(
        "petunjuk pengisian",
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text="Tekankan tujuan pengembangan dan anonimitas penilaian.",
    )
    dibekukan = models.BooleanField(
        "dibekukan",
        default=False,
        editable=False,
        help_text="Sudah dipakai periode yang dibuka; perubahan dibuat sebagai versi baru.",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)

    panels = [
        FieldPanel("nama"),
        FieldPanel("petunjuk"),
        InlinePanel("skala", label="Titik skala", heading="Skala"),
        InlinePanel("aspek", label="Aspek", heading="Aspek dan pernyataan"),
        InlinePanel(
            "pertanyaan_terbuka",
            label="Pertanyaan terbuka",
            heading="Pertanyaan terbuka (umpan balik)",
        ),
    ]

    class Meta:
        verbose_name = "instrumen"
        verbose_name_plural = "instrumen"
        ordering = ["nama", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["nama", "versi"], name="instrumen_nama_versi_unik")
        ]

    def __str__(self):
        return f"{self.nama} (versi {self.versi})"


class SkalaPoin(Orderable):
    instrumen = ParentalKey(Instrumen, on_delete=models.CASCADE, related_name="skala")
    nilai = models.SmallIntegerField("nilai")
    label = models.CharField("label", max_length=80)

    panels = [FieldRowPanel([FieldPanel("nilai"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        verbose_name = "titik skala"


class Aspek(Orderable, ClusterableModel):
    instrumen = ParentalKey(Instrumen, on_delete=models.CASCADE, related_name="aspek")
    nama = models.CharField("nama", max_length=150)
    deskripsi = models.TextField("deskripsi", blank=True)
    topik = models.ForeignKey(
        "cms.Topik",
        verbose_name="topik",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bobot = models.DecimalField("bobot", max_digits=5, decimal_places=2, default=1)

    panels = [
        FieldRowPanel([FieldPanel("nama"), FieldPanel("bobot")]),
        FieldPanel("deskripsi"),
        FieldPanel("topik"),
        InlinePanel("pernyataan", label="Pernyataan"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "aspek"
        verbose_name_plural = "aspek"

    def __str__(self):
        return self.nama

    def clean(self):
        if self.bobot is not None and self.bobot < 0:
            raise ValidationError({"bobot": "Bobot tidak boleh negatif."})


class Pernyataan(Orderable):
    aspek = ParentalKey(Aspek, on_delete=models.CASCADE, related_name="pernyataan")
    teks = models.TextField("pernyataan")
    untuk_diri = models.BooleanField("diri sendiri", default=True)
    untuk_atasan = models.BooleanField("atasan", default=True)
    untuk_rekan = models.BooleanField("rekan kerja", default=True)
    untuk_bawahan = models.BooleanField("bawahan", default=True)
    wajib = models.BooleanField("wajib diisi", default=True)

    panels = [
        FieldPanel("teks"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("untuk_diri"),
                        FieldPanel("untuk_atasan"),
                        FieldPanel("untuk_rekan"),
                        FieldPanel("untuk_bawahan"),
                    ]
                )
            ],
            heading="Ditampilkan kepada penilai",
        ),
        FieldPanel("wajib"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "pernyataan"
        verbose_name_plural = "pernyataan"

    def untuk(self, hubungan: str) -> bool:
        return getattr(self, f"untuk_{hubungan}")


class PertanyaanTerbuka(Orderable):
    instrumen = ParentalKey(Instrumen, on_delete=models.CASCADE, related_name="pertanyaan_terbuka")
    teks = models.CharField("pertanyaan", max_length=300)
    wajib = models.BooleanField("wajib diisi", default=False)

    panels = [FieldPanel("teks"), FieldPanel("wajib")]

    class Meta(Orderable.Meta):
        verbose_name = "pertanyaan terbuka"
        verbose_name_plural = "pertanyaan terbuka"
