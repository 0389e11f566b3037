"""The downloadable import template: headers, an example row, dropdowns and instructions.

Its columns are the importable columns of the roster resources (`evaluasi.resources`, through
`roster_import.columns`); formats and dropdowns are attached to a column by its field, wherever the
declaration puts it.
"""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from evaluasi.demo_roster import GURU_DEMO, demo_units
from evaluasi.golongan import GOLONGAN_PPPK, PANGKAT_PNS
from evaluasi.models import JenisJabatan, JenisUnit
from evaluasi.resources import TIDAK, YA
from evaluasi.services.roster_import.columns import (
    CHOICES_SHEET,
    PEGAWAI_COLUMNS,
    PEGAWAI_SHEET,
    REQUIRED,
    UNIT_COLUMNS,
    UNIT_SHEET,
)

HEADER_FILL = PatternFill("solid", fgColor="0B5D4B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_ROWS = 200_000

# The order of the demo's rows (evaluasi.demo_roster) and of the rows passed to
# roster_template_workbook: they are placed into the template's columns by field.
DEMO_UNIT_FIELDS = ("kode", "nama", "kode_induk", "jenis")
DEMO_PEGAWAI_FIELDS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "kode_unit",
    "nip_atasan",
    "email",
    "no_hp",
)
# Columns kept as text so Excel keeps every digit (and the leading 0 of a phone number).
TEXT_FIELDS = {"nip", "nip_atasan", "no_hp", "kepala_nip", "pns_id"}

# The example rows are the demo guru and her school, so the template imports cleanly into the demo.
EXAMPLE_UNIT = next(row for row in demo_units() if row[0] == GURU_DEMO[8])
EXAMPLE_PEGAWAI = GURU_DEMO

INSTRUCTIONS = [
    "PETUNJUK PENGISIAN TEMPLAT IMPOR ROSTER",
    "",
    "1. Isi sheet 'Unit Kerja' lebih dulu jika ada unit baru, lalu sheet 'Pegawai'.",
    "   Satu berkas boleh berisi kedua sheet atau salah satunya saja.",
    "2. Kolom bertanda * wajib diisi. Urutan kolom boleh berbeda; kolom lain diabaikan.",
    "3. NIP dan NIP Atasan harus 18 digit dan DIKETIK SEBAGAI TEKS. Kolom NIP di templat ini",
    "   sudah berformat Teks. Jika NIP tersimpan sebagai angka, Excel menghapus digit terakhirnya",
    "   dan baris tersebut akan ditolak.",
    "4. Status: PNS, CPNS atau PPPK. Golongan PNS: I/a sampai IV/e. Golongan PPPK: I sampai XVII.",
    "5. Jenis Jabatan: JPT, Administrator, Pengawas, Fungsional, atau Pelaksana.",
    "6. Kode Induk (unit) dan NIP Atasan (pegawai) boleh merujuk ke baris lain di berkas ini",
    "   atau ke data yang sudah ada di sistem.",
    "   Kepala Unit (sheet Unit Kerja) adalah NIP kepala unit. Pegawai tanpa NIP Atasan mendapat",
    "   atasan dari struktur: kepala unitnya, atau kepala unit induk terdekat jika unitnya tanpa",
    "   kepala atau ia sendiri kepalanya. Guru cukup diberi Kepala Unit pada sekolahnya.",
    "   NIP Atasan yang diisi berbeda dari atasan menurut struktur (atau diubah di formulir",
    "   admin) tetap dipakai pada impor berikutnya.",
    "7. Impor bersifat semua-atau-tidak-sama-sekali: jika satu baris salah, tidak ada yang",
    "   disimpan. Periksa pratinjau dan daftar kesalahan, perbaiki, lalu unggah lagi.",
    "8. Mengunggah berkas yang sama dua kali aman: baris yang tidak berubah tidak ditulis ulang.",
    "9. Opsi 'sinkronisasi penuh' menonaktifkan (tidak menghapus) pegawai aktif di unit yang",
    "   diimpor yang tidak ada di berkas. Daftarnya ditampilkan di pratinjau sebelum disimpan.",
    "10. Aktif: Ya atau Tidak; kosong berarti Ya. Pegawai atau unit bertanda Tidak disimpan",
    "   sebagai nonaktif (tidak dihapus). No HP disimpan sebagai angka saja: +62 812-3456-7890",
    "   menjadi 081234567890.",
    "11. Berkas hasil unduhan daftar Unit kerja atau Pegawai (XLSX/CSV) dapat langsung diimpor",
    "   kembali; kolom bertanda '(tidak diimpor)' hanya informasi dan diabaikan.",
    "",
    "Hapus baris contoh sebelum mengunggah.",
]


def _letters(columns: dict) -> dict[str, str]:
    """field -> the template's column letter of that field."""
    return {field: get_column_letter(index) for index, field in enumerate(columns, start=1)}


def _sheet(workbook, title: str, columns: dict, required: set, rows, demo_fields) -> dict:
    """A data sheet: the header row, then `rows` (in `demo_fields` order) placed by field; the
    text columns formatted as Text. Returns the sheet and field -> column letter."""
    sheet = workbook.create_sheet(title)
    labels = [label + (" *" if field in required else "") for field, (label, _) in columns.items()]
    sheet.append(labels)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    letters = _letters(columns)
    for field, label in zip(columns, labels, strict=True):
        sheet.column_dimensions[letters[field]].width = max(14, len(label) + 4)
    text_columns = [index for index, field in enumerate(columns, start=1) if field in TEXT_FIELDS]
    for index in text_columns:
        sheet.column_dimensions[get_column_letter(index)].number_format = "@"
    # Row numbers are counted here: openpyxl's max_row scans every cell, quadratic on 60,000 rows.
    for number, row in enumerate(rows, start=2):
        values = dict(zip(demo_fields, row, strict=False))
        sheet.append([values.get(field, "") for field in columns])
        for index in text_columns:
            sheet.cell(row=number, column=index).number_format = "@"
    return sheet, letters


def _list_validation(sheet, column: str, source: str, prompt: str) -> None:
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = "Pilih salah satu nilai dari daftar."
    validation.errorTitle = "Nilai tidak dikenal"
    validation.prompt = prompt
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{MAX_ROWS}")


def roster_template_workbook(*, units=None, pegawai=None) -> Workbook:
    """A workbook ready to fill; `units`/`pegawai` rows (lists in DEMO_UNIT_FIELDS /
    DEMO_PEGAWAI_FIELDS order, as evaluasi.demo_roster builds them) replace the example rows.
    Columns the rows do not give (Aktif) are left empty, which imports as active."""
    workbook = Workbook()
    petunjuk = workbook.active
    petunjuk.title = "Petunjuk"
    for line in INSTRUCTIONS:
        petunjuk.append([line])
    petunjuk["A1"].font = Font(bold=True, size=14)
    petunjuk.column_dimensions["A"].width = 100

    pilihan = workbook.create_sheet(CHOICES_SHEET)
    golongan = list(PANGKAT_PNS) + GOLONGAN_PPPK
    for index, value in enumerate(golongan, start=1):
        pilihan.cell(row=index, column=1, value=value)
    pilihan.sheet_state = "hidden"

    aktif = f'"{YA},{TIDAK}"'
    unit_rows = units if units is not None else [[*EXAMPLE_UNIT, YA]]
    unit_sheet, letters = _sheet(
        workbook,
        UNIT_SHEET,
        UNIT_COLUMNS,
        REQUIRED[UNIT_SHEET],
        unit_rows,
        (*DEMO_UNIT_FIELDS, "aktif"),
    )
    jenis = ",".join(label for _, label in JenisUnit.choices)
    _list_validation(unit_sheet, letters["jenis"], f'"{jenis}"', "Jenis unit")
    _list_validation(unit_sheet, letters["aktif"], aktif, "Ya atau Tidak (kosong: Ya)")

    pegawai_rows = pegawai if pegawai is not None else [[*EXAMPLE_PEGAWAI, YA]]
    pegawai_sheet, letters = _sheet(
        workbook,
        PEGAWAI_SHEET,
        PEGAWAI_COLUMNS,
        REQUIRED[PEGAWAI_SHEET],
        pegawai_rows,
        (*DEMO_PEGAWAI_FIELDS, "aktif"),
    )
    _list_validation(pegawai_sheet, letters["status"], '"PNS,CPNS,PPPK"', "PNS, CPNS atau PPPK")
    _list_validation(
        pegawai_sheet,
        letters["golongan"],
        f"{CHOICES_SHEET}!$A$1:$A${len(golongan)}",
        "Golongan/ruang",
    )
    jabatan = ",".join(label for _, label in JenisJabatan.choices)
    _list_validation(pegawai_sheet, letters["jenis_jabatan"], f'"{jabatan}"', "Jenis jabatan")
    _list_validation(pegawai_sheet, letters["aktif"], aktif, "Ya atau Tidak (kosong: Ya)")
    return workbook
