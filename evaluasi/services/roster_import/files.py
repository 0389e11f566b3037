"""Reading an uploaded roster file safely: refuse bad files early, then read rows fast.

python-calamine (Rust) reads .xlsx and .xls about 20x faster than openpyxl; csv is read with the
standard library. Nothing here touches the database.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from .columns import (
    CHOICES_SHEET,
    PEGAWAI_SHEET,
    REQUIRED,
    UNIT_SHEET,
    detect_kind,
    header_key,
    match_headers,
)
from .errors import FileRefused
from .limits import ImportLimits
from .mapping import (
    MappingLookup,
    MappingNeeded,
    SheetColumns,
    header_row_guess,
    mapping_needed_message,
    sheet_columns,
)
from .prepass import xlsx_rows_refuse
from .siasn import SOURCE as SIASN_SOURCE
from .siasn import siasn_header

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARKER = "EncryptedPackage".encode("utf-16-le")
HEADER_SEARCH_ROWS = 10
EXTENSIONS = {".xlsx", ".xls", ".csv"}


@dataclass
class SheetRows:
    """The data rows of one recognised sheet, with the column index of each known field."""

    kind: str  # UNIT_SHEET or PEGAWAI_SHEET
    name: str  # as in the file
    columns: dict[str, int]
    rows: list[tuple[int, list]]  # (Excel row number, cells)
    # "templat" (our columns) or "siasn" (a SIASN export: records.py interprets SIASN's values)
    source: str = "templat"
    pemetaan: str = ""  # the saved column mapping (PemetaanKolom) that read it, if any


@dataclass
class ReadResult:
    """The recognised sheets of a roster file, and warnings (e.g. sheets or columns ignored)."""

    sheets: list[SheetRows] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Only when read with saved mappings (roster_file_read's `mappings`), each sheet as the
    # mapping step shows it: sheets that must be mapped (named 'Pegawai'/'Unit Kerja' but with
    # unrecognised headers, or recognised but lacking a required column while holding unknown
    # columns), other sheets with unrecognised headers (offered when no sheet is recognised), and
    # sheets read through a saved mapping.
    to_map: list[SheetColumns] = field(default_factory=list)
    unrecognised: list[SheetColumns] = field(default_factory=list)
    mapped: list[SheetColumns] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets)


def _refuse_by_content(path: Path, extension: str, limits: ImportLimits) -> None:
    size = path.stat().st_size
    if size == 0:
        raise FileRefused("Berkas kosong.")
    if size > limits.max_bytes:
        raise FileRefused(
            f"Berkas terlalu besar ({size / 1_048_576:.1f} MB); batasnya "
            f"{limits.max_bytes / 1_048_576:.0f} MB. Pecah berkas menjadi beberapa bagian."
        )
    with path.open("rb") as handle:
        head = handle.read(8)

    if extension == ".xlsx":
        if head.startswith(OLE_MAGIC):
            if ENCRYPTED_MARKER in path.read_bytes():
                raise FileRefused(
                    "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                    "(File › Info › Protect Workbook), simpan, lalu unggah lagi."
                )
            raise FileRefused(
                "Berkas berekstensi .xlsx tetapi isinya format Excel lama (.xls). "
                "Simpan ulang sebagai .xlsx atau ganti ekstensinya menjadi .xls."
            )
        if not head.startswith(ZIP_MAGIC):
            raise FileRefused(
                "Berkas bukan berkas Excel .xlsx yang sah meskipun ekstensinya .xlsx."
            )
        _refuse_zip_bomb(path, size, limits)
    elif extension == ".xls" and not head.startswith(OLE_MAGIC):
        raise FileRefused(
            "Berkas bukan berkas Excel 97–2003 (.xls) yang sah meskipun ekstensinya .xls."
        )
    elif extension == ".csv" and (
        head.startswith((ZIP_MAGIC, OLE_MAGIC)) or b"\x00" in path.read_bytes()[:8192]
    ):
        raise FileRefused(
            "Berkas berekstensi .csv tetapi isinya bukan teks. Simpan sebagai CSV dari Excel."
        )


def _refuse_zip_bomb(path: Path, size: int, limits: ImportLimits) -> None:
    """Check the archive's declared sizes before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRefused("Berkas .xlsx rusak dan tidak dapat dibuka.") from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise FileRefused("Berkas .xlsx ini bukan buku kerja Excel (xl/workbook.xml tidak ada).")
    declared = sum(entry.file_size for entry in entries)
    if declared > limits.max_uncompressed_bytes or declared > size * limits.max_expansion_ratio:
        raise FileRefused(
            f"Isi berkas mengembang menjadi {declared / 1_048_576:.0f} MB dari "
            f"{size / 1_048_576:.1f} MB; berkas ini tidak wajar dan ditolak demi keamanan."
        )


def _has_value(cells: list) -> bool:
    """Whether a row holds anything but empty cells and spaces."""
    first = cells[0] if cells else None
    if type(first) is str and first and not first.isspace():
        return True  # the common case, decided without looking further: a NIP or a kode first
    return any(
        cell not in ("", None) and not (type(cell) is str and cell.isspace()) for cell in cells
    )


def _sheet_from_rows(
    name: str,
    rows,
    kind_hint: str | None,
    result: ReadResult,
    limits,
    mappings: MappingLookup | None = None,
) -> None:
    """Find the header row, map its columns and keep the non-empty data rows."""
    header_index = None
    kind = None
    saved = None
    source = "templat"
    buffered = []
    iterator = iter(rows)
    for index, cells in enumerate(iterator):
        buffered.append(cells)
        siasn = siasn_header(cells)  # a SIASN export, whatever the sheet is called
        if siasn:
            (kind, columns), unknown, source = siasn, [], SIASN_SOURCE
            header_index = index
            break
        saved = mappings.match(cells) if mappings else None
        if saved:
            kind, columns, unknown, header_index = saved.kind, saved.columns(cells), [], index
            break
        kind = kind_hint or detect_kind(cells)
        if kind:
            columns, unknown = match_headers(kind, cells)
            if len(columns) >= 2:
                header_index = index
                break
        if index + 1 >= HEADER_SEARCH_ROWS:
            break
    if header_index is None and mappings is not None:
        guess = header_row_guess(buffered)
        if guess is not None:
            data = buffered[guess + 1 :] + _next_rows(iterator, HEADER_SEARCH_ROWS)
            (result.to_map if kind_hint else result.unrecognised).append(
                sheet_columns(name, buffered[guess], guess + 1, data, kind_hint=kind_hint)
            )
            return
    if header_index is None:
        if kind_hint:
            result.warnings.append(
                f"Sheet '{name}': baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} "
                "baris pertama; sheet dilewati."
            )
        return
    if mappings is not None and unknown and REQUIRED[kind] - columns.keys():
        header = buffered[header_index]
        data = _next_rows(iterator, HEADER_SEARCH_ROWS)
        result.to_map.append(sheet_columns(name, header, header_index + 1, data, kind_hint=kind))
        return
    if unknown:
        result.warnings.append(
            f"Sheet '{name}': kolom tidak dikenal diabaikan: {', '.join(unknown)}."
        )

    data: list[tuple[int, list]] = []
    for offset, cells in enumerate(iterator, start=header_index + 2):
        if not _has_value(cells):
            continue
        data.append((offset, cells))  # text is trimmed when a field is read
        if len(data) + result.row_count > limits.max_rows:
            raise FileRefused(
                f"Berkas berisi lebih dari {limits.max_rows:,} baris data; pecah menjadi "
                "beberapa berkas.".replace(",", ".")
            )
    result.sheets.append(
        SheetRows(
            kind=kind,
            name=name,
            columns=columns,
            rows=data,
            source=source,
            pemetaan=saved.name if saved else "",
        )
    )
    if saved:
        header = buffered[header_index]
        samples = [cells for _, cells in data[:HEADER_SEARCH_ROWS]]
        result.mapped.append(sheet_columns(name, header, header_index + 1, samples, saved=saved))


def _next_rows(iterator, count: int) -> list:
    rows = []
    for cells in iterator:
        rows.append(cells)
        if len(rows) >= count:
            break
    return rows


def _sheet_kind_by_name(name: str) -> str | None:
    key = header_key(name)
    if key in {"unitkerja", "unit", "units"}:
        return UNIT_SHEET
    if key in {"pegawai", "asn", "datapegawai"}:
        return PEGAWAI_SHEET
    return None


def _visible_sheets(workbook: CalamineWorkbook, result: ReadResult) -> list[str]:
    """The names of the sheets a person sees in Excel; hidden and very hidden sheets (an old copy,
    a list for dropdowns) are never read, and a warning names them, except our template's own
    list sheet."""
    visible, hidden = [], []
    for sheet in workbook.sheets_metadata:
        if sheet.visible == SheetVisibleEnum.Visible:
            visible.append(sheet.name)
        elif sheet.name != CHOICES_SHEET:
            hidden.append(sheet.name)
    if hidden:
        names = ", ".join(f"'{name}'" for name in hidden)
        result.warnings.append(
            f"Sheet tersembunyi diabaikan: {names}. Tampilkan sheet itu di Excel (klik kanan nama "
            "sheet › Unhide) bila isinya memang perlu diimpor."
        )
    return visible


def _read_workbook(
    path: Path, limits: ImportLimits, mappings: MappingLookup | None, *, zipped: bool
) -> ReadResult:
    result = ReadResult()
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken/encrypted files
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise FileRefused(
                "Berkas dilindungi kata sandi. Hapus kata sandinya lalu unggah lagi."
            ) from None
        raise FileRefused(
            "Berkas Excel tidak dapat dibaca (mungkin rusak). Buka di Excel, simpan ulang sebagai "
            ".xlsx, lalu unggah lagi."
        ) from None
    with workbook:
        names = _visible_sheets(workbook, result)
        if zipped:  # count each sheet's rows in its XML before python-calamine loads it whole
            xlsx_rows_refuse(
                path,
                names,
                limit=limits.max_rows + HEADER_SEARCH_ROWS,
                max_rows=limits.max_rows,
            )
        for name in names:
            hint = _sheet_kind_by_name(name)
            try:
                sheet = workbook.get_sheet_by_name(name)
            except Exception:  # noqa: BLE001 - report, don't crash, on one bad sheet
                raise FileRefused(
                    f"Sheet '{name}' tidak dapat dibaca. Salin isinya ke buku kerja baru atau "
                    "gunakan templat impor, lalu unggah lagi."
                ) from None
            # `height` counts rows that hold cells, not the declared <dimension>, so a sheet that
            # claims a million rows but holds a few hundred costs a few hundred.
            if sheet.height > limits.max_rows + HEADER_SEARCH_ROWS:
                raise FileRefused(
                    f"Sheet '{name}' berisi {sheet.height:,} baris; batasnya "
                    f"{limits.max_rows:,} baris.".replace(",", ".")
                )
            _sheet_from_rows(name, sheet.iter_rows(), hint, result, limits, mappings)
    return result


def _decode_csv(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_reader(path: Path):
    """Excel in Indonesian locale saves CSV with semicolons: pick the delimiter from line one."""
    text = _decode_csv(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _read_csv(path: Path, limits: ImportLimits, mappings: MappingLookup | None) -> ReadResult:
    result = ReadResult()
    _sheet_from_rows(path.name, _csv_reader(path), None, result, limits, mappings)
    if not result.sheets and not result.unrecognised and not result.to_map:
        raise FileRefused(
            "Judul kolom CSV tidak dikenali. Baris pertama harus berisi judul seperti "
            "'NIP, Nama, Status, Kode Unit' (pegawai) atau 'Kode Unit, Nama Unit, Jenis' (unit)."
        )
    return result


def roster_file_read(
    path: Path, *, filename: str, limits: ImportLimits, mappings: MappingLookup | None = None
) -> ReadResult:
    """Read the roster file at `path` (`filename`: the uploaded name, whose extension decides the
    format: .xlsx, .xls or .csv) into its recognised sheets, after the safety checks of `limits`
    (size in bytes, rows, cells, compression ratio; ImportLimits). Returns a ReadResult (the
    sheets with their Excel row numbers, and warnings).

    Raises FileRefused (an ActionRefused) for an unsupported format, a file refused by its
    content (empty, too large, encrypted, corrupt, a zip bomb, too many rows), or one without a
    recognised 'Unit Kerja' or 'Pegawai' sheet.

    With `mappings` (the saved column mappings, mapping.saved_mappings) a header row a saved
    mapping knows is read through it, and instead of refusing a file with no recognised sheet
    (or skipping a sheet named as a roster sheet whose headers are unknown, or reading a sheet
    that lacks a required column while holding unknown ones) it raises MappingNeeded (a
    FileRefused) carrying each sheet as the column-mapping step shows it."""
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise FileRefused("Format berkas tidak didukung. Gunakan .xlsx, .xls, atau .csv.")
    _refuse_by_content(path, extension, limits)
    if extension == ".csv":
        result = _read_csv(path, limits, mappings)
    else:
        result = _read_workbook(path, limits, mappings, zipped=extension == ".xlsx")
    pending = result.to_map + (result.unrecognised if not result.sheets else [])
    if pending:
        raise MappingNeeded(mapping_needed_message(pending), pending + result.mapped)
    if not result.sheets:
        raise FileRefused(
            "Tidak ada sheet 'Unit Kerja' atau 'Pegawai' dengan judul kolom yang dikenali. "
            "Gunakan templat impor."
        )
    return result


def table_rows(path: Path, *, filename: str, limits: ImportLimits) -> list[list]:
    """Every row of the first sheet (or the CSV), after the same safety checks as a roster file.

    For small single-table imports (e.g. extra rater assignments). Returns the rows as lists of
    cell values. Raises FileRefused as `roster_file_read` does, or for an unreadable workbook or
    more than `limits.max_rows` rows.
    """
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise FileRefused("Format berkas tidak didukung. Gunakan .xlsx, .xls, atau .csv.")
    _refuse_by_content(path, extension, limits)
    if extension == ".csv":
        rows = list(_csv_reader(path))
    else:
        try:
            with CalamineWorkbook.from_path(str(path)) as workbook:
                rows = workbook.get_sheet_by_index(0).to_python()
        except Exception:  # noqa: BLE001 - calamine's own error types for broken files
            raise FileRefused(
                "Berkas Excel tidak dapat dibaca (mungkin rusak). Simpan ulang sebagai .xlsx, "
                "lalu unggah lagi."
            ) from None
    if len(rows) > limits.max_rows:
        raise FileRefused(f"Berkas berisi lebih dari {limits.max_rows} baris.")
    return rows
