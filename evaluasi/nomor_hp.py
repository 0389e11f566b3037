"""Indonesian phone numbers (nomor HP) in their one stored form: digits, starting with 0.

People write "+62 812-3456-7890", "62812...", "(0812) 3456.7890" or, after a spreadsheet stored the
number as a number, "812..." without its 0. All of them are the same number: `081234567890`
(docs/impor-roster.md, "Ekspor dan impor ulang").
"""

import re

MIN_DIGITS, MAX_DIGITS = 8, 15
# Spaces, dashes, dots and brackets people group digits with, and the apostrophe a spreadsheet
# export puts in front of "+62..." so it is not read as a formula.
_GROUPING = re.compile(r"[\s\-().'’]")


class NomorHpError(ValueError):
    """A value that is not a phone number; the message is Indonesian and says what to fix."""


def nomor_hp_normalise(raw) -> str:
    """The canonical form of phone number `raw` (text, a number or None): digits only, the
    country code 62 (with or without "+") replaced by 0, and a 0 put back in front of a number
    that starts with 8 (a spreadsheet dropped it). "" for an empty value.

    Raises NomorHpError for anything else than 8–15 digits once the grouping is removed."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _GROUPING.sub("", str(raw if raw is not None else "").strip())
    if not text:
        return ""
    if text.startswith("+62"):
        text = "0" + text[3:]
    elif text.startswith("62") and len(text) >= 10:
        text = "0" + text[2:]
    elif text.startswith("8"):
        text = "0" + text
    if not (text.isascii() and text.isdigit()) or not MIN_DIGITS <= len(text) <= MAX_DIGITS:
        raise NomorHpError(
            f"Nomor HP {str(raw).strip()!r} tidak valid: tulis 8–15 angka, misalnya 081234567890 "
            "atau +62 812-3456-7890."
        )
    return text
