import pytest
from django.contrib.auth.models import Group, User

from cms.accounts.services import account_for_pegawai
from cms.roles import ADMIN_BKD
from evaluasi.demo import INSTRUMENTS_DIR
from evaluasi.models import JenisUnit, PeriodePenilaian, StatusPeriode, UnitKerja
from evaluasi.services.aggregation import aggregate
from evaluasi.services.instruments import instrument_load
from evaluasi.services.roster_import import roster_import_file
from evaluasi.tests.factories import (
    PegawaiFactory,
    PeriodePenilaianFactory,
    TahunKinerjaFactory,
    admin_opd_account,
)
from evaluasi.tests.ratings import rate


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
def login(client):
    """Log in through the real login form (django-axes needs a request), returning the client."""
    from evaluasi.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD, url="/admin/login/"):
        response = client.post(url, {"username": username, "password": password})
        assert response.status_code == 302, response.content[:500]
        return client

    return do


@pytest.fixture
def berakhlak(db):
    """The shipped BerAKHLAK instrument (7 values of 3 statements each, 1–5 scale)."""
    return instrument_load(INSTRUMENTS_DIR / "berakhlak.json")[0]


@pytest.fixture
def admin_bkd(db):
    """A user in the Admin BKD group (no pegawai)."""
    user = User.objects.create_user("bkd", password="x")
    user.groups.add(Group.objects.get(name=ADMIN_BKD))
    return user


@pytest.fixture
def periode(opd, berakhlak):
    """A draft period on the shipped BerAKHLAK instrument (21 statements, 1–5 scale)."""
    return PeriodePenilaianFactory(nama="Uji", instrumen=berakhlak, maks_rekan=2, maks_bawahan=3)


@pytest.fixture
def periode_dibuka(periode):
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=StatusPeriode.DIBUKA)
    periode.refresh_from_db()
    return periode


@pytest.fixture
def asn_login(client):
    """Give a pegawai an account with the demo password and log in on the public site."""
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
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    kepala = PegawaiFactory(unit_kerja=opd, nama="Kepala Sekolah")
    guru = PegawaiFactory(unit_kerja=opd, atasan=kepala, nama="Guru Satu")
    for p in (kepala, guru):
        account_for_pegawai(p)
        p.refresh_from_db()
    return {"guru": guru, "kepala": kepala, "periode": periode, **_skp_year(periode)}


def _skp_year(periode) -> dict:
    """The SKP's performance year of the 360 period's year (quarterly; the annual window open
    now) and its annual period."""
    tahun_kinerja = TahunKinerjaFactory(tahun=periode.tahun)
    return {"tahun_kinerja": tahun_kinerja, "periode_kinerja": tahun_kinerja.tahunan}


@pytest.fixture
def world(opd, periode):
    """OPD1 (with a sub-unit) and OPD2, each a boss with four staff, all with email (the
    assignment tests; modules with a `world` of their own override it)."""
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


@pytest.fixture
def school(opd, periode):
    """The SKP tests' chain: kepala dinas → kepala sekolah → two teachers, and an unrelated
    pegawai, all with accounts, in an open period."""
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    kadis = PegawaiFactory(unit_kerja=opd, nama="Kepala Dinas")
    kepala = PegawaiFactory(unit_kerja=opd, atasan=kadis, nama="Kepala Sekolah")
    guru = PegawaiFactory(
        unit_kerja=opd, atasan=kepala, nama="Guru Satu", jabatan="Guru Matematika"
    )
    guru2 = PegawaiFactory(unit_kerja=opd, atasan=kepala, nama="Guru Dua")
    stranger = PegawaiFactory(unit_kerja=opd, nama="Orang Lain")
    for p in (kadis, kepala, guru, guru2, stranger):
        account_for_pegawai(p)
        p.refresh_from_db()
    return {
        "kadis": kadis,
        "kepala": kepala,
        "guru": guru,
        "guru2": guru2,
        "stranger": stranger,
        "periode": periode,
        **_skp_year(periode),
    }


@pytest.fixture
def rated(opd, periode_dibuka):
    """(the report tests) A ratee rated by self, atasan, three rekan and two bawahan (below the
    threshold), aggregated; everyone with an account: (boss, ratee, peers, reports)."""
    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss, nama="Yang Dinilai")
    peers = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(3)]
    reports = [PegawaiFactory(unit_kerja=opd, atasan=ratee) for _ in range(2)]
    rate(periode_dibuka, ratee, ratee, "diri", 5)
    rate(periode_dibuka, boss, ratee, "atasan", 4)
    for peer, value in zip(peers, (2, 3, 4), strict=True):
        rate(periode_dibuka, peer, ratee, "rekan", value)
    for report in reports:
        rate(periode_dibuka, report, ratee, "bawahan", 1)
    aggregate(periode_id=periode_dibuka.pk)
    for p in [boss, ratee, *peers, *reports]:
        account_for_pegawai(p)
        p.refresh_from_db()
    return boss, ratee, peers, reports


@pytest.fixture
def skp_world(school, opd):
    """(the SKP notification and monitoring tests) The school chain (kadis → kepala → guru,
    guru2; stranger), an Admin OPD of the school's unit, an Admin OPD of another OPD and an Admin
    BKD ("bkd_user"), all with accounts and email (`<key>@contoh.go.id`)."""
    s = dict(school)
    other = UnitKerja.objects.create(
        kode="OPD9", nama="Dinas Lain", jenis=JenisUnit.OPD, induk=opd.induk
    )
    s["admin_opd"] = PegawaiFactory(unit_kerja=opd, nama="Admin Dinas Uji")
    admin_opd_account(s["admin_opd"], opd)
    s["admin_opd_luar"] = PegawaiFactory(unit_kerja=other, nama="Admin Dinas Lain")
    admin_opd_account(s["admin_opd_luar"], other)
    bkd = User.objects.create_user("bkd", email="bkd@contoh.go.id")
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    s["bkd_user"] = bkd
    for key in ("kadis", "kepala", "guru", "guru2", "stranger", "admin_opd", "admin_opd_luar"):
        s[key].refresh_from_db()
        User.objects.filter(pk=s[key].user_id).update(email=f"{key}@contoh.go.id")
        s[key].user.refresh_from_db()
    return s
