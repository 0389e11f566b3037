"""Counting an .xlsx sheet's rows by streaming its XML, before python-calamine loads it.

python-calamine holds a whole sheet in memory (tens of bytes per cell), so a 5 MB workbook whose
sheet XML expands to 200 MB costs most of a gigabyte once read. This pre-pass decompresses each
sheet's XML in 1 MB chunks, counts the closing row tags, and stops as soon as a sheet holds more
rows than the import allows (docs/impor-roster.md, Refused files): memory stays at one chunk.
"""

import html
import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from .errors import FileRefused

CHUNK = 1 << 20
ROOT_SEARCH = 1 << 16
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_ROOT = re.compile(rb"<(\w+:)?worksheet\b")


def _attributes(tag: bytes) -> dict[str, str]:
    """Attributes of one start tag by local name ("r:id" -> "id"), XML entities decoded."""
    return {
        name.decode().rpartition(":")[2]: html.unescape(value.decode("utf-8", "replace"))
        for name, value in _ATTRIBUTE.findall(tag)
    }


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the archive member holding its XML ("xl/worksheets/sheet1.xml"), from
    xl/workbook.xml and its relationships; {} when they cannot be read (the caller then checks
    every worksheet part). Both parts are a few kilobytes and parsed with a plain scan, so no XML
    entity or DTD is ever expanded."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join("xl", target))
        targets[attributes.get("Id")] = member
    parts = {}
    for tag in _SHEET.findall(workbook):
        attributes = _attributes(tag)
        member = targets.get(attributes.get("id"))
        if "name" in attributes and member:
            parts[attributes["name"]] = member
    return parts


def xml_rows_over(stream, limit: int) -> bool:
    """Whether the worksheet XML read from `stream` (a binary file object) holds more than `limit`
    rows; reads it in CHUNK pieces and stops at the first row over the limit. A row is counted by
    its closing tag, so the empty self-closing rows Excel writes for formatting are not."""
    head = b""  # enough of the start to see the root element and its namespace prefix
    while (root := _ROOT.search(head)) is None and len(head) < ROOT_SEARCH:
        more = stream.read(CHUNK)
        if not more:
            break
        head += more
    prefix = (root.group(1) or b"") if root else b""
    closing = b"</" + prefix + b"row>"
    keep = len(closing) - 1
    count = 0
    tail = b""
    chunk = head
    while chunk:
        window = tail + chunk
        count += window.count(closing)
        if count > limit:
            return True
        tail = window[-keep:]
        chunk = stream.read(CHUNK)
    return False


def xlsx_rows_refuse(path: Path, names: list[str], *, limit: int, max_rows: int) -> None:
    """Refuse the .xlsx at `path` when one of the sheets `names` holds more than `limit` rows
    (data rows allowed, `max_rows`, plus the rows above the header), before any sheet is loaded.

    Returns None. Raises FileRefused naming the sheet and the limit; a sheet that cannot be found
    in the archive is left to the reader (which refuses a broken workbook)."""
    with zipfile.ZipFile(path) as archive:
        parts = xlsx_sheet_parts(archive)
        if parts:
            checks = [(name, parts[name]) for name in names if name in parts]
        else:
            members = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/"))
            checks = [(posixpath.basename(n), n) for n in members if n.endswith(".xml")]
        for name, member in checks:
            try:
                with archive.open(member) as stream:
                    over = xml_rows_over(stream, limit)
            except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
                continue  # a broken part: python-calamine refuses the workbook with its message
            if over:
                raise FileRefused(
                    f"Sheet '{name}' berisi lebih dari {max_rows:,} baris data; batasnya "
                    f"{max_rows:,} baris per berkas. Pecah berkas menjadi beberapa bagian, lalu "
                    "unggah satu per satu.".replace(",", ".")
                )
