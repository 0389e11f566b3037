"""Award candidates (ranked per unit) for Admin BKD, and the published awardees for the public."""

from django.db.models import Avg

from evaluasi.models import EvaluasiKinerja, HasilPerilaku, Penghargaan
from evaluasi.predikat import Predikat, Rating

from .results_gate import periods_with_readable_results
from .roster import in_unit_scope, unit_scope_for

PREDIKAT_ORDER = {p.value: i for i, p in enumerate(Predikat)}
RATING_ORDER = {r.value: i for i, r in enumerate(Rating)}


def award_candidates(user, periode, unit=None) -> list[EvaluasiKinerja]:
    """Decided evaluations in the period, in the user's scope (and `unit`'s subtree), ranked:
    Sangat Baik first, then the stored 360 perilaku score (mean over the year's periods whose
    results admins may read), then the hasil kerja rating.

    The score orders the list and is never shown, here or anywhere public.
    """
    scope = unit_scope_for(user)
    evaluations = in_unit_scope(
        EvaluasiKinerja.objects.filter(periode=periode).exclude(predikat=""),
        user,
        "rencana__pegawai__unit_kerja__path",
    )
    if unit is not None and scope.allows_unit(unit):
        evaluations = evaluations.filter(rencana__pegawai__unit_kerja__path__startswith=unit.path)
    evaluations = list(
        evaluations.select_related("rencana__pegawai__unit_kerja").filter(
            predikat__in=[Predikat.SANGAT_BAIK, Predikat.BAIK]
        )
    )
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
    awarded = set(Penghargaan.objects.filter(periode=periode).values_list("pegawai_id", flat=True))
    for evaluation in evaluations:
        evaluation.sudah_dipilih = evaluation.rencana.pegawai_id in awarded
    return sorted(
        evaluations,
        key=lambda e: (
            PREDIKAT_ORDER[e.predikat],
            -(scores.get(e.rencana.pegawai_id) or 0),
            RATING_ORDER.get(e.rating_hasil_kerja, 9),
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
