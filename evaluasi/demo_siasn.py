"""A SIASN-style sample (Referensi UNOR + Data Utama) with fictional people, for the demo and tests.

`fixtures/roster/siasn-contoh.xlsx` is written from this module by
`python manage.py build_siasn_sample`; the import screen offers it for download. The layout is
SIASN's (upper-case headers, columns we do not import such as NIP_LAMA and TANGGAL_LAHIR, no
supervisor column): docs/impor-roster.md, "SIASN".
"""

from pathlib import Path

from django.conf import settings
from openpyxl import Workbook

SIASN_SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "roster" / "siasn-contoh.xlsx"

UNOR_SHEET = "Referensi UNOR"
DATA_UTAMA_SHEET = "Data Utama"
UNOR_HEADERS = [
    "ID",
    "INSTANSI_ID",
    "DIATASAN_ID",
    "ESELON_ID",
    "NAMA_UNOR",
    "NAMA_JABATAN",
    "PEMIMPIN_PNS_ID",
]
DATA_UTAMA_HEADERS = [
    "PNS_ID",
    "NIP_BARU",
    "NIP_LAMA",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "TANGGAL_LAHIR",
    "JENIS_KELAMIN",
    "JENIS_PEGAWAI_NAMA",
    "KEDUDUKAN_HUKUM_NAMA",
    "STATUS_CPNS_PNS",
    "GOL_AKHIR_NAMA",
    "JENIS_JABATAN_NAMA",
    "JABATAN_NAMA",
    "UNOR_ID",
    "UNOR_NAMA",
    "EMAIL",
    "NOMOR_HP",
]
INSTANSI = "A5EB03E2"
PNS = "PNS DAERAH PROVINSI"
STRUKTURAL, FUNGSIONAL, PELAKSANA = "Jabatan Struktural", "Jabatan Fungsional", "Jabatan Pelaksana"

# (ID, DIATASAN_ID, ESELON_ID, NAMA_UNOR, NAMA_JABATAN, PEMIMPIN_PNS_ID)
SAMPLE_UNOR = [
    ("9C1A0001", "", "21", "Dinas Pendidikan Contoh", "Kepala Dinas Pendidikan Contoh", "S0001"),
    ("9C1A0002", "9C1A0001", "31", "Sekretariat", "Sekretaris", "S0002"),
    (
        "9C1A0003",
        "9C1A0002",
        "42",
        "Subbagian Umum dan Kepegawaian",
        "Kepala Subbagian Umum dan Kepegawaian",
        "S0003",
    ),
    ("9C1A0004", "9C1A0001", "31", "Bidang Pembinaan SMA", "Kepala Bidang Pembinaan SMA", ""),
    (
        "9C1A0005",
        "9C1A0001",
        "41",
        "UPTD Balai Teknologi Informasi Pendidikan",
        "Kepala UPTD Balai Teknologi Informasi Pendidikan",
        "S0005",
    ),
    ("9C1A0006", "9C1A0001", "", "SMA Negeri 9 Contoh", "Kepala Sekolah", "S0006"),
]

# (PNS_ID, NIP_BARU, NAMA, GELAR_DEPAN, GELAR_BELAKANG, jenis kelamin, JENIS_PEGAWAI_NAMA,
#  KEDUDUKAN_HUKUM_NAMA, STATUS_CPNS_PNS, GOL_AKHIR_NAMA, JENIS_JABATAN_NAMA, JABATAN_NAMA, UNOR_ID)
SAMPLE_PEGAWAI = [
    (
        "S0001",
        "19680314 199403 1 001",
        "HARYANTO WIBISONO",
        "Dr.",
        "M.Pd.",
        "M",
        PNS,
        "Aktif",
        "P",
        "IV/c",
        STRUKTURAL,
        "Kepala Dinas Pendidikan Contoh",
        "9C1A0001",
    ),
    (
        "S0002",
        "19720821 199803 2 004",
        "ENDANG SUSILOWATI",
        "",
        "S.E., M.M.",
        "F",
        PNS,
        "Aktif",
        "P",
        "IV/b",
        STRUKTURAL,
        "Sekretaris",
        "9C1A0002",
    ),
    (
        "S0003",
        "19800509 200501 1 007",
        "MUHAMMAD FAUZAN",
        "",
        "S.Sos.",
        "M",
        PNS,
        "Aktif",
        "P",
        "III/d",
        STRUKTURAL,
        "Kepala Subbagian Umum dan Kepegawaian",
        "9C1A0003",
    ),
    (
        "S0004",
        "19850117 201001 2 012",
        "YULIA PERMATASARI",
        "",
        "S.Pd., M.Pd.",
        "F",
        PNS,
        "Aktif",
        "P",
        "III/c",
        FUNGSIONAL,
        "Analis Kebijakan Ahli Muda",
        "9C1A0004",
    ),
    (
        "S0005",
        "19790302 200312 1 003",
        "ANDRI SETIAWAN",
        "",
        "S.Kom., M.T.",
        "M",
        PNS,
        "Aktif",
        "P",
        "III/d",
        STRUKTURAL,
        "Kepala UPTD Balai Teknologi Informasi Pendidikan",
        "9C1A0005",
    ),
    (
        "S0006",
        "19750610 200003 2 002",
        "SRI WAHYUNINGSIH",
        "Dra.",
        "M.Pd.",
        "F",
        PNS,
        "Aktif",
        "P",
        "IV/a",
        FUNGSIONAL,
        "Guru Ahli Madya",
        "9C1A0006",
    ),
    (
        "S0007",
        "19860923 201101 1 005",
        "DONI KURNIAWAN",
        "",
        "S.Pd.",
        "M",
        PNS,
        "Aktif",
        "P",
        "III/c",
        FUNGSIONAL,
        "Guru Ahli Muda",
        "9C1A0006",
    ),
    (
        "S0008",
        "19930411 2022 21 2 008",
        "LISA ANGGRAINI",
        "",
        "S.Pd.",
        "F",
        "PPPK",
        "Aktif",
        "",
        "IX",
        FUNGSIONAL,
        "Guru Ahli Pertama",
        "9C1A0006",
    ),
    (
        "S0009",
        "19980715 202406 1 010",
        "RIZAL PRATAMA",
        "",
        "S.Pd.",
        "M",
        PNS,
        "Aktif",
        "C",
        "III/a",
        FUNGSIONAL,
        "Guru Ahli Pertama",
        "9C1A0006",
    ),
    (
        "S0010",
        "19900204 201503 2 006",
        "NURUL HIDAYAH",
        "",
        "",
        "F",
        PNS,
        "Aktif",
        "P",
        "II/c",
        PELAKSANA,
        "Pengadministrasi Perkantoran",
        "9C1A0003",
    ),
    (
        "S0011",
        "19770128 200212 1 004",
        "BAMBANG HERMANTO",
        "",
        "S.Pd.",
        "M",
        PNS,
        "CLTN",
        "P",
        "III/d",
        FUNGSIONAL,
        "Guru Ahli Muda",
        "9C1A0006",
    ),
    (
        "S0012",
        "19951218 2023 21 1 015",
        "FIKRI RAMADHAN",
        "",
        "S.Kom.",
        "M",
        "PPPK",
        "Aktif",
        "",
        "IX",
        FUNGSIONAL,
        "Pranata Komputer Ahli Pertama",
        "9C1A0005",
    ),
    (
        "S0013",
        "19911030 201903 2 009",
        "AYU LESTARI",
        "",
        "S.E.",
        "F",
        PNS,
        "Tugas Belajar",
        "P",
        "III/b",
        PELAKSANA,
        "Penata Kelola Sumber Daya Manusia Aparatur",
        "9C1A0002",
    ),
]


def _nip(text: str) -> str:
    return text.replace(" ", "")


def sample_rows() -> tuple[list[list], list[list]]:
    """(Referensi UNOR rows, Data Utama rows) of the sample, as lists in header order."""
    unor = [
        [kode, INSTANSI, induk, eselon, nama, jabatan, kepala]
        for kode, induk, eselon, nama, jabatan, kepala in SAMPLE_UNOR
    ]
    names = {row[0]: row[3] for row in SAMPLE_UNOR}
    pegawai = []
    for index, row in enumerate(SAMPLE_PEGAWAI, start=1):
        # The sample's rows leave out what follows from the NIP and the index.
        pns_id, nip, nama, depan, belakang, *posisi, unor_id = row
        nip = _nip(nip)
        born = f"{nip[6:8]}-{nip[4:6]}-{nip[0:4]}"
        slug = nama.split()[0].lower()
        pegawai.append(
            [
                pns_id,
                nip,
                "",
                nama,
                depan,
                belakang,
                born,
                *posisi,
                unor_id,
                names[unor_id],
                f"{slug}.{index}@contoh.go.id",
                f"0812000090{index:02d}",
            ]
        )
    return unor, pegawai


def siasn_workbook(unor_rows=None, pegawai_rows=None, *, lower_case: bool = False) -> Workbook:
    """A workbook laid out as SIASN exports it: sheet 'Referensi UNOR' (UNOR_HEADERS) and/or
    'Data Utama' (DATA_UTAMA_HEADERS), each only when its rows are given (lists in header order;
    None leaves the sheet out). `lower_case` writes the headers as API dumps do."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in (
        (UNOR_SHEET, UNOR_HEADERS, unor_rows),
        (DATA_UTAMA_SHEET, DATA_UTAMA_HEADERS, pegawai_rows),
    ):
        if rows is None:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append([header.lower() if lower_case else header for header in headers])
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.number_format = "@"  # SIASN writes every value as text (NIPs keep 18 digits)
    return workbook
