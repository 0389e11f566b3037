"""Registration emails (HTML + text, Indonesian), each with the registrant's own status link, and
the certificate email (once per attendee, recorded in `Pendaftaran.sertifikat_dikirim`).

They are sent by a django-q2 job after the registration's transaction commits.
"""

import io

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_q.tasks import async_task

from sosialisasi.calendar import workshop_ics
from sosialisasi.models import Pendaftaran
from sosialisasi.registration_links import certificate_url, checkin_url, registration_url
from sosialisasi.selectors import waiting_position

from .certificates import verification_url

SUBJECTS = {
    "terkonfirmasi": "Pendaftaran terkonfirmasi: {judul}",
    "daftar_tunggu": "Anda masuk daftar tunggu: {judul}",
    "dipromosikan": "Kursi tersedia, pendaftaran Anda terkonfirmasi: {judul}",
    "dibatalkan": "Pendaftaran dibatalkan: {judul}",
    "pengingat": "Pengingat: {judul} segera dimulai",
    "materi": "Materi workshop tersedia: {judul}",
    "sertifikat": "Sertifikat Anda: {judul}",
}
WITH_CALENDAR = {"terkonfirmasi", "dipromosikan", "pengingat"}
# Kinds with their own templates (sosialisasi/email/<name>.txt and .html); the rest share
# "pendaftaran".
TEMPLATES = {"sertifikat": "sertifikat"}


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
    dipromosikan, dibatalkan, pengingat, materi, sertifikat) to registration `pendaftaran_id`: HTML
    and text, with the status link, the waiting position, the certificate's own link and
    verification address (used by "sertifikat"), and for kinds in WITH_CALENDAR the .ics file and
    the check-in QR code. Returns None. Raises Pendaftaran.DoesNotExist for an unknown id, and
    SMTP errors (retried). Sends every time it is called: `certificate_mail_send` is the
    once-only way to send "sertifikat"."""

    pendaftaran = Pendaftaran.objects.select_related("workshop").get(pk=pendaftaran_id)
    workshop = pendaftaran.workshop
    context = {
        "p": pendaftaran,
        "w": workshop,
        "kind": kind,
        "status_url": registration_url(pendaftaran, base_url=settings.WAGTAILADMIN_BASE_URL),
        "posisi": waiting_position(pendaftaran),
        "workshop_url": workshop.full_url,
        "sertifikat_url": certificate_url(pendaftaran, base_url=settings.WAGTAILADMIN_BASE_URL),
        "verifikasi_url": verification_url(pendaftaran.kode_sertifikat)
        if pendaftaran.kode_sertifikat
        else "",
    }
    template = f"sosialisasi/email/{TEMPLATES.get(kind, 'pendaftaran')}"
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(judul=workshop.title),
        body=render_to_string(f"{template}.txt", context),
        to=[pendaftaran.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if kind in WITH_CALENDAR:
        message.attach(
            "workshop.ics", workshop_ics([workshop], private_for=pendaftaran), "text/calendar"
        )
        message.attach("qr-presensi.png", _checkin_qr(pendaftaran), "image/png")
    message.send()


def certificate_mail_later(pendaftaran_id: int) -> None:
    """Queue the certificate email of registration `pendaftaran_id` once the current transaction
    commits (`certificate_mail_send` runs in the job and sends it at most once). Returns None."""
    transaction.on_commit(
        lambda: async_task("sosialisasi.tasks.certificate_mail_task", pendaftaran_id)
    )


def certificate_mail_send(pendaftaran_id: int) -> bool:
    """Email attendee `pendaftaran_id` their certificate link ("sertifikat") unless it was sent
    before: the row is claimed by setting `sertifikat_dikirim` in one UPDATE, so two jobs racing
    send one email. Returns True when this call sent it; False for someone not marked present
    (no certificate) or already emailed. A failed send releases the claim and re-raises, so the
    job's retry sends it. Raises SMTP errors."""
    claimed_at = timezone.now()
    claimed = Pendaftaran.objects.filter(
        pk=pendaftaran_id,
        hadir=True,
        kode_sertifikat__isnull=False,
        sertifikat_dikirim__isnull=True,
    ).update(sertifikat_dikirim=claimed_at)
    if not claimed:
        return False
    try:
        registration_mail_send(pendaftaran_id, "sertifikat")
    except Exception:
        Pendaftaran.objects.filter(pk=pendaftaran_id, sertifikat_dikirim=claimed_at).update(
            sertifikat_dikirim=None
        )
        raise
    return True
