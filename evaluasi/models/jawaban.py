"""Answers of a rater (saved as they are given, final once the assignment is submitted), the
reminders sent to raters, and the log of the one exception to anonymity (docs/aturan.md §5)."""

from django.conf import settings
from django.db import models


class Jawaban(models.Model):
    """One answer to one statement. ~12 million rows at province scale: kept narrow on purpose."""

    penugasan = models.ForeignKey(
        "evaluasi.Penugasan", on_delete=models.CASCADE, related_name="jawaban"
    )
    pernyataan = models.ForeignKey(
        "evaluasi.Pernyataan", on_delete=models.PROTECT, related_name="jawaban"
    )
    nilai = models.SmallIntegerField("nilai")
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "jawaban"
        verbose_name_plural = "jawaban"
        # The unique index (penugasan, pernyataan) serves autosave upserts and per-assignment reads;
        # aggregation joins through penugasan, so no further index is needed on this large table.
        constraints = [
            models.UniqueConstraint(fields=["penugasan", "pernyataan"], name="jawaban_unik")
        ]
        permissions = [
            (
                "lihat_jawaban_individual",
                "Melihat jawaban individual penilai (setiap akses dicatat)",
            )
        ]

    def __str__(self):
        return f"{self.penugasan_id}/{self.pernyataan_id}: {self.nilai}"


class JawabanTerbuka(models.Model):
    """The rater's constructive feedback to one open question."""

    penugasan = models.ForeignKey(
        "evaluasi.Penugasan", on_delete=models.CASCADE, related_name="jawaban_terbuka"
    )
    pertanyaan = models.ForeignKey(
        "evaluasi.PertanyaanTerbuka", on_delete=models.PROTECT, related_name="jawaban"
    )
    teks = models.TextField("jawaban")
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "jawaban terbuka"
        verbose_name_plural = "jawaban terbuka"
        constraints = [
            models.UniqueConstraint(fields=["penugasan", "pertanyaan"], name="jawaban_terbuka_unik")
        ]

    def __str__(self):
        return f"{self.penugasan_id}/{self.pertanyaan_id}"


class PengingatPenilaian(models.Model):
    """How many reminders a rater got in a period, and when the last one went out."""

    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="pengingat"
    )
    pegawai = models.ForeignKey("evaluasi.Pegawai", on_delete=models.CASCADE, related_name="+")
    jumlah = models.PositiveSmallIntegerField("jumlah", default=0)
    terakhir = models.DateTimeField("terakhir dikirim", null=True)

    class Meta:
        verbose_name = "pengingat penilaian"
        verbose_name_plural = "pengingat penilaian"
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="pengingat_unik")
        ]

    def __str__(self):
        return f"{self.pegawai_id} × {self.jumlah}"


class AksesJawabanIndividual(models.Model):
    """Audit log: a superuser looked at who answered what for one ratee, and why."""

    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="+"
    )
    dinilai = models.ForeignKey("evaluasi.Pegawai", on_delete=models.CASCADE, related_name="+")
    alasan = models.TextField("alasan")
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "akses jawaban individual"
        verbose_name_plural = "log akses jawaban individual"
        ordering = ["-waktu"]

    def __str__(self):
        return f"{self.oleh} → {self.dinilai_id} ({self.waktu:%Y-%m-%d %H:%M})"
