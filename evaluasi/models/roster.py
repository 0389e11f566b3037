"""The roster: organisational units (a tree) and employees with their supervisors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from evaluasi.golongan import GOLONGAN_CHOICES, pangkat
from evaluasi.nip import NipError, nip_validate


class JenisUnit(models.TextChoices):
    PEMDA = "pemda", "Pemerintah Daerah"
    OPD = "opd", "OPD"
    BIDANG = "bidang", "Bidang/Bagian"
    UPTD = "uptd", "UPTD"
    SEKOLAH = "sekolah", "Sekolah"
    LAINNYA = "lainnya", "Lainnya"


class StatusKepegawaian(models.TextChoices):
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"


class JenisJabatan(models.TextChoices):
    JPT = "jpt", "JPT"
    ADMINISTRATOR = "administrator", "Administrator"
    PENGAWAS = "pengawas", "Pengawas"
    FUNGSIONAL = "fungsional", "Fungsional"
    PELAKSANA = "pelaksana", "Pelaksana"


class UnitKerja(models.Model):
    """A unit; `path` is a materialised path of ancestor ids ("/1/7/42/") for subtree queries."""

    kode = models.CharField("kode unit", max_length=50, unique=True)
    nama = models.CharField("nama unit", max_length=255)
    jenis = models.CharField("jenis", max_length=20, choices=JenisUnit.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    path = models.CharField(max_length=400, db_index=True, editable=False, default="")
    kedalaman = models.PositiveSmallIntegerField(editable=False, default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["path"]

    def __str__(self):
        return f"{self.nama} ({self.kode})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from evaluasi.services.units import unit_paths_rebuild

        unit_paths_rebuild()
        self.path, self.kedalaman = UnitKerja.objects.values_list("path", "kedalaman").get(
            pk=self.pk
        )

    @property
    def kode_induk(self) -> str:
        return self.induk.kode if self.induk_id else ""

    def clean(self):
        ancestor = self.induk
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"induk": "Unit induk tidak boleh unit ini sendiri atau bawahannya."}
                )
            ancestor = ancestor.induk


class Pegawai(models.Model):
    nip = models.CharField("NIP", max_length=18, unique=True)
    nama = models.CharField("nama", max_length=200)
    gelar_depan = models.CharField("gelar depan", max_length=50, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=80, blank=True)
    status = models.CharField("status kepegawaian", max_length=4, choices=StatusKepegawaian.choices)
    golongan = models.CharField("golongan", max_length=6, choices=GOLONGAN_CHOICES, blank=True)
    jabatan = models.CharField("jabatan", max_length=255, blank=True)
    jenis_jabatan = models.CharField(
        "jenis jabatan", max_length=20, choices=JenisJabatan.choices, blank=True
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="pegawai"
    )
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan",
    )
    email = models.EmailField("email", blank=True)
    no_hp = models.CharField("nomor HP", max_length=20, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(atasan=models.F("pk")), name="pegawai_bukan_atasan_sendiri"
            ),
        ]
        indexes = [models.Index(fields=["unit_kerja", "aktif"])]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self):
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"

    @property
    def kode_unit(self) -> str:
        return self.unit_kerja.kode

    @property
    def nip_atasan(self) -> str:
        return self.atasan.nip if self.atasan_id else ""

    @property
    def pangkat(self):
        return pangkat(self.golongan) if self.status == StatusKepegawaian.PNS else ""

    def clean(self):
        errors = {}
        try:
            nip_validate(self.nip or "", status=self.status or StatusKepegawaian.PNS)
        except NipError as exc:
            errors["nip"] = str(exc)
        if self.golongan:
            is_pns_golongan = "/" in self.golongan
            if is_pns_golongan != (self.status == StatusKepegawaian.PNS):
                errors["golongan"] = "Golongan tidak sesuai dengan status kepegawaian."
        atasan = self.atasan
        seen = set()
        while atasan is not None and atasan.pk not in seen:
            if self.pk and atasan.pk == self.pk:
                errors["atasan"] = "Atasan tidak boleh pegawai ini sendiri atau bawahannya."
                break
            seen.add(atasan.pk)
            atasan = atasan.atasan
        if errors:
            raise ValidationError(errors)


class LingkupAdmin(models.Model):
    """The unit subtree an Admin OPD manages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="lingkup_admin",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name="unit kerja (beserta sub-unitnya)", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "lingkup Admin OPD"
        verbose_name_plural = "lingkup Admin OPD"

    def __str__(self):
        return f"{self.user} → {self.unit_kerja}"


class PerubahanEmail(models.Model):
    """One change of a pegawai's roster email made by an admin (edit screen or roster import).

    Kept for audit (who, when, old, new); the old address is told of the change
    (evaluasi.services.email_changes; docs/operasi.md section 11).
    """

    class Sumber(models.TextChoices):
        ADMIN = "admin", "Formulir admin"
        IMPOR = "impor", "Impor roster"

    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name="pegawai",
        null=True,
        on_delete=models.SET_NULL,
        related_name="perubahan_email",
    )
    nip = models.CharField("NIP", max_length=18, db_index=True)
    email_lama = models.EmailField("email lama", blank=True)
    email_baru = models.EmailField("email baru", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nama_pengubah = models.CharField("nama pengubah", max_length=150, blank=True)
    sumber = models.CharField("sumber", max_length=8, choices=Sumber.choices)
    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    pemberitahuan_terkirim = models.DateTimeField("pemberitahuan terkirim", null=True, blank=True)

    class Meta:
        verbose_name = "perubahan email pegawai"
        verbose_name_plural = "perubahan email pegawai"
        ordering = ["-waktu", "-id"]

    def __str__(self):
        return f"{self.nip}: {self.email_lama or '-'} → {self.email_baru or '-'}"
