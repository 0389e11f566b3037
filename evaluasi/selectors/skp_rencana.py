"""Reads for the SKP's planning (PermenPANRB 6/2022): the perilaku kerja rows (BerAKHLAK value,
its panduan perilaku, the atasan's ekspektasi khusus), the lampiran SKP, and the cascading tree
of an atasan's team RHK under the atasan's own RHK."""

from itertools import groupby

from django.db.models import Q
from django.http import Http404

from evaluasi.berakhlak import NILAI, PANDUAN_PERILAKU
from evaluasi.models import (
    EkspektasiPerilaku,
    LampiranSKP,
    Pegawai,
    RencanaHasilKerja,
    RencanaKerja,
)

from .assessments import pegawai_of


def perilaku_rows(rencana: RencanaKerja) -> list[dict]:
    """The seven BerAKHLAK values in order, each {"nilai", "panduan", "ekspektasi"} with the
    atasan's ekspektasi khusus ("" when none). One query."""
    written = dict(EkspektasiPerilaku.objects.filter(rencana=rencana).values_list("nilai", "teks"))
    return [
        {"nilai": n, "panduan": PANDUAN_PERILAKU[n], "ekspektasi": written.get(n, "")}
        for n in NILAI
    ]


def lampiran_of(rencana: RencanaKerja) -> LampiranSKP | None:
    """The SKP's lampiran, or None when the pegawai has written none. One query."""
    return LampiranSKP.objects.filter(rencana=rencana).first()


def _same_year(rencana: RencanaKerja) -> Q:
    """RHK of SKPs of the same year as `rencana` (the one place the year is read, so the SKP
    calendar can change under it)."""
    return Q(rencana__tahun_kinerja_id=rencana.tahun_kinerja_id)


def cascade_tree(user, pk: int) -> dict:
    """The cascading tree of the SKP `pk` (PermenPANRB 6/2022: RHK bawahan support the atasan's
    RHK), for its owner only: {"rencana", "cabang": [(own RHK, [team RHK linked to it])],
    "belum_terhubung": [(team SKP, [its RHK linked to none of them])], "tanpa_skp": [direct reports without an
    SKP that year]}. The team is the owner's active direct reports; each team RHK carries
    `.rencana.pegawai` and the SKP's status. Raises Http404 for anyone else, or an unknown id.
    Four queries whatever the team's size."""
    own = pegawai_of(user)
    rencana = (
        RencanaKerja.objects.select_related("pegawai", "tahun_kinerja").filter(pk=pk).first()
        if own is not None
        else None
    )
    if rencana is None or rencana.pegawai_id != own.pk:
        raise Http404
    mine = list(rencana.rhk.all())
    team_rhk = list(
        RencanaHasilKerja.objects.filter(_same_year(rencana))
        .filter(rencana__pegawai__atasan=own, rencana__pegawai__aktif=True)
        .select_related("rencana__pegawai")
        .order_by("rencana__pegawai__nama", "rencana__pegawai_id", "-jenis", "urutan", "pk")
    )
    linked: dict[int, list] = {rhk.pk: [] for rhk in mine}
    loose = []
    for rhk in team_rhk:
        linked.get(rhk.rhk_atasan_id, loose).append(rhk)
    with_plan = {rhk.rencana.pegawai_id for rhk in team_rhk}
    return {
        "rencana": rencana,
        "cabang": [(rhk, linked[rhk.pk]) for rhk in mine],
        # Grouped per SKP (the team's RHK come ordered by pegawai): one heading per person.
        "belum_terhubung": [
            (plan, list(rows)) for plan, rows in groupby(loose, key=lambda rhk: rhk.rencana)
        ],
        "tanpa_skp": [
            p
            for p in Pegawai.objects.filter(atasan=own, aktif=True).order_by("nama")
            if p.pk not in with_plan
        ],
    }


def has_team(pegawai_id: int) -> bool:
    """Whether the pegawai has active direct reports (who would appear in their tree)."""
    return Pegawai.objects.filter(atasan_id=pegawai_id, aktif=True).exists()


def planning_document_sections(rencana: RencanaKerja) -> list[tuple[str, list[str]]]:
    """The planning parts of the evaluation document, as (title, lines): the ekspektasi khusus
    pimpinan per BerAKHLAK value (only values that have one) and the lampiran SKP (only when
    written). Empty when neither was written. Two queries."""
    sections = []
    written = [r for r in perilaku_rows(rencana) if r["ekspektasi"]]
    if written:
        sections.append(
            (
                "Ekspektasi khusus pimpinan (perilaku kerja)",
                [f"{r['nilai']}: {r['ekspektasi']}" for r in written],
            )
        )
    lampiran = lampiran_of(rencana)
    if lampiran is not None and not lampiran.kosong:
        sections.append(
            (
                "Lampiran SKP",
                [
                    f"Dukungan sumber daya: {lampiran.dukungan_sumber_daya or '-'}",
                    f"Skema pertanggungjawaban: {lampiran.skema_pertanggungjawaban or '-'}",
                    f"Konsekuensi: {lampiran.konsekuensi or '-'}",
                ],
            )
        )
    return sections
