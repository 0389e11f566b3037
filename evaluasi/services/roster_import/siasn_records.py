"""Cleaning the rows of a SIASN export (Referensi UNOR or Data Utama) into unit/pegawai records.

SIASN's values mean something else than our template's: status from JENIS_PEGAWAI_NAMA and
STATUS_CPNS_PNS, activity from KEDUDUKAN_HUKUM_NAMA, the unit's jenis from its eselon and name.
The rules are in docs/impor-roster.md, "SIASN"; the headers in siasn.py.
"""

from evaluasi.models import StatusKepegawaian

from .columns import PEGAWAI_SHEET, UNIT_SHEET, header_key
from .errors import RowError
from .files import SheetRows
from .records import (
    JENIS_JABATAN_SPELLINGS,
    PEGAWAI_LIMITS,
    UNIT_LIMITS,
    PegawaiRecord,
    UnitRecord,
    _golongan_of,
    _RowReader,
    pegawai_values,
    records_from,
)
from .siasn import (
    AKTIF,
    CPNS,
    JENIS_JABATAN_SIASN,
    STRUKTURAL,
    jenis_unit_from,
    siasn_label,
)
from .siasn import SOURCE as SIASN_SOURCE


class _SiasnReader(_RowReader):
    """Errors name SIASN's own column (NIP_BARU, UNOR_ID, …), as the user sees it in the file."""

    def label(self, field: str) -> str:
        return siasn_label(self.kind, field)


def _unor_records(sheet: SheetRows, errors: list[RowError]) -> list[UnitRecord]:
    reader = _SiasnReader(sheet, errors)
    records = []
    for row, cells in sheet.rows:
        reader.start(row, cells)
        nama = reader.required("nama")
        eselon = reader.text("eselon")
        kode = reader.required("kode")
        induk = reader.text("kode_induk")
        record = UnitRecord(
            row=row,
            kode=kode,
            nama=nama,
            jenis=jenis_unit_from(nama, eselon),
            kode_induk="" if induk == kode else induk,  # SIASN's root may name itself as parent
            sheet=sheet.name,
            kepala_pns_id=reader.text("kepala_pns_id")
            if "kepala_pns_id" in sheet.columns
            else None,
            eselon=eselon if "eselon" in sheet.columns else None,
        )
        reader.lengths(record, UNIT_LIMITS)
        if reader.ok:
            records.append(record)
    return records


def _status(reader: _RowReader) -> tuple[str, bool]:
    """(PNS or PPPK, CPNS mark) from JENIS_PEGAWAI_NAMA and STATUS_CPNS_PNS; ("", False) plus a
    row error when neither says which."""
    jenis = reader.text("jenis_pegawai")
    status_cpns = reader.text("status_cpns").upper()
    key = header_key(jenis)
    if "pppk" in key or "p3k" in key:
        return StatusKepegawaian.PPPK, False
    if "pns" in key or (not key and status_cpns in {"P", CPNS}):
        return StatusKepegawaian.PNS, status_cpns == CPNS
    if not jenis:
        reader.error("jenis_pegawai", "Wajib diisi (mis. 'PNS DAERAH PROVINSI' atau 'PPPK').")
    else:
        reader.error(
            "jenis_pegawai",
            f"Jenis pegawai {jenis!r} tidak dikenal; yang dapat diimpor hanya PNS (termasuk CPNS) "
            "dan PPPK. Hapus baris ini atau perbaiki isinya.",
        )
    return "", False


def _jenis_jabatan(reader: _RowReader) -> tuple[str, bool]:
    """(jenis jabatan, is a Jabatan Struktural); a struktural's jenis is set by the plan from the
    eselon of the unit the person heads."""
    text = reader.text("jenis_jabatan")
    key = header_key(text)
    if not key:
        return "", False
    if key in STRUKTURAL:
        return "", True
    value = JENIS_JABATAN_SIASN.get(key) or JENIS_JABATAN_SPELLINGS.get(key)
    if value is None:
        reader.error("jenis_jabatan", f"Jenis jabatan {text!r} tidak dikenal.")
        return "", False
    return str(value), False


def _data_utama_records(sheet: SheetRows, errors: list[RowError]) -> list[PegawaiRecord]:
    reader = _SiasnReader(sheet, errors)
    records = []
    for row, cells in sheet.rows:
        reader.start(row, cells)
        status, cpns = _status(reader)
        golongan = _golongan_of(reader, status)
        jenis_jabatan, struktural = _jenis_jabatan(reader)
        kedudukan = reader.text("kedudukan")
        record = PegawaiRecord(
            **pegawai_values(reader, row, status),
            golongan=golongan,
            jenis_jabatan=jenis_jabatan,
            nip_atasan="",  # SIASN has no supervisor column: the plan derives it
            pns_id=reader.text("pns_id"),
            cpns=cpns,
            aktif=header_key(kedudukan) == AKTIF,
            kedudukan=kedudukan,
            struktural=struktural,
        )
        reader.lengths(record, PEGAWAI_LIMITS)
        if reader.ok:
            records.append(record)
    return records


def siasn_records(
    sheet: SheetRows, errors: list[RowError]
) -> tuple[list[UnitRecord], list[PegawaiRecord]]:
    """(unit records, pegawai records) of one SIASN sheet (`sheet`: SheetRows with source "siasn";
    kind UNIT_SHEET for Referensi UNOR, PEGAWAI_SHEET for Data Utama). Each invalid cell appends a
    RowError naming SIASN's column to `errors` and drops its row. Inactive rows (any
    KEDUDUKAN_HUKUM_NAMA but "Aktif") are kept, with `aktif` False and their status."""
    if sheet.kind == UNIT_SHEET:
        return _unor_records(sheet, errors), []
    if sheet.kind == PEGAWAI_SHEET:
        return [], _data_utama_records(sheet, errors)
    return [], []


def roster_records(
    sheets: list[SheetRows], errors: list[RowError]
) -> tuple[list[UnitRecord], list[PegawaiRecord]]:
    """(unit records, pegawai records) of every sheet read (`sheets`: SheetRows of either kind and
    either source): SIASN sheets by `siasn_records`, our template's by `records.records_from`. Row
    errors are appended to `errors`."""
    units: list[UnitRecord] = []
    pegawai: list[PegawaiRecord] = []
    for sheet in sheets:
        reader = siasn_records if sheet.source == SIASN_SOURCE else _template_records
        found_units, found_pegawai = reader(sheet, errors)
        units.extend(found_units)
        pegawai.extend(found_pegawai)
    return units, pegawai


def _template_records(sheet: SheetRows, errors: list[RowError]):
    return records_from([sheet], errors)
