"""Column headers of the two sheets, matched ignoring case, spaces and punctuation."""

import re

UNIT_SHEET = "Unit Kerja"
PEGAWAI_SHEET = "Pegawai"

# field -> (header shown in the template, accepted spellings after normalisation)
UNIT_COLUMNS = {
    "kode": ("Kode Unit", {"kodeunit", "kode", "kodeunitkerja"}),
    "nama": ("Nama Unit", {"namaunit", "namaunitkerja", "unitkerja"}),
    "kode_induk": ("Kode Induk", {"kodeinduk", "kodeunitinduk", "induk"}),
    "jenis": ("Jenis", {"jenis", "jenisunit"}),
    # NIP of the unit's head: the atasan of its pegawai without a NIP Atasan (Part B).
    "kepala_nip": ("Kepala Unit", {"kepalaunit", "nipkepalaunit", "nipkepala"}),
}
PEGAWAI_COLUMNS = {
    "nip": ("NIP", {"nip", "nipnipppk", "nipppk", "nomorindukpegawai"}),
    "nama": ("Nama", {"nama", "namapegawai", "namalengkap"}),
    "gelar_depan": ("Gelar Depan", {"gelardepan"}),
    "gelar_belakang": ("Gelar Belakang", {"gelarbelakang"}),
    "status": ("Status", {"status", "statuskepegawaian", "statuspegawai"}),
    "golongan": ("Golongan", {"golongan", "gol", "golongankuang", "golonganruang", "golruang"}),
    "jabatan": ("Jabatan", {"jabatan", "namajabatan"}),
    "jenis_jabatan": ("Jenis Jabatan", {"jenisjabatan"}),
    "kode_unit": ("Kode Unit", {"kodeunit", "kodeunitkerja"}),
    "nip_atasan": ("NIP Atasan", {"nipatasan", "nipatasanlangsung"}),
    "email": ("Email", {"email", "surel", "alamatemail"}),
    "no_hp": ("No HP", {"nohp", "nomorhp", "hp", "nohandphone", "telepon", "notelp"}),
    "pns_id": ("PNS ID", {"pnsid"}),  # SIASN's internal id, names unit heads (Part B)
}
REQUIRED = {
    UNIT_SHEET: {"kode", "nama", "jenis"},
    PEGAWAI_SHEET: {"nip", "nama", "status", "kode_unit"},
}
COLUMNS = {UNIT_SHEET: UNIT_COLUMNS, PEGAWAI_SHEET: PEGAWAI_COLUMNS}

_NON_ALNUM = re.compile(r"[^0-9a-z]")


def header_key(text) -> str:
    """A header cell (any value, None for an empty cell) reduced to lowercase letters and digits, so
    "NIP Atasan", "nip_atasan" and "NIP-Atasan" compare equal. Returns "" for an empty cell."""
    return _NON_ALNUM.sub("", str(text or "").lower())


def match_headers(kind: str, cells: list) -> tuple[dict[str, int], list[str]]:
    """Map field -> column index for a header row; also return unknown header labels."""
    spellings = {
        spelling: field for field, (_, accepted) in COLUMNS[kind].items() for spelling in accepted
    }
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        key = header_key(cell)
        if not key:
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
