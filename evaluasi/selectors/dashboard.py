"""The unit dashboard of a period (admin, scoped): completion over time, rating and predicate
distributions, and aspect averages against the province.

Completion is status and is shown in every period state. The 360 figures (ratings, aspect
averages, people with results) pass the results gate first (nothing before *hasil dihitung*), and
each unit cell is shown only when `unit_rollup.shown_cells` allows it, so no unit, parent or
province figure can be subtracted from another to read a small group (docs/privasi.md)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from evaluasi.models import (
    EvaluasiKinerja,
    HasilAspek,
    HasilPerilaku,
    JenisPeriodeKinerja,
    Penugasan,
    UnitKerja,
)
from evaluasi.predikat import Predikat, Rating

from .results_gate import results_readable
from .roster import unit_scope_for
from .unit_rollup import PROVINCE, shown_cells, subtree_totals


@dataclass
class UnitSummary:
    """One row of the unit dashboard (None: the province): completion, ratees with results, rating
    counts and aspect means, the 360 figures withheld below the anonymity threshold."""

    unit: UnitKerja | None
    ditugaskan: int = 0
    dikirim: int = 0
    dinilai: int = 0  # people with a 360 result in the subtree
    ratings: Counter = field(default_factory=Counter)  # empty when the cell is withheld
    rating_ditahan: bool = False
    aspek_sum: dict = field(default_factory=lambda: defaultdict(float))
    aspek_n: Counter = field(default_factory=Counter)  # ratees with an others-combined mean

    @property
    def key(self):
        return self.unit.pk if self.unit else PROVINCE

    @property
    def persen(self) -> int:
        return round(100 * self.dikirim / self.ditugaskan) if self.ditugaskan else 0

    def aspek_rerata(self, aspek_id: int) -> float | None:
        """The subtree's mean of ratees' others-combined means; None when withheld or empty."""
        n = self.aspek_n[aspek_id]
        return self.aspek_sum[aspek_id] / n if n else None


def _results_fill(periode, cells: list[UnitSummary]) -> None:
    """Fill the 360 figures of `cells` from 4 queries over the whole period, whatever the number
    of units: the unit tree, ratings per unit, aspect sums per unit (rolled up in Python)."""
    threshold = periode.ambang_anonimitas
    parents = dict(UnitKerja.objects.values_list("pk", "induk_id"))
    ratings: dict[int, Counter] = defaultdict(Counter)
    for unit_id, rating, n in (
        HasilPerilaku.objects.filter(periode=periode)
        .values_list("dinilai__unit_kerja_id", "saran_rating")
        .annotate(n=Count("id"))
    ):
        ratings[unit_id][rating] += n
    people = subtree_totals(parents, {u: sum(c.values()) for u, c in ratings.items()})
    rated = {u: sum(n for r, n in c.items() if r) for u, c in ratings.items()}
    rating_shown = shown_cells(parents, rated, threshold)
    rating_totals = subtree_totals(
        parents, {u: tuple(c.get(r.value, 0) for r in Rating) for u, c in ratings.items()}
    )
    aspects: dict[int, dict] = defaultdict(dict)
    for unit_id, aspek_id, total, n in (
        HasilAspek.objects.filter(periode=periode, rerata_orang_lain__isnull=False)
        .values_list("dinilai__unit_kerja_id", "aspek_id")
        .annotate(total=Sum("rerata_orang_lain"), n=Count("id"))
    ):
        aspects[aspek_id][unit_id] = (total, n)
    aspect_cells = {
        aspek_id: (shown_cells(parents, {u: n for u, (_, n) in d.items()}, threshold),
                   subtree_totals(parents, d))
        for aspek_id, d in aspects.items()
    }  # fmt: skip
    for cell in cells:
        cell.dinilai = people.get(cell.key, 0)
        if cell.key in rating_shown:
            cell.ratings = Counter(
                dict(zip((r.value for r in Rating), rating_totals[cell.key], strict=True))
            )
        else:
            cell.rating_ditahan = sum(rating_totals.get(cell.key, ())) > 0
        for aspek_id, (shown, totals) in aspect_cells.items():
            if cell.key in shown and cell.key in totals:
                cell.aspek_sum[aspek_id], cell.aspek_n[aspek_id] = totals[cell.key]


def _shown_unit(user, unit):
    scope = unit_scope_for(user)
    if unit is None or not scope.allows_unit(unit):
        unit = None if scope.everything else scope.root
    return scope, unit


def unit_dashboard(user, periode, unit: UnitKerja | None = None) -> dict:
    """Completion (always) and, once the results gate opens, the 360 figures of the unit shown
    (the admin's own subtree at most), its child units and the province."""
    scope, unit = _shown_unit(user, unit)
    if unit is None and not scope.everything:
        return {"unit": None, "tersedia": False}
    prefix = unit.path if unit else "/"
    children = (
        UnitKerja.objects.filter(induk=unit) if unit else UnitKerja.objects.filter(induk=None)
    )
    rows = {str(c.pk): UnitSummary(c) for c in children.order_by("nama")}
    whole, province = UnitSummary(unit), UnitSummary(None)

    def child_of(path: str):
        return rows.get(path[len(prefix) :].split("/", 1)[0])

    assignments = Penugasan.objects.filter(
        periode=periode, penilai__unit_kerja__path__startswith=prefix
    )
    for path, total, sent in assignments.values_list("penilai__unit_kerja__path").annotate(
        total=Count("id"), sent=Count("dikirim")
    ):
        for target in (whole, child_of(path)):
            if target is not None:
                target.ditugaskan += total
                target.dikirim += sent
    daily = list(
        assignments.filter(dikirim__isnull=False)
        .annotate(hari=TruncDate("dikirim"))
        .values_list("hari")
        .annotate(n=Count("id"))
        .order_by("hari")
    )
    readable = results_readable(periode, admin=True)
    if readable:
        _results_fill(periode, [whole, province, *rows.values()])
    predicates = Counter(
        dict(
            # The SKP's own calendar: the annual evaluations of the 360 period's year.
            EvaluasiKinerja.objects.filter(
                periode_kinerja__tahun_kinerja__tahun=periode.tahun,
                periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN,
                rencana__pegawai__unit_kerja__path__startswith=prefix,
            )
            .exclude(predikat="")
            .values_list("predikat")
            .annotate(n=Count("id"))
        )
    )
    cumulative, running = [], 0
    for day, n in daily:
        running += n
        cumulative.append((day, running))
    aspects = list(periode.instrumen.aspek.order_by("sort_order"))
    return {
        "tersedia": True,
        "hasil_terbaca": readable,
        "unit": unit,
        "keseluruhan": whole,
        "anak": [r for r in rows.values() if r.ditugaskan or r.dinilai],
        "harian": cumulative,
        "rating": [(r.label, whole.ratings.get(r.value, 0)) for r in Rating],
        "predikat": [(p.label, predicates.get(p.value, 0)) for p in Predikat],
        "aspek": [(a, whole.aspek_rerata(a.pk), province.aspek_rerata(a.pk)) for a in aspects],
        "aspek_list": aspects,
        "ambang": periode.ambang_anonimitas,
    }
