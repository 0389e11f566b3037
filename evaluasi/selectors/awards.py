"""Award candidates (ranked per unit) for Admin BKD, and the published awardees for the public."""

from django.db.models import Avg

from evaluasi.models import (
    EvaluasiKinerja,
    HasilPerilaku,
    JenisPeriodeKinerja,
    Penghargaan,
    StatusEvaluasi,
)
from evaluasi.predikat import Predikat, Rating

from .results_gate import periods_with_readable_results
from .roster import in_unit_scope, unit_scope_for

PREDIKAT_ORDER = {p.value: i for i, p in enumerate(Predikat)}
RATING_ORDER = {r.value: i for i, r in enumerate(Rating)}


def recognisable_evaluations(tahun: int):
    """The year's decided annual SKP evaluations that may lead to recognition (PermenPANRB 6/2022:
    penghargaan follows the annual predikat kinerja): the annual PeriodeKinerja of the
    TahunKinerja `tahun`, predikat Sangat Baik or Baik, and no objection waiting for its decision (status
    "keberatan"). Independent of any 360 period. A queryset of EvaluasiKinerja; raises nothing."""
    return EvaluasiKinerja.objects.filter(
        periode_kinerja__tahun_kinerja__tahun=tahun,
        periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN,
        predikat__in=[Predikat.SANGAT_BAIK, Predikat.BAIK],
    ).exclude(status=StatusEvaluasi.KEBERATAN)


def award_candidates(user, periode, unit=None) -> list[EvaluasiKinerja]:
    """Candidates for the awards of `periode` (a PeriodePenilaian; only its year counts): the
    year's `recognisable_evaluations` in the user's scope (and `unit`'s subtree), one per pegawai
    (the latest decision), ranked by the annual evaluation — predikat (Sangat Baik first), then
    rating hasil kerja, then rating perilaku — and only among equals by the stored 360 perilaku
    score from others (mean over the year's periods whose results admins may read), then name.

    The score orders the list and is never shown, here or anywhere public.
    """
    scope = unit_scope_for(user)
    evaluations = in_unit_scope(
        recognisable_evaluations(periode.tahun), user, "rencana__pegawai__unit_kerja__path"
    )
    if unit is not None and scope.allows_unit(unit):
        evaluations = evaluations.filter(rencana__pegawai__unit_kerja__path__startswith=unit.path)
    latest: dict[int, EvaluasiKinerja] = {}
    for evaluation in evaluations.select_related("rencana__pegawai__unit_kerja").order_by(
        "diputuskan_pada", "pk"
    ):
        latest[evaluation.rencana.pegawai_id] = evaluation
    evaluations = list(latest.values())
    ids = [e.rencana.pegawai_id for e in evaluations]
    # Stored results of the year's periods that admins may read (results_gate): a period still
    # open or closed adds nothing, so the order cannot move with one rater's submission.
    scores = dict(
        HasilPerilaku.objects.filter(
            dinilai_id__in=ids,
            periode__in=periods_with_readable_results(admin=True).filter(tahun=periode.tahun),
            skor__isnull=False,
        )
        .values_list("dinilai_id")
        .annotate(score=Avg("skor"))
    )
    # Recognition is per year: someone selected on another period's screen is already chosen.
    awarded = set(
        Penghargaan.objects.filter(periode__tahun=periode.tahun).values_list(
            "pegawai_id", flat=True
        )
    )
    for evaluation in evaluations:
        evaluation.sudah_dipilih = evaluation.rencana.pegawai_id in awarded
    return sorted(
        evaluations,
        key=lambda e: (
            PREDIKAT_ORDER[e.predikat],
            RATING_ORDER.get(e.rating_hasil_kerja, 9),
            RATING_ORDER.get(e.rating_perilaku, 9),
            -(scores.get(e.rencana.pegawai_id) or 0),
            e.rencana.pegawai.nama,
        ),
    )


def published_awards():
    """Every published Penghargaan (any period), newest year first then by name, with the awardee's
    unit, the period and the photo joined: what the public awards page lists. Raises nothing."""
    return (
        Penghargaan.objects.filter(dipublikasikan=True)
        .select_related("pegawai__unit_kerja", "periode", "foto")
        .order_by("-periode__tahun", "pegawai__nama")
    )
