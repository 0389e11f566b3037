"""Document exports: a ZIP of every evaluation document or 360 report of one unit subtree,
built by a background task (`evaluasi.tasks`) into an `EksporDokumen` row."""

from django_q.tasks import async_task

from evaluasi.models import EksporDokumen, JenisEkspor

TASKS = {
    JenisEkspor.EVALUASI: "evaluasi.tasks.evaluation_documents_task",
    JenisEkspor.LAPORAN_360: "evaluasi.tasks.report_documents_task",
}


def documents_export_queue(
    *, periode_id: int, unit, jenis: str, user, instansi: str
) -> EksporDokumen:
    """Record a document export job and queue the task that builds its ZIP.

    Args:
        periode_id: the period whose documents are exported.
        unit: the `UnitKerja` whose subtree is exported, or None for every unit (the caller
            decides what the requester may ask for: its own scope at most).
        jenis: a `JenisEkspor` value (evaluation documents or 360 reports).
        user: the requesting account, recorded as `diminta_oleh`.
        instansi: the institution's name printed on the documents.

    Returns:
        The new `EksporDokumen` row (status as created; the task reports its progress there).

    Raises:
        KeyError: `jenis` is not a kind of export this module knows.
    """
    task = TASKS[jenis]
    ekspor = EksporDokumen.objects.create(
        periode_id=periode_id, unit_kerja=unit, diminta_oleh=user, jenis=jenis
    )
    async_task(task, ekspor.pk, instansi, task_name=f"ekspor-{jenis}-{ekspor.pk}")
    return ekspor
