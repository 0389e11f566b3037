"""Helpers shared by this package's tests: a visitor's registration, and places in the demo."""

from evaluasi.models import UnitKerja
from sosialisasi.services.registrations import registration_create

ONLINE_LINK = "https://meet.example.id/rahasia-peserta-xyz"  # every test workshop's private link
PAST = "sosialisasi-penilaian-kinerja-angkatan-1"  # the demo's workshop that has taken place


def visitor(n: int) -> dict:
    """Visitor n's form fields (no NIP): Tamu n, tamun@contoh.id."""
    return {
        "nama": f"Tamu {n}",
        "instansi": "Pemkab Lampung Selatan",
        "email": f"tamu{n}@contoh.id",
        "no_hp": "0812",
    }


def register(workshop, n, **extra):
    """Register visitor n (with `extra` fields) through the service."""
    return registration_create(workshop_id=workshop.pk, **(visitor(n) | extra))


def disdik_path():
    """The materialised path of the demo's Dinas Pendidikan (its Admin OPD's scope)."""
    return UnitKerja.objects.get(kode="DISDIK").path
