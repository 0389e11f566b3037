"""Column headers of the two sheets, matched ignoring case, spaces and punctuation.

The columns are declared once, in the django-import-export resources of `evaluasi.resources`
(UnitKerjaResource, PegawaiResource); this module derives from them what the reader needs.
"""

import re

from evaluasi.resources import (
    NOT_IMPORTED_SUFFIX,
    PegawaiResource,
    UnitKerjaResource,
    roster_fields,
)

UNIT_SHEET = "Unit Kerja"
PEGAWAI_SHEET = "Pegawai"
# The template's hidden sheet holding the dropdown lists: skipped without a warning.
CHOICES_SHEET = "Pilihan"
RESOURCES = {UNIT_SHEET: UnitKerjaResource, PEGAWAI_SHEET: PegawaiResource}

_NON_ALNUM = re.compile(r"[^0-9a-z]")


def header_key(text) -> str:
    """A header cell (any value, None for an empty cell) reduced to lowercase letters and digits, so
    "NIP Atasan", "nip_atasan" and "NIP-Atasan" compare equal. Returns "" for an empty cell."""
    return _NON_ALNUM.sub("", str(text or "").lower())


def _columns(kind: str) -> dict[str, tuple[str, set[str]]]:
    """field -> (header shown in the template, accepted spellings after normalisation), for the
    importable columns of sheet `kind`, in template order."""
    return {
        name: (field.label, {header_key(field.label), *map(header_key, field.spellings)})
        for name, field in roster_fields(RESOURCES[kind]).items()
        if field.importable
    }


UNIT_COLUMNS = _columns(UNIT_SHEET)
PEGAWAI_COLUMNS = _columns(PEGAWAI_SHEET)
COLUMNS = {UNIT_SHEET: UNIT_COLUMNS, PEGAWAI_SHEET: PEGAWAI_COLUMNS}
REQUIRED = {
    kind: {name for name, field in roster_fields(resource).items() if field.required}
    for kind, resource in RESOURCES.items()
}
# Headers of export-only columns ("Pangkat (tidak diimpor)") end with this key: ignored silently.
_NOT_IMPORTED_KEY = header_key(NOT_IMPORTED_SUFFIX)


def match_headers(kind: str, cells: list) -> tuple[dict[str, int], list[str]]:
    """Map field -> column index for a header row (`cells`) of sheet `kind`; also return the
    unknown header labels. Export-only columns (header ending in "(tidak diimpor)") are neither."""
    spellings = {
        spelling: field for field, (_, accepted) in COLUMNS[kind].items() for spelling in accepted
    }
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        key = header_key(cell)
        if not key or key.endswith(_NOT_IMPORTED_KEY):
            continue
        field = spellings.get(key)
        if field and field not in mapping:
            mapping[field] = index
        else:
            unknown.append(str(cell).strip())
    return mapping, unknown


def detect_kind(cells: list) -> str | None:
    """Which sheet a header row belongs to (for CSV files and unnamed sheets)."""
    keys = {header_key(cell) for cell in cells}
    if "nip" in keys or keys & PEGAWAI_COLUMNS["nip"][1]:
        return PEGAWAI_SHEET
    if keys & UNIT_COLUMNS["nama"][1] or (keys & UNIT_COLUMNS["kode"][1] and "jenis" in keys):
        return UNIT_SHEET
    return None


def column_label(kind: str, field: str) -> str:
    """The template's label of column `field` of sheet `kind` (UNIT_SHEET or PEGAWAI_SHEET), as the
    error report names it. Raises KeyError for an unknown kind or field (a programmer error)."""
    return COLUMNS[kind][field][0]
