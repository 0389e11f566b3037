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

# One golongan/ruang inside a longer text: "III/b", "III b", "IIIb", "3/b", not the "I" of "Tingkat I".
_PNS_TOKEN = re.compile(r"(?<![A-Z0-9])(IV|III|II|I|[1-4])\s*[/\-._]?\s*([A-E])(?![A-Z0-9])")
# Words that only introduce the value: "Gol. III/a", "Golongan Ruang III/a", "Pangkat Penata".
_PREFIX_WORDS = re.compile(r"\b(?:GOLONGAN|GOL|RUANG|PANGKAT)\b")
_PUNCTUATION = re.compile(r"[^A-Z0-9 ]+")
_ARABIC_TO_ROMAN = {str(i + 1): r for i, r in enumerate(ROMAWI)}
# Pangkat name (upper case, single spaces) -> golongan; "Tk. I" is read as "Tingkat I".
_GOLONGAN_BY_PANGKAT = {name.upper(): gol for gol, name in PANGKAT_PNS.items()}


class GolonganError(ValueError):
    pass


def _words(text: str) -> str:
    """Upper-case words without punctuation or prefix words ("Gol.", "Golongan", "Ruang")."""
    text = _PUNCTUATION.sub(" ", text)
    text = _PREFIX_WORDS.sub(" ", text)
    text = re.sub(r"\bTK\b", "TINGKAT", text)
    return " ".join(text.split())


def _pns_golongan(raw, text: str) -> str:
    """The one golongan a PNS text names, by golongan/ruang, by pangkat name, or both."""
    named: dict[str, str] = {}  # golongan -> how the text names it
    for match in _PNS_TOKEN.finditer(text):
        ruang = _ARABIC_TO_ROMAN.get(match.group(1), match.group(1))
        golongan = f"{ruang}/{match.group(2).lower()}"
        named.setdefault(golongan, golongan)
    rest = _words(_PNS_TOKEN.sub(" ", text))
    if rest:
        by_pangkat = _GOLONGAN_BY_PANGKAT.get(rest)
        if by_pangkat is None:
            raise GolonganError(
                f"Golongan PNS {raw!r} tidak dikenal; gunakan I/a sampai IV/e (misalnya III/b), "
                "boleh dengan nama pangkatnya (misalnya 'Penata Muda Tingkat I, III/b')."
            )
        named.setdefault(by_pangkat, f"{by_pangkat} ({PANGKAT_PNS[by_pangkat]})")
    if len(named) > 1:
        *first, last = named.values()
        listed = f"{', '.join(first)} dan {last}"
        raise GolonganError(
            f"Golongan {raw!r} menyebut lebih dari satu golongan: {listed}. "
            "Tulis satu golongan saja, misalnya III/b atau 'Penata Muda Tingkat I, III/b'."
        )
    if not named:
        raise GolonganError(
            f"Golongan PNS {raw!r} tidak dikenal; gunakan I/a sampai IV/e, misalnya III/b."
        )
    return next(iter(named))


def golongan_normalise(raw, *, status: str) -> str:
    """Canonical golongan for `status`: "III/b" for PNS, "IX" for PPPK; "" when blank.

    Accepts the ways people write it (docs/impor-roster.md, Values): "III b", "3/b", "Gol. III/a",
    "Golongan IX", and for PNS the pangkat with or instead of the golongan ("Penata Muda Tingkat I,
    III/b", "III/a - Penata Muda", "Pembina"; pangkat names per docs/aturan.md §4). Raises
    GolonganError (Indonesian message) for an unknown value, a pangkat for a PPPK, or a text that
    names two different golongan ("III/a Pembina")."""
    text = re.sub(r"\s+", " ", str(raw or "")).strip().upper()
    if not text:
        return ""
    if status == "PNS":
        return _pns_golongan(raw, text)
    compact = _words(text).replace(" ", "")
    compact = _ARABIC_TO_ROMAN.get(compact, compact)
    if compact in GOLONGAN_PPPK:
        return compact
    raise GolonganError(f"Golongan PPPK {raw!r} tidak dikenal; gunakan I sampai XVII.")


def pangkat(golongan: str) -> str:
    return PANGKAT_PNS.get(golongan, "")
