from .impor import ImporRoster
from .instrumen import (
    MIN_ANONYMITY,
    Aspek,
    Hubungan,
    Instrumen,
    JenisPeriode,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
    PertanyaanTerbuka,
    RiwayatPeriode,
    SkalaPoin,
    StatusPeriode,
)
from .jawaban import AksesJawabanIndividual, Jawaban, JawabanTerbuka, PengingatPenilaian
from .roster import JenisJabatan, JenisUnit, LingkupAdmin, Pegawai, StatusKepegawaian, UnitKerja

__all__ = [
    "AksesJawabanIndividual",
    "Jawaban",
    "JawabanTerbuka",
    "PengingatPenilaian",
    "MIN_ANONYMITY",
    "Aspek",
    "Hubungan",
    "Instrumen",
    "JenisPeriode",
    "Penugasan",
    "PeriodePenilaian",
    "Pernyataan",
    "PertanyaanTerbuka",
    "RiwayatPeriode",
    "SkalaPoin",
    "StatusPeriode",
    "ImporRoster",
    "JenisJabatan",
    "JenisUnit",
    "LingkupAdmin",
    "Pegawai",
    "StatusKepegawaian",
    "UnitKerja",
]
