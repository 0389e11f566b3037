"""SKP (rencana kerja tahunan), its evaluation by the atasan, objections, organisational predicates
and recognition — PermenPANRB 6/2022 as stated in docs/aturan.md §1."""

from django.conf import settings
from django.db import models

from cms.storage import private_storage
from evaluasi.predikat import ArahIndikator, Predikat, PredikatOrganisasi, Rating


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", "Kuantitatif"
    KUALITATIF = "kualitatif", "Kualitatif"


class StatusSKP(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan ke atasan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk diperbaiki"
    DISETUJUI = "disetujui", "Disetujui"


class RencanaKerja(models.Model):
    pegawai = models.ForeignKey(
        "evaluasi.Pegawai", verbose_name="pegawai", on_delete=models.CASCADE, related_name="skp"
    )
    tahun_kinerja = models.ForeignKey(
        "evaluasi.TahunKinerja",
        verbose_name="tahun kinerja",
        on_delete=models.PROTECT,
        related_name="skp",
    )
    pejabat_penilai = models.ForeignKey(
        "evaluasi.Pegawai",
        verbose_name="pejabat penilai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skp_dinilai",
        help_text="Atasan langsung saat SKP diajukan.",
    )
    pendekatan = models.CharField(
        "pendekatan", max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUANTITATIF
    )
    status = models.CharField(
        "status", max_length=12, choices=StatusSKP.choices, default=StatusSKP.DRAF, editable=False
    )
    catatan_atasan = models.TextField("catatan atasan", blank=True)
    diajukan_pada = models.DateTimeField("diajukan", null=True, blank=True)
    disetujui_pada = models.DateTimeField("disetujui", null=True, blank=True)

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun_kinerja"], name="skp_unik_per_tahun")
        ]

    def __str__(self):
        return f"SKP {self.pegawai_id} / {self.tahun_kinerja_id}"

    @property
    def terkunci(self) -> bool:
        return self.status in (StatusSKP.DIAJUKAN, StatusSKP.DISETUJUI)


class JenisRHK(models.TextChoices):
    UTAMA = "utama", "Utama"
    TAMBAHAN = "tambahan", "Tambahan"


class RencanaHasilKerja(models.Model):
    rencana = models.ForeignKey(RencanaKerja, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(
        "jenis", max_length=8, choices=JenisRHK.choices, default=JenisRHK.UTAMA
    )
    teks = models.TextField("rencana hasil kerja")
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name="mendukung RHK atasan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhk_bawahan",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    catatan_atasan = models.TextField(
        "catatan atasan",
        blank=True,
        help_text="Catatan perbaikan atasan untuk RHK ini saat SKP dikembalikan.",
    )

    class Meta:
        verbose_name = "RHK"
        verbose_name_plural = "RHK"
        ordering = [
            "-jenis",
            "urutan",
            "pk",
        ]  # "utama" sorts after "tambahan": descending = utama first

    def __str__(self):
        return self.teks[:80]


class AspekIndikator(models.TextChoices):
    KUANTITAS = "kuantitas", "Kuantitas"
    KUALITAS = "kualitas", "Kualitas"
    WAKTU = "waktu", "Waktu"
    BIAYA = "biaya", "Biaya"


def angka_teks(value, satuan: str = "") -> str:
    """A stored Decimal as Indonesians write it ("87,5 %"); "" for None."""
    if value is None:
        return ""
    return f"{f'{value.normalize():f}'.replace('.', ',')} {satuan}".strip()


class IndikatorKinerja(models.Model):
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    teks = models.CharField("indikator kinerja individu", max_length=500)
    aspek = models.CharField("aspek", max_length=10, choices=AspekIndikator.choices)
    target_angka = models.DecimalField(
        "target (angka)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    satuan = models.CharField("satuan", max_length=50, blank=True)
    target_teks = models.CharField("target (kualitatif)", max_length=500, blank=True)
    # Which way is better (PermenPANRB 6/2022 judges capaian against ekspektasi): finishing early or
    # under budget exceeds the target. Default from the aspect (predikat.default_arah).
    arah = models.CharField(
        "arah", max_length=5, choices=ArahIndikator.choices, default=ArahIndikator.NAIK
    )
    kondisi_awal = models.DecimalField(
        "kondisi awal",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Angka awal (baseline), misalnya rata-rata nilai kelas tahun lalu.",
    )

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["pk"]

    def __str__(self):
        return self.teks

    @property
    def target(self) -> str:
        if self.target_angka is not None:
            return angka_teks(self.target_angka, self.satuan)
        return self.target_teks

    @property
    def kondisi_awal_teks(self) -> str:
        """The baseline with its unit ("72 poin"), "" when there is none."""
        return angka_teks(self.kondisi_awal, self.satuan)

    @property
    def lebih_rendah(self) -> bool:
        """Whether a lower realisasi is better (the rule's `lower_is_better`)."""
        return self.arah == ArahIndikator.TURUN


class StatusEvaluasi(models.TextChoices):
    REALISASI = "realisasi", "Pengisian realisasi"
    DIAJUKAN = "diajukan", "Realisasi diajukan"
    DINILAI = "dinilai", "Dinilai atasan"
    DITERIMA = "diterima", "Diterima pegawai"
    KEBERATAN = "keberatan", "Keberatan diajukan"
    FINAL = "final", "Final"


class EvaluasiKinerja(models.Model):
    """One evaluation of an approved SKP in one period of its year (periodic or annual)."""

    rencana = models.ForeignKey(RencanaKerja, on_delete=models.CASCADE, related_name="evaluasi")
    periode_kinerja = models.ForeignKey(
        "evaluasi.PeriodeKinerja",
        verbose_name="periode kinerja",
        on_delete=models.PROTECT,
        related_name="evaluasi_kinerja",
    )
    status = models.CharField(
        "status", max_length=10, choices=StatusEvaluasi.choices, default=StatusEvaluasi.REALISASI
    )
    saran_hasil_kerja = models.CharField(
        "saran rating hasil kerja", max_length=10, choices=Rating.choices, blank=True
    )
    rating_hasil_kerja = models.CharField(
        "rating hasil kerja", max_length=10, choices=Rating.choices, blank=True
    )
    rating_perilaku = models.CharField(
        "rating perilaku kerja", max_length=10, choices=Rating.choices, blank=True
    )
    predikat = models.CharField(
        "predikat kinerja", max_length=16, choices=Predikat.choices, blank=True
    )
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField("diputuskan", null=True, blank=True)

    class Meta:
        verbose_name = "evaluasi kinerja"
        verbose_name_plural = "evaluasi kinerja"
        constraints = [
            models.UniqueConstraint(fields=["rencana", "periode_kinerja"], name="evaluasi_unik")
        ]
        indexes = [models.Index(fields=["periode_kinerja", "predikat"])]

    def __str__(self):
        return f"Evaluasi {self.rencana_id} / {self.periode_kinerja_id}"


def bukti_path(instance, filename):
    return f"bukti/{instance.evaluasi_id}/{filename}"


class RealisasiIndikator(models.Model):
    evaluasi = models.ForeignKey(
        EvaluasiKinerja, on_delete=models.CASCADE, related_name="realisasi"
    )
    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="+")
    realisasi_angka = models.DecimalField(
        "realisasi (angka)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    realisasi_teks = models.TextField("realisasi", blank=True)
    bukti_tautan = models.URLField("tautan bukti dukung", blank=True)
    bukti_berkas = models.FileField(
        "berkas bukti dukung", upload_to=bukti_path, storage=private_storage, blank=True
    )

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "indikator"], name="realisasi_unik")
        ]

    def __str__(self):
        return f"{self.indikator_id}: {self.realisasi_angka or self.realisasi_teks[:40]}"


class UmpanBalikRHK(models.Model):
    """The atasan's feedback and judgement on one RHK in one evaluation."""

    evaluasi = models.ForeignKey(
        EvaluasiKinerja, on_delete=models.CASCADE, related_name="umpan_balik"
    )
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="+")
    capaian = models.CharField("capaian", max_length=10, choices=Rating.choices)
    teks = models.TextField("umpan balik", blank=True)

    class Meta:
        verbose_name = "umpan balik RHK"
        verbose_name_plural = "umpan balik RHK"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "rhk"], name="umpan_balik_unik")]

    def __str__(self):
        return f"{self.rhk_id}: {self.capaian}"


class PerilakuKerja(models.Model):
    """The atasan's rating of one BerAKHLAK value (the 360 result is shown as a suggestion)."""

    evaluasi = models.ForeignKey(EvaluasiKinerja, on_delete=models.CASCADE, related_name="perilaku")
    nilai = models.CharField("nilai BerAKHLAK", max_length=40)
    rating = models.CharField("rating", max_length=10, choices=Rating.choices)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "perilaku kerja"
        verbose_name_plural = "perilaku kerja"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "nilai"], name="perilaku_unik")]

    def __str__(self):
        return f"{self.nilai}: {self.rating}"


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "diajukan", "Diajukan"
    DIKABULKAN = "dikabulkan", "Dikabulkan"
    DITOLAK = "ditolak", "Ditolak"


class Keberatan(models.Model):
    evaluasi = models.OneToOneField(
        EvaluasiKinerja, on_delete=models.CASCADE, related_name="keberatan"
    )
    alasan = models.TextField("alasan keberatan")
    status = models.CharField(
        "status", max_length=10, choices=StatusKeberatan.choices, default=StatusKeberatan.DIAJUKAN
    )
    keputusan = models.TextField("keputusan", blank=True)
    predikat_sebelum = models.CharField(max_length=16, choices=Predikat.choices)
    diajukan_pada = models.DateTimeField(auto_now_add=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "keberatan"
        verbose_name_plural = "keberatan"

    def __str__(self):
        return f"Keberatan {self.evaluasi_id} ({self.status})"


class RiwayatSKP(models.Model):
    """Every workflow step on an SKP or its evaluation: who, what, when, and the comment."""

    rencana = models.ForeignKey(RencanaKerja, on_delete=models.CASCADE, related_name="riwayat")
    evaluasi = models.ForeignKey(
        EvaluasiKinerja, null=True, blank=True, on_delete=models.CASCADE, related_name="riwayat"
    )
    aksi = models.CharField("aksi", max_length=200)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    catatan = models.TextField("catatan", blank=True)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat SKP"
        ordering = ["-waktu", "-pk"]

    def __str__(self):
        return f"{self.rencana_id}: {self.aksi}"


class PredikatUnit(models.Model):
    unit_kerja = models.ForeignKey("evaluasi.UnitKerja", on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="+"
    )
    predikat = models.CharField(
        "predikat kinerja organisasi", max_length=16, choices=PredikatOrganisasi.choices
    )

    class Meta:
        verbose_name = "predikat kinerja organisasi"
        verbose_name_plural = "predikat kinerja organisasi"
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "periode"], name="predikat_unit_unik")
        ]

    def __str__(self):
        return f"{self.unit_kerja_id} / {self.periode_id}: {self.predikat}"
