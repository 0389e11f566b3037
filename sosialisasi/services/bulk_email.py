"""A custom message from the organisers to selected registrants (sent by a background job)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_q.tasks import async_task

from sosialisasi.models import Pendaftaran
from sosialisasi.registration_links import registration_url


def registrations_email_queue(*, pendaftaran_ids: list[int], subject: str, body: str) -> None:
    """Queue a custom email from the organisers to the chosen registrants, as a background task.

    Args:
        pendaftaran_ids: primary keys of the `Pendaftaran` rows to write to (the caller passes
            only rows it may see).
        subject: the email's subject line.
        body: the message text, sent as plain text.

    Returns:
        None; the task runs `registrations_email`.

    Raises:
        Nothing of its own.
    """
    async_task("sosialisasi.tasks.registrations_email_task", pendaftaran_ids, subject, body)


def registrations_email(*, pendaftaran_ids: list[int], subject: str, body: str) -> int:
    """Send the admin's message (`subject`, `body`: plain text) to each registration
    `pendaftaran_ids`, addressed by name and followed by the registrant's own status link; one
    email per registration (unknown ids are skipped). Returns the number sent; raises SMTP errors
    (the task is retried)."""
    sent = 0
    for pendaftaran in Pendaftaran.objects.filter(pk__in=pendaftaran_ids).select_related(
        "workshop"
    ):
        link = registration_url(pendaftaran, base_url=settings.WAGTAILADMIN_BASE_URL)
        text = f"Yth. {pendaftaran.nama},\n\n{body}\n\nStatus pendaftaran Anda: {link}\n\nPanitia {pendaftaran.workshop.title}"
        EmailMessage(subject=subject, body=text, to=[pendaftaran.email]).send()
        sent += 1
    return sent
