from datetime import timedelta

import pytest
from django.utils import timezone

from evaluasi.models import JenisUnit, PeriodePenilaian, StatusPeriode, UnitKerja
from evaluasi.services.roster_import import roster_import_file


@pytest.fixture
def opd(db):
    root, _ = UnitKerja.objects.get_or_create(
        kode="PEMPROV", defaults={"nama": "Pemerintah Provinsi", "jenis": JenisUnit.PEMDA}
    )
    return UnitKerja.objects.create(kode="OPD1", nama="Dinas Uji", jenis=JenisUnit.OPD, induk=root)


@pytest.fixture
def run_import(db):
    def run(path, *, dry_run=False, **kwargs):
        return roster_import_file(path, filename=path.name, dry_run=dry_run, **kwargs)

    return run


@pytest.fixture
def roster(db):
    """The demo roster and its four demo accounts (guru, kepala sekolah, Admin OPD, Admin BKD)."""
    from evaluasi.demo import roster_demo_load

    roster_demo_load(lambda label, created: None)


@pytest.fixture
def login(client):
    """Log in through the real login form (django-axes needs a request), returning the client."""
    from evaluasi.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD, url="/admin/login/"):
        response = client.post(url, {"username": username, "password": password})
        assert response.status_code == 302, response.content[:500]
        return client

    return do


@pytest.fixture
def periode(opd):
    """A draft period on the shipped BerAKHLAK instrument (21 statements, 1–5 scale)."""
    from evaluasi.demo import INSTRUMENTS_DIR
    from evaluasi.services.instruments import instrument_load

    instrumen = instrument_load(INSTRUMENTS_DIR / "berakhlak.json")[0]
    now = timezone.now()
    return PeriodePenilaian.objects.create(
        nama="Uji",
        tahun=2026,
        instrumen=instrumen,
        dibuka_pada=now - timedelta(hours=1),
        ditutup_pada=now + timedelta(days=7),
        maks_rekan=2,
        maks_bawahan=3,
    )


@pytest.fixture
def periode_dibuka(periode):
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=StatusPeriode.DIBUKA)
    periode.refresh_from_db()
    return periode


@pytest.fixture
def asn_login(client):
    """Give a pegawai an account with the demo password and log in on the public site."""
    from cms.accounts.services import account_for_pegawai
    from evaluasi.demo import DEMO_PASSWORD

    def do(pegawai, http=None):
        http = http or client
        user = account_for_pegawai(pegawai)
        user.set_password(DEMO_PASSWORD)
        user.save()
        response = http.post("/akun/masuk/", {"username": pegawai.nip, "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.content[:300]
        return http

    return do


@pytest.fixture
def people(opd, periode):
    """A guru and her kepala sekolah, both with accounts, in an open period (the SKP screens)."""
    from cms.accounts.services import account_for_pegawai
    from evaluasi.tests.factories import PegawaiFactory

    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    kepala = PegawaiFactory(unit_kerja=opd, nama="Kepala Sekolah")
    guru = PegawaiFactory(unit_kerja=opd, atasan=kepala, nama="Guru Satu")
    for p in (kepala, guru):
        account_for_pegawai(p)
        p.refresh_from_db()
    return {"guru": guru, "kepala": kepala, "periode": periode}


@pytest.fixture
def world(opd, periode):
    """OPD1 (with a sub-unit) and OPD2, each a boss with four staff, all with email (the
    assignment tests; modules with a `world` of their own override it)."""
    from evaluasi.tests.factories import PegawaiFactory

    sub = UnitKerja.objects.create(
        kode="SUB1", nama="Bidang Uji", jenis=JenisUnit.BIDANG, induk=opd
    )
    other = UnitKerja.objects.create(
        kode="OPD2", nama="Dinas Lain", jenis=JenisUnit.OPD, induk=opd.induk
    )
    people = {}
    for unit in (sub, other):
        boss = PegawaiFactory(unit_kerja=unit, email=f"boss-{unit.kode}@contoh.go.id")
        staff = [
            PegawaiFactory(unit_kerja=unit, atasan=boss, email=f"s{i}-{unit.kode}@contoh.go.id")
            for i in range(4)
        ]
        people[unit.kode] = (boss, staff)
    return {"opd": opd, "sub": sub, "other": other, "people": people, "periode": periode}
