"""Aggregation as a recorded job: queued from the admin, the schedules or the command."""

import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_q.tasks import async_task

from evaluasi.models import AgregasiHasil, Pegawai, StatusAgregasi

from .aggregation import aggregate


def aggregation_queue(*, periode_id: int, nip: str = "") -> AgregasiHasil:
    """Create an AgregasiHasil job row for period `periode_id` (only the ratee with NIP `nip` when
    given, else the whole period) and queue `evaluasi.tasks.aggregation_task` for it; returns the
    job row (status "menunggu"). Raises nothing of its own."""
    job = AgregasiHasil.objects.create(periode_id=periode_id, nip=nip)
    async_task("evaluasi.tasks.aggregation_task", job.pk, task_name=f"agregasi-{job.pk}")
    return job


def _stale_jobs_close(periode_id: int) -> None:
    """A job still "berjalan" after the queue's timeout was killed with its worker (its
    transaction rolled back): say so on the status screen instead of "berjalan" forever."""
    limit = timezone.now() - timedelta(seconds=settings.Q_CLUSTER["timeout"])
    AgregasiHasil.objects.filter(
        periode_id=periode_id, status=StatusAgregasi.BERJALAN, mulai__lt=limit
    ).update(
        status=StatusAgregasi.GAGAL,
        pesan="Terhenti: worker berhenti di tengah jalan; hasil sebelumnya tetap utuh.",
        selesai=timezone.now(),
    )


def aggregation_job_run(job_id: int) -> int:
    """Run one job row; a failure is recorded and re-raised so django-q2 retries (Q_MAX_ATTEMPTS)."""
    job = AgregasiHasil.objects.get(pk=job_id)
    _stale_jobs_close(job.periode_id)
    job.status, job.mulai, job.pesan = StatusAgregasi.BERJALAN, timezone.now(), ""
    job.save(update_fields=["status", "mulai", "pesan"])
    started = time.monotonic()
    try:
        ids = None
        if job.nip:
            ids = list(Pegawai.objects.filter(nip=job.nip).values_list("pk", flat=True))
        count = aggregate(periode_id=job.periode_id, dinilai_ids=ids, job_id=job.pk)
    except Exception as error:
        AgregasiHasil.objects.filter(pk=job.pk).update(
            status=StatusAgregasi.GAGAL, pesan=str(error)[:1000], selesai=timezone.now()
        )
        raise
    AgregasiHasil.objects.filter(pk=job.pk).update(
        status=StatusAgregasi.SELESAI,
        jumlah_dinilai=count,
        durasi=round(time.monotonic() - started, 3),
        selesai=timezone.now(),
    )
    return count
