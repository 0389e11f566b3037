"""Invisible characters that text copied from web pages, PDFs and chat apps carries.

A NIP or a unit code pasted with a zero-width space looks right and still fails ("19 karakter"),
so every identifier and code of an import goes through `code_clean` before it is validated, and
every name through `text_clean` (docs/impor-roster.md, Values).
"""

# Zero-width space, non-joiner, joiner; word joiner; BOM (zero-width no-break space); soft hyphen.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# No-break space and narrow no-break space: a space in a name, noise in a code.
NO_BREAK_SPACES = "\u00a0\u202f"

_CODE_TABLE = str.maketrans("", "", ZERO_WIDTH + NO_BREAK_SPACES)
_TEXT_TABLE = str.maketrans({**dict.fromkeys(ZERO_WIDTH), **dict.fromkeys(NO_BREAK_SPACES, " ")})


def code_clean(text: str) -> str:
    """`text` (an identifier or code: NIP, kode unit, email, phone) without any invisible
    character (ZERO_WIDTH and NO_BREAK_SPACES, wherever they are) and trimmed."""
    if text.isascii():  # the common case: nothing to remove
        return text.strip()
    return text.translate(_CODE_TABLE).strip()


def text_clean(text: str) -> str:
    """`text` (a name, a jabatan) with no-break spaces made ordinary spaces, zero-width characters
    removed, runs of spaces kept as typed, and trimmed."""
    if text.isascii():
        return text.strip()
    return text.translate(_TEXT_TABLE).strip()
