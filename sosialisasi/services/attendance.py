"""Check-in: marking attendance gives the registrant a certificate verification code and emails
them their certificate link (once); an organiser's "release" emails every attendee not yet emailed.
"""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django_q.tasks import async_task

from cms.errors import ActionRefused
from sosialisasi.models import Pendaftaran, StatusPendaftaran
from sosialisasi.selectors import attendees_visible_to

from .registration_mail import certificate_mail_later, certificate_mail_send

CHECKIN_OPENS = timedelta(hours=2)  # before the start: attendees arrive and scan early


def checkin_opens_at(workshop) -> datetime:
    """When attendance may first be recorded for `workshop` (aware datetime)."""
    return workshop.mulai - CHECKIN_OPENS


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
    Marking present queues the certificate email on commit unless it was sent before (it goes
    out once per registration: `certificate_mail_send`). Returns the Pendaftaran.

    Raises AttendanceRefused when marking present a registration that is not confirmed, or
    before check-in opens (CHECKIN_OPENS before the start: a certificate carries the workshop's
    jam pelajaran, so it must not exist before the workshop does);
    Pendaftaran.DoesNotExist for an unknown id."""
    pendaftaran = (
        Pendaftaran.objects.select_for_update(of=("self",))
        .select_related("workshop")
        .get(pk=pendaftaran_id)
    )
    if hadir and pendaftaran.status != StatusPendaftaran.TERKONFIRMASI:
        raise AttendanceRefused("Hanya peserta terkonfirmasi yang dapat ditandai hadir.")
    opens = checkin_opens_at(pendaftaran.workshop)
    if hadir and timezone.now() < opens:
        raise AttendanceRefused(
            "Presensi baru dapat dicatat mulai "
            f"{date_format(timezone.localtime(opens), 'j F Y H.i')} WIB (dua jam sebelum workshop "
            "dimulai): kehadiran memberi sertifikat dan jam pelajaran."
        )
    if hadir:
        if not pendaftaran.hadir:
            pendaftaran.hadir, pendaftaran.hadir_pada = True, timezone.now()
        pendaftaran.kode_sertifikat = pendaftaran.kode_sertifikat or certificate_code()
    else:
        pendaftaran.hadir, pendaftaran.hadir_pada = False, None
    pendaftaran.save(update_fields=["hadir", "hadir_pada", "kode_sertifikat", "diubah"])
    if hadir and pendaftaran.sertifikat_dikirim is None:
        certificate_mail_later(pendaftaran.pk)
    return pendaftaran


def certificates_unsent(user, *, workshop_id: int):
    """Attendees of the workshop inside `user`'s scope (`attendees_visible_to`) whose certificate
    email has not gone out: whom `certificates_release` emails. A queryset of Pendaftaran."""
    return attendees_visible_to(user, workshop_id=workshop_id).filter(
        kode_sertifikat__isnull=False, sertifikat_dikirim__isnull=True
    )


def certificates_release_queue(*, workshop_id: int, user) -> None:
    """Queue `certificates_release` for the workshop and `user` as a background task.

    Args:
        workshop_id: the `WorkshopPage`'s primary key.
        user: the requesting account; the task reads the recipients through its scope as it runs.

    Returns:
        None.

    Raises:
        Nothing of its own.
    """
    async_task("sosialisasi.tasks.certificates_release_task", workshop_id, user.pk)


def certificates_release(*, workshop_id: int, user) -> int:
    """Email every attendee of the workshop inside `user`'s scope (Admin BKD: all; Admin OPD:
    their units' pegawai; anyone else: nobody) who has not had their certificate email yet
    (`certificates_unsent`), each at most once (`certificate_mail_send`). Returns how many were
    sent. Raises SMTP errors (the job is retried; those already sent are not sent again)."""
    sent = 0
    for pk in list(certificates_unsent(user, workshop_id=workshop_id).values_list("pk", flat=True)):
        sent += certificate_mail_send(pk)
    return sent
