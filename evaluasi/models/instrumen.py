"""Assessment instruments (versioned, frozen once used) and assessment periods."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

MIN_ANONYMITY = 3
# Years a period (and its fill window) may name: a typo such as 0001 or 9999 is refused next to
# the field instead of failing in the time-zone conversion or staying in every report.
TAHUN_MIN, TAHUN_MAX = 1950, 2100


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


class AksiPenugasan(models.TextChoices):
    DITAMBAH = "ditambah", "Ditambahkan"
    DIHAPUS = "dihapus", "Dihapus"


class RiwayatPenugasan(models.Model):
    """Every assignment added or removed by an admin (and every one generated after the period
    opened): who, when, which pair and relationship, and why (docs/aturan.md §5: assignments freeze
    when the period opens; later changes are audited admin actions with a reason).

    The NIPs are kept as text too, so the record outlives the pegawai rows."""

    periode = models.ForeignKey(
        PeriodePenilaian, on_delete=models.CASCADE, related_name="riwayat_penugasan"
    )
    aksi = models.CharField("aksi", max_length=8, choices=AksiPenugasan.choices)
    penilai = models.ForeignKey(
        "evaluasi.Pegawai", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dinilai = models.ForeignKey(
        "evaluasi.Pegawai", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nip_penilai = models.CharField("NIP penilai", max_length=18)
    nip_dinilai = models.CharField("NIP dinilai", max_length=18)
    hubungan = models.CharField("hubungan", max_length=8, choices=Hubungan.choices)
    di_luar_roster = models.BooleanField("di luar hubungan roster", default=False)
    status_periode = models.CharField(
        "status periode saat itu", max_length=16, choices=StatusPeriode.choices
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    alasan = models.TextField("alasan", blank=True)
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "riwayat penugasan"
        verbose_name_plural = "riwayat penugasan"
        ordering = ["-waktu", "-pk"]

    def __str__(self):
        return f"{self.periode_id}: {self.aksi} {self.nip_penilai} → {self.nip_dinilai}"


class Penugasan(models.Model):
    """One rater assessing one ratee in one period, with their relationship."""

    periode = models.ForeignKey(
        PeriodePenilaian, verbose_name="periode", on_delete=models.CASCADE, related_name="penugasan"
    )
    penilai = models.ForeignKey(
        "evaluasi.Pegawai",
        verbose_name="penilai",
        on_delete=models.CASCADE,
        related_name="penugasan_menilai",
    )
    dinilai = models.ForeignKey(
        "evaluasi.Pegawai",
        verbose_name="dinilai",
        on_delete=models.CASCADE,
        related_name="penugasan_dinilai",
    )
    hubungan = models.CharField("hubungan", max_length=8, choices=Hubungan.choices)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dimulai = models.DateTimeField("mulai diisi", null=True, blank=True, editable=False)
    dikirim = models.DateTimeField("dikirim", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "penugasan penilai"
        verbose_name_plural = "penugasan penilai"
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "penilai", "dinilai"], name="penugasan_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(hubungan="diri", penilai=models.F("dinilai"))
                | (~models.Q(hubungan="diri") & ~models.Q(penilai=models.F("dinilai"))),
                name="penugasan_diri_konsisten",
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "penilai"]),
            models.Index(fields=["periode", "dinilai", "hubungan"]),
        ]

    def __str__(self):
        return f"{self.penilai_id} → {self.dinilai_id} ({self.hubungan})"

    @property
    def status_pengisian(self) -> str:
        if self.dikirim:
            return "Terkirim"
        return "Sedang diisi" if self.dimulai else "Belum dimulai"
