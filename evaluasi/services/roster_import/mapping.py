"""Column mapping: a sheet whose headers are not recognised is mapped by hand, column by column.

Each column of the file is assigned a roster field of `columns.py` (NIP, Nama, … for pegawai; Kode
Unit, Nama Unit, … for units) or ignored. The mapping is remembered per *header set* (the
normalised headers of the sheet, in any order) as a `PemetaanKolom`, so the next upload with the
same headers is mapped automatically. Contract: docs/impor-roster.md, "Pemetaan kolom".
"""

import hashlib
from dataclasses import asdict, dataclass, field

from django.db import transaction

from cms.errors import ActionRefused
from evaluasi.models import PemetaanKolom

from .columns import (
    PEGAWAI_COLUMNS,
    PEGAWAI_SHEET,
    REQUIRED,
    UNIT_COLUMNS,
    UNIT_SHEET,
    column_label,
    header_key,
    match_headers,
)
from .errors import FileRefused

SAMPLE_ROWS = 3
IGNORED = ""  # the choice "Abaikan" for a column, or for a whole sheet
KINDS = (PEGAWAI_SHEET, UNIT_SHEET)
# Built from the agreed exports of columns.py: field -> (label, accepted spellings), per kind.
COLUMNS = {PEGAWAI_SHEET: PEGAWAI_COLUMNS, UNIT_SHEET: UNIT_COLUMNS}


class MappingRefused(ActionRefused):
    """A column mapping cannot be saved or used (a required field unmapped, a field mapped twice,
    a name already taken, an unknown saved mapping); the message says what to fix."""


class MappingNeeded(FileRefused):
    """No sheet of the file can be read without a column mapping; `sheets` are the SheetColumns
    the mapping step shows (sheets still to map first, then those mapped by a saved mapping)."""

    def __init__(self, message: str, sheets: list["SheetColumns"]):
        super().__init__(message)
        self.sheets = sheets


@dataclass
class SheetColumns:
    """One sheet's columns as the mapping step shows them (stored as JSON on `ImporRoster`)."""

    sheet: str  # the sheet's name in the file (a CSV's file name)
    header_row: int  # Excel row number of the header row
    kunci: str  # header_set_key of the header row
    keys: list[str]  # the distinct normalised headers, in file order
    headers: list[str]  # their labels as written in the file
    samples: list[list[str]]  # up to SAMPLE_ROWS values under each header
    kind: str = IGNORED  # PEGAWAI_SHEET, UNIT_SHEET, or IGNORED when nothing could be guessed
    chosen: dict[str, str] = field(default_factory=dict)  # normalised header -> field
    pemetaan: str = ""  # the saved mapping that read this sheet, if any

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "SheetColumns":
        return cls(**data)

    @property
    def missing_required(self) -> list[str]:
        """Labels of the required fields of `kind` that no column is mapped to."""
        if self.kind not in REQUIRED:
            return []
        mapped = set(self.chosen.values())
        return [
            column_label(self.kind, name)
            for name in COLUMNS[self.kind]
            if name in REQUIRED[self.kind] and name not in mapped
        ]


@dataclass(frozen=True)
class MappingChoice:
    """What the admin chose for one sheet in the mapping step: its kind (IGNORED to skip the
    sheet), normalised header -> field (IGNORED for an ignored column), and the mapping's name."""

    kind: str
    chosen: dict
    name: str = ""


@dataclass(frozen=True)
class SavedMapping:
    """A `PemetaanKolom` as the reader uses it: normalised header -> field."""

    pk: int
    name: str
    kind: str
    kolom: dict

    def columns(self, cells: list) -> dict[str, int]:
        """Field -> column index of the header row `cells` (first column of each header)."""
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            name = self.kolom.get(header_key(cell))
            if name and name not in found:
                found[name] = index
        return found


class MappingLookup:
    """Finds the saved mapping of a header row: by its header set, or — for a mapping named on
    the command line (`forced`) — whenever the row holds every header that mapping uses."""

    def __init__(self, mappings: list[SavedMapping], kunci: list[str], forced: bool = False):
        self.by_key = dict(zip(kunci, mappings, strict=True))
        self.forced = mappings[0] if forced and mappings else None

    def match(self, cells: list) -> SavedMapping | None:
        if not self.by_key:
            return None
        keys = {header_key(cell) for cell in cells} - {""}
        if len(keys) < 2:
            return None
        if self.forced:
            return self.forced if set(self.forced.kolom) <= keys else None
        return self.by_key.get(_key_of(keys))


def _key_of(keys: set[str]) -> str:
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def header_set_key(cells: list) -> str:
    """The identity of a header row (`cells`: any values): sha256 (64 hex digits) of its distinct
    normalised headers (header_key), sorted, so the same columns in another order or spelled with
    other case and punctuation give the same key. Empty cells are left out."""
    return _key_of({header_key(cell) for cell in cells} - {""})


def _filled(cells: list) -> int:
    return sum(1 for cell in cells if header_key(cell))


def header_row_guess(rows: list[list]) -> int | None:
    """Index (0-based) of the likeliest header row among the first rows of a sheet: the first row
    filled at least half as much as the fullest row, and with at least two cells (so a title line
    above the headers is passed over, and a data row with one more value than the headers is not
    taken for them); None when no row has two."""
    counts = [_filled(cells) for cells in rows]
    needed = max(2, (max(counts, default=0) + 1) // 2)
    return next((index for index, count in enumerate(counts) if count >= needed), None)


def _fields_matched(kind: str, keys: list[str]) -> dict[str, str]:
    """Normalised header -> field for the headers the import recognises (columns.match_headers)."""
    columns, _ = match_headers(kind, keys)
    return {keys[index]: name for name, index in columns.items()}


def _kind_guess(keys: list[str], hint: str | None) -> str:
    if hint:
        return hint
    scores = {kind: len(_fields_matched(kind, keys)) for kind in KINDS}
    best = max(KINDS, key=lambda kind: scores[kind])
    return best if scores[best] else IGNORED


def _sample_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()[:60]


def sheet_columns(
    sheet: str,
    header: list,
    header_row: int,
    data_rows: list[list],
    *,
    kind_hint: str | None = None,
    saved: SavedMapping | None = None,
) -> SheetColumns:
    """Describe a sheet for the mapping step. `header`: the header row's cells; `header_row`: its
    Excel row number; `data_rows`: the rows under it (the first SAMPLE_ROWS non-empty ones are
    shown as samples); `kind_hint`: the kind the sheet's name says, if any; `saved`: the saved
    mapping that read it, if any. The kind and the fields are guessed from the headers the import
    recognises (columns.py), so a partly recognised sheet comes pre-filled."""
    keys: list[str] = []
    headers: list[str] = []
    indexes: list[int] = []
    for index, cell in enumerate(header):
        key = header_key(cell)
        if key and key not in keys:
            keys.append(key)
            headers.append(str(cell).strip())
            indexes.append(index)
    filled_rows = [row for row in data_rows if _filled(row)][:SAMPLE_ROWS]
    samples = [
        [_sample_text(row[index]) if index < len(row) else "" for row in filled_rows]
        for index in indexes
    ]
    if saved:
        kind = saved.kind
        chosen = {key: name for key, name in saved.kolom.items() if key in keys}
    else:
        kind = _kind_guess(keys, kind_hint)
        chosen = _fields_matched(kind, keys) if kind else {}
    return SheetColumns(
        sheet=sheet,
        header_row=header_row,
        kunci=header_set_key(header),
        keys=keys,
        headers=headers,
        samples=samples,
        kind=kind,
        chosen=chosen,
        pemetaan=saved.name if saved else "",
    )


def mapping_needed_message(sheets: list[SheetColumns]) -> str:
    """The Indonesian message of an import that waits for a column mapping (`sheets`: those still
    to map)."""
    names = ", ".join(f"'{sheet.sheet}'" for sheet in sheets)
    return (
        f"Judul kolom di sheet {names} tidak dikenali atau kolom wajibnya tidak ditemukan. "
        "Petakan setiap kolom ke data roster (atau abaikan), lalu pratinjau dibuat dengan "
        "pemetaan itu. Pemetaan disimpan untuk unggahan berikutnya dengan judul kolom yang sama."
    )


def saved_mappings(*, name: str | None = None) -> MappingLookup:
    """The saved column mappings (`PemetaanKolom`) as a MappingLookup for the reader. With `name`,
    only that mapping, used for any header row that holds its headers (the command's
    `--pemetaan`). Raises MappingRefused when no mapping has that name."""
    rows = PemetaanKolom.objects.all()
    if name is not None:
        rows = rows.filter(nama=name)
    mappings = [
        (row.kunci, SavedMapping(pk=row.pk, name=row.nama, kind=row.jenis, kolom=row.kolom))
        for row in rows
    ]
    if name is not None and not mappings:
        known = ", ".join(PemetaanKolom.objects.values_list("nama", flat=True)) or "(belum ada)"
        raise MappingRefused(
            f"Pemetaan kolom '{name}' tidak ada. Pemetaan yang tersimpan: {known}. Buat "
            "pemetaannya di layar admin Kepegawaian › Impor dari Excel."
        )
    return MappingLookup(
        [mapping for _, mapping in mappings],
        [kunci for kunci, _ in mappings],
        forced=name is not None,
    )


def mapping_check(kind: str, chosen: dict[str, str], *, labels: dict[str, str]) -> dict[str, str]:
    """Check one sheet's mapping. `kind`: PEGAWAI_SHEET or UNIT_SHEET; `chosen`: normalised header
    -> field (IGNORED or absent for an ignored column); `labels`: normalised header -> the label as
    in the file, for messages. Returns the mapping without ignored columns.

    Raises MappingRefused listing every problem: an unknown kind or field, a field mapped from two
    columns, a required field (REQUIRED in columns.py) that no column is mapped to."""
    if kind not in KINDS:
        raise MappingRefused("Pilih jenis data sheet: Pegawai atau Unit Kerja.")
    mapping = {key: name for key, name in chosen.items() if name != IGNORED}
    problems = []
    unknown = sorted(name for name in mapping.values() if name not in COLUMNS[kind])
    if unknown:
        problems.append(f"Data {', '.join(unknown)} tidak ada pada sheet {kind}.")
    by_field: dict[str, list[str]] = {}
    for key, name in mapping.items():
        by_field.setdefault(name, []).append(labels.get(key, key))
    for name, columns in by_field.items():
        if len(columns) > 1 and name in COLUMNS[kind]:
            quoted = " dan ".join(f"'{column}'" for column in columns)
            problems.append(
                f"'{column_label(kind, name)}' dipilih untuk lebih dari satu kolom ({quoted}); "
                "pilih satu kolom saja, abaikan yang lain."
            )
    missing = [
        column_label(kind, name)
        for name in COLUMNS[kind]
        if name in REQUIRED[kind] and name not in by_field
    ]
    if missing:
        problems.append(
            f"Kolom wajib untuk sheet {kind} belum dipetakan: {', '.join(missing)}. Pilih kolom "
            "berkas yang berisi data itu."
        )
    if problems:
        raise MappingRefused(" ".join(problems))
    return mapping


@transaction.atomic
def mapping_save(*, sheet: SheetColumns, kind: str, chosen: dict[str, str], name: str, user):
    """Remember the mapping of `sheet`'s header set (a SheetColumns) as a `PemetaanKolom`:
    created, or updated when that header set already has one. `kind`, `chosen`: as in
    mapping_check; `name`: the name the admin gave (unique; empty gives a name from the sheet);
    `user`: who saved it. Returns the PemetaanKolom.

    Raises MappingRefused for a mapping mapping_check refuses, or a name another header set
    uses."""
    mapping = mapping_check(kind, chosen, labels=dict(zip(sheet.keys, sheet.headers, strict=True)))
    given = " ".join((name or "").split())[:100]
    name = given or default_name(sheet, kind)
    taken = PemetaanKolom.objects.exclude(kunci=sheet.kunci)
    if given and taken.filter(nama=name).exists():
        raise MappingRefused(
            f"Nama pemetaan '{name}' sudah dipakai untuk judul kolom lain; pilih nama lain."
        )
    number = 2
    while taken.filter(nama=name).exists():  # a generated name: number it
        name = f"{default_name(sheet, kind)[:94]} ({number})"
        number += 1
    pemetaan, _ = PemetaanKolom.objects.update_or_create(
        kunci=sheet.kunci,
        defaults={"nama": name, "jenis": kind, "kolom": mapping, "judul": sheet.headers},
        create_defaults={
            "nama": name,
            "jenis": kind,
            "kolom": mapping,
            "judul": sheet.headers,
            "dibuat_oleh": user,
        },
    )
    return pemetaan


def default_name(sheet: SheetColumns, kind: str) -> str:
    """A name for a new mapping: the kind and the first headers of the sheet."""
    return f"{kind}: {', '.join(sheet.headers[:4])}"[:100]
