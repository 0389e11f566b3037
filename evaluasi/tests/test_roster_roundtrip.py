"""Round trip (docs/impor-roster.md, "Ekspor dan impor ulang"): every export of units and pegawai —
the admin list exports as XLSX and CSV, and the template's example rows — imports back with zero
changes, through the real admin export URL and the real import."""

import csv
import io

import pytest
from openpyxl import load_workbook

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, GURU_DEMO, KEPALA_DISDIK, SEKDA
from evaluasi.models import Pegawai, UnitKerja
from evaluasi.services.roster_import import roster_import_file
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import (
    PEGAWAI_HEADERS,
    UNIT_HEADERS,
    pegawai_row,
    write_csv,
    write_xlsx,
)

EXPORTS = [
    ("unit", "xlsx"),
    ("unit", "csv"),
    ("pegawai", "xlsx"),
    ("pegawai", "csv"),
]
FORMULA_TEXT = '=HYPERLINK("http://x","klik")'


def _download(client, url, tmp_path, name):
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _export(client, listing, export_format, tmp_path, query=""):
    url = f"/admin/roster/{listing}/?export={export_format}{query}"
    return _download(client, url, tmp_path, f"{listing}.{export_format}")


def _roster_as_an_officer_leaves_it():
    """The demo roster after a year of admin work: someone deactivated, a unit closed, text that
    looks like a formula, a phone number and a dash typed where there is no gelar."""
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    guru.jabatan = FORMULA_TEXT
    guru.gelar_depan = "-"
    guru.no_hp = "081234567890"
    guru.cpns = True  # exported as Status "CPNS"
    guru.save()
    # A supervisor the organisation gave (not hand-set), a unit with its head, and a unit whose
    # SIASN head is named but not imported yet: all unchanged by an export imported back.
    Pegawai.objects.filter(atasan__isnull=False).exclude(pk=guru.pk).update(atasan_manual=False)
    school = guru.unit_kerja
    school.kepala = guru.atasan
    school.save()
    UnitKerja.objects.exclude(pk=school.pk).filter(anak__isnull=True).update(
        kepala_pns_id="PNSID-BELUM-ADA"
    )
    leaver = Pegawai.objects.filter(bawahan__isnull=True, aktif=True).exclude(pk=guru.pk).first()
    leaver.aktif = False
    leaver.save()
    closed = UnitKerja.objects.filter(anak__isnull=True, pegawai__isnull=True).first() or (
        UnitKerja.objects.create(
            kode="TUTUP", nama="Unit Ditutup", jenis="bidang", induk=guru.unit_kerja
        )
    )
    closed.aktif = False
    closed.save()
    return leaver, closed


@pytest.mark.parametrize(("listing", "export_format"), EXPORTS)
def test_unedited_export_reimports_with_zero_changes(
    roster, login, tmp_path, listing, export_format
):
    _roster_as_an_officer_leaves_it()
    client = login(ADMIN_BKD[0])
    path = _export(client, listing, export_format, tmp_path)

    outcome = roster_import_file(path, filename=path.name, dry_run=True)

    assert outcome.errors == []
    assert outcome.warnings == []  # export-only columns are ignored silently
    counts = outcome.counts
    if listing == "unit":
        assert (counts["unit_baru"], counts["unit_berubah"]) == (0, 0)
        assert counts["unit_tetap"] == UnitKerja.objects.count()
    else:
        assert (counts["pegawai_baru"], counts["pegawai_berubah"]) == (0, 0)
        assert counts["pegawai_tetap"] == Pegawai.objects.count()


def test_template_example_rows_reimport_with_zero_changes(roster, login, tmp_path):
    client = login(ADMIN_BKD[0])
    path = _download(client, "/admin/roster/impor/templat.xlsx", tmp_path, "templat.xlsx")

    outcome = roster_import_file(path, filename=path.name, dry_run=True)

    assert outcome.errors == [] and outcome.warnings == []
    assert outcome.counts == {
        "unit_baru": 0,
        "unit_berubah": 0,
        "unit_tetap": 1,
        "pegawai_baru": 0,
        "pegawai_berubah": 0,
        "pegawai_tetap": 1,
        "pegawai_dinonaktifkan": 0,
        "kesalahan": 0,
    }


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_deactivated_pegawai_and_unit_stay_inactive_after_reimport(
    roster, login, tmp_path, export_format
):
    leaver, closed = _roster_as_an_officer_leaves_it()
    client = login(ADMIN_BKD[0])
    for listing in ("unit", "pegawai"):
        path = _export(client, listing, export_format, tmp_path)
        outcome = roster_import_file(path, filename=path.name, dry_run=False)
        assert outcome.status == "selesai", outcome.errors[:3]

    leaver.refresh_from_db()
    closed.refresh_from_db()
    assert leaver.aktif is False and closed.aktif is False
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    assert (guru.jabatan, guru.gelar_depan) == (FORMULA_TEXT, "-")


def test_xlsx_export_shows_formula_text_as_text_without_an_apostrophe(roster, login, tmp_path):
    _roster_as_an_officer_leaves_it()
    client = login(ADMIN_BKD[0])
    sheet = load_workbook(_export(client, "pegawai", "xlsx", tmp_path)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    jabatan = headers.index("Jabatan") + 1
    cells = [row[jabatan - 1] for row in sheet.iter_rows(min_row=2)]
    formula = next(cell for cell in cells if cell.value == FORMULA_TEXT)
    assert formula.data_type == "s"  # a string cell: Excel shows it, never runs it
    assert formula.quotePrefix is True  # and keeps it text when the cell is edited
    assert not any(
        str(cell.value or "").startswith("'") for row in sheet.iter_rows() for cell in row
    )


def test_csv_export_keeps_a_guard_that_the_import_strips(roster, login, tmp_path):
    _roster_as_an_officer_leaves_it()
    client = login(ADMIN_BKD[0])
    path = _export(client, "pegawai", "csv", tmp_path)
    rows = list(csv.reader(io.StringIO(path.read_text())))
    guru_row = next(row for row in rows if row[0] == GURU_DEMO[0])
    assert guru_row[rows[0].index("Jabatan")] == f"'{FORMULA_TEXT}"
    assert guru_row[rows[0].index("Gelar Depan")] == "'-"

    # Edited and imported: the guard is not part of the stored value.
    guru_row[rows[0].index("Nama")] = "'@Rina Marlina"
    edited = write_csv(tmp_path / "diubah.csv", rows[0], rows[1:])
    assert roster_import_file(edited, filename=edited.name, dry_run=False).status == "selesai"
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    assert (guru.nama, guru.jabatan) == ("@Rina Marlina", FORMULA_TEXT)


def test_admin_opd_exports_only_their_subtree_and_it_reimports_unchanged(roster, login, tmp_path):
    """The forbidden path: units and pegawai outside DISDIK never appear in the export, and the
    export imports back within the OPD's scope even though its head's atasan (outside the
    scope, not in the file) has since been deactivated."""
    Pegawai.objects.filter(nip=SEKDA[0]).update(aktif=False)
    disdik = UnitKerja.objects.get(kode="DISDIK")
    client = login(ADMIN_OPD_DISDIK[0])
    for listing, export_format in EXPORTS:
        path = _export(client, listing, export_format, tmp_path)
        if export_format == "csv":
            rows = list(csv.reader(io.StringIO(path.read_text())))
        else:
            rows = [[c.value for c in row] for row in load_workbook(path).worksheets[0].iter_rows()]
        keys = {row[0] for row in rows[1:]}
        if listing == "unit":
            assert keys == set(
                UnitKerja.objects.filter(path__startswith=disdik.path).values_list(
                    "kode", flat=True
                )
            )
            assert "BKD" not in keys
        else:
            assert KEPALA_DISDIK[0] in keys and SEKDA[0] not in keys and ADMIN_BKD[0] not in keys
        outcome = roster_import_file(path, filename=path.name, dry_run=True, scope_unit=disdik)
        assert outcome.errors == [], (listing, export_format)
        assert outcome.counts["unit_berubah"] + outcome.counts["pegawai_berubah"] == 0


def test_a_new_link_to_an_inactive_atasan_is_still_refused(opd, run_import, tmp_path):
    from evaluasi.tests.factories import PegawaiFactory

    boss = PegawaiFactory(unit_kerja=opd, aktif=False)
    outcome = run_import(
        write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip(), atasan=boss.nip)])
    )
    assert any("sudah nonaktif" in error.message for error in outcome.errors)


def _with_aktif(headers, rows, values):
    return [*headers, "Aktif"], [[*row, value] for row, value in zip(rows, values, strict=True)]


def test_aktif_column_sets_new_and_existing_rows(opd, run_import, tmp_path):
    nips = [new_nip(), new_nip(), new_nip()]
    headers, rows = _with_aktif(
        PEGAWAI_HEADERS, [pegawai_row(nip) for nip in nips], ["Tidak", "Ya", ""]
    )
    unit_headers, units = _with_aktif(
        UNIT_HEADERS, [["OPD1-X", "Bidang Lama", "OPD1", "Bidang/Bagian"]], ["Nonaktif"]
    )
    path = write_xlsx(
        tmp_path / "r.xlsx",
        units=units,
        pegawai=rows,
        unit_headers=unit_headers,
        pegawai_headers=headers,
    )
    assert run_import(path).status == "selesai"
    stored = dict(Pegawai.objects.filter(nip__in=nips).values_list("nip", "aktif"))
    assert [stored[nip] for nip in nips] == [False, True, True]  # an empty cell: active
    assert UnitKerja.objects.get(kode="OPD1-X").aktif is False

    headers, rows = _with_aktif(PEGAWAI_HEADERS, [pegawai_row(nips[0])], ["Aktif"])
    again = run_import(write_xlsx(tmp_path / "r2.xlsx", pegawai=rows, pegawai_headers=headers))
    assert again.counts["pegawai_berubah"] == 1
    assert Pegawai.objects.get(nip=nips[0]).aktif is True


def test_aktif_value_not_understood_is_a_row_error(opd, run_import, tmp_path):
    headers, rows = _with_aktif(PEGAWAI_HEADERS, [pegawai_row(new_nip())], ["mungkin"])
    outcome = run_import(write_xlsx(tmp_path / "r.xlsx", pegawai=rows, pegawai_headers=headers))
    assert [(e.column, e.message) for e in outcome.errors] == [
        ("Aktif", "Aktif 'mungkin' tidak dikenal; isi Ya atau Tidak (kosong berarti Ya).")
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+62 812-3456-7890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("(0812) 3456.7890", "081234567890"),
        ("81234567890", "081234567890"),
        ("'+6281234567890", "081234567890"),
        ("0721 123456", "0721123456"),
    ],
)
def test_phone_numbers_are_stored_as_digits(opd, run_import, tmp_path, typed, stored):
    nip = new_nip()
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(nip, no_hp=typed)])
    outcome = run_import(path)
    assert outcome.status == "selesai", outcome.errors
    assert Pegawai.objects.get(nip=nip).no_hp == stored


def test_phone_number_not_understood_is_a_row_error(opd, run_import, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip(), no_hp="0812-ABC")])
    assert [(e.column, e.message) for e in run_import(path).errors] == [
        (
            "No HP",
            "Nomor HP '0812-ABC' tidak valid: tulis 8–15 angka, misalnya 081234567890 atau "
            "+62 812-3456-7890.",
        )
    ]


def test_admin_form_stores_the_phone_number_as_the_import_does(roster, login):
    client = login(ADMIN_BKD[0])
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    form = {
        "nip": guru.nip,
        "nama": guru.nama,
        "status": guru.status,
        "golongan": guru.golongan,
        "unit_kerja": guru.unit_kerja_id,
        "nip_atasan": guru.atasan.nip,
        "no_hp": "+62 812-3456-7890",
        "aktif": "on",
    }
    assert client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form).status_code == 302
    guru.refresh_from_db()
    assert guru.no_hp == "081234567890"

    form["no_hp"] = "nomor kantor"
    response = client.post(f"/admin/roster/pegawai/edit/{guru.pk}/", form)
    assert "tidak valid" in str(response.context["form"].errors["no_hp"])


def test_migration_makes_stored_phone_numbers_and_guarded_text_canonical(opd):
    from importlib import import_module

    from django.apps import apps

    from evaluasi.tests.factories import PegawaiFactory

    migration = import_module("evaluasi.migrations.0016_roster_nilai_kanonik")
    guarded = PegawaiFactory(unit_kerja=opd, no_hp="+62 812-3456-7890", jabatan="'=X")
    odd = PegawaiFactory(unit_kerja=opd, no_hp="kantor", nama="'Aisyah")
    unit = UnitKerja.objects.create(kode="G", nama="'@Unit", jenis="bidang", induk=opd)

    migration.canonical_values(apps, None)

    guarded.refresh_from_db()
    odd.refresh_from_db()
    unit.refresh_from_db()
    assert (guarded.no_hp, guarded.jabatan) == ("081234567890", "=X")
    assert (odd.no_hp, odd.nama) == ("kantor", "'Aisyah")  # not a number / not a guard: kept
    assert unit.nama == "@Unit"


@pytest.mark.parametrize("listing", ["unit", "pegawai"])
def test_export_queries_do_not_grow_with_rows(roster, login, listing):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(ADMIN_BKD[0])

    def count():
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(f"/admin/roster/{listing}/?export=csv").streaming_content)
        return len(queries)

    before = count()
    kepala = Pegawai.objects.get(nip=KEPALA_DISDIK[0])
    for index in range(20):
        unit = UnitKerja.objects.create(
            kode=f"TAMBAH{index}", nama="Tambahan", jenis="bidang", induk=kepala.unit_kerja
        )
        Pegawai.objects.create(
            nip=new_nip(), nama="Tambahan", status="PNS", unit_kerja=unit, atasan=kepala
        )
    assert count() == before
