"""Spreadsheet helpers shared by every export (kernel: imports neither app)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, made literal with a leading apostrophe: for
    CSV, which has no cell types.

    CSV injection: "=HYPERLINK(...)" typed into a name field must not execute when an officer opens
    the export. Non-text values pass through unchanged. The roster import strips the apostrophe
    again (evaluasi.services.roster_import.records). XLSX cells use `xlsx_literal` instead.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_literal(cell):
    """An openpyxl cell (also a write-only one) whose text looks like a formula, made a text
    cell: string type (never a formula) with Excel's quotePrefix, so "=X" shows as =X, without a
    visible apostrophe, and stays text when edited. Other cells are returned unchanged."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_table(title: str, headers: list[str], rows, widths: dict[str, int] | None = None) -> bytes:
    """One sheet with a bold header row; every text cell made formula-safe (`xlsx_literal`)."""

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            xlsx_literal(cell)
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
