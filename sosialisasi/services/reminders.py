"""Reminder emails to confirmed registrants a few days before their workshop (daily job)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_q.models import Schedule

from sosialisasi.models import Pendaftaran, StatusPendaftaran

from .registration_mail import registration_mail_send

SCHEDULE_NAME = "Pengingat workshop"


def reminders_send(*, days_before: int | None = None, now=None) -> int:
    """Each confirmed registrant of a workshop starting within `days_before` days gets one reminder."""
    days_before = settings.WORKSHOP_REMINDER_DAYS if days_before is None else days_before
    now = now or timezone.now()
    due = Pendaftaran.objects.filter(
        status=StatusPendaftaran.TERKONFIRMASI,
        pengingat_terkirim__isnull=True,
        workshop__mulai__gt=now,
        workshop__mulai__lte=now + timedelta(days=days_before),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        registration_mail_send(pk, "pengingat")
        Pendaftaran.objects.filter(pk=pk).update(pengingat_terkirim=timezone.now())
        sent += 1
    return sent


def reminder_schedule_ensure() -> None:
    """The daily django-q2 schedule that runs the reminders (idempotent)."""

    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": "sosialisasi.tasks.reminders_task",
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
        },
    )
