"""django-q2 tasks: thin wrappers that take primary keys and call services."""

from django.conf import settings

from evaluasi.services.roster_import import roster_import_job


def roster_import_task(impor_id: int, apply: bool) -> str:
    return roster_import_job(impor_id, apply=apply)


def rater_reminders_task(periode_id=None, pegawai_ids=None, force=False) -> str:
    from evaluasi.services.rater_reminders import rater_reminders_send

    result = rater_reminders_send(periode_id=periode_id, pegawai_ids=pegawai_ids, force=force)
    return f"{result.sent} terkirim, {result.skipped} dilewati"


def evaluation_documents_task(ekspor_id: int, instansi: str = "") -> int:
    from evaluasi.services.skp_document import evaluation_documents_zip

    return evaluation_documents_zip(ekspor_id, instansi=instansi)


def aggregation_task(job_id: int) -> int:
    from evaluasi.services.aggregation_jobs import aggregation_job_run

    return aggregation_job_run(job_id)


def aggregation_nightly_task() -> int:
    """While a period is closed but not yet computed (late submissions may still arrive), refresh
    its results every night, so computing them is quick. Open periods are not aggregated: their
    results could not be read anyway (results_gate), and answers are still changing."""
    from evaluasi.models import PeriodePenilaian, StatusPeriode
    from evaluasi.services.aggregation_jobs import aggregation_queue

    open_ids = list(
        PeriodePenilaian.objects.filter(status=StatusPeriode.DITUTUP).values_list("pk", flat=True)
    )
    for periode_id in open_ids:
        aggregation_queue(periode_id=periode_id)
    return len(open_ids)


def results_published_task(periode_id: int) -> int:
    from evaluasi.services.publication import results_published_notify

    return results_published_notify(periode_id=periode_id)


def report_documents_task(ekspor_id: int, instansi: str = "") -> int:
    from evaluasi.services.report_document import report_documents_zip

    return report_documents_zip(ekspor_id, instansi=instansi)


def answers_retention_task() -> int:

    from evaluasi.services.retention import answers_purge

    return len(answers_purge(years=settings.RETENSI_JAWABAN_TAHUN))


def email_change_notice_task(perubahan_id: int) -> bool:
    from evaluasi.services.email_changes import email_change_notice_send

    return email_change_notice_send(perubahan_id)


def email_change_notices_task(perubahan_ids: list[int]) -> int:
    from evaluasi.services.email_changes import email_change_notice_send

    return sum(email_change_notice_send(pk) for pk in perubahan_ids)
