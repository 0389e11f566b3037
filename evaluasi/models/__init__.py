from .impor import ImporRoster
from .roster import JenisJabatan, JenisUnit, LingkupAdmin, Pegawai, StatusKepegawaian, UnitKerja

__all__ = [
    "ImporRoster",
    "JenisJabatan",
    "JenisUnit",
    "LingkupAdmin",
    "Pegawai",
    "StatusKepegawaian",
    "UnitKerja",
]
