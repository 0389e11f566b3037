"""Turning raw cells into clean unit and pegawai records, with row-precise Indonesian errors."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cms.spreadsheets import FORMULA_PREFIXES
from evaluasi.golongan import GolonganError, golongan_normalise
from evaluasi.invisible import code_clean, text_clean
from evaluasi.models import JenisJabatan, JenisUnit, Pegawai, StatusKepegawaian, UnitKerja
from evaluasi.nip import NIP_LENGTH, NipError, nip_normalise, nip_validate
from evaluasi.nomor_hp import NomorHpError, nomor_hp_normalise
from evaluasi.resources import PegawaiResource, UnitKerjaResource

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
# A NIP that a spreadsheet showed as a number and someone copied as text: 1.98702E+17, 1,99105E+17.
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
# Identifiers and codes: every invisible character is removed from them before validation
# (evaluasi.invisible.code_clean); every other text field gets text_clean (no-break space -> space).
CODE_FIELDS = frozenset(
    {"kode", "kode_induk", "nip", "nip_atasan", "kode_unit", "golongan", "email", "no_hp"}
)
# The widget that reads a yes/no column (Ya/Tidak, Aktif/Nonaktif, ...), as the resource declares.
_AKTIF = {
    UNIT_SHEET: UnitKerjaResource.fields["aktif"].widget,
    PEGAWAI_SHEET: PegawaiResource.fields["aktif"].widget,
}


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
    sheet: str = UNIT_SHEET  # the sheet's name in the file, as errors name it
    aktif: bool = True
    # The unit head: None when the file has no such column (the stored head is kept), ""
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
    sheet: str = PEGAWAI_SHEET  # the sheet's name in the file, as errors name it
    # SIASN's PNS_ID (None when the file has no such column: the stored one is kept), the
    # CPNS mark, SIASN's KEDUDUKAN_HUKUM_NAMA (only "Aktif" is active), a Jabatan Struktural whose
    # jenis follows from the eselon of the unit the person heads, and whether the atasan was set by
    # hand (the plan decides: docs/impor-roster.md, "Atasan dari struktur organisasi").
    pns_id: str | None = None
    cpns: bool = False
    aktif: bool = True
    kedudukan: str = ""
    struktural: bool = False
    atasan_manual: bool = False
    # Optional fields the sheet has no column for: a stored pegawai keeps them (the plan fills
    # them in), so a file that lacks a column never blanks what the roster holds.
    absent: frozenset = frozenset()


# Optional pegawai fields that keep their stored value when the file has no column for them.
KEPT_WHEN_ABSENT = frozenset(
    {"gelar_depan", "gelar_belakang", "golongan", "jabatan", "jenis_jabatan", "email", "no_hp"}
)


def _unguarded(text: str) -> str:
    """Text without the apostrophe an export puts before text that looks like a formula
    ("'=X" -> "=X"; cms.spreadsheets.spreadsheet_safe): the guard is not part of the value."""
    if len(text) > 1 and text[0] in "'’" and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def _text(value) -> str:
    """Cell as trimmed text; integral numbers lose their ".0" (a code typed as a number); an
    export's formula guard is removed."""
    if type(value) is str:  # the common case first: this runs for every cell
        text = value.strip()
        return _unguarded(text) if text[:1] in ("'", "’") else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()


@lru_cache(maxsize=4096)
def _choice_key(value: str) -> str:
    """header_key of a choice cell; a column repeats a handful of values, so each is reduced once."""
    return header_key(value)


@lru_cache(maxsize=4096)
def _golongan(text: str, status: str) -> str:
    """golongan_normalise, once per distinct (value, status): a roster repeats a few dozen."""
    return golongan_normalise(text, status=status)


def _golongan_of(reader: "_RowReader", status: str) -> str:
    """The row's golongan, canonical for `status` ("" when blank or the status is unknown); a
    golongan that names no or two golongan is a row error (evaluasi.golongan)."""
    if not status:
        return ""
    try:
        return _golongan(reader.text("golongan"), status)
    except GolonganError as exc:
        reader.error("golongan", str(exc))
        return ""


class _RowReader:
    def __init__(self, sheet: SheetRows, errors: list[RowError]):
        self.sheet, self.errors = sheet, errors
        self.kind = sheet.kind
        # Every row is padded to `width` + 1 cells, the last one empty: a field without a column
        # reads that one, so reading a cell needs no bounds check.
        self.width = max(sheet.columns.values(), default=-1) + 1
        self.index = defaultdict(lambda: self.width, sheet.columns)
        self.absent = KEPT_WHEN_ABSENT - sheet.columns.keys()
        self.row = 0
        self.cells: list = []
        self.valid_nips: set[tuple[str, str]] = set()  # (NIP, status) already found valid

    def start(self, row: int, cells: list) -> None:
        width = self.width
        if len(cells) > width:
            cells = cells[:width]
        self.row, self.cells, self.ok = row, [*cells, *[None] * (width + 1 - len(cells))], True

    def raw(self, field: str):
        return self.cells[self.index[field]]

    def text(self, field: str) -> str:
        """The cell of `field` as trimmed text, invisible characters removed (CODE_FIELDS) or
        made spaces (names and other text)."""
        value = self.cells[self.index[field]]
        if type(value) is str:  # runs for every cell: plain text needs no cleaning
            value = value.strip()
            if value[:1] in ("'", "’"):
                value = _unguarded(value)
            if value.isascii():
                return value
        else:
            value = _text(value)
        return code_clean(value) if field in CODE_FIELDS else text_clean(value)

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

    def yes_no(self, field: str) -> bool:
        """A yes/no cell read by the resource's widget (an empty cell or no column: yes)."""
        raw = self.raw(field)
        try:
            return _AKTIF[self.kind].clean(raw)
        except ValueError:
            label = column_label(self.kind, field)
            self.error(
                field,
                f"{label} {_text(raw)!r} tidak dikenal; isi Ya atau Tidak (kosong berarti Ya).",
            )
            return True

    def choice(self, field: str, spellings: dict, *, label: str, required: bool) -> str:
        value = self.required(field) if required else self.text(field)
        if not value:
            return ""
        normalised = spellings.get(_choice_key(value))
        if normalised is None:
            self.error(field, f"{label} {value!r} tidak dikenal.")
            return ""
        return str(normalised)


def _number_shown(number) -> str:
    """A numeric cell as a spreadsheet's General format shows it: 1.98702E+17 from 12 digits on."""
    if abs(number) < 1e11:
        return str(int(number)) if float(number).is_integer() else str(number)
    mantissa, exponent = f"{number:.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"


def _nip(reader: _RowReader, field: str, status: str, *, required: bool) -> str:
    raw = reader.raw(field)
    written = None
    if type(raw) is str:
        text = reader.text(field)
        if len(text) == NIP_LENGTH and text.isdigit() and text.isascii():  # already clean
            return _nip_checked(reader, field, text, status)
        if _SCIENTIFIC.match(text):
            written = text
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        written = _number_shown(raw)
    else:
        text = reader.text(field)
    if written is not None:
        reader.error(
            field,
            f"NIP tertulis {written!r}: tersimpan sebagai angka sehingga digit terakhirnya sudah "
            "hilang (Excel hanya menyimpan 15 digit angka). Format kolom sebagai Teks, ketik ulang "
            "NIP lengkap 18 digit, lalu unggah lagi.",
        )
        return ""
    nip = nip_normalise(text)
    if not nip:
        if required:
            reader.error(field, "Wajib diisi.")
        return ""
    return _nip_checked(reader, field, nip, status)


def _nip_checked(reader: _RowReader, field: str, nip: str, status: str) -> str:
    # An unknown status is already an error; check only what holds for both kinds then.
    key = (nip, status or StatusKepegawaian.PPPK)
    if key in reader.valid_nips:  # an atasan's NIP recurs on every row of their team
        return nip
    try:
        nip = nip_validate(nip, status=key[1])
    except NipError as exc:
        reader.error(field, str(exc))
        return ""
    if field != "nip":  # a pegawai's own NIP is met once per file: remembering it costs memory
        reader.valid_nips.add(key)
    return nip


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
            sheet=sheet.name,
            aktif=reader.yes_no("aktif"),
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
    try:
        return nomor_hp_normalise(reader.text("no_hp"))
    except NomorHpError as exc:
        reader.error("no_hp", str(exc))
        return ""


def pegawai_values(reader: _RowReader, row: int, status: str) -> dict:
    """The values of a pegawai row that every source reads alike (template or SIASN): the row
    and sheet, NIP (checked for `status`), name and titles, jabatan, unit, email and phone; each
    invalid cell is a row error on `reader`."""
    return {
        "row": row,
        "sheet": reader.sheet.name,
        "nip": _nip(reader, "nip", status, required=True),
        "nama": reader.required("nama"),
        "gelar_depan": reader.text("gelar_depan"),
        "gelar_belakang": reader.text("gelar_belakang"),
        "status": status,
        "jabatan": reader.text("jabatan"),
        "kode_unit": reader.required("kode_unit"),
        "email": _email(reader),
        "no_hp": _phone(reader),
        "absent": reader.absent,
    }


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
        golongan = _golongan_of(reader, status)
        record = PegawaiRecord(
            **pegawai_values(reader, row, status),
            golongan=golongan,
            jenis_jabatan=reader.choice(
                "jenis_jabatan", JENIS_JABATAN_SPELLINGS, label="Jenis jabatan", required=False
            ),
            # The atasan's own row (or the roster) validates their NIP fully; here only its shape.
            nip_atasan=nip_atasan,
            aktif=reader.yes_no("aktif"),
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
