"""Monitoring an approved SKP through the year (PermenPANRB 6/2022, pemantauan kinerja): the
pegawai's dated progress notes per RHK, the continuous feedback thread per RHK between pegawai and
pejabat penilai (umpan balik berkelanjutan), and the atasan's notes of each performance dialogue
(dialog kinerja). None of it is tied to an evaluation period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from cms.storage import private_storage

_HTTP_LINK = URLValidator(schemes=["http", "https"])


def progres_path(instance, filename):
    return f"progres/{instance.rhk_id}/{filename}"


class CatatanProgres(models.Model):
    """One progress note of the pegawai on one RHK, with optional evidence (link or file)."""

    rhk = models.ForeignKey(
        "evaluasi.RencanaHasilKerja",
        verbose_name="RHK",
        on_delete=models.CASCADE,
        related_name="progres",
    )
    teks = models.TextField("progres")
    tautan = models.URLField("tautan bukti dukung", blank=True)
    berkas = models.FileField(
        "berkas bukti dukung", upload_to=progres_path, storage=private_storage, blank=True
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dicatat pada", default=timezone.now)

    class Meta:
        verbose_name = "catatan progres"
        verbose_name_plural = "catatan progres"
        ordering = ["dibuat_pada", "pk"]

    def __str__(self):
        return f"{self.rhk_id}: {self.teks[:60]}"

    @property
    def tautan_aman(self) -> str:
        """The evidence link if it is http(s), else "": any other link is shown as text, never
        as a link (as `services.evaluations.safe_link`)."""
        try:
            _HTTP_LINK(self.tautan)
        except ValidationError:
            return ""
        return self.tautan


class UmpanBalikBerkelanjutan(models.Model):
    """One message of the feedback thread on one RHK, by the pegawai or the pejabat penilai. Not
    the one-per-RHK `UmpanBalikRHK` of an evaluation: a thread runs all year."""

    rhk = models.ForeignKey(
        "evaluasi.RencanaHasilKerja",
        verbose_name="RHK",
        on_delete=models.CASCADE,
        related_name="umpan_balik_berkelanjutan",
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    teks = models.TextField("pesan")
    dibuat_pada = models.DateTimeField("dikirim pada", default=timezone.now)

    class Meta:
        verbose_name = "umpan balik berkelanjutan"
        verbose_name_plural = "umpan balik berkelanjutan"
        ordering = ["dibuat_pada", "pk"]

    def __str__(self):
        return f"{self.rhk_id}: {self.teks[:60]}"


class DialogKinerja(models.Model):
    """The atasan's note of one performance dialogue with the pegawai: when, what was discussed
    and the agreed follow-up."""

    rencana = models.ForeignKey(
        "evaluasi.RencanaKerja",
        verbose_name="SKP",
        on_delete=models.CASCADE,
        related_name="dialog_kinerja",
    )
    tanggal = models.DateField("tanggal dialog")
    topik = models.TextField("topik yang dibahas")
    tindak_lanjut = models.TextField("tindak lanjut yang disepakati")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dicatat pada", default=timezone.now)

    class Meta:
        verbose_name = "dialog kinerja"
        verbose_name_plural = "dialog kinerja"
        ordering = ["tanggal", "dibuat_pada", "pk"]

    def __str__(self):
        return f"Dialog {self.rencana_id} ({self.tanggal})"
