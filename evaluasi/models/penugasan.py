"""Rater assignments (who rates whom, in which relationship, in which period) and the audit trail
of changes made to them after a period opens."""

from django.conf import settings
from django.db import models

from .instrumen import Hubungan
from .periode import PeriodePenilaian, StatusPeriode


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
