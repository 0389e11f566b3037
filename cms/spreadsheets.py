"""Spreadsheet helpers shared by every export (kernel: imports neither app)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, made literal with a leading apostrophe.

    CSV injection: "=HYPERLINK(...)" typed into a name field must not execute when an officer opens
    the export. Non-text values pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_table(title: str, headers: list[str], rows, widths: dict[str, int] | None = None) -> bytes:
    """One sheet with a bold header row; every text cell made formula-safe."""

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe(value) for value in row])
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
