"""Assessment periods (one instrument, a fill window, the anonymity threshold and its status
lifecycle) and the audit trail of their status changes."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .instrumen import Instrumen

MIN_ANONYMITY = 3
# Years a period (and its fill window) may name: a typo such as 0001 or 9999 is refused next to
# the field instead of failing in the time-zone conversion or staying in every report.
TAHUN_MIN, TAHUN_MAX = 1950, 2100


class JenisPeriode(models.TextChoices):
    TAHUNAN = "tahunan", "Tahunan"
    TRIWULAN_1 = "tw1", "Triwulan I"
    TRIWULAN_2 = "tw2", "Triwulan II"
    TRIWULAN_3 = "tw3", "Triwulan III"
    TRIWULAN_4 = "tw4", "Triwulan IV"


class StatusPeriode(models.TextChoices):
    DRAF = "draf", "Draf"
    DIBUKA = "dibuka", "Dibuka"
    DITUTUP = "ditutup", "Ditutup"
    HASIL_DIHITUNG = "hasil_dihitung", "Hasil dihitung"
    DIPUBLIKASIKAN = "dipublikasikan", "Dipublikasikan"


MAKS_BATAS = 50  # raters per group and reminders: beyond this it is a typing mistake


class PeriodePenilaian(ClusterableModel):
    nama = models.CharField("nama", max_length=200)
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField(
        "jenis", max_length=8, choices=JenisPeriode.choices, default=JenisPeriode.TAHUNAN
    )
    instrumen = models.ForeignKey(
        Instrumen, verbose_name="instrumen", on_delete=models.PROTECT, related_name="periode"
    )
    dibuka_pada = models.DateTimeField("pengisian dibuka (WIB)")
    ditutup_pada = models.DateTimeField("pengisian ditutup (WIB)")
    jawaban_dihapus_pada = models.DateTimeField(
        "jawaban mentah dihapus (retensi)", null=True, blank=True, editable=False
    )
    ambang_anonimitas = models.PositiveSmallIntegerField(
        "ambang anonimitas",
        default=MIN_ANONYMITY,
        validators=[MinValueValidator(MIN_ANONYMITY)],
        help_text="Kelompok rekan/bawahan ditampilkan hanya jika penilainya paling sedikit sebanyak ini (minimal 3).",
    )
    maks_rekan = models.PositiveSmallIntegerField("maksimal rekan kerja", default=4)
    maks_bawahan = models.PositiveSmallIntegerField("maksimal bawahan", default=6)
    pengingat_setiap_hari = models.PositiveSmallIntegerField(
        "kirim pengingat setiap (hari)",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Jarak antar-email pengingat kepada penilai yang belum selesai.",
    )
    bobot_atasan = models.PositiveSmallIntegerField("bobot atasan", default=40)
    bobot_rekan = models.PositiveSmallIntegerField("bobot rekan kerja", default=30)
    bobot_bawahan = models.PositiveSmallIntegerField("bobot bawahan", default=30)
    batas_di_atas = models.FloatField(
        "skor minimal 'di atas ekspektasi'", default=4.2,
        help_text="Skor perilaku (skala instrumen) yang disarankan sebagai di atas ekspektasi.",
    )  # fmt: skip
    batas_sesuai = models.FloatField("skor minimal 'sesuai ekspektasi'", default=3.0)
    maks_pengingat = models.PositiveSmallIntegerField(
        "maksimal pengingat per penilai",
        default=3,
        help_text="0 untuk tidak mengirim pengingat.",
    )
    untuk_opd = ParentalManyToManyField(
        "evaluasi.UnitKerja",
        verbose_name="khusus OPD",
        blank=True,
        related_name="+",
        help_text="Kosongkan untuk seluruh unit.",
    )
    status = models.CharField(
        "status",
        max_length=16,
        choices=StatusPeriode.choices,
        default=StatusPeriode.DRAF,
        editable=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("nama"), FieldPanel("tahun"), FieldPanel("jenis")]),
        FieldPanel("instrumen"),
        FieldRowPanel([FieldPanel("dibuka_pada"), FieldPanel("ditutup_pada")]),
        FieldRowPanel(
            [FieldPanel("ambang_anonimitas"), FieldPanel("maks_rekan"), FieldPanel("maks_bawahan")]
        ),
        FieldPanel("untuk_opd"),
        FieldRowPanel([FieldPanel("pengingat_setiap_hari"), FieldPanel("maks_pengingat")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("bobot_atasan"),
                        FieldPanel("bobot_rekan"),
                        FieldPanel("bobot_bawahan"),
                    ]
                ),
                FieldRowPanel([FieldPanel("batas_di_atas"), FieldPanel("batas_sesuai")]),
            ],
            heading="Pengolahan hasil 360",
        ),
    ]

    class Meta:
        verbose_name = "periode penilaian"
        verbose_name_plural = "periode penilaian"
        ordering = ["-tahun", "-dibuka_pada"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ambang_anonimitas__gte=MIN_ANONYMITY),
                name="periode_ambang_minimal_3",
            ),
        ]

    def __str__(self):
        return self.nama

    def pengisian_berlangsung(self, now=None) -> bool:
        """Answers may be saved and submitted: the period is open and inside its fill window."""
        now = now or timezone.now()
        return self.status == StatusPeriode.DIBUKA and self.dibuka_pada <= now <= self.ditutup_pada

    def clean(self):
        errors = {}
        if self.tahun is not None and not TAHUN_MIN <= self.tahun <= TAHUN_MAX:
            errors["tahun"] = f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}."
        for field in ("dibuka_pada", "ditutup_pada"):
            value = getattr(self, field)
            if value is not None and not TAHUN_MIN <= value.year <= TAHUN_MAX:
                errors[field] = f"Tanggal harus antara tahun {TAHUN_MIN} dan {TAHUN_MAX}."
        for field in ("maks_rekan", "maks_bawahan", "maks_pengingat"):
            value = getattr(self, field)
            if value is not None and value > MAKS_BATAS:
                errors[field] = f"Paling banyak {MAKS_BATAS}."
        weights = (self.bobot_atasan, self.bobot_rekan, self.bobot_bawahan)
        if all(w is not None for w in weights) and sum(weights) <= 0:
            # Every perilaku score would be empty: the weighted mean divides by the weights.
            errors["bobot_atasan"] = "Jumlah bobot atasan, rekan, dan bawahan harus lebih dari 0."
        limits = (self.batas_sesuai, self.batas_di_atas)
        if all(v is not None for v in limits):
            if not all(math.isfinite(v) for v in limits):
                errors["batas_di_atas"] = "Batas skor harus berupa bilangan."
            elif self.batas_di_atas <= self.batas_sesuai:
                errors["batas_di_atas"] = (
                    "Skor minimal 'di atas ekspektasi' harus lebih tinggi daripada skor minimal "
                    "'sesuai ekspektasi'."
                )
        if errors:
            raise ValidationError(errors)
        if self.dibuka_pada and self.ditutup_pada and self.ditutup_pada <= self.dibuka_pada:
            raise ValidationError({"ditutup_pada": "Waktu tutup harus setelah waktu buka."})
        if self.pk and self.status != StatusPeriode.DRAF:
            stored = (
                PeriodePenilaian.objects.filter(pk=self.pk)
                .values_list("ambang_anonimitas", "instrumen_id")
                .first()
            )
            if stored and (stored[0] != self.ambang_anonimitas or stored[1] != self.instrumen_id):
                raise ValidationError(
                    "Ambang anonimitas dan instrumen terkunci setelah periode dibuka."
                )


class RiwayatPeriode(models.Model):
    """Every status change of a period, who made it, and why (required when reopening)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField("dari", max_length=16, choices=StatusPeriode.choices)
    ke = models.CharField("ke", max_length=16, choices=StatusPeriode.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    alasan = models.TextField("alasan", blank=True)
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "riwayat periode"
        ordering = ["-waktu"]

    def __str__(self):
        return f"{self.periode}: {self.dari} → {self.ke}"
