"""The SKP's planning beyond its RHK (PermenPANRB 6/2022, lampiran: format SKP): the atasan's
*ekspektasi khusus pimpinan* per BerAKHLAK value and the *lampiran SKP* (dukungan sumber daya,
skema pertanggungjawaban, konsekuensi). The cascading link itself is `RencanaHasilKerja.rhk_atasan`."""

from django.conf import settings
from django.db import models

from evaluasi.berakhlak import NILAI


class EkspektasiPerilaku(models.Model):
    """What the pejabat penilai expects specifically of this pegawai for one BerAKHLAK value."""

    rencana = models.ForeignKey(
        "evaluasi.RencanaKerja", on_delete=models.CASCADE, related_name="ekspektasi_perilaku"
    )
    nilai = models.CharField("nilai BerAKHLAK", max_length=40, choices=[(n, n) for n in NILAI])
    teks = models.TextField("ekspektasi khusus pimpinan")
    ditulis_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "ekspektasi perilaku"
        verbose_name_plural = "ekspektasi perilaku"
        constraints = [
            models.UniqueConstraint(fields=["rencana", "nilai"], name="ekspektasi_unik_per_nilai")
        ]

    def __str__(self):
        return f"{self.rencana_id} / {self.nilai}"


class LampiranSKP(models.Model):
    """The SKP's lampiran, written by the pegawai while the SKP may be changed."""

    rencana = models.OneToOneField(
        "evaluasi.RencanaKerja", on_delete=models.CASCADE, related_name="lampiran"
    )
    dukungan_sumber_daya = models.TextField("dukungan sumber daya", blank=True)
    skema_pertanggungjawaban = models.TextField("skema pertanggungjawaban", blank=True)
    konsekuensi = models.TextField("konsekuensi", blank=True)
    diubah_pada = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "lampiran SKP"
        verbose_name_plural = "lampiran SKP"

    def __str__(self):
        return f"Lampiran SKP {self.rencana_id}"

    @property
    def kosong(self) -> bool:
        return not (self.dukungan_sumber_daya or self.skema_pertanggungjawaban or self.konsekuensi)
