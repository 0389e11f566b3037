"""BKN SIASN exports recognised by their headers: *Referensi UNOR* (units) and *Data Utama* (ASN).

Only headers and the meaning of SIASN's values live here (no database, no cell cleaning), so the
reader (files.py) can recognise a sheet and the records step (siasn_records.py) can interpret it.
Format facts: docs/impor-roster.md, "SIASN".
"""

import re

from evaluasi.models import JenisJabatan, JenisUnit

from .columns import PEGAWAI_SHEET, UNIT_SHEET, header_key

SOURCE = "siasn"

# SIASN header (upper case, as BKN writes it) -> our field. Headers also come in lower case (API
# dumps); they are compared by `header_key`, so "NAMA_UNOR", "nama_unor" and "Nama Unor" agree.
UNOR_HEADERS = {
    "ID": "kode",
    "DIATASAN_ID": "kode_induk",
    "NAMA_UNOR": "nama",
    "ESELON_ID": "eselon",
    "PEMIMPIN_PNS_ID": "kepala_pns_id",
}
DATA_UTAMA_HEADERS = {
    "PNS_ID": "pns_id",
    "NIP_BARU": "nip",
    "NAMA": "nama",
    "GELAR_DEPAN": "gelar_depan",
    "GELAR_BELAKANG": "gelar_belakang",
    "JENIS_PEGAWAI_NAMA": "jenis_pegawai",
    "KEDUDUKAN_HUKUM_NAMA": "kedudukan",
    "STATUS_CPNS_PNS": "status_cpns",
    "GOL_AKHIR_NAMA": "golongan",
    "JENIS_JABATAN_NAMA": "jenis_jabatan",
    "JABATAN_NAMA": "jabatan",
    "UNOR_ID": "kode_unit",
    "EMAIL": "email",
    "NOMOR_HP": "no_hp",
}
HEADERS = {UNIT_SHEET: UNOR_HEADERS, PEGAWAI_SHEET: DATA_UTAMA_HEADERS}
# Headers that identify each export (other SIASN columns such as NIP_LAMA are expected and ignored).
SIGNATURE = {UNIT_SHEET: {"id", "namaunor"}, PEGAWAI_SHEET: {"pnsid", "nipbaru"}}
EXPORT_NAMES = {UNIT_SHEET: "Referensi UNOR", PEGAWAI_SHEET: "Data Utama"}

_KEYS = {
    kind: {header_key(header): field for header, field in headers.items()}
    for kind, headers in HEADERS.items()
}
_LABELS = {
    kind: {field: header for header, field in headers.items()} for kind, headers in HEADERS.items()
}

AKTIF = "aktif"  # header_key of the only KEDUDUKAN_HUKUM_NAMA that is active
CPNS = "C"  # STATUS_CPNS_PNS of a CPNS (P = PNS, empty for PPPK)
STRUKTURAL = {"jabatanstruktural", "struktural"}
JENIS_JABATAN_SIASN = {
    "jabatanfungsional": JenisJabatan.FUNGSIONAL,
    "jabatanfungsionaltertentu": JenisJabatan.FUNGSIONAL,
    "fungsional": JenisJabatan.FUNGSIONAL,
    "jabatanfungsionalumum": JenisJabatan.PELAKSANA,
    "jabatanpelaksana": JenisJabatan.PELAKSANA,
    "pelaksana": JenisJabatan.PELAKSANA,
}

_ROMAN_ESELON = re.compile(r"^(IV|III|II|I|V)\b")
_SCHOOL = re.compile(r"^(SMAN?|SMKN?|SLBN?|SMPN?|SDN?|SEKOLAH)\b")
_UPTD = re.compile(r"^(UPTD|UPT)\b")
_OPD = re.compile(
    r"^(DINAS|BADAN|INSPEKTORAT|SEKRETARIAT DAERAH|SEKRETARIAT DPRD|SEKRETARIAT DEWAN|BIRO|RSUD|"
    r"RUMAH SAKIT|SATUAN POLISI)\b"
)
_PEMDA = re.compile(r"^PEMERINTAH (PROVINSI|DAERAH|KABUPATEN|KOTA)\b")
_BIDANG = re.compile(
    r"^(BIDANG|BAGIAN|SUB ?BAGIAN|SUB ?BIDANG|SEKSI|SEKRETARIAT|SUB ?BAG|KASUBBAG|TATA USAHA)\b"
)


def siasn_header(cells: list) -> tuple[str, dict[str, int]] | None:
    """Recognise a header row (`cells`, any values) of a SIASN export, in upper or lower case.

    Returns (UNIT_SHEET for *Referensi UNOR* or PEGAWAI_SHEET for *Data Utama*, field -> column
    index), or None when the row is not a SIASN header. SIASN columns we do not import (NIP_LAMA,
    TANGGAL_LAHIR, INSTANSI_ID, …) are expected and simply not mapped."""
    keys = [header_key(cell) for cell in cells]
    present = set(keys)
    for kind, signature in SIGNATURE.items():
        if signature <= present:
            columns: dict[str, int] = {}
            for index, key in enumerate(keys):
                field = _KEYS[kind].get(key)
                if field and field not in columns:
                    columns[field] = index
            return kind, columns
    return None


def siasn_label(kind: str, field: str) -> str:
    """The SIASN header of `field` on a sheet of `kind` (e.g. "NIP_BARU"), as errors name it."""
    return _LABELS[kind].get(field, field)


def eselon_level(text: str) -> int | None:
    """The eselon level 1–5 of SIASN's ESELON_ID ("21" = II.a, "31" = III.a) or of a written eselon
    ("II.a", "III/b", "IV"); None when blank or unreadable (non-eselon units)."""
    text = (text or "").strip().upper()
    if text[:1].isdigit():
        level = int(text[0])
        return level if 1 <= level <= 5 else None
    match = _ROMAN_ESELON.match(text)
    if match:
        return {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}[match.group(1)]
    return None


def jenis_jabatan_from_eselon(eselon: str) -> str:
    """Jenis jabatan of a *Jabatan Struktural* from the eselon of the unit the person heads
    (I–II → JPT, III → Administrator, IV–V → Pengawas; PermenPAN-RB 17/2021 equalisation); ""
    when the eselon is unknown."""
    level = eselon_level(eselon)
    if level is None:
        return ""
    if level <= 2:
        return JenisJabatan.JPT
    if level == 3:
        return JenisJabatan.ADMINISTRATOR
    return JenisJabatan.PENGAWAS


def jenis_unit_from(nama: str, eselon: str) -> str:
    """A JenisUnit for a UNOR from its name and eselon: schools ("SMA/SMK/SLB …") → sekolah,
    "UPTD …" → uptd, "Pemerintah Provinsi …" → pemda, "Dinas/Badan/Inspektorat/Sekretariat
    Daerah …" at eselon I–II (or without eselon) → opd, "Bidang/Bagian/Subbagian/Seksi …" →
    bidang; otherwise by eselon (I–II opd, III–V bidang), else lainnya."""
    name = re.sub(r"\s+", " ", (nama or "").strip().upper())
    level = eselon_level(eselon)
    if _SCHOOL.match(name):
        return JenisUnit.SEKOLAH
    if _UPTD.match(name):
        return JenisUnit.UPTD
    if _PEMDA.match(name):
        return JenisUnit.PEMDA
    if _OPD.match(name) and (level is None or level <= 2):
        return JenisUnit.OPD
    if _BIDANG.match(name):
        return JenisUnit.BIDANG
    if level is not None:
        return JenisUnit.OPD if level <= 2 else JenisUnit.BIDANG
    return JenisUnit.LAINNYA
