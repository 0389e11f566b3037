"""Golongan/ruang and pangkat (docs/aturan.md §4), and lenient parsing of how people write them."""

import re

PANGKAT_PNS = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
ROMAWI = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
GOLONGAN_PPPK = ROMAWI  # PPPK golongan I–XVII

GOLONGAN_CHOICES = [(g, f"{g} – {p}") for g, p in PANGKAT_PNS.items()] + [
    (g, f"{g} (PPPK)") for g in GOLONGAN_PPPK if g not in PANGKAT_PNS
]

_PNS_PATTERN = re.compile(r"^(IV|III|II|I|[1-4])[\s/\-._]*([A-E])$")
_ARABIC_TO_ROMAN = {str(i + 1): r for i, r in enumerate(ROMAWI)}


class GolonganError(ValueError):
    pass


def golongan_normalise(raw, *, status: str) -> str:
    """Canonical golongan for `status`: "III/b" for PNS, "IX" for PPPK; "" when blank."""
    text = re.sub(r"\s+", " ", str(raw or "")).strip().upper()
    if not text:
        return ""
    if status == "PNS":
        match = _PNS_PATTERN.match(text)
        if match:
            ruang = _ARABIC_TO_ROMAN.get(match.group(1), match.group(1))
            return f"{ruang}/{match.group(2).lower()}"
        raise GolonganError(
            f"Golongan PNS {raw!r} tidak dikenal; gunakan I/a sampai IV/e, misalnya III/b."
        )
    compact = text.replace(" ", "")
    compact = _ARABIC_TO_ROMAN.get(compact, compact)
    if compact in GOLONGAN_PPPK:
        return compact
    raise GolonganError(f"Golongan PPPK {raw!r} tidak dikenal; gunakan I sampai XVII.")


def pangkat(golongan: str) -> str:
    return PANGKAT_PNS.get(golongan, "")
