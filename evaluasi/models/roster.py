"""The roster: organisational units (a tree) and employees with their supervisors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr

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


class UnitKerjaQuerySet(models.QuerySet):
    """Maintenance of the materialised path ("/1/7/42/") and depth of units."""

    def subtree_place(self, unit: "UnitKerja") -> int:
        """Give `unit` the path under its induk and move its descendants with it.

        Returns the number of rows rewritten (0 when nothing moved). Reads one row (the induk) and
        writes with two UPDATEs on indexed path prefixes, never the whole tree. `unit.path` must be
        its stored path ("" for a unit saved for the first time); `unit.clean()` has already
        refused an induk inside the unit's own subtree.
        """
        parent_path, parent_depth = ("/", -1)
        if unit.induk_id is not None:
            parent_path, parent_depth = self.model.objects.values_list("path", "kedalaman").get(
                pk=unit.induk_id
            )
        path, depth = f"{parent_path}{unit.pk}/", parent_depth + 1
        if (path, depth) == (unit.path, unit.kedalaman):
            return 0
        moved = 0
        if unit.path:
            moved = (
                self.model.objects.filter(path__startswith=unit.path)
                .exclude(pk=unit.pk)
                .update(
                    path=Concat(Value(path), Substr("path", len(unit.path) + 1)),
                    kedalaman=F("kedalaman") + (depth - unit.kedalaman),
                )
            )
        self.model.objects.filter(pk=unit.pk).update(path=path, kedalaman=depth)
        unit.path, unit.kedalaman = path, depth
        return moved + 1

    def paths_rebuild(self) -> int:
        """Recompute every unit's materialised path and depth from `induk`; returns rows changed.

        For bulk writes (roster import, scale seed), which bypass `save()`. 2,000 units fit in
        memory as tuples; only rows whose path changed are written.
        """
        rows = list(self.model.objects.values_list("id", "induk_id", "path", "kedalaman"))
        parent = {pk: induk for pk, induk, _, _ in rows}
        computed: dict[int, tuple[str, int]] = {}

        def resolve(pk: int) -> tuple[str, int]:
            chain = []
            node = pk
            while node is not None and node not in computed:
                if node in chain:  # a cycle; clean() prevents it, never loop forever
                    break
                chain.append(node)
                node = parent.get(node)
            base_path, base_depth = computed.get(node, ("/", -1)) if node is not None else ("/", -1)
            for depth_offset, item in enumerate(reversed(chain), start=1):
                computed[item] = (f"{base_path}{item}/", base_depth + depth_offset)
                base_path = computed[item][0]
            return computed[pk]

        changed = []
        for pk, _, path, depth in rows:
            new_path, new_depth = resolve(pk)
            if (new_path, new_depth) != (path, depth):
                changed.append((new_path, new_depth, pk))
        # executemany of one prepared UPDATE is several times faster than bulk_update's CASE chains.
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            sql = f"UPDATE {table} SET path = %s, kedalaman = %s WHERE id = %s"  # noqa: S608
            cursor.executemany(sql, changed)
        return len(changed)


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
    # The head of the unit (pejabat penilai of its pegawai: docs/impor-roster.md, "Atasan dari
    # struktur organisasi"). `kepala_pns_id` keeps SIASN's PEMIMPIN_PNS_ID as given, so a Referensi
    # UNOR imported before its Data Utama is resolved when the head's row arrives.
    kepala = models.ForeignKey(
        "Pegawai",
        verbose_name="kepala unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit_dipimpin",
    )
    kepala_pns_id = models.CharField("PNS ID kepala unit", max_length=64, blank=True)
    eselon = models.CharField("eselon", max_length=10, blank=True)

    objects = UnitKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["path"]

    def __str__(self):
        return f"{self.nama} ({self.kode})"

    def save(self, *args, **kwargs):
        """Save, then place the unit (and, when it moved, its whole subtree) under its induk.

        A bounded number of queries however large the tree: the induk's path is read, and a moved
        subtree is rewritten by one UPDATE on its path prefix. Bulk writes (the roster import)
        rebuild every path once instead: `UnitKerja.objects.paths_rebuild()`.
        """
        with transaction.atomic():
            if self.pk is not None:
                # Keep the stored path until the subtree moves as one (the instance may be stale).
                stored = UnitKerja.objects.filter(pk=self.pk).values_list("path", "kedalaman")
                self.path, self.kedalaman = stored.first() or ("", 0)
            super().save(*args, **kwargs)
            UnitKerja.objects.subtree_place(self)

    @property
    def kode_induk(self) -> str:
        return self.induk.kode if self.induk_id else ""

    @property
    def kepala_nip(self) -> str:
        return self.kepala.nip if self.kepala_id else ""

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
    # SIASN's internal id (PNS_ID), kept beside the NIP: SIASN names a unit's head by it.
    # Looked up through the partial unique index below (never by the empty value): no other index.
    pns_id = models.CharField("PNS ID (SIASN)", max_length=64, blank=True)
    cpns = models.BooleanField("CPNS", default=False, help_text="Calon PNS (status tetap PNS).")
    atasan_manual = models.BooleanField(
        "atasan ditetapkan manual",
        default=False,
        help_text=(
            "Atasan diisi oleh admin atau kolom NIP Atasan; impor berikutnya tidak menggantinya "
            "dengan atasan dari struktur organisasi."
        ),
    )
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
            models.UniqueConstraint(
                fields=["pns_id"], condition=~Q(pns_id=""), name="pegawai_pns_id_unik"
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
