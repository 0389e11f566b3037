"""Deterministic, realistic roster data for the demo workbook, tests and benchmarks.

Names are common Indonesian (and Lampung) names; NIPs follow docs/aturan.md §3 (valid birth date,
TMT CPNS after the 18th birthday, gender digit matching the name).
"""

import random
from datetime import date

NAMA_LAKI = [
    "Ahmad",
    "Budi",
    "Rahmat",
    "Hendra",
    "Agus",
    "Dedi",
    "Eko",
    "Fajar",
    "Gunawan",
    "Hadi",
    "Irwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rudi",
    "Sutrisno",
    "Taufik",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Arif",
    "Bayu",
    "Dian",
    "Firman",
    "Ilham",
    "Rizky",
    "Sigit",
    "Andi",
    "Hermawan",
    "Syahrial",
    "Iqbal",
    "Ridwan",
    "Slamet",
]
NAMA_PEREMPUAN = [
    "Siti",
    "Dewi",
    "Sri",
    "Rina",
    "Lestari",
    "Yuliana",
    "Wulan",
    "Nurhayati",
    "Fitri",
    "Ratna",
    "Indah",
    "Maya",
    "Novi",
    "Putri",
    "Ayu",
    "Desi",
    "Eka",
    "Hana",
    "Lina",
    "Rosmala",
    "Kartika",
    "Mega",
    "Nia",
    "Susanti",
    "Tuti",
    "Yeni",
    "Zahra",
    "Aisyah",
    "Anisa",
    "Rahmawati",
]
NAMA_BELAKANG = [
    "Saputra",
    "Pratama",
    "Hidayat",
    "Setiawan",
    "Wijaya",
    "Nugroho",
    "Santoso",
    "Gunawan",
    "Kusuma",
    "Rahman",
    "Hakim",
    "Syahputra",
    "Fauzi",
    "Permana",
    "Anggraini",
    "Sari",
    "Lestari",
    "Handayani",
    "Marlina",
    "Susilawati",
    "Puspita",
    "Ramadhan",
    "Firmansyah",
    "Hasibuan",
    "Pohan",
    "Siregar",
    "Aliyah",
    "Zulkarnain",
    "Efendi",
    "Yusuf",
]

GOLONGAN_BY_LEVEL = {
    "jpt": ["IV/c", "IV/d"],
    "administrator": ["III/d", "IV/a", "IV/b"],
    "pengawas": ["III/c", "III/d"],
    "fungsional": ["III/a", "III/b", "III/c", "III/d", "IV/a"],
    "pelaksana": ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"],
}


class RosterFaker:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.used_nips: set[str] = set()

    def person(self) -> tuple[str, int]:
        """(name, gender digit)."""
        if self.rng.random() < 0.5:
            first, gender = self.rng.choice(NAMA_LAKI), 1
        else:
            first, gender = self.rng.choice(NAMA_PEREMPUAN), 2
        return f"{first} {self.rng.choice(NAMA_BELAKANG)}", gender

    def nip(self, *, gender: int, pppk: bool = False, min_age: int = 25, max_age: int = 58) -> str:
        while True:
            year = 2026 - self.rng.randint(min_age, max_age)
            born = date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            if pppk:
                tmt_year, tmt_month = self.rng.randint(2021, 2025), self.rng.randint(1, 12)
            else:
                tmt_year = min(2024, born.year + self.rng.randint(22, 32))
                tmt_month = self.rng.choice([1, 3, 12])
            value = (
                f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}{self.rng.randint(1, 999):03d}"
            )
            if value not in self.used_nips:
                self.used_nips.add(value)
                return value

    def phone(self) -> str:
        return "08" + "".join(str(self.rng.randint(0, 9)) for _ in range(10))


def demo_units() -> list[list[str]]:
    """Kode Unit, Nama Unit, Kode Induk, Jenis."""
    return [
        ["PEMPROV", "Pemerintah Provinsi Lampung", "", "Pemerintah Daerah"],
        ["SETDA", "Sekretariat Daerah Provinsi Lampung", "PEMPROV", "OPD"],
        ["DISDIK", "Dinas Pendidikan dan Kebudayaan", "PEMPROV", "OPD"],
        ["DISDIK-SEK", "Sekretariat Dinas Pendidikan dan Kebudayaan", "DISDIK", "Bidang/Bagian"],
        ["DISDIK-SMA", "Bidang Pembinaan SMA", "DISDIK", "Bidang/Bagian"],
        ["DISDIK-SMK", "Bidang Pembinaan SMK", "DISDIK", "Bidang/Bagian"],
        ["SMAN2-BDL", "SMA Negeri 2 Bandar Lampung", "DISDIK-SMA", "Sekolah"],
        ["SMKN4-BDL", "SMK Negeri 4 Bandar Lampung", "DISDIK-SMK", "Sekolah"],
        ["BKD", "Badan Kepegawaian Daerah", "PEMPROV", "OPD"],
        ["BKD-PKA", "Bidang Penilaian Kinerja Aparatur dan Penghargaan", "BKD", "Bidang/Bagian"],
        ["BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "PEMPROV", "OPD"],
        ["DINKES", "Dinas Kesehatan", "PEMPROV", "OPD"],
        ["DINKES-LABKES", "UPTD Laboratorium Kesehatan Daerah", "DINKES", "UPTD"],
        ["DISKOMINFO", "Dinas Komunikasi, Informatika dan Statistik", "PEMPROV", "OPD"],
    ]


# Fixed people the README lists as demo accounts.
SEKDA = [
    "196805171994031002",
    "Fahrizal",
    "Dr. Ir.",
    "M.M.",
    "PNS",
    "IV/e",
    "Sekretaris Daerah",
    "JPT",
    "SETDA",
    "",
    "sekda@demo.lampungprov.go.id",
    "081100000001",
]
KEPALA_DISDIK = [
    "197003122000031004",
    "Sulpakar",
    "Drs.",
    "M.M.",
    "PNS",
    "IV/c",
    "Kepala Dinas Pendidikan dan Kebudayaan",
    "JPT",
    "DISDIK",
    SEKDA[0],
    "kadisdik@demo.lampungprov.go.id",
    "081100000002",
]
KEPALA_SMAN2 = [
    "197204151998031003",
    "Hermansyah",
    "",
    "S.Pd., M.Pd.",
    "PNS",
    "IV/b",
    "Kepala SMA Negeri 2 Bandar Lampung",
    "Fungsional",
    "SMAN2-BDL",
    "",
    "kepsek.sman2@demo.lampungprov.go.id",
    "081100000003",
]
GURU_DEMO = [
    "198503122010012005",
    "Rina Marlina",
    "",
    "S.Pd.",
    "PNS",
    "III/c",
    "Guru Ahli Muda",
    "Fungsional",
    "SMAN2-BDL",
    KEPALA_SMAN2[0],
    "rina.marlina@demo.lampungprov.go.id",
    "081100000004",
]
ADMIN_OPD_DISDIK = [
    "198807212012122001",
    "Dewi Anggraini",
    "",
    "S.Kom.",
    "PNS",
    "III/c",
    "Analis Sumber Daya Manusia Aparatur",
    "Fungsional",
    "DISDIK-SEK",
    "",
    "dewi.anggraini@demo.lampungprov.go.id",
    "081100000005",
]
ADMIN_BKD = [
    "199001102015031002",
    "Andi Saputra",
    "",
    "S.E.",
    "PNS",
    "III/b",
    "Analis Kinerja Aparatur",
    "Fungsional",
    "BKD-PKA",
    "",
    "andi.saputra@demo.lampungprov.go.id",
    "081100000006",
]


def demo_pegawai(seed: int = 2026) -> list[list[str]]:
    """About 200 pegawai with supervisors, in the column order of the import template."""
    fake = RosterFaker(seed)
    for fixed in (SEKDA, KEPALA_DISDIK, KEPALA_SMAN2, GURU_DEMO, ADMIN_OPD_DISDIK, ADMIN_BKD):
        fake.used_nips.add(fixed[0])
    rows = [SEKDA, KEPALA_DISDIK]

    def add(jabatan, jenis, unit, atasan, *, pppk=False, gelar="", level=None):
        nama, gender = fake.person()
        status = "PPPK" if pppk else "PNS"
        golongan = (
            fake.rng.choice(["IX", "X", "XI"])
            if pppk
            else fake.rng.choice(GOLONGAN_BY_LEVEL[level or jenis.lower()])
        )
        nip = fake.nip(gender=gender, pppk=pppk)
        email = f"{nama.lower().replace(' ', '.')}.{nip[-3:]}@demo.lampungprov.go.id"
        rows.append(
            [
                nip,
                nama,
                "",
                gelar,
                status,
                golongan,
                jabatan,
                jenis,
                unit,
                atasan,
                email,
                fake.phone(),
            ]
        )
        return nip

    def opd(kode, nama_opd, bidang, staff_per_bidang, atasan=SEKDA[0], kepala=None):
        kepala = kepala or add(f"Kepala {nama_opd}", "JPT", kode, atasan, gelar="M.Si.")
        for unit_kode, nama_bidang in bidang:
            kabid = add(
                f"Kepala {nama_bidang}", "Administrator", unit_kode, kepala, gelar="S.E., M.M."
            )
            for i in range(staff_per_bidang):
                fungsional = i % 3 == 0
                add(
                    "Analis Kebijakan" if fungsional else "Pengadministrasi Perkantoran",
                    "Fungsional" if fungsional else "Pelaksana",
                    unit_kode,
                    kabid,
                    pppk=i % 5 == 4,
                )
        return kepala

    opd(
        "DISDIK",
        "Dinas Pendidikan dan Kebudayaan",
        [("DISDIK-SMA", "Bidang Pembinaan SMA"), ("DISDIK-SMK", "Bidang Pembinaan SMK")],
        4,
        kepala=KEPALA_DISDIK[0],
    )
    sek_disdik = add(
        "Sekretaris Dinas Pendidikan dan Kebudayaan",
        "Administrator",
        "DISDIK-SEK",
        KEPALA_DISDIK[0],
        gelar="S.Sos., M.M.",
    )
    ADMIN_OPD_DISDIK[9] = sek_disdik
    rows.append(ADMIN_OPD_DISDIK)
    for _ in range(4):
        add("Pengelola Kepegawaian", "Pelaksana", "DISDIK-SEK", sek_disdik)

    kabid_sma = next(r[0] for r in rows if r[6] == "Kepala Bidang Pembinaan SMA")
    kabid_smk = next(r[0] for r in rows if r[6] == "Kepala Bidang Pembinaan SMK")
    KEPALA_SMAN2[9] = kabid_sma
    rows.append(KEPALA_SMAN2)
    rows.append(GURU_DEMO)
    mapel = [
        "Matematika",
        "Bahasa Indonesia",
        "Bahasa Inggris",
        "Fisika",
        "Kimia",
        "Biologi",
        "Sejarah",
        "Ekonomi",
        "Geografi",
        "Sosiologi",
        "PJOK",
        "Seni Budaya",
        "Informatika",
    ]
    for i in range(46):
        add(
            f"Guru {mapel[i % len(mapel)]}",
            "Fungsional",
            "SMAN2-BDL",
            KEPALA_SMAN2[0],
            pppk=i % 4 == 3,
            gelar="S.Pd.",
            level="fungsional",
        )
    kepsek_smk = add(
        "Kepala SMK Negeri 4 Bandar Lampung",
        "Fungsional",
        "SMKN4-BDL",
        kabid_smk,
        gelar="S.Pd., M.Pd.",
        level="fungsional",
    )
    kejuruan = [
        "Teknik Komputer dan Jaringan",
        "Akuntansi",
        "Otomatisasi Tata Kelola Perkantoran",
        "Multimedia",
        "Bahasa Indonesia",
        "Matematika",
    ]
    for i in range(34):
        add(
            f"Guru {kejuruan[i % len(kejuruan)]}",
            "Fungsional",
            "SMKN4-BDL",
            kepsek_smk,
            pppk=i % 3 == 2,
            gelar="S.Pd.",
            level="fungsional",
        )

    kepala_bkd = opd(
        "BKD",
        "Badan Kepegawaian Daerah",
        [("BKD-PKA", "Bidang Penilaian Kinerja Aparatur dan Penghargaan")],
        6,
    )
    kabid_pka = next(
        r[0] for r in rows if r[6] == "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan"
    )
    ADMIN_BKD[9] = kabid_pka
    rows.append(ADMIN_BKD)
    add("Sekretaris Badan Kepegawaian Daerah", "Administrator", "BKD", kepala_bkd, gelar="S.H.")
    opd(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        [("BAPPEDA", "Bidang Perencanaan Makro")],
        14,
    )
    kepala_dinkes = opd(
        "DINKES", "Dinas Kesehatan", [("DINKES-LABKES", "UPTD Laboratorium Kesehatan Daerah")], 12
    )
    for _ in range(8):
        add("Tenaga Kesehatan", "Fungsional", "DINKES", kepala_dinkes, pppk=True)
    opd(
        "DISKOMINFO",
        "Dinas Komunikasi, Informatika dan Statistik",
        [("DISKOMINFO", "Bidang Aplikasi Informatika")],
        12,
    )
    for _ in range(30):
        add("Pranata Komputer", "Fungsional", "SETDA", SEKDA[0])
    return rows
