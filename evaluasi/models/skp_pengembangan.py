"""Rencana pengembangan: the follow-up of an evaluation below expectation (PermenPANRB 6/2022,
tindak lanjut: pengembangan kompetensi), agreed by the pejabat penilai and the pegawai and
reviewed later. Guides and workshops are Wagtail pages of `sosialisasi`, referenced as
`wagtailcore.Page` so that `evaluasi` never imports that app (docs/architecture.md)."""

from django.conf import settings
from django.db import models


class StatusPengembangan(models.TextChoices):
    DRAF = "draf", "Draf"
    DISEPAKATI = "disepakati", "Disepakati"
    DITINJAU = "ditinjau", "Ditinjau"


class HasilTinjauan(models.TextChoices):
    TERCAPAI = "tercapai", "Tercapai"
    SEBAGIAN = "sebagian", "Tercapai sebagian"
    BELUM = "belum", "Belum tercapai"


class RencanaPengembangan(models.Model):
    """One plan per evaluation: goals, chosen guides and workshops (`sumber`), a review date, the
    agreements of atasan and pegawai, and the review."""

    evaluasi = models.OneToOneField(
        "evaluasi.EvaluasiKinerja",
        verbose_name="evaluasi kinerja",
        on_delete=models.CASCADE,
        related_name="rencana_pengembangan",
    )
    tujuan = models.TextField("tujuan pengembangan")
    status = models.CharField(
        "status",
        max_length=10,
        choices=StatusPengembangan.choices,
        default=StatusPengembangan.DRAF,
    )
    tanggal_tinjau = models.DateField("tanggal tinjau")
    disusun_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperbarui_pada = models.DateTimeField("diperbarui", auto_now=True)
    # Sending the plan to the pegawai is the atasan's agreement; a request for change clears it.
    disetujui_atasan_pada = models.DateTimeField("disetujui atasan", null=True, blank=True)
    disetujui_pegawai_pada = models.DateTimeField("disetujui pegawai", null=True, blank=True)
    tanggapan_pegawai = models.TextField("tanggapan pegawai", blank=True)
    hasil_tinjauan = models.CharField(
        "hasil tinjauan", max_length=10, choices=HasilTinjauan.choices, blank=True
    )
    catatan_tinjauan = models.TextField("catatan tinjauan", blank=True)
    ditinjau_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditinjau_pada = models.DateTimeField("ditinjau", null=True, blank=True)

    class Meta:
        verbose_name = "rencana pengembangan"
        verbose_name_plural = "rencana pengembangan"

    def __str__(self):
        return f"Rencana pengembangan {self.evaluasi_id} ({self.status})"

    @property
    def disepakati(self) -> bool:
        return self.status in (StatusPengembangan.DISEPAKATI, StatusPengembangan.DITINJAU)

    @property
    def menunggu_pegawai(self) -> bool:
        return self.status == StatusPengembangan.DRAF and self.disetujui_atasan_pada is not None


class JenisSumber(models.TextChoices):
    PANDUAN = "panduan", "Panduan"
    WORKSHOP = "workshop", "Workshop"


class SumberPengembangan(models.Model):
    """A guide or workshop chosen for a plan. The title is kept so the plan still reads when the
    page is unpublished or deleted."""

    rencana = models.ForeignKey(
        RencanaPengembangan, on_delete=models.CASCADE, related_name="sumber"
    )
    halaman = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    jenis = models.CharField("jenis", max_length=10, choices=JenisSumber.choices)
    judul = models.CharField("judul", max_length=255)

    class Meta:
        verbose_name = "sumber pengembangan"
        verbose_name_plural = "sumber pengembangan"
        ordering = ["-jenis", "pk"]  # workshops first: they have a date
        constraints = [
            models.UniqueConstraint(fields=["rencana", "halaman"], name="sumber_pengembangan_unik")
        ]

    def __str__(self):
        return self.judul
