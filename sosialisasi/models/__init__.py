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
    MateriWorkshop,
    ModeWorkshop,
    Narasumber,
    Pendaftaran,
    SebabPromosi,
    StatusPendaftaran,
    WorkshopIndexPage,
    WorkshopPage,
)

__all__ = [
    "MateriWorkshop",
    "FormulirField",
    "FormulirPage",
    "ModeWorkshop",
    "Narasumber",
    "Pendaftaran",
    "SebabPromosi",
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
