"""The downloadable import template: headers, an example row, dropdowns and instructions."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from evaluasi.demo_roster import GURU_DEMO, demo_units
from evaluasi.golongan import GOLONGAN_PPPK, PANGKAT_PNS
from evaluasi.models import JenisJabatan, JenisUnit
from evaluasi.services.roster_import.columns import (
    PEGAWAI_COLUMNS,
    PEGAWAI_SHEET,
    REQUIRED,
    UNIT_COLUMNS,
    UNIT_SHEET,
)

HEADER_FILL = PatternFill("solid", fgColor="0B5D4B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_ROWS = 200_000

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
    "4. Status: PNS atau PPPK. Golongan PNS: I/a sampai IV/e. Golongan PPPK: I sampai XVII.",
    "5. Jenis Jabatan: JPT, Administrator, Pengawas, Fungsional, atau Pelaksana.",
    "6. Kode Induk (unit) dan NIP Atasan (pegawai) boleh merujuk ke baris lain di berkas ini",
    "   atau ke data yang sudah ada di sistem.",
    "   Kepala Unit (sheet Unit Kerja) adalah NIP kepala unit. Pegawai tanpa NIP Atasan mendapat",
    "   atasan dari struktur: kepala unitnya, atau kepala unit induk terdekat jika unitnya tanpa",
    "   kepala atau ia sendiri kepalanya. Guru cukup diberi Kepala Unit pada sekolahnya.",
    "   NIP Atasan yang diisi (atau diubah di formulir admin) tetap dipakai pada impor berikutnya.",
    "7. Impor bersifat semua-atau-tidak-sama-sekali: jika satu baris salah, tidak ada yang",
    "   disimpan. Periksa pratinjau dan daftar kesalahan, perbaiki, lalu unggah lagi.",
    "8. Mengunggah berkas yang sama dua kali aman: baris yang tidak berubah tidak ditulis ulang.",
    "9. Opsi 'sinkronisasi penuh' menonaktifkan (tidak menghapus) pegawai aktif di unit yang",
    "   diimpor yang tidak ada di berkas. Daftarnya ditampilkan di pratinjau sebelum disimpan.",
    "",
    "Hapus baris contoh sebelum mengunggah.",
]


def _header_row(sheet, columns: dict, required: set) -> None:
    labels = [label + (" *" if field in required else "") for field, (label, _) in columns.items()]
    sheet.append(labels)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    for index, label in enumerate(labels):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(14, len(label) + 4)


def _list_validation(sheet, column: str, source: str, prompt: str) -> None:
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = "Pilih salah satu nilai dari daftar."
    validation.errorTitle = "Nilai tidak dikenal"
    validation.prompt = prompt
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{MAX_ROWS}")


def roster_template_workbook(*, units=None, pegawai=None) -> Workbook:
    """A workbook ready to fill; `units`/`pegawai` rows replace the example rows (demo data)."""
    workbook = Workbook()
    petunjuk = workbook.active
    petunjuk.title = "Petunjuk"
    for line in INSTRUCTIONS:
        petunjuk.append([line])
    petunjuk["A1"].font = Font(bold=True, size=14)
    petunjuk.column_dimensions["A"].width = 100

    pilihan = workbook.create_sheet("Pilihan")
    golongan = list(PANGKAT_PNS) + GOLONGAN_PPPK
    for index, value in enumerate(golongan, start=1):
        pilihan.cell(row=index, column=1, value=value)
    pilihan.sheet_state = "hidden"

    unit_sheet = workbook.create_sheet(UNIT_SHEET)
    _header_row(unit_sheet, UNIT_COLUMNS, REQUIRED[UNIT_SHEET])
    for row in units if units is not None else [EXAMPLE_UNIT]:
        unit_sheet.append(row)
    unit_sheet.column_dimensions["E"].number_format = "@"  # Kepala Unit: a NIP, kept as text
    jenis = ",".join(label for _, label in JenisUnit.choices)
    _list_validation(unit_sheet, "D", f'"{jenis}"', "Jenis unit")

    pegawai_sheet = workbook.create_sheet(PEGAWAI_SHEET)
    _header_row(pegawai_sheet, PEGAWAI_COLUMNS, REQUIRED[PEGAWAI_SHEET])
    for column in ("A", "J", "L"):  # NIP, NIP Atasan, No HP as text so Excel keeps every digit
        pegawai_sheet.column_dimensions[column].number_format = "@"
    for index, row in enumerate(pegawai if pegawai is not None else [EXAMPLE_PEGAWAI], start=2):
        pegawai_sheet.append(row)
        for column in (1, 10, 12):
            pegawai_sheet.cell(row=index, column=column).number_format = "@"
    _list_validation(pegawai_sheet, "E", '"PNS,PPPK"', "PNS atau PPPK")
    _list_validation(pegawai_sheet, "F", f"Pilihan!$A$1:$A${len(golongan)}", "Golongan/ruang")
    jabatan = ",".join(label for _, label in JenisJabatan.choices)
    _list_validation(pegawai_sheet, "H", f'"{jabatan}"', "Jenis jabatan")
    return workbook
