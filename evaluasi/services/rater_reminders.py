"""Reminder emails to raters with unfinished assignments in open periods.

Cadence and cap are per period (`pengingat_setiap_hari`, `maks_pengingat`); nobody is reminded once
all their assignments are submitted. The daily django-q2 schedule calls `rater_reminders_send()`;
the completion screen's "send now" calls it with `force=True` (ignores the cadence, not the cap).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from evaluasi.models import PengingatPenilaian, Penugasan, PeriodePenilaian, StatusPeriode

SCHEDULE_NAME = "Pengingat penilaian 360"


@dataclass
class ReminderResult:
    """Reminders sent and raters skipped by one reminder run."""

    sent: int = 0
    skipped: int = 0  # raters over the cap, reminded too recently, or without an email address


def _unfinished(periode_ids, pegawai_ids):
    rows = Penugasan.objects.filter(
        periode_id__in=periode_ids, dikirim__isnull=True, penilai__aktif=True
    )
    if pegawai_ids is not None:
        rows = rows.filter(penilai_id__in=pegawai_ids)
    return rows.values("periode_id", "penilai_id", "penilai__nama", "penilai__email").annotate(
        belum=Count("id")
    )


def rater_reminders_queue(*, periode_id: int, pegawai_ids: list[int]) -> None:
    """Queue reminders now ("send now" on the completion screen) for the given raters of a period.

    Args:
        periode_id: the period whose unfinished assignments are reminded.
        pegawai_ids: primary keys of the raters (`Pegawai`) to remind; the caller passes only
            raters it may see. The task ignores the cadence, not the cap (`force=True`).

    Returns:
        None; the task sends the emails (`rater_reminders_send`).

    Raises:
        Nothing of its own.
    """
    async_task(
        "evaluasi.tasks.rater_reminders_task",
        periode_id=periode_id,
        pegawai_ids=pegawai_ids,
        force=True,
        task_name=f"pengingat-periode-{periode_id}",
    )


def rater_reminders_send(
    *, periode_id: int | None = None, pegawai_ids=None, force: bool = False, now=None
) -> ReminderResult:
    """Email each rater with unsubmitted assignments in open periods (status "dibuka", inside the
    filling window at `now`, an aware datetime defaulting to the current time) one reminder
    naming how many wait. `periode_id`: only this period (None: every open one); `pegawai_ids`:
    only these raters (None: all); `force`: ignore the period's interval between reminders
    (`pengingat_setiap_hari`, days), never its cap (`maks_pengingat`). Each reminder is counted
    in PengingatPenilaian.

    Returns a ReminderResult (sent, skipped: over the cap, too soon, or no email address). Raises
    SMTP errors (nothing is counted then)."""
    now = now or timezone.now()
    periods = {
        p.pk: p
        for p in PeriodePenilaian.objects.filter(
            status=StatusPeriode.DIBUKA, dibuka_pada__lte=now, ditutup_pada__gt=now
        ).filter(**({"pk": periode_id} if periode_id else {}))
    }
    if not periods:
        return ReminderResult()
    history = {
        (r.periode_id, r.pegawai_id): r
        for r in PengingatPenilaian.objects.filter(periode_id__in=periods)
    }
    inbox_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("evaluasi:inbox")
    result, messages, sent_to = ReminderResult(), [], defaultdict(list)
    for row in _unfinished(periods, pegawai_ids):
        periode = periods[row["periode_id"]]
        past = history.get((periode.pk, row["penilai_id"]))
        count, last = (past.jumlah, past.terakhir) if past else (0, None)
        too_soon = last and last > now - timedelta(days=periode.pengingat_setiap_hari)
        if not row["penilai__email"] or count >= periode.maks_pengingat or (too_soon and not force):
            result.skipped += 1
            continue
        body = render_to_string(
            "evaluasi/email/pengingat_penilaian.txt",
            {
                "nama": row["penilai__nama"],
                "periode": periode,
                "belum": row["belum"],
                "url": inbox_url,
            },
        )
        subject = f"Pengingat: {row['belum']} penilaian menunggu Anda — {periode.nama}"
        messages.append((subject, body, None, [row["penilai__email"]]))
        sent_to[periode.pk].append((row["penilai_id"], count + 1))
    if messages:
        # One SMTP connection for the whole batch.
        send_mass_mail(messages, fail_silently=False, connection=get_connection())
    PengingatPenilaian.objects.bulk_create(
        [
            PengingatPenilaian(periode_id=pid, pegawai_id=pegawai, jumlah=n, terakhir=now)
            for pid, rows in sent_to.items()
            for pegawai, n in rows
        ],
        update_conflicts=True,
        unique_fields=["periode", "pegawai"],
        update_fields=["jumlah", "terakhir"],
        batch_size=2000,
    )
    result.sent = len(messages)
    return result


AGGREGATION_SCHEDULE = "Agregasi hasil 360 (malam)"
RETENTION_SCHEDULE = "Retensi jawaban 360"


def rater_reminder_schedule_ensure() -> None:
    """The scheduled jobs of the 360: daily reminders, nightly aggregation of closed periods (late
    submissions may still arrive; open ones are not readable anyway), and the monthly retention
    purge of raw answers (services.retention)."""

    for name, func, every in (
        (SCHEDULE_NAME, "evaluasi.tasks.rater_reminders_task", Schedule.DAILY),
        (AGGREGATION_SCHEDULE, "evaluasi.tasks.aggregation_nightly_task", Schedule.DAILY),
        (RETENTION_SCHEDULE, "evaluasi.tasks.answers_retention_task", Schedule.MONTHLY),
    ):
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": every, "repeats": -1}
        )
