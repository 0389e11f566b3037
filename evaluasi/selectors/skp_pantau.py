"""Reading the monitoring of an SKP (progress notes, feedback threads, dialog kinerja): whoever
may read the SKP (`selectors.skp.rencana_visible_to`) reads its monitoring; anyone else gets a
404. A fixed number of queries, whatever the number of RHK and messages."""

from django.http import Http404

from evaluasi.models import (
    CatatanProgres,
    DialogKinerja,
    RencanaKerja,
    StatusSKP,
    UmpanBalikBerkelanjutan,
)

from .skp import rencana_visible_to, rhk_detail


def monitoring_attach(rencana: RencanaKerja) -> list[DialogKinerja]:
    """Attach to each RHK of `rencana` (read through `selectors.skp.rencana_detail`, so already
    scoped to the user) its progress notes `rhk.progres_list` and its feedback thread
    `rhk.pesan_list` (oldest first; each message's `dari_pegawai` says whether the pegawai wrote
    it), and return the SKP's dialog kinerja notes (by date, oldest first). Three queries.
    Raises nothing."""
    rhks = list(rencana.rhk.all())
    progres, pesan = {}, {}
    for row in CatatanProgres.objects.filter(rhk__in=rhks).select_related("oleh__pegawai"):
        progres.setdefault(row.rhk_id, []).append(row)
    for row in UmpanBalikBerkelanjutan.objects.filter(rhk__in=rhks).select_related(
        "penulis__pegawai"
    ):
        row.dari_pegawai = row.penulis_id is not None and row.penulis_id == (
            rencana.pegawai.user_id
        )
        pesan.setdefault(row.rhk_id, []).append(row)
    for rhk in rhks:
        rhk.progres_list = progres.get(rhk.pk, [])
        rhk.pesan_list = pesan.get(rhk.pk, [])
    return dialog_notes(rencana)


def dialog_notes(rencana: RencanaKerja) -> list[DialogKinerja]:
    """The dialog kinerja notes of `rencana` (read through `selectors.skp.rencana_detail`), by
    date, oldest first, with who recorded them. One query. Raises nothing."""
    return list(rencana.dialog_kinerja.select_related("dicatat_oleh__pegawai"))


def skp_monitoring(rencana: RencanaKerja) -> dict | None:
    """What the SKP page shows under *Pemantauan kinerja*: None unless `rencana` (read through
    `selectors.skp.rencana_detail`) is approved; else `{"dialog": [DialogKinerja]}`, with each
    RHK's progress notes and thread attached (`monitoring_attach`). Three queries. Raises
    nothing."""
    if rencana.status != StatusSKP.DISETUJUI:
        return None
    return {"dialog": monitoring_attach(rencana)}


def rhk_monitoring(user, pk: int):
    """RHK `pk` with `.rencana` (as `selectors.skp.rhk_detail`) and its progress notes and thread
    attached (as `monitoring_attach`), if `user` may read that SKP. Raises Http404 otherwise."""
    rhk = rhk_detail(user, pk)
    monitoring_attach(rhk.rencana)
    # rhk_detail returned the RHK object of rencana.rhk.all(), which now carries the lists.
    return rhk


def progress_file(user, pk: int) -> CatatanProgres:
    """The progress note `pk` with an evidence file, if `user` may read its SKP. Raises Http404
    otherwise (also when the note has no file)."""
    row = (
        CatatanProgres.objects.filter(pk=pk, rhk__rencana__in=rencana_visible_to(user).values("pk"))
        .exclude(berkas="")
        .first()
    )
    if row is None:
        raise Http404
    return row
