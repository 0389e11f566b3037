"""django-q2 tasks: thin wrappers that take primary keys and call services."""

from django.conf import settings

from evaluasi.models import PeriodePenilaian, StatusPeriode
from evaluasi.services.aggregation_jobs import aggregation_job_run, aggregation_queue
from evaluasi.services.email_changes import email_change_notice_send
from evaluasi.services.publication import results_published_notify
from evaluasi.services.rater_reminders import rater_reminders_send
from evaluasi.services.report_document import report_documents_zip
from evaluasi.services.retention import answers_purge
from evaluasi.services.roster_import import roster_import_job
from evaluasi.services.skp_document import evaluation_documents_zip


def roster_import_task(impor_id: int, apply: bool) -> str:
    return roster_import_job(impor_id, apply=apply)


def rater_reminders_task(periode_id=None, pegawai_ids=None, force=False) -> str:

    result = rater_reminders_send(periode_id=periode_id, pegawai_ids=pegawai_ids, force=force)
    return f"{result.sent} terkirim, {result.skipped} dilewati"


def evaluation_documents_task(ekspor_id: int, instansi: str = "") -> int:

    return evaluation_documents_zip(ekspor_id, instansi=instansi)


def aggregation_task(job_id: int) -> int:

    return aggregation_job_run(job_id)


def aggregation_nightly_task() -> int:
    """While a period is closed but not yet computed (late submissions may still arrive), refresh
    its results every night, so computing them is quick. Open periods are not aggregated: their
    results could not be read anyway (results_gate), and answers are still changing."""

    open_ids = list(
        PeriodePenilaian.objects.filter(status=StatusPeriode.DITUTUP).values_list("pk", flat=True)
    )
    for periode_id in open_ids:
        aggregation_queue(periode_id=periode_id)
    return len(open_ids)


def results_published_task(periode_id: int) -> int:

    return results_published_notify(periode_id=periode_id)


def report_documents_task(ekspor_id: int, instansi: str = "") -> int:

    return report_documents_zip(ekspor_id, instansi=instansi)


def answers_retention_task() -> int:

    return len(answers_purge(years=settings.RETENSI_JAWABAN_TAHUN))


def email_change_notice_task(perubahan_id: int) -> bool:

    return email_change_notice_send(perubahan_id)


def email_change_notices_task(perubahan_ids: list[int]) -> int:

    return sum(email_change_notice_send(pk) for pk in perubahan_ids)
