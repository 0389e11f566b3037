"""django-q2 tasks for site-wide concerns. Tasks stay thin and take plain values, never models."""

from django.db import connection
from django.utils import timezone

from cms.accounts.services import activation_links_send, activation_request, password_reset_send
from cms.notifications import notification_mail_send


def queue_ping(token: str) -> dict:
    """Round-trip check for the job queue: proves a worker ran code against our database."""
    return {"token": token, "database": connection.vendor, "at": timezone.now().isoformat()}


def activation_links_task(pegawai_ids: list[int], base_url: str) -> int:

    return activation_links_send(pegawai_ids=pegawai_ids, base_url=base_url)


def activation_request_task(nip: str, email: str) -> bool:

    return activation_request(nip=nip, email=email)


def password_reset_task(email: str, form_class: str, templates: dict) -> None:

    password_reset_send(email=email, form_class=form_class, **templates)


def notification_mail_task(pemberitahuan_id: int) -> bool:

    return notification_mail_send(pemberitahuan_id)
