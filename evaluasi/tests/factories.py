import factory

from evaluasi.demo_roster import RosterFaker
from evaluasi.models import JenisUnit, Pegawai, StatusKepegawaian, UnitKerja

_faker = RosterFaker(seed=7)


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
