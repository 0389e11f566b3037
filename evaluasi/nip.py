"""NIP (Nomor Induk Pegawai) rules (docs/aturan.md §3).

PNS: birth date yyyymmdd + TMT CPNS yyyymm + gender digit (1/2) + 3-digit sequence.
PPPK: 18 digits whose first 8 are the birth date; the rest is not validated (sources disagree).
"""

import re
import unicodedata
from datetime import date

from evaluasi.invisible import code_clean

NIP_LENGTH = 18
# The invisible characters a NIP copied from a web page or PDF carries go first (code_clean).
_SEPARATORS = re.compile(r"[\s.\-_'’`]")


class NipError(ValueError):
    """A NIP that breaks a rule; the message is Indonesian and says what to fix."""


def nip_normalise(raw) -> str:
    """Strip the spaces, dots, dashes, leading apostrophe and invisible characters people type or
    paste into NIP fields; full-width and other compatibility digits become ASCII (NFKC), so a
    look-alike NIP is the same NIP, never a different one that passes for it."""
    text = unicodedata.normalize("NFKC", code_clean(str(raw or "")))
    return _SEPARATORS.sub("", text)


def _birth_date(nip: str) -> date:
    try:
        return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            f"NIP {nip}: 8 digit pertama ({nip[0:8]}) bukan tanggal lahir yang valid (tttt bb hh)."
        ) from None


def nip_validate(nip: str, *, status: str = "PNS") -> str:
    """Return the NIP if it is valid for `status` ("PNS" or "PPPK"), else raise NipError."""
    if len(nip) != NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        raise NipError(f"NIP harus 18 digit angka; tertulis {nip!r} ({len(nip)} karakter).")
    born = _birth_date(nip)
    if status != "PNS":
        return nip

    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise NipError(f"NIP {nip}: bulan TMT CPNS ({nip[12:14]}) tidak valid.")
    try:
        eighteenth = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        eighteenth = date(born.year + 18, 3, 1)
    if (year, month) < (eighteenth.year, eighteenth.month):
        raise NipError(
            f"NIP {nip}: TMT CPNS {nip[8:12]}-{nip[12:14]} sebelum pegawai berusia 18 tahun."
        )
    if nip[14] not in "12":
        raise NipError(f"NIP {nip}: digit jenis kelamin (ke-15) harus 1 atau 2, bukan {nip[14]}.")
    return nip
