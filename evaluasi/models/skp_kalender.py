"""The SKP's own calendar (PermenPANRB 6/2022: periodic evaluation monthly, quarterly or per
semester as the agency chooses, then the annual evaluation): a performance year with its
periodisation, and its evaluation periods with the window in which realisasi is filled and the
atasan evaluates. Independent of the 360's `PeriodePenilaian`."""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

TAHUN_MIN, TAHUN_MAX = 1950, 2100
URUTAN_TAHUNAN = 99  # the annual period sorts after the year's periodic ones


class Periodisasi(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    SEMESTERAN = "semesteran", "Semesteran"


WIB = ZoneInfo("Asia/Jakarta")
WINDOW_DAYS = 14  # the default window closes two weeks after the period ends
ROMAWI = ("I", "II", "III", "IV")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_PER = {"bulanan": 1, "triwulanan": 3, "semesteran": 6}


def periods_planned(tahun: int, periodisasi: str) -> list[dict]:
    """The periods of year `tahun` divided by `periodisasi` ("bulanan", "triwulanan",
    "semesteran"), then the annual one: dicts of jenis, urutan, nama, mulai, selesai, dibuka_pada,
    ditutup_pada (the default window: the period's last day 00.00 WIB to 14 days later 23.59
    WIB). Pure; raises KeyError for an unknown periodisasi."""
    step = MONTHS_PER[periodisasi]
    rows = []
    for index in range(12 // step):
        first_month = index * step + 1
        last_month = first_month + step - 1
        if periodisasi == "bulanan":
            nama = f"{BULAN[index]} {tahun}"
        elif periodisasi == "triwulanan":
            nama = f"Triwulan {ROMAWI[index]} {tahun}"
        else:
            nama = f"Semester {ROMAWI[index]} {tahun}"
        rows.append(
            _period(
                "periodik",
                index + 1,
                nama,
                date(tahun, first_month, 1),
                date(tahun, last_month, calendar.monthrange(tahun, last_month)[1]),
            )
        )
    rows.append(
        _period(
            "tahunan", URUTAN_TAHUNAN, f"Tahunan {tahun}", date(tahun, 1, 1), date(tahun, 12, 31)
        )
    )
    return rows


def _period(jenis, urutan, nama, mulai, selesai):
    return {
        "jenis": jenis,
        "urutan": urutan,
        "nama": nama,
        "mulai": mulai,
        "selesai": selesai,
        "dibuka_pada": datetime.combine(selesai, time.min, tzinfo=WIB),
        "ditutup_pada": datetime.combine(
            selesai + timedelta(days=WINDOW_DAYS), time(23, 59, 59), tzinfo=WIB
        ),
    }


class JenisPeriodeKinerja(models.TextChoices):
    PERIODIK = "periodik", "Periodik"
    TAHUNAN = "tahunan", "Tahunan"


class TahunKinerja(models.Model):
    """One performance year (tahun kinerja) and how it is divided for periodic evaluation; set by
    Admin BKD."""

    tahun = models.PositiveSmallIntegerField("tahun", unique=True)
    periodisasi = models.CharField(
        "periodisasi evaluasi periodik",
        max_length=12,
        choices=Periodisasi.choices,
        default=Periodisasi.TRIWULANAN,
    )
    catatan = models.TextField("catatan", blank=True, max_length=2000)

    class Meta:
        verbose_name = "tahun kinerja"
        verbose_name_plural = "tahun kinerja"
        ordering = ["-tahun"]

    def __str__(self):
        return f"Tahun kinerja {self.tahun}"

    def clean(self):
        if self.tahun is not None and not TAHUN_MIN <= self.tahun <= TAHUN_MAX:
            raise ValidationError({"tahun": f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}."})

    @property
    def tahunan(self):
        """The year's annual PeriodeKinerja, or None."""
        return self.periode.filter(jenis=JenisPeriodeKinerja.TAHUNAN).first()


class PeriodeKinerja(models.Model):
    """One evaluation period of a performance year: a periodic one (month, quarter or semester)
    or the annual one; `mulai`–`selesai` is the time it covers, `dibuka_pada`–`ditutup_pada` the
    window in which the evaluation is started, realisasi filled and rated."""

    tahun_kinerja = models.ForeignKey(
        TahunKinerja, verbose_name="tahun kinerja", on_delete=models.CASCADE, related_name="periode"
    )
    jenis = models.CharField("jenis", max_length=8, choices=JenisPeriodeKinerja.choices)
    urutan = models.PositiveSmallIntegerField("urutan")
    nama = models.CharField("nama", max_length=100)
    mulai = models.DateField("mulai")
    selesai = models.DateField("selesai")
    dibuka_pada = models.DateTimeField("evaluasi dibuka (WIB)")
    ditutup_pada = models.DateTimeField("evaluasi ditutup (WIB)")

    class Meta:
        verbose_name = "periode kinerja"
        verbose_name_plural = "periode kinerja"
        ordering = ["tahun_kinerja", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_kinerja", "jenis", "urutan"], name="periode_kinerja_unik"
            )
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        errors = {}
        if self.mulai and self.selesai and self.selesai < self.mulai:
            errors["selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
        if self.dibuka_pada and self.ditutup_pada and self.ditutup_pada <= self.dibuka_pada:
            errors["ditutup_pada"] = "Evaluasi harus ditutup sesudah dibuka."
        if errors:
            raise ValidationError(errors)

    @property
    def tahunan(self) -> bool:
        return self.jenis == JenisPeriodeKinerja.TAHUNAN

    def dibuka(self, now=None) -> bool:
        """Whether `now` (default: the current time) is inside the evaluation window."""
        now = now or timezone.now()
        return self.dibuka_pada <= now <= self.ditutup_pada
