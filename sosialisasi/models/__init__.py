from .pages import (
    BeritaIndexPage,
    BeritaPage,
    DokumenIndexPage,
    FaqItem,
    FaqPage,
    PanduanPage,
    SosialisasiIndexPage,
)

__all__ = [
    "BeritaIndexPage",
    "BeritaPage",
    "DokumenIndexPage",
    "FaqItem",
    "FaqPage",
    "PanduanPage",
    "SosialisasiIndexPage",
]
