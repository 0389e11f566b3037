"""Registration emails (HTML + text, Indonesian), each with the registrant's own status link.

They are sent by a django-q2 job after the registration's transaction commits.
"""

import io

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django_q.tasks import async_task

from sosialisasi.calendar import workshop_ics
from sosialisasi.models import Pendaftaran
from sosialisasi.registration_links import checkin_url, registration_url
from sosialisasi.selectors import waiting_position

SUBJECTS = {
    "terkonfirmasi": "Pendaftaran terkonfirmasi: {judul}",
    "daftar_tunggu": "Anda masuk daftar tunggu: {judul}",
    "dipromosikan": "Kursi tersedia, pendaftaran Anda terkonfirmasi: {judul}",
    "dibatalkan": "Pendaftaran dibatalkan: {judul}",
    "pengingat": "Pengingat: {judul} segera dimulai",
    "materi": "Materi workshop tersedia: {judul}",
}
WITH_CALENDAR = {"terkonfirmasi", "dipromosikan", "pengingat"}


def _checkin_qr(pendaftaran) -> bytes:

    buffer = io.BytesIO()
    segno.make(checkin_url(pendaftaran, base_url=settings.WAGTAILADMIN_BASE_URL), error="m").save(
        buffer, kind="png", scale=8, border=2
    )
    return buffer.getvalue()


def registration_mail_later(pendaftaran_id: int, kind: str) -> None:
    """Queue the registration email `kind` (a key of SUBJECTS) for registration `pendaftaran_id`
    once the current transaction commits (nothing is sent for a rolled-back registration).
    Returns None."""
    transaction.on_commit(
        lambda: async_task("sosialisasi.tasks.registration_mail_task", pendaftaran_id, kind)
    )


def registration_mail_send(pendaftaran_id: int, kind: str) -> None:
    """Send the registration email `kind` (a key of SUBJECTS: terkonfirmasi, daftar_tunggu,
    dipromosikan, dibatalkan, pengingat, materi) to registration `pendaftaran_id`: HTML and text,
    with the status link, the waiting position, and for kinds in WITH_CALENDAR the .ics file and
    the check-in QR code. Returns None. Raises Pendaftaran.DoesNotExist for an unknown id, and
    SMTP errors (retried)."""

    pendaftaran = Pendaftaran.objects.select_related("workshop").get(pk=pendaftaran_id)
    workshop = pendaftaran.workshop
    context = {
        "p": pendaftaran,
        "w": workshop,
        "kind": kind,
        "status_url": registration_url(pendaftaran, base_url=settings.WAGTAILADMIN_BASE_URL),
        "posisi": waiting_position(pendaftaran),
        "workshop_url": workshop.full_url,
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(judul=workshop.title),
        body=render_to_string("sosialisasi/email/pendaftaran.txt", context),
        to=[pendaftaran.email],
    )
    message.attach_alternative(
        render_to_string("sosialisasi/email/pendaftaran.html", context), "text/html"
    )
    if kind in WITH_CALENDAR:
        message.attach(
            "workshop.ics", workshop_ics([workshop], private_for=pendaftaran), "text/calendar"
        )
        message.attach("qr-presensi.png", _checkin_qr(pendaftaran), "image/png")
    message.send()
