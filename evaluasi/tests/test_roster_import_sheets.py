"""Only the sheets a person sees are read, and every error names the sheet its row is on
(docs/impor-roster.md, Sheets)."""

import pytest
from openpyxl import Workbook

from evaluasi.models import ImporRoster, Pegawai
from evaluasi.services.roster_template import roster_template_workbook
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import (
    PEGAWAI_HEADERS,
    UNIT_HEADERS,
    pegawai_row,
    write_csv,
)

SELESAI = ImporRoster.Status.SELESAI
GAGAL = ImporRoster.Status.GAGAL_VALIDASI


def _book(path, sheets):
    """`sheets`: (name, state, headers, rows) in order; state "visible", "hidden" or "veryHidden"."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, state, headers, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    workbook.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_ignored_with_a_warning_naming_them(opd, run_import, tmp_path, state):
    current, old = new_nip(), new_nip()
    path = _book(
        tmp_path / "r.xlsx",
        [
            ("Pegawai 2025 lama", state, PEGAWAI_HEADERS, [pegawai_row(old, "Lama")]),
            ("Pegawai", "visible", PEGAWAI_HEADERS, [pegawai_row(current)]),
        ],
    )
    outcome = run_import(path)
    assert outcome.status == SELESAI, outcome.errors
    assert list(Pegawai.objects.values_list("nip", flat=True)) == [current]
    [warning] = [w for w in outcome.warnings if "Pegawai 2025 lama" in w]
    assert "tersembunyi" in warning and "diabaikan" in warning


def test_a_workbook_whose_only_roster_sheet_is_hidden_is_refused(opd, run_import, tmp_path):
    path = _book(
        tmp_path / "r.xlsx",
        [
            ("Catatan", "visible", ["Catatan"], [["-"]]),
            ("Pegawai", "hidden", PEGAWAI_HEADERS, [pegawai_row(new_nip())]),
        ],
    )
    outcome = run_import(path)
    assert outcome.status == ImporRoster.Status.DITOLAK
    assert not Pegawai.objects.exists()


def test_our_templates_hidden_list_sheet_is_ignored_silently(opd, run_import, tmp_path):
    path = tmp_path / "templat.xlsx"
    roster_template_workbook(units=[], pegawai=[pegawai_row(new_nip())]).save(path)
    outcome = run_import(path)
    assert outcome.status == SELESAI, outcome.errors
    assert not [w for w in outcome.warnings if "Pilihan" in w]


def test_errors_name_the_sheet_the_row_is_really_on(opd, run_import, tmp_path):
    nip, boss_a, boss_b = new_nip(), new_nip(), new_nip()
    path = _book(
        tmp_path / "r.xlsx",
        [
            ("Unit 2026", "visible", UNIT_HEADERS, [["U1", "Bidang", "TIDAKADA", "Bidang/Bagian"]]),
            (
                "Data Pegawai 2026",
                "visible",
                PEGAWAI_HEADERS,
                [
                    pegawai_row(nip, unit="TIDAKADA"),  # unknown unit (plan)
                    pegawai_row(boss_a, atasan=boss_b),  # a cycle (plan)
                    pegawai_row(boss_b, atasan=boss_a),
                    pegawai_row(boss_b),  # duplicate NIP (plan)
                    pegawai_row("123"),  # bad NIP (records)
                ],
            ),
        ],
    )
    outcome = run_import(path)
    assert outcome.status == GAGAL
    sheets = {(e.sheet, e.column) for e in outcome.errors}
    assert ("Unit 2026", "Kode Induk") in sheets
    assert {sheet for sheet, _ in sheets} == {"Unit 2026", "Data Pegawai 2026"}
    assert outcome.errors[0].sheet == "Unit 2026"  # units first


def test_csv_errors_name_the_file(opd, run_import, tmp_path):
    nip = new_nip()
    path = write_csv(
        tmp_path / "pegawai.csv",
        ["NIP", "Nama", "Status", "Kode Unit"],
        [[nip, "Budi", "PNS", "OPD1"], [nip, "Budi", "PNS", "OPD1"], ["1", "Ani", "PNS", "OPD1"]],
    )
    outcome = run_import(path)
    assert outcome.status == GAGAL
    assert {e.sheet for e in outcome.errors} == {"pegawai.csv"}
