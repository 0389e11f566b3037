"""Turning raw cells into clean unit and pegawai records, with row-precise Indonesian errors."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from evaluasi.golongan import GolonganError, golongan_normalise
from evaluasi.models import JenisJabatan, JenisUnit, Pegawai, StatusKepegawaian, UnitKerja
from evaluasi.nip import NipError, nip_normalise, nip_validate

from .columns import PEGAWAI_SHEET, UNIT_SHEET, column_label, header_key
from .errors import RowError
from .files import SheetRows

STATUS_SPELLINGS = {
    "pns": StatusKepegawaian.PNS,
    "cpns": StatusKepegawaian.PNS,
    "pegawainegerisipil": StatusKepegawaian.PNS,
    "pppk": StatusKepegawaian.PPPK,
    "p3k": StatusKepegawaian.PPPK,
}
JENIS_UNIT_SPELLINGS = (
    {header_key(label): value for value, label in JenisUnit.choices}
    | {header_key(value): value for value in JenisUnit.values}
    | {
        "pemerintahprovinsi": JenisUnit.PEMDA,
        "bidang": JenisUnit.BIDANG,
        "bagian": JenisUnit.BIDANG,
        "dinas": JenisUnit.OPD,
        "badan": JenisUnit.OPD,
        "sma": JenisUnit.SEKOLAH,
        "smk": JenisUnit.SEKOLAH,
        "slb": JenisUnit.SEKOLAH,
    }
)
JENIS_JABATAN_SPELLINGS = {header_key(label): value for value, label in JenisJabatan.choices} | {
    "jabatanpimpinantinggi": JenisJabatan.JPT,
    "jabatanadministrator": JenisJabatan.ADMINISTRATOR,
    "jabatanpengawas": JenisJabatan.PENGAWAS,
    "jabatanfungsional": JenisJabatan.FUNGSIONAL,
    "jabatanpelaksana": JenisJabatan.PELAKSANA,
}
_PHONE = re.compile(r"^\+?\d{8,15}$")


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


# Record field -> the max_length of the column it is stored in, checked in the preview so that a
# value too long is a row error there and never a database error at confirm (PostgreSQL).
UNIT_LIMITS = {
    "kode": _limit(UnitKerja, "kode"),
    "nama": _limit(UnitKerja, "nama"),
    "kode_induk": _limit(UnitKerja, "kode"),
    "kepala_pns_id": _limit(UnitKerja, "kepala_pns_id"),
    "eselon": _limit(UnitKerja, "eselon"),
}
PEGAWAI_LIMITS = {
    "nama": _limit(Pegawai, "nama"),
    "gelar_depan": _limit(Pegawai, "gelar_depan"),
    "gelar_belakang": _limit(Pegawai, "gelar_belakang"),
    "jabatan": _limit(Pegawai, "jabatan"),
    "kode_unit": _limit(UnitKerja, "kode"),
    "email": _limit(Pegawai, "email"),
    "no_hp": _limit(Pegawai, "no_hp"),
    "pns_id": _limit(Pegawai, "pns_id"),
}


@dataclass(slots=True)
class UnitRecord:
    """One valid row of the 'Unit Kerja' sheet (Excel row number and cleaned values)."""

    row: int
    kode: str
    nama: str
    jenis: str
    kode_induk: str
    # Part B, the unit head: None when the file has no such column (the stored head is kept), ""
    # for a vacant head. SIASN names the head by PNS_ID, our template by NIP (Kepala Unit).
    kepala_nip: str | None = None
    kepala_pns_id: str | None = None
    eselon: str | None = None


@dataclass(slots=True)
class PegawaiRecord:
    """One valid row of the 'Pegawai' sheet (Excel row number and cleaned values)."""

    row: int
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    status: str
    golongan: str
    jabatan: str
    jenis_jabatan: str
    kode_unit: str
    nip_atasan: str
    email: str
    no_hp: str
    # Part B: SIASN's PNS_ID (None when the file has no such column: the stored one is kept), the
    # CPNS mark, SIASN's KEDUDUKAN_HUKUM_NAMA (only "Aktif" is active), a Jabatan Struktural whose
    # jenis follows from the eselon of the unit the person heads, and whether the atasan was set by
    # hand (the plan decides: docs/impor-roster.md, "Atasan dari struktur organisasi").
    pns_id: str | None = None
    cpns: bool = False
    aktif: bool = True
    kedudukan: str = ""
    struktural: bool = False
    atasan_manual: bool = False


def _text(value) -> str:
    """Cell as trimmed text; integral numbers lose their ".0" (a code typed as a number)."""
    if type(value) is str:  # the common case first: this runs for every cell
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()


class _RowReader:
    def __init__(self, sheet: SheetRows, errors: list[RowError]):
        self.sheet, self.errors = sheet, errors
        self.kind = sheet.kind
        self.columns = sheet.columns
        self.row = 0
        self.cells: list = []

    def start(self, row: int, cells: list) -> None:
        self.row, self.cells, self.ok = row, cells, True

    def raw(self, field: str):
        index = self.columns.get(field)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, field: str) -> str:
        return _text(self.raw(field))

    def label(self, field: str) -> str:
        return column_label(self.kind, field)

    def error(self, field: str, message: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.sheet.name, self.row, self.label(field), message))

    def required(self, field: str) -> str:
        value = self.text(field)
        if not value:
            self.error(field, "Wajib diisi.")
        return value

    def lengths(self, record, limits: dict[str, int]) -> None:
        """A row error for every value longer than its column."""
        for field, limit in limits.items():
            value = getattr(record, field)
            if value is not None and len(value) > limit:
                self.error(field, f"Paling banyak {limit} karakter (terisi {len(value)}).")

    def choice(self, field: str, spellings: dict, *, label: str, required: bool) -> str:
        value = self.required(field) if required else self.text(field)
        if not value:
            return ""
        normalised = spellings.get(header_key(value))
        if normalised is None:
            self.error(field, f"{label} {value!r} tidak dikenal.")
            return ""
        return str(normalised)


def _nip(reader: _RowReader, field: str, status: str, *, required: bool) -> str:
    raw = reader.raw(field)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        reader.error(
            field,
            "NIP tersimpan sebagai angka sehingga digit terakhirnya sudah hilang (Excel hanya "
            "menyimpan 15 digit angka). Format kolom sebagai Teks, ketik ulang NIP, lalu unggah lagi.",
        )
        return ""
    nip = nip_normalise(raw)
    if not nip:
        if required:
            reader.error(field, "Wajib diisi.")
        return ""
    try:
        # An unknown status is already an error; check only what holds for both kinds then.
        return nip_validate(nip, status=status or StatusKepegawaian.PPPK)
    except NipError as exc:
        reader.error(field, str(exc))
        return ""


def unit_records(sheet: SheetRows, errors: list[RowError]) -> list[UnitRecord]:
    """The valid UnitRecords of a 'Unit Kerja' sheet (`sheet`: SheetRows); each invalid cell appends
    a RowError (sheet, Excel row, column label, Indonesian message) to `errors` and drops its
    row."""
    reader = _RowReader(sheet, errors)
    records = []
    for row, cells in sheet.rows:
        reader.start(row, cells)
        record = UnitRecord(
            row=row,
            kode=reader.required("kode"),
            nama=reader.required("nama"),
            jenis=reader.choice("jenis", JENIS_UNIT_SPELLINGS, label="Jenis unit", required=True),
            kode_induk=reader.text("kode_induk"),
            kepala_nip=(
                _nip(reader, "kepala_nip", StatusKepegawaian.PPPK, required=False)
                if "kepala_nip" in sheet.columns
                else None
            ),
        )
        reader.lengths(record, UNIT_LIMITS)
        if reader.ok:
            records.append(record)
    return records


def _email(reader: _RowReader) -> str:
    email = reader.text("email").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reader.error("email", f"Alamat email {email!r} tidak valid.")
    return email


def _phone(reader: _RowReader) -> str:
    phone = re.sub(r"[\s\-().]", "", reader.text("no_hp"))
    if phone.startswith("8"):  # typed as a number, the leading 0 was dropped
        phone = "0" + phone
    if phone and not _PHONE.match(phone):
        reader.error("no_hp", f"Nomor HP {reader.text('no_hp')!r} tidak valid.")
    return phone


def pegawai_records(sheet: SheetRows, errors: list[RowError]) -> list[PegawaiRecord]:
    """The valid PegawaiRecords of a 'Pegawai' sheet (`sheet`: SheetRows): NIPs checked
    (nip_validate, for the row's status), golongan normalised for the status (PNS or PPPK),
    choices and lengths checked; each invalid cell appends a RowError to `errors` and drops its
    row."""
    reader = _RowReader(sheet, errors)
    records = []
    for row, cells in sheet.rows:
        reader.start(row, cells)
        status = reader.choice("status", STATUS_SPELLINGS, label="Status", required=True)
        nip_atasan = _nip(reader, "nip_atasan", StatusKepegawaian.PPPK, required=False)
        golongan = ""
        if status:
            try:
                golongan = golongan_normalise(reader.raw("golongan"), status=status)
            except GolonganError as exc:
                reader.error("golongan", str(exc))
        record = PegawaiRecord(
            row=row,
            nip=_nip(reader, "nip", status, required=True),
            nama=reader.required("nama"),
            gelar_depan=reader.text("gelar_depan"),
            gelar_belakang=reader.text("gelar_belakang"),
            status=status,
            golongan=golongan,
            jabatan=reader.text("jabatan"),
            jenis_jabatan=reader.choice(
                "jenis_jabatan", JENIS_JABATAN_SPELLINGS, label="Jenis jabatan", required=False
            ),
            kode_unit=reader.required("kode_unit"),
            # The atasan's own row (or the roster) validates their NIP fully; here only its shape.
            nip_atasan=nip_atasan,
            email=_email(reader),
            no_hp=_phone(reader),
            pns_id=reader.text("pns_id") or None,  # empty or absent: the stored one is kept
            cpns=header_key(reader.text("status")) == "cpns",
            atasan_manual=bool(nip_atasan),
        )
        reader.lengths(record, PEGAWAI_LIMITS)
        if reader.ok:
            records.append(record)
    return records


def records_from(sheets: list[SheetRows], errors: list[RowError]):
    """(unit records, pegawai records) of every sheet read (`sheets`: SheetRows of either kind); row
    errors are appended to `errors`."""
    units: list[UnitRecord] = []
    pegawai: list[PegawaiRecord] = []
    for sheet in sheets:
        if sheet.kind == UNIT_SHEET:
            units.extend(unit_records(sheet, errors))
        elif sheet.kind == PEGAWAI_SHEET:
            pegawai.extend(pegawai_records(sheet, errors))
    return units, pegawai
