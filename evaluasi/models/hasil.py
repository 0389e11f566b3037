"""Aggregated 360 results, written by `services.aggregation` and only read through selectors.

Only groups that pass the anonymity rules are ever stored; withheld responses leave no row.
"""

from django.db import models


class Kelompok(models.TextChoices):
    DIRI = "diri", "Diri sendiri"
    ATASAN = "atasan", "Atasan"
    REKAN = "rekan", "Rekan kerja"
    BAWAHAN = "bawahan", "Bawahan"
    LAINNYA = "lainnya", "Lainnya (rekan dan bawahan digabung)"
    ORANG_LAIN = "orang_lain", "Semua penilai lain"


GROUPS = ("diri", "atasan", "rekan", "bawahan", "lainnya", "orang_lain")  # Kelompok, in order


class HasilAspek(models.Model):
    """One ratee's means on one aspect, a column pair per shown group (NULL: group not shown).

    Derived rows (one per ratee and aspect, ~420,000 per province), replaced wholesale by each run.
    Wide rather than a row per group: a fifth of the rows to write, which is most of the job's
    cost on PostgreSQL (docs/hasil-360.md). No per-column indexes and no database-level
    foreign-key checks, which made each insert several times dearer; Django's on_delete still
    removes them with their period, pegawai or aspect."""

    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    dinilai = models.ForeignKey(
        "evaluasi.Pegawai", on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    aspek = models.ForeignKey(
        "evaluasi.Aspek", on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    rerata_diri = models.FloatField(null=True)
    jumlah_diri = models.PositiveSmallIntegerField(null=True)
    rerata_atasan = models.FloatField(null=True)
    jumlah_atasan = models.PositiveSmallIntegerField(null=True)
    rerata_rekan = models.FloatField(null=True)
    jumlah_rekan = models.PositiveSmallIntegerField(null=True)
    rerata_bawahan = models.FloatField(null=True)
    jumlah_bawahan = models.PositiveSmallIntegerField(null=True)
    rerata_lainnya = models.FloatField(null=True)
    jumlah_lainnya = models.PositiveSmallIntegerField(null=True)
    rerata_orang_lain = models.FloatField("rerata semua penilai lain", null=True)
    jumlah_orang_lain = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = "hasil per aspek"
        # One plain index for the report's reads. No unique constraint: the aggregation replaces a
        # period's rows in one transaction while holding the period's row lock, so duplicates
        # cannot arise, and a unique index would be checked against the rows just deleted.
        indexes = [models.Index(fields=["periode", "dinilai"], name="hasilaspek_periode_dinilai")]

    def __str__(self):
        return f"{self.dinilai_id}/{self.aspek_id}: {self.per_kelompok()}"

    def per_kelompok(self) -> dict[str, tuple[float, int]]:
        """Shown group -> (mean, raters), in Kelompok order."""
        return {
            g: (getattr(self, f"rerata_{g}"), getattr(self, f"jumlah_{g}"))
            for g in GROUPS
            if getattr(self, f"rerata_{g}") is not None
        }


class HasilPerilaku(models.Model):
    """One ratee's overall 360 result in a period.

    Derived like HasilAspek, so no database-level foreign-key checks either (at 60,000 rows they
    cost the job half a second at commit) and no index on the period alone (the unique
    constraint's index starts with it)."""

    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    dinilai = models.ForeignKey(
        "evaluasi.Pegawai", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    skor = models.FloatField("skor perilaku", null=True)
    saran_rating = models.CharField(max_length=10, blank=True)
    skor_diri = models.FloatField(null=True)
    selisih = models.FloatField("selisih diri − orang lain", null=True)
    aspek_kuat = models.JSONField(default=list)
    aspek_kembang = models.JSONField(default=list)
    jumlah_per_hubungan = models.JSONField(default=dict)
    disembunyikan = models.PositiveSmallIntegerField(default=0)
    dihitung = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hasil perilaku"
        constraints = [
            models.UniqueConstraint(fields=["periode", "dinilai"], name="hasil_perilaku_unik")
        ]
        indexes = [models.Index(fields=["periode", "saran_rating"])]

    def __str__(self):
        return f"{self.dinilai_id}: {self.skor}"


class StatusAgregasi(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu"
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class AgregasiHasil(models.Model):
    """One aggregation run: what, how far (live progress lives in the cache), how long."""

    periode = models.ForeignKey(
        "evaluasi.PeriodePenilaian", on_delete=models.CASCADE, related_name="agregasi"
    )
    nip = models.CharField(max_length=18, blank=True)
    status = models.CharField(
        max_length=10, choices=StatusAgregasi.choices, default=StatusAgregasi.MENUNGGU
    )
    jumlah_dinilai = models.PositiveIntegerField(default=0)
    durasi = models.FloatField("durasi (detik)", null=True)
    mulai = models.DateTimeField(null=True)
    selesai = models.DateTimeField(null=True)
    pesan = models.TextField(blank=True)

    class Meta:
        verbose_name = "agregasi hasil"
        ordering = ["-pk"]

    def __str__(self):
        return f"Agregasi {self.periode_id} ({self.status})"
