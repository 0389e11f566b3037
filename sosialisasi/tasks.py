"""django-q2 tasks: thin wrappers that take primary keys and call services."""

from django.contrib.auth import get_user_model

from sosialisasi.services.attendance import certificates_release
from sosialisasi.services.bulk_email import registrations_email
from sosialisasi.services.certificates import certificates_generate
from sosialisasi.services.materials import materials_announce
from sosialisasi.services.registration_mail import certificate_mail_send, registration_mail_send
from sosialisasi.services.registration_requests import registration_request_process
from sosialisasi.services.reminders import reminders_send


def registration_mail_task(pendaftaran_id: int, kind: str) -> None:
    registration_mail_send(pendaftaran_id, kind)


def certificate_mail_task(pendaftaran_id: int) -> bool:
    return certificate_mail_send(pendaftaran_id)


def _user(user_id: int):
    """The admin who queued the job, whose scope is read again as the job runs (None if gone)."""

    return get_user_model().objects.filter(pk=user_id).first()


def certificates_task(workshop_id: int, user_id: int) -> int:

    user = _user(user_id)
    return certificates_generate(workshop_id=workshop_id, user=user) if user else 0


def certificates_release_task(workshop_id: int, user_id: int) -> int:

    user = _user(user_id)
    return certificates_release(workshop_id=workshop_id, user=user) if user else 0


def reminders_task() -> int:

    return reminders_send()


def materials_task(workshop_id: int, user_id: int) -> int:

    user = _user(user_id)
    return materials_announce(workshop_id=workshop_id, user=user) if user else 0


def registrations_email_task(pendaftaran_ids: list[int], subject: str, body: str) -> int:

    return registrations_email(pendaftaran_ids=pendaftaran_ids, subject=subject, body=body)


def registration_request_task(workshop_id: int, data: dict) -> str:

    return registration_request_process(workshop_id=workshop_id, data=data)
