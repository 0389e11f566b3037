"""History and progress of roster imports (one row per uploaded file)."""

from django.conf import settings
from django.db import models

from cms.storage import private_storage


class ImporRoster(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu diproses"
        PERLU_PEMETAAN = "perlu_pemetaan", "Perlu pemetaan kolom"
        MEMERIKSA = "memeriksa", "Sedang diperiksa"
        PRATINJAU = "pratinjau", "Pratinjau siap"
        GAGAL_VALIDASI = "gagal_validasi", "Ada kesalahan — tidak ada yang disimpan"
        DITOLAK = "ditolak", "Berkas ditolak"
        MENYIMPAN = "menyimpan", "Sedang menyimpan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal — tidak ada yang disimpan"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    # Every NIP, email and phone number of the roster: private storage, no URL (cms/storage.py).
    berkas = models.FileField("berkas", upload_to="impor-roster/%Y/%m/", storage=private_storage)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    ukuran = models.PositiveBigIntegerField("ukuran (byte)", default=0)
    sinkronisasi_penuh = models.BooleanField(
        "sinkronisasi penuh",
        default=False,
        help_text="Nonaktifkan pegawai aktif di unit yang diimpor yang tidak ada dalam berkas.",
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lingkup_unit = models.ForeignKey(
        "evaluasi.UnitKerja",
        verbose_name="lingkup unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Untuk Admin OPD: impor dibatasi pada subtree unit ini.",
    )
    dibuat = models.DateTimeField("diunggah", auto_now_add=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MENUNGGU)
    tahap = models.CharField("tahap", max_length=120, blank=True)
    baris_total = models.PositiveIntegerField(default=0)
    baris_selesai = models.PositiveIntegerField(default=0)
    ringkasan = models.JSONField("ringkasan", default=dict, blank=True)
    perubahan = models.JSONField("contoh perubahan", default=dict, blank=True)
    kesalahan = models.JSONField("kesalahan", default=list, blank=True)
    peringatan = models.JSONField("peringatan", default=list, blank=True)
    pesan = models.TextField("pesan", blank=True)
    durasi_detik = models.FloatField("durasi (detik)", null=True, blank=True)
    # The sheets whose columns are (or must be) mapped by hand: name, header row, headers, sample
    # values, kind and chosen fields (`SheetColumns.as_dict` in services/roster_import/mapping.py).
    kolom_berkas = models.JSONField("kolom berkas", default=list, blank=True)
    pemetaan = models.ManyToManyField(
        "evaluasi.PemetaanKolom",
        verbose_name="pemetaan kolom yang dipakai",
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "impor roster"
        verbose_name_plural = "riwayat impor roster"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"{self.nama_berkas} ({self.get_status_display()})"

    @property
    def pengunggah(self) -> str:
        user = self.diunggah_oleh
        return (user.get_full_name() or user.get_username()) if user else "-"

    @property
    def ringkasan_singkat(self) -> str:
        r = self.ringkasan or {}
        if not r:
            return ""
        parts = [
            f"{r.get('pegawai_baru', 0)} baru",
            f"{r.get('pegawai_berubah', 0)} berubah",
            f"{r.get('pegawai_tetap', 0)} tetap",
        ]
        if r.get("pegawai_dinonaktifkan"):
            parts.append(f"{r['pegawai_dinonaktifkan']} dinonaktifkan")
        if r.get("kesalahan"):
            parts.append(f"{r['kesalahan']} kesalahan")
        return "Pegawai: " + ", ".join(parts)

    @property
    def persen(self) -> int:
        if not self.baris_total:
            return 0
        return min(100, round(100 * self.baris_selesai / self.baris_total))

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in {self.Status.MENUNGGU, self.Status.MEMERIKSA, self.Status.MENYIMPAN}


class PemetaanKolom(models.Model):
    """A remembered column mapping: for one set of file headers, which roster field each column
    holds. Shared by every admin (it holds header names only, no personal data)."""

    nama = models.CharField("nama", max_length=100, unique=True)
    kunci = models.CharField(
        "kunci judul kolom",
        max_length=64,
        unique=True,
        help_text="Sidik judul-judul kolom yang sudah dinormalkan (huruf kecil, tanpa tanda baca).",
    )
    jenis = models.CharField(
        "jenis sheet",
        max_length=20,
        choices=[("Unit Kerja", "Unit Kerja"), ("Pegawai", "Pegawai")],
    )
    # normalised header -> roster field (columns.py); headers left out are ignored.
    kolom = models.JSONField("kolom", default=dict)
    judul = models.JSONField("judul kolom di berkas", default=list)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "pemetaan kolom"
        verbose_name_plural = "pemetaan kolom"
        ordering = ["nama"]

    def __str__(self):
        return self.nama
