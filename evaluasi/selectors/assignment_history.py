"""The history of a period's assignment changes (`RiwayatPenugasan`), scoped like the assignments.

An admin sees the changes whose ratee is in their unit subtree, as `assignments_of_ratees_in_scope` shows the
assignments themselves; Admin BKD sees all (issue 15: no admin reads outside their scope)."""

from django.db.models import QuerySet

from evaluasi.models import PeriodePenilaian, RiwayatPenugasan

from .roster import in_unit_scope


def assignment_history_visible_to(user, periode: PeriodePenilaian) -> QuerySet[RiwayatPenugasan]:
    """Newest first, with who made the change and both pegawai loaded."""
    queryset = RiwayatPenugasan.objects.filter(periode=periode).select_related(
        "oleh", "penilai", "dinilai"
    )
    return in_unit_scope(queryset, user, "dinilai__unit_kerja__path")
