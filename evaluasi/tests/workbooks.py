"""Writing small roster files for tests, in every accepted format."""

import csv
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from evaluasi.services.roster_import.columns import PEGAWAI_COLUMNS, UNIT_COLUMNS

# The columns the row helpers below fill, in their order; optional columns (Kepala Unit, PNS ID,
# Aktif) are added by the tests that need them.
_OPTIONAL = {"kepala_nip", "pns_id", "aktif"}
UNIT_HEADERS = [label for field, (label, _) in UNIT_COLUMNS.items() if field not in _OPTIONAL]
PEGAWAI_HEADERS = [label for field, (label, _) in PEGAWAI_COLUMNS.items() if field not in _OPTIONAL]


def pegawai_row(
    nip,
    nama="Budi Santoso",
    *,
    status="PNS",
    golongan="III/a",
    unit="OPD1",
    atasan="",
    email="",
    no_hp="",
    gelar_depan="",
    gelar_belakang="",
    jabatan="Analis",
    jenis_jabatan="Fungsional",
):
    return [
        nip,
        nama,
        gelar_depan,
        gelar_belakang,
        status,
        golongan,
        jabatan,
        jenis_jabatan,
        unit,
        atasan,
        email,
        no_hp,
    ]


def write_xlsx(path: Path, *, units=None, pegawai=None, unit_headers=None, pegawai_headers=None):
    workbook = Workbook()
    workbook.remove(workbook.active)
    if units is not None:
        sheet = workbook.create_sheet("Unit Kerja")
        sheet.append(unit_headers or UNIT_HEADERS)
        for row in units:
            sheet.append(row)
    if pegawai is not None:
        sheet = workbook.create_sheet("Pegawai")
        sheet.append(pegawai_headers or PEGAWAI_HEADERS)
        for row in pegawai:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # literal text, as Excel stores a typed '=...
    workbook.save(path)
    return path


def write_xls(path: Path, *, units=None, pegawai=None):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, headers, rows in (
        ("Unit Kerja", UNIT_HEADERS, units),
        ("Pegawai", PEGAWAI_HEADERS, pegawai),
    ):
        if rows is None:
            continue
        sheet = book.add_sheet(name)
        for r, row in enumerate([headers, *rows]):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(path: Path, headers, rows, *, delimiter=",", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def assignment_workbook(rows, alasan_column: bool = False):
    """An uploaded assignment import (NIP penilai, NIP dinilai, hubungan[, alasan]) as a file."""
    from io import BytesIO

    book = Workbook()
    sheet = book.active
    sheet.append(["NIP Penilai", "NIP Dinilai", "Hubungan"] + (["Alasan"] if alasan_column else []))
    for row in rows:
        sheet.append(row)
    data = BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "penugasan.xlsx"
    return data


def import_command_exit(*args) -> int:
    """Run ``import_roster`` with ``args``; its exit code (0 when it returns normally)."""
    try:
        call_command("import_roster", *args)
    except SystemExit as exit_:
        return exit_.code
    return 0
