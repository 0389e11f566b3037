"""factory-boy factories for the roster, a period with its instrument, assignments and the SKP.

Each builds the handful of rows a test needs instead of loading the demo (`load_demo`)."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.accounts.services import account_for_pegawai
from cms.roles import ADMIN_OPD
from evaluasi.demo_roster import RosterFaker
from evaluasi.models import (
    Aspek,
    EvaluasiKinerja,
    Hubungan,
    IndikatorKinerja,
    Instrumen,
    JenisRHK,
    JenisUnit,
    LingkupAdmin,
    Pegawai,
    Penugasan,
    PeriodeKinerja,
    PeriodePenilaian,
    Pernyataan,
    RencanaHasilKerja,
    RencanaKerja,
    SkalaPoin,
    StatusKepegawaian,
    StatusPeriode,
    StatusSKP,
    TahunKinerja,
    UnitKerja,
)
from evaluasi.services.skp_kalender import periods_fill

_faker = RosterFaker(seed=7)

SKALA = ["Sangat jarang", "Jarang", "Kadang-kadang", "Sering", "Selalu"]


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Unit Uji {n}")
    jenis = JenisUnit.OPD
    induk = None


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.LazyFunction(lambda: _faker.nip(gender=1))
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    status = StatusKepegawaian.PNS
    golongan = "III/a"
    unit_kerja = factory.SubFactory(UnitKerjaFactory)


def new_nip(gender: int = 1, pppk: bool = False) -> str:
    return _faker.nip(gender=gender, pppk=pppk)


def admin_opd_account(pegawai, unit):
    """`pegawai`'s account, made Admin OPD of `unit` and the units below it."""
    user = account_for_pegawai(pegawai)
    user.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=user, unit_kerja=unit)
    return user


def _children(name, parent, default):
    """A post-generation hook: `XFactory(hook=n)` also makes n children (`default` when not given)
    with the factory called `name`, each pointing at the new row through `parent`;
    `XFactory(hook__field=value)` sets that field on every child."""

    def make(obj, create, extracted, **kwargs):
        if create:
            for _ in range(default if extracted is None else extracted):
                globals()[name](**{parent: obj}, **kwargs)

    return factory.PostGeneration(make)


# The period and its instrument ---------------------------------------------------------------


class PernyataanFactory(factory.django.DjangoModelFactory):
    """A statement shown to every relation (diri, atasan, rekan, bawahan)."""

    class Meta:
        model = Pernyataan

    aspek = factory.SubFactory("evaluasi.tests.factories.AspekFactory", pernyataan=0)
    teks = factory.Sequence(lambda n: f"Pernyataan uji {n}.")
    sort_order = factory.Sequence(lambda n: n)


class AspekFactory(factory.django.DjangoModelFactory):
    """An aspect with `pernyataan` statements (default 3, as in BerAKHLAK)."""

    class Meta:
        model = Aspek
        skip_postgeneration_save = True

    instrumen = factory.SubFactory("evaluasi.tests.factories.InstrumenFactory", aspek=0)
    nama = factory.Sequence(lambda n: f"Aspek Uji {n}")
    sort_order = factory.Sequence(lambda n: n)

    pernyataan = _children("PernyataanFactory", "aspek", 3)


class InstrumenFactory(factory.django.DjangoModelFactory):
    """An instrument on a 1–5 scale with `aspek` aspects (default 2) of 3 statements each."""

    class Meta:
        model = Instrumen
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Instrumen Uji {n}")

    @factory.post_generation
    def skala(obj, create, extracted, **kwargs):
        if create:
            SkalaPoin.objects.bulk_create(
                SkalaPoin(instrumen=obj, nilai=i, label=label, sort_order=i - 1)
                for i, label in enumerate(extracted or SKALA, start=1)
            )

    aspek = _children("AspekFactory", "instrumen", 2)


class PeriodePenilaianFactory(factory.django.DjangoModelFactory):
    """A draft period whose fill window is open now (an hour ago to a week ahead);
    `PeriodePenilaianFactory(dibuka=True)` is already open."""

    class Meta:
        model = PeriodePenilaian

    class Params:
        dibuka = factory.Trait(status=StatusPeriode.DIBUKA)

    nama = factory.Sequence(lambda n: f"Periode Uji {n}")
    tahun = 2026
    instrumen = factory.SubFactory(InstrumenFactory)
    dibuka_pada = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ditutup_pada = factory.LazyAttribute(lambda o: o.dibuka_pada + timedelta(days=7, hours=1))


# Assignments ---------------------------------------------------------------------------------


class PenugasanFactory(factory.django.DjangoModelFactory):
    """A rater → ratee assignment; with `hubungan="diri"` the rater rates themself."""

    class Meta:
        model = Penugasan

    periode = factory.SubFactory(PeriodePenilaianFactory)
    hubungan = Hubungan.REKAN
    penilai = factory.SubFactory(PegawaiFactory)
    dinilai = factory.Maybe(
        factory.LazyAttribute(lambda o: o.hubungan == Hubungan.DIRI),
        yes_declaration=factory.SelfAttribute("penilai"),
        no_declaration=factory.SubFactory(PegawaiFactory),
    )


# The SKP (performance plan) ------------------------------------------------------------------


def _window_now():
    now = timezone.now()
    return {"dibuka_pada": now - timedelta(hours=1), "ditutup_pada": now + timedelta(days=7)}


class TahunKinerjaFactory(factory.django.DjangoModelFactory):
    """A performance year (2026, quarterly unless told) with its periods (`periods_fill`); its
    annual period's window is open now unless `tahunan_terbuka=False`. Get-or-create on `tahun`."""

    class Meta:
        model = TahunKinerja
        django_get_or_create = ("tahun",)
        skip_postgeneration_save = True

    tahun = 2026
    periodisasi = "triwulanan"

    @factory.post_generation
    def tahunan_terbuka(obj, create, extracted, **kwargs):
        periods_fill(obj)
        if extracted is not False:
            obj.periode.filter(jenis="tahunan").update(**_window_now())


class PeriodeKinerjaFactory(factory.django.DjangoModelFactory):
    """One period of a performance year (the annual one unless `jenis="periodik", urutan=n`);
    get-or-create on (year, jenis, urutan), so a period the year already has is returned as is.
    A new one's window is open now."""

    class Meta:
        model = PeriodeKinerja
        django_get_or_create = ("tahun_kinerja", "jenis", "urutan")

    tahun_kinerja = factory.SubFactory(TahunKinerjaFactory)
    jenis = "tahunan"
    urutan = factory.LazyAttribute(lambda o: 99 if o.jenis == "tahunan" else 1)
    nama = factory.LazyAttribute(lambda o: f"{o.jenis} {o.urutan} {o.tahun_kinerja.tahun}")
    mulai = factory.LazyAttribute(lambda o: date(o.tahun_kinerja.tahun, 1, 1))
    selesai = factory.LazyAttribute(lambda o: date(o.tahun_kinerja.tahun, 12, 31))
    dibuka_pada = factory.LazyFunction(lambda: _window_now()["dibuka_pada"])
    ditutup_pada = factory.LazyFunction(lambda: _window_now()["ditutup_pada"])


class IndikatorKinerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKinerja

    rhk = factory.SubFactory("evaluasi.tests.factories.RencanaHasilKerjaFactory", indikator=0)
    teks = factory.Sequence(lambda n: f"Indikator uji {n}")
    aspek = "kuantitas"
    target_angka = Decimal("85")
    satuan = "%"


class RencanaHasilKerjaFactory(factory.django.DjangoModelFactory):
    """An RHK (utama unless `jenis` says otherwise) with `indikator` indicators (default 1)."""

    class Meta:
        model = RencanaHasilKerja
        skip_postgeneration_save = True

    rencana = factory.SubFactory("evaluasi.tests.factories.RencanaKerjaFactory", rhk=0)
    jenis = JenisRHK.UTAMA
    teks = factory.Sequence(lambda n: f"Rencana hasil kerja uji {n}")
    urutan = factory.Sequence(lambda n: n)

    indikator = _children("IndikatorKinerjaFactory", "rhk", 1)


class RencanaKerjaFactory(factory.django.DjangoModelFactory):
    """A pegawai's SKP for a performance year, judged by their atasan, with `rhk` RHKs (default 0).
    `RencanaKerjaFactory(disetujui=True)` is approved."""

    class Meta:
        model = RencanaKerja
        skip_postgeneration_save = True

    class Params:
        disetujui = factory.Trait(
            status=StatusSKP.DISETUJUI,
            diajukan_pada=factory.LazyFunction(timezone.now),
            disetujui_pada=factory.LazyFunction(timezone.now),
        )

    pegawai = factory.SubFactory(PegawaiFactory)
    tahun_kinerja = factory.SubFactory(TahunKinerjaFactory)
    pejabat_penilai = factory.SelfAttribute("pegawai.atasan")

    rhk = _children("RencanaHasilKerjaFactory", "rencana", 0)


class EvaluasiKinerjaFactory(factory.django.DjangoModelFactory):
    """An evaluation of an approved SKP in a period of its year (the annual one of 2026 unless
    `periode_kinerja` says otherwise; give `predikat` for a decided one);
    `EvaluasiKinerjaFactory(rencana__pegawai=p, periode_kinerja=x)` evaluates p's plan."""

    class Meta:
        model = EvaluasiKinerja

    periode_kinerja = factory.SubFactory(PeriodeKinerjaFactory)
    rencana = factory.SubFactory(
        RencanaKerjaFactory,
        tahun_kinerja=factory.SelfAttribute("..periode_kinerja.tahun_kinerja"),
        disetujui=True,
    )
