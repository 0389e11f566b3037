"""The unit dashboard of a period (admin, scoped): completion over time, rating and predicate
distributions, and aspect averages against the province — shown for a unit only when it has at
least `ambang_anonimitas` ratees with results, so a small unit cannot be read as a person."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from evaluasi.models import (
    EvaluasiKinerja,
    HasilAspek,
    HasilPerilaku,
    Penugasan,
    UnitKerja,
)
from evaluasi.predikat import Predikat, Rating

from .roster import unit_scope_for


@dataclass
class UnitSummary:
    unit: UnitKerja | None
    ditugaskan: int = 0
    dikirim: int = 0
    ratings: Counter = field(default_factory=Counter)
    aspek_sum: dict = field(default_factory=lambda: defaultdict(float))
    aspek_n: Counter = field(default_factory=Counter)  # ratees with an others-combined mean

    @property
    def persen(self) -> int:
        return round(100 * self.dikirim / self.ditugaskan) if self.ditugaskan else 0

    @property
    def dinilai(self) -> int:
        return sum(self.ratings.values())

    def aspek_rerata(self, aspek_id: int, threshold: int) -> float | None:
        n = self.aspek_n[aspek_id]
        return self.aspek_sum[aspek_id] / n if n >= threshold else None


def _shown_unit(user, unit):
    scope = unit_scope_for(user)
    if unit is None or not scope.allows_unit(unit):
        unit = None if scope.everything else scope.root
    return scope, unit


def unit_dashboard(user, periode, unit: UnitKerja | None = None) -> dict:
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
    for path, rating, n in (
        HasilPerilaku.objects.filter(periode=periode, dinilai__unit_kerja__path__startswith=prefix)
        .values_list("dinilai__unit_kerja__path", "saran_rating")
        .annotate(n=Count("id"))
    ):
        for target in (whole, child_of(path)):
            if target is not None:
                target.ratings[rating] += n
    others = HasilAspek.objects.filter(periode=periode, rerata_orang_lain__isnull=False)
    for path, aspek, total, n in (
        others.filter(dinilai__unit_kerja__path__startswith=prefix)
        .values_list("dinilai__unit_kerja__path", "aspek_id")
        .annotate(total=Sum("rerata_orang_lain"), n=Count("id"))
    ):
        for target in (whole, child_of(path)):
            if target is not None:
                target.aspek_sum[aspek] += total
                target.aspek_n[aspek] += n
    for aspek, total, n in others.values_list("aspek_id").annotate(
        total=Sum("rerata_orang_lain"), n=Count("id")
    ):
        province.aspek_sum[aspek] += total
        province.aspek_n[aspek] += n
    predicates = Counter(
        dict(
            EvaluasiKinerja.objects.filter(
                periode=periode, rencana__pegawai__unit_kerja__path__startswith=prefix
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
    threshold = periode.ambang_anonimitas
    aspects = list(periode.instrumen.aspek.order_by("sort_order"))
    return {
        "tersedia": True,
        "unit": unit,
        "keseluruhan": whole,
        "anak": [r for r in rows.values() if r.ditugaskan or r.dinilai],
        "harian": cumulative,
        "rating": [(r.label, whole.ratings.get(r.value, 0)) for r in Rating],
        "predikat": [(p.label, predicates.get(p.value, 0)) for p in Predikat],
        "aspek": [
            (a, whole.aspek_rerata(a.pk, threshold), province.aspek_rerata(a.pk, threshold))
            for a in aspects
        ],
        "aspek_list": aspects,
        "ambang": threshold,
    }
