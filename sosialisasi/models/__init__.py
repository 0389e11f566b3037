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
    registrations_owned_q,
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
    "registrations_owned_q",
    "BeritaIndexPage",
    "BeritaPage",
    "DokumenIndexPage",
    "FaqItem",
    "FaqPage",
    "PanduanPage",
    "SosialisasiIndexPage",
]
