"""Check-in: marking attendance gives the registrant a certificate verification code."""

import secrets

from django.db import transaction
from django.utils import timezone

from cms.errors import ActionRefused
from sosialisasi.models import Pendaftaran, StatusPendaftaran


class AttendanceRefused(ActionRefused):
    """Marking attendance is refused; the message is shown to the admin as is."""


def certificate_code() -> str:
    """A new random certificate verification code: 12 uppercase hex digits as XXXX-XXXX-XXXX."""
    raw = secrets.token_hex(6).upper()
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def attendance_mark(*, pendaftaran_id: int, hadir: bool = True) -> Pendaftaran:
    """Mark registration `pendaftaran_id` present (`hadir` True: time and certificate code kept from
    the first marking, so it is idempotent) or not present (False: time cleared, the code kept).
    Returns the Pendaftaran.

    Raises AttendanceRefused when marking present a registration that is not confirmed;
    Pendaftaran.DoesNotExist for an unknown id."""
    pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran_id)
    if hadir and pendaftaran.status != StatusPendaftaran.TERKONFIRMASI:
        raise AttendanceRefused("Hanya peserta terkonfirmasi yang dapat ditandai hadir.")
    if hadir:
        if not pendaftaran.hadir:
            pendaftaran.hadir, pendaftaran.hadir_pada = True, timezone.now()
        pendaftaran.kode_sertifikat = pendaftaran.kode_sertifikat or certificate_code()
    else:
        pendaftaran.hadir, pendaftaran.hadir_pada = False, None
    pendaftaran.save(update_fields=["hadir", "hadir_pada", "kode_sertifikat", "diubah"])
    return pendaftaran
