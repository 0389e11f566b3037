"""Distribution of individual predicates per unit (rolled up the tree) against the unit's
organisational predicate (docs/aturan.md §1). One grouped query; warnings only."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from evaluasi.charts import bar_chart_svg
from evaluasi.models import (
    EksporDokumen,
    EvaluasiKinerja,
    JenisPeriodeKinerja,
    PredikatUnit,
    UnitKerja,
)
from evaluasi.predikat import (
    DistributionWarning,
    Predikat,
    PredikatOrganisasi,
    distribution_warnings,
)

from .roster import unit_scope_for


@dataclass
class UnitDistribution:
    """Predicate counts of one unit (None: the whole scope) against its predikat kinerja organisasi,
    with the warnings where the distribution exceeds what that predicate allows."""

    unit: UnitKerja | None
    counts: Counter = field(default_factory=Counter)
    predikat_organisasi: str = ""
    warnings: list[DistributionWarning] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def predikat_organisasi_label(self) -> str:
        return (
            PredikatOrganisasi(self.predikat_organisasi).label if self.predikat_organisasi else ""
        )

    @property
    def chart(self) -> str:

        name = self.unit.nama if self.unit else "seluruh unit"
        title = f"Distribusi predikat kinerja {name}: " + ", ".join(
            f"{label} {count} ({percent}%)" for _, label, count, percent in self.rows
        )
        return bar_chart_svg(
            [(label, count, pct) for _, label, count, pct in self.rows], title=title
        )

    @property
    def rows(self) -> list[tuple[str, str, int, int]]:
        """(value, label, count, percent) for every predicate, in the regulation's order."""
        total = self.total
        return [
            (
                p.value,
                p.label,
                self.counts[p.value],
                round(100 * self.counts[p.value] / total) if total else 0,
            )
            for p in Predikat
        ]


def predicate_distribution(user, periode, unit: UnitKerja | None = None):
    """(shown unit, its distribution, one per child unit) for the decided annual SKP evaluations
    of the year of `periode` (a PeriodePenilaian: the screen opens from a 360 period; the SKP
    has its own calendar)."""
    scope = unit_scope_for(user)
    if unit is None or not scope.allows_unit(unit):
        unit = None if scope.everything else scope.root
    if unit is None and not scope.everything:
        return None, UnitDistribution(None), []
    prefix = unit.path if unit else "/"
    grouped = (
        EvaluasiKinerja.objects.filter(
            periode_kinerja__tahun_kinerja__tahun=periode.tahun,
            periode_kinerja__jenis=JenisPeriodeKinerja.TAHUNAN,
            rencana__pegawai__unit_kerja__path__startswith=prefix,
        )
        .exclude(predikat="")
        .values_list("rencana__pegawai__unit_kerja__path", "predikat")
        .annotate(n=Count("id"))
    )
    children = (
        UnitKerja.objects.filter(induk=unit) if unit else UnitKerja.objects.filter(induk=None)
    )
    per_child = {str(c.pk): UnitDistribution(c) for c in children.order_by("nama")}
    whole = UnitDistribution(unit)
    for path, predikat, n in grouped:
        whole.counts[predikat] += n
        child = path[len(prefix) :].split("/", 1)[0]
        if child in per_child:
            per_child[child].counts[predikat] += n
    shown = [d for d in per_child.values() if d.total]
    recorded = dict(
        PredikatUnit.objects.filter(
            periode=periode, unit_kerja__in=[d.unit for d in shown] + ([unit] if unit else [])
        ).values_list("unit_kerja_id", "predikat")
    )
    for distribution in [whole, *shown]:
        if distribution.unit is not None and distribution.unit.pk in recorded:
            distribution.predikat_organisasi = recorded[distribution.unit.pk]
            distribution.warnings = distribution_warnings(
                distribution.predikat_organisasi, distribution.counts
            )
    return unit, whole, shown


def exports_visible_to(user, periode):
    """Document exports of the period for units in the user's scope (or requested by them)."""

    scope = unit_scope_for(user)
    exports = EksporDokumen.objects.filter(periode=periode).select_related("unit_kerja")
    if scope.everything:
        return exports
    condition = Q(diminta_oleh=user)
    if scope.root is not None:
        condition &= Q(unit_kerja__path__startswith=scope.root.path)
    return exports.filter(condition)
