from .forms import FormulirField, FormulirPage
from .pages import (
    BeritaIndexPage,
    BeritaPage,
    DokumenIndexPage,
    FaqItem,
    FaqPage,
    PanduanPage,
    SosialisasiIndexPage,
)
from .workshop import (
    ModeWorkshop,
    Narasumber,
    Pendaftaran,
    StatusPendaftaran,
    WorkshopIndexPage,
    WorkshopPage,
)

__all__ = [
    "FormulirField",
    "FormulirPage",
    "ModeWorkshop",
    "Narasumber",
    "Pendaftaran",
    "StatusPendaftaran",
    "WorkshopIndexPage",
    "WorkshopPage",
    "BeritaIndexPage",
    "BeritaPage",
    "DokumenIndexPage",
    "FaqItem",
    "FaqPage",
    "PanduanPage",
    "SosialisasiIndexPage",
]
