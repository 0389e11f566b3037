"""Spreadsheet helpers shared by every export (kernel: imports neither app)."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, made literal with a leading apostrophe.

    CSV injection: "=HYPERLINK(...)" typed into a name field must not execute when an officer opens
    the export. Non-text values pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
