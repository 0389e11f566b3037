"""Telling attendees that a finished workshop's materials are online."""

from sosialisasi.models import Pendaftaran, StatusPendaftaran

from .registration_mail import registration_mail_send


def materials_announce(*, workshop_id: int) -> int:
    """Email every confirmed registrant (attended or not) of the workshop; returns how many."""
    recipients = Pendaftaran.objects.filter(
        workshop_id=workshop_id, status=StatusPendaftaran.TERKONFIRMASI
    )
    sent = 0
    for pk in recipients.values_list("pk", flat=True):
        registration_mail_send(pk, "materi")
        sent += 1
    return sent
