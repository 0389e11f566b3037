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


def started(workshop, *, minutes: int = 30):
    """Move `workshop` (a WorkshopPage) to have begun `minutes` ago, ending no sooner than two hours
    from now: attendance (and so a certificate) can only be recorded once a workshop is under way.
    Returns the workshop, reloaded."""
    from datetime import timedelta

    from django.utils import timezone

    from sosialisasi.models import WorkshopPage

    now = timezone.now()
    begins = min(workshop.mulai, now - timedelta(minutes=minutes))
    ends = max(workshop.selesai, now + timedelta(hours=2))
    WorkshopPage.objects.filter(pk=workshop.pk).update(mulai=begins, selesai=ends)
    return WorkshopPage.objects.get(pk=workshop.pk)
