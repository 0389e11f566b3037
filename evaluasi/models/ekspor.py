"""Background export jobs: a ZIP of generated PDFs for a unit subtree, kept in private storage."""

from django.conf import settings
from django.db import models

from cms.storage import private_storage


class StatusEkspor(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    BERJALAN = "berjalan", "Sedang dibuat"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class JenisEkspor(models.TextChoices):
    EVALUASI = "evaluasi", "Dokumen evaluasi kinerja"
    LAPORAN_360 = "laporan_360", "Laporan 360"


class EksporDokumen(models.Model):
    """A background job that bundles the PDFs of a unit subtree into a ZIP: the Dokumen Evaluasi
    Kinerja, or the 360 reports."""

    jenis = models.CharField(
        max_length=12, choices=JenisEkspor.choices, default=JenisEkspor.EVALUASI
    )
    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="+"
    )
    unit_kerja = models.ForeignKey(
        "evaluasi.UnitKerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=StatusEkspor.choices, default=StatusEkspor.MENUNGGU
    )
    jumlah = models.PositiveIntegerField(default=0)
    selesai_jumlah = models.PositiveIntegerField(default=0)
    berkas = models.FileField(upload_to="ekspor/", storage=private_storage, blank=True)
    pesan = models.TextField(blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ekspor dokumen evaluasi"
        ordering = ["-dibuat"]

    def __str__(self):
        return f"Ekspor {self.periode_id}/{self.unit_kerja_id} ({self.status})"

    @property
    def persen(self) -> int:
        return round(100 * self.selesai_jumlah / self.jumlah) if self.jumlah else 0
