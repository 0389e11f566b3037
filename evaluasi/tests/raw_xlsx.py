"""Writing large .xlsx files for tests in seconds: the sheet XML goes straight into the zip.

openpyxl needs minutes and gigabytes for a million rows; this writes the few parts python-calamine
and the import's pre-pass read (workbook, relationships, one worksheet per sheet, inline strings).
"""

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{overrides}
</Types>"""
_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(value) -> str:
    if isinstance(value, (int, float)):
        return f"<c><v>{value}</v></c>"
    return f'<c t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _sheet_chunks(rows: Iterable[list], refs: bool, batch: int = 5000):
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    letters = [_column(i) for i in range(64)]
    parts = []
    for number, row in enumerate(rows, start=1):
        if refs:
            cells = "".join(
                f'<c r="{letters[i]}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
                for i, v in enumerate(row)
                if v not in ("", None)
            )
            parts.append(f'<row r="{number}">{cells}</row>')
        else:  # positions implied by order: every cell written, smaller and more compressible
            cells = "".join(_cell(v) for v in row)
            parts.append(f"<row>{cells}</row>")
        if len(parts) >= batch:
            yield "".join(parts).encode()
            parts = []
    yield "".join(parts).encode() + b"</sheetData></worksheet>"


def raw_xlsx_write(
    path: Path, sheets: list[tuple], *, compresslevel: int = 6, refs: bool = True
) -> Path:
    """Write `sheets` — (name, rows) or (name, rows, state) with state "hidden"/"veryHidden";
    rows: an iterable of lists of text or numbers (empty cells left out) — as an .xlsx at `path`. Without
    `refs` cells carry no "A1" reference (as some generators write them) and compress better."""
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as archive:
        entries, rels, overrides = [], [], []
        for number, (name, rows, *state) in enumerate(sheets, start=1):
            hidden = f' state="{state[0]}"' if state else ""
            entries.append(
                f'<sheet name={quoteattr(name)} sheetId="{number}"{hidden} r:id="rId{number}"/>'
            )
            rels.append(
                f'<Relationship Id="rId{number}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{number}.xml"/>'
            )
            overrides.append(
                f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="{_WORKSHEET_TYPE}"/>'
            )
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as part:
                for chunk in _sheet_chunks(rows, refs):
                    part.write(chunk)
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(overrides="".join(overrides)))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{_REL}"><sheets>{"".join(entries)}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{''.join(rels)}</Relationships>",
        )
    return path
