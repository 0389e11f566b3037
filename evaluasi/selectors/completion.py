"""Completion of a period — assigned, started, submitted — by unit (rolled up the tree) and by rater.

Counts are grouped in the database by the rater's unit (one row per unit, ≤ 2,000), then rolled up
to the children of the unit being looked at in Python: no query per unit.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from evaluasi.models import Hubungan, Pegawai, Penugasan, PeriodePenilaian, UnitKerja

from .roster import (
    assignments_of_ratees_in_scope,
    in_unit_scope,
    pegawai_visible_to,
    unit_scope_for,
)

COUNTS = {
    "ditugaskan": Count("id"),
    "dimulai": Count("id", filter=Q(dimulai__isnull=False)),
    "dikirim": Count("id", filter=Q(dikirim__isnull=False)),
}


@dataclass
class CompletionRow:
    """Assigned, started and submitted counts of one unit (None: the whole scope), and the
    percentage."""

    unit: UnitKerja | None
    ditugaskan: int = 0
    dimulai: int = 0
    dikirim: int = 0

    def add(self, row: dict) -> None:
        for key in COUNTS:
            setattr(self, key, getattr(self, key) + row[key])

    @property
    def persen(self) -> int:
        return round(100 * self.dikirim / self.ditugaskan) if self.ditugaskan else 0


def assignments_of_raters_in_scope(user, periode: PeriodePenilaian) -> QuerySet[Penugasan]:
    """Assignments whose rater works in the user's unit subtree (everything for Admin BKD)."""
    return in_unit_scope(
        Penugasan.objects.filter(periode=periode), user, "penilai__unit_kerja__path"
    )


def completion_by_unit(user, periode, unit: UnitKerja | None = None):
    """(unit, total, rows): one row per child of the unit actually shown (the requested one if in
    scope, else the user's own root; None = the top units), rolled up over subtrees."""
    scope = unit_scope_for(user)
    if unit is None and not scope.everything:
        unit = scope.root
    if unit is not None and not scope.allows_unit(unit):
        unit = scope.root
    prefix = unit.path if unit else "/"
    grouped = (
        assignments_of_raters_in_scope(user, periode)
        .filter(penilai__unit_kerja__path__startswith=prefix)
        .values("penilai__unit_kerja__path")
        .annotate(**COUNTS)
    )
    children = (
        UnitKerja.objects.filter(induk=unit) if unit else UnitKerja.objects.filter(induk=None)
    )
    rows = {str(child.pk): CompletionRow(child) for child in children.order_by("nama")}
    own = CompletionRow(unit)  # raters placed directly in `unit` itself
    total = CompletionRow(unit)
    for row in grouped:
        rest = row["penilai__unit_kerja__path"][len(prefix) :]
        child = rest.split("/", 1)[0]
        total.add(row)
        rows.get(child, own).add(row)
    listed = [r for r in rows.values() if r.ditugaskan]
    if own.ditugaskan and unit is not None:
        listed.insert(0, own)
    return unit, total, listed


def completion_by_rater(user, periode, unit: UnitKerja | None = None) -> QuerySet[Pegawai]:
    """Raters in the subtree with their counts, least complete first (paginate the result)."""
    scope = unit_scope_for(user)
    prefix = (unit.path if unit and scope.allows_unit(unit) else scope.path) or ""
    assignments = assignments_of_raters_in_scope(user, periode)
    if prefix:
        assignments = assignments.filter(penilai__unit_kerja__path__startswith=prefix)
    return (
        assignments.values(
            "penilai_id",
            "penilai__nip",
            "penilai__nama",
            "penilai__unit_kerja__nama",
            "penilai__email",
        )
        .annotate(**COUNTS)
        .annotate(sisa=F("ditugaskan") - F("dikirim"))
        .order_by("-sisa", "penilai__nama")
    )


def below_threshold(*, periode_id: int, user=None) -> dict[str, int]:
    """{"rekan": n, "bawahan": n}: how many ratees have fewer rekan / bawahan raters than the
    anonymity threshold (0 excluded) — among the ratees in `user`'s unit scope when given (an
    Admin OPD counts only their own units; nothing when they have no scope). Raises
    PeriodePenilaian.DoesNotExist for an unknown id. Three queries."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    everyone = Penugasan.objects.all() if user is None else assignments_of_ratees_in_scope(user)
    assignments = everyone.filter(periode=periode)
    result = {}
    for relation in (Hubungan.REKAN, Hubungan.BAWAHAN):
        counts = (
            assignments.filter(hubungan=relation)
            .values("dinilai_id")
            .annotate(n=Count("id"))
            .filter(n__lt=periode.ambang_anonimitas)
        )
        result[str(relation)] = counts.count()
    return result


def assignment_counts_by_relationship(user, periode: PeriodePenilaian) -> dict[str, int]:
    """{"diri": n, "atasan": n, "rekan": n, "bawahan": n} (only relationships that occur): the
    period's assignments whose rater is in the user's unit subtree
    (`assignments_of_raters_in_scope`). One grouped query. Raises nothing."""
    return dict(
        assignments_of_raters_in_scope(user, periode)
        .values_list("hubungan")
        .annotate(n=Count("id"))
    )


def unfinished_raters_in_scope(user, periode: PeriodePenilaian, unit: UnitKerja | None = None):
    """Sorted primary keys of the raters the user may see (`pegawai_visible_to`) who still have an
    unsubmitted assignment in the period, within `unit`'s subtree when given (the completion
    screen's "send reminders now"). One query. Raises nothing."""
    raters = pegawai_visible_to(user).filter(
        penugasan_menilai__periode=periode, penugasan_menilai__dikirim__isnull=True
    )
    if unit is not None:
        raters = raters.filter(unit_kerja__path__startswith=unit.path)
    return sorted(set(raters.values_list("pk", flat=True)))
