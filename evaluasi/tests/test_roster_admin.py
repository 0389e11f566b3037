"""Roster admin: scoping by role (allowed and forbidden paths), exports, query bounds."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, GURU_DEMO, KEPALA_SMAN2
from evaluasi.models import Pegawai, UnitKerja
from evaluasi.tests.factories import new_nip

DISDIK_NIP = GURU_DEMO[0]


def _bkd_pegawai():
    return Pegawai.objects.filter(unit_kerja__kode__startswith="BKD").first()


def test_admin_opd_lists_and_exports_only_their_subtree(roster, login):
    client = login(ADMIN_OPD_DISDIK[0])
    disdik = UnitKerja.objects.get(kode="DISDIK")
    expected = Pegawai.objects.filter(unit_kerja__path__startswith=disdik.path).count()

    listing = client.get("/admin/roster/pegawai/")
    assert listing.context["paginator"].count == expected

    export = client.get("/admin/roster/pegawai/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(rows) - 1 == expected
    assert _bkd_pegawai().nip not in {row[0] for row in rows}


@pytest.mark.parametrize("action", ["edit", "inspect", "delete"])
def test_admin_opd_cannot_reach_pegawai_outside_subtree(roster, login, action):
    client = login(ADMIN_OPD_DISDIK[0])
    outsider = _bkd_pegawai()
    assert client.get(f"/admin/roster/pegawai/{action}/{outsider.pk}/").status_code == 404
    insider = Pegawai.objects.get(nip=DISDIK_NIP)
    assert client.get(f"/admin/roster/pegawai/{action}/{insider.pk}/").status_code != 404


def test_admin_opd_cannot_post_an_edit_outside_subtree_or_move_someone_out(roster, login):
    client = login(ADMIN_OPD_DISDIK[0])
    outsider = _bkd_pegawai()
    response = client.post(f"/admin/roster/pegawai/edit/{outsider.pk}/", {"nama": "Diretas"})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.nama != "Diretas"

    guru = Pegawai.objects.get(nip=DISDIK_NIP)
    bkd_unit = UnitKerja.objects.get(kode="BKD")
    form = {
        "nip": guru.nip,
        "nama": guru.nama,
        "status": guru.status,
        "golongan": guru.golongan,
        "unit_kerja": bkd_unit.pk,
        "nip_atasan": KEPALA_SMAN2[0],
        "aktif": "on",
    }
    response = client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form)
    assert response.status_code == 200  # re-rendered with an error
    assert "unit_kerja" in response.context["form"].errors
    guru.refresh_from_db()
    assert guru.unit_kerja.kode == "SMAN2-BDL"


def test_admin_opd_edit_with_atasan_by_nip_and_indonesian_errors(roster, login):
    client = login(ADMIN_OPD_DISDIK[0])
    guru = Pegawai.objects.get(nip=DISDIK_NIP)
    form = {
        "nip": guru.nip,
        "nama": "Rina Marlina",
        "gelar_belakang": "S.Pd., M.Pd.",
        "status": "PNS",
        "golongan": "III/d",
        "unit_kerja": guru.unit_kerja_id,
        "nip_atasan": ADMIN_BKD[0],
        "aktif": "on",
    }
    response = client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form)
    assert "tidak ditemukan di unit dalam wewenang Anda" in str(
        response.context["form"].errors["nip_atasan"]
    )

    # Her own NIP as her atasan: the model's refusal next to the field (was a 500).
    form["nip_atasan"] = guru.nip
    response = client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form)
    assert response.status_code == 200
    assert "Atasan tidak boleh" in str(response.context["form"].errors["nip_atasan"])

    form["nip_atasan"] = KEPALA_SMAN2[0]
    assert client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form).status_code == 302
    guru.refresh_from_db()
    assert (guru.golongan, guru.atasan.nip) == ("III/d", KEPALA_SMAN2[0])


def test_admin_bkd_sees_everyone(roster, login):
    client = login(ADMIN_BKD[0])
    assert (
        client.get("/admin/roster/pegawai/").context["paginator"].count == Pegawai.objects.count()
    )
    assert client.get(f"/admin/roster/pegawai/edit/{_bkd_pegawai().pk}/").status_code == 200


@pytest.mark.parametrize("username", [GURU_DEMO[0], KEPALA_SMAN2[0]])
def test_asn_without_admin_role_cannot_open_roster_admin(roster, client, username):
    from evaluasi.demo import DEMO_PASSWORD

    client.post("/akun/masuk/", {"username": username, "password": DEMO_PASSWORD})
    response = client.get("/admin/roster/pegawai/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")


def test_export_escapes_formula_text(roster, login):
    guru = Pegawai.objects.get(nip=DISDIK_NIP)
    guru.jabatan = '=HYPERLINK("http://x","klik")'
    guru.save()
    client = login(ADMIN_BKD[0])
    export = b"".join(client.get("/admin/roster/pegawai/?export=csv").streaming_content).decode()
    assert "'=HYPERLINK" in export


def test_filters_by_unit_subtree_status_and_golongan(roster, login):
    client = login(ADMIN_BKD[0])
    sman2 = UnitKerja.objects.get(kode="SMAN2-BDL")
    response = client.get("/admin/roster/pegawai/", {"unit": sman2.pk, "status": "PPPK"})
    expected = Pegawai.objects.filter(unit_kerja=sman2, status="PPPK").count()
    assert expected > 0
    assert response.context["paginator"].count == expected


def test_list_and_inspect_queries_do_not_grow_with_rows(roster, login):
    client = login(ADMIN_BKD[0])

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    kepala = Pegawai.objects.get(nip=KEPALA_SMAN2[0])
    few_list, few_inspect = (
        count(f"/admin/roster/pegawai/?unit={kepala.unit_kerja_id}"),
        count(f"/admin/roster/pegawai/inspect/{kepala.pk}/"),
    )
    full_list = count("/admin/roster/pegawai/")
    assert full_list <= few_list + 2
    for _ in range(30):
        Pegawai.objects.create(
            nip=new_nip(),
            nama="Tambahan",
            status="PNS",
            unit_kerja=kepala.unit_kerja,
            atasan=kepala,
        )
    assert count(f"/admin/roster/pegawai/inspect/{kepala.pk}/") == few_inspect
    assert count("/admin/roster/pegawai/") == full_list


def test_inspect_shows_atasan_chain_and_direct_reports(roster, login):
    client = login(ADMIN_BKD[0])
    kepala = Pegawai.objects.get(nip=KEPALA_SMAN2[0])
    html = client.get(f"/admin/roster/pegawai/inspect/{kepala.pk}/").content.decode()
    chain_section = html[html.index("Rantai atasan") : html.index("Bawahan langsung")]
    assert kepala.atasan.nama in chain_section and "Sulpakar" in chain_section
    assert "Rina Marlina" in html[html.index("Bawahan langsung") :]


def test_exported_list_imports_back_unchanged(roster, login, tmp_path):
    client = login(ADMIN_BKD[0])
    export = b"".join(client.get("/admin/roster/pegawai/?export=csv").streaming_content)
    path = tmp_path / "ekspor.csv"
    path.write_bytes(export)

    from evaluasi.services.roster_import import roster_import_file

    outcome = roster_import_file(path, filename=path.name, dry_run=True)
    assert outcome.errors == []
    assert outcome.counts["pegawai_tetap"] == Pegawai.objects.count()
    assert outcome.counts["pegawai_berubah"] == 0


def test_admin_opd_creates_units_only_inside_their_subtree(roster, login):
    client = login(ADMIN_OPD_DISDIK[0])
    bkd = UnitKerja.objects.get(kode="BKD")
    disdik = UnitKerja.objects.get(kode="DISDIK")
    outside = client.post(
        "/admin/roster/unit/new/",
        {"kode": "X1", "nama": "Luar", "jenis": "bidang", "induk": bkd.pk, "aktif": "on"},
    )
    orphan = client.post(
        "/admin/roster/unit/new/", {"kode": "X2", "nama": "Yatim", "jenis": "bidang", "aktif": "on"}
    )
    assert "induk" in outside.context["form"].errors and "induk" in orphan.context["form"].errors
    inside = client.post(
        "/admin/roster/unit/new/",
        {"kode": "X3", "nama": "Bidang Baru", "jenis": "bidang", "induk": disdik.pk, "aktif": "on"},
    )
    assert inside.status_code == 302
    assert UnitKerja.objects.get(kode="X3").path.startswith(disdik.path)
    assert not UnitKerja.objects.filter(kode__in=["X1", "X2"]).exists()
