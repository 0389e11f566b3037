"""Starting a recorded import: small files inline, large ones on the django-q2 queue."""

from django.db import transaction
from django_q.tasks import async_task

from evaluasi.models import ImporRoster
from evaluasi.selectors import unit_scope_for
from evaluasi.services.roster_import import ImportLimits, roster_import_job
from evaluasi.services.roster_import.mapping import (
    IGNORED,
    MappingChoice,
    MappingRefused,
    SheetColumns,
    mapping_save,
)

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


CANCELLABLE = (ImporRoster.Status.PRATINJAU, ImporRoster.Status.PERLU_PEMETAAN)


def roster_import_cancel(*, impor_id: int) -> None:
    """Cancel the roster import `impor_id` while it waits in preview or for a column mapping
    (status "pratinjau" or "perlu_pemetaan" -> "dibatalkan"); an import in any other state, or an
    unknown id, is left as it is. Returns None."""
    ImporRoster.objects.filter(pk=impor_id, status__in=CANCELLABLE).update(
        status=ImporRoster.Status.DIBATALKAN
    )


MAPPABLE = {
    ImporRoster.Status.PERLU_PEMETAAN,
    ImporRoster.Status.PRATINJAU,
    ImporRoster.Status.GAGAL_VALIDASI,
}


def roster_import_sheets_to_map(impor: ImporRoster) -> list[SheetColumns]:
    """The sheets of `impor` the column-mapping step shows (empty when its file needed and used no
    mapping, or when it can no longer be changed: applied, cancelled, running)."""
    if impor.status not in MAPPABLE:
        return []
    return [SheetColumns.from_dict(data) for data in impor.kolom_berkas or []]


def roster_import_remap(*, impor_id: int, user, choices: list[MappingChoice]) -> ImporRoster:
    """Save the column mapping the admin chose for each sheet of import `impor_id` (`choices`: one
    MappingChoice per sheet of `roster_import_sheets_to_map`, in order) as remembered mappings
    (`PemetaanKolom`, mapping_save), then check the file again with them (the preview; a
    background job for a large file). Returns the import, read again.

    Raises MappingRefused (nothing saved) when the import is not waiting for or showing a mapping,
    every sheet is ignored, or a sheet's mapping is refused (its message names the sheet)."""
    with transaction.atomic():
        impor = ImporRoster.objects.select_for_update().get(pk=impor_id)
        sheets = roster_import_sheets_to_map(impor)
        if not sheets or len(choices) != len(sheets):
            raise MappingRefused(
                "Impor ini tidak sedang menunggu pemetaan kolom (mungkin sudah diproses). Muat "
                "ulang halaman, atau unggah berkasnya lagi."
            )
        if all(choice.kind == IGNORED for choice in choices):
            raise MappingRefused(
                "Pilih jenis data (Pegawai atau Unit Kerja) untuk sedikitnya satu sheet."
            )
        for sheet, choice in zip(sheets, choices, strict=True):
            if choice.kind == IGNORED:
                continue
            try:
                mapping_save(
                    sheet=sheet, kind=choice.kind, chosen=choice.chosen, name=choice.name, user=user
                )
            except MappingRefused as refused:
                raise MappingRefused(f"Sheet '{sheet.sheet}': {refused}") from None
        impor.status = ImporRoster.Status.MENUNGGU
        impor.tahap = "Menunggu giliran"
        impor.save(update_fields=["status", "tahap"])
    _run(impor, apply=False)
    impor.refresh_from_db()
    return impor
