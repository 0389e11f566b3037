"""Starting a recorded import: small files inline, large ones on the django-q2 queue."""

from django.db import transaction
from django_q.tasks import async_task

from evaluasi.models import ImporRoster
from evaluasi.selectors import unit_scope_for
from evaluasi.services.roster_import import ImportLimits, roster_import_job

# Roughly 2,000 rows of an xlsx: above this the check and the write run as background jobs.
BACKGROUND_BYTES = 150 * 1024
TASK = "evaluasi.tasks.roster_import_task"


def _run(impor: ImporRoster, *, apply: bool) -> None:
    limits = ImportLimits.from_settings()
    if impor.ukuran > BACKGROUND_BYTES and limits.background_threshold:
        transaction.on_commit(
            lambda: async_task(TASK, impor.pk, apply, task_name=f"impor-roster-{impor.pk}")
        )
    else:
        roster_import_job(impor.pk, apply=apply)


def roster_import_queue(*, user, berkas, sinkronisasi_penuh: bool) -> ImporRoster:
    """Record an uploaded roster file as an import job and queue its dry run (the preview).

    Args:
        user: the uploading account; its unit scope (`unit_scope_for`) bounds what the import may
            change (`lingkup_unit`, none for a user who sees everything).
        berkas: the uploaded .xlsx file (a Django `UploadedFile`); its name is kept, cut to 255
            characters.
        sinkronisasi_penuh: True to deactivate employees of the scope missing from the file.

    Returns:
        The new `ImporRoster` row, read again after the task was queued (its status then shows
        the dry run's progress, or its result where tasks run synchronously).

    Raises:
        Nothing of its own; a database error propagates.
    """
    scope = unit_scope_for(user)
    impor = ImporRoster.objects.create(
        berkas=berkas,
        nama_berkas=berkas.name.rsplit("/", 1)[-1][:255],
        ukuran=berkas.size,
        sinkronisasi_penuh=sinkronisasi_penuh,
        diunggah_oleh=user,
        lingkup_unit=None if scope.everything else scope.root,
    )
    _run(impor, apply=False)
    impor.refresh_from_db()
    return impor


def roster_import_confirm(*, impor_id: int) -> ImporRoster:
    """Apply a previewed import. Idempotent: a second confirm (double click) changes nothing."""
    with transaction.atomic():
        updated = ImporRoster.objects.filter(
            pk=impor_id, status=ImporRoster.Status.PRATINJAU
        ).update(status=ImporRoster.Status.MENUNGGU, tahap="Menunggu giliran")
    impor = ImporRoster.objects.get(pk=impor_id)
    if updated:
        _run(impor, apply=True)
        impor.refresh_from_db()
    return impor


def roster_import_cancel(*, impor_id: int) -> None:
    """Cancel the roster import `impor_id` while it waits in preview (status "pratinjau" ->
    "dibatalkan"); an import in any other state, or an unknown id, is left as it is. Returns
    None."""
    ImporRoster.objects.filter(pk=impor_id, status=ImporRoster.Status.PRATINJAU).update(
        status=ImporRoster.Status.DIBATALKAN
    )
