"""The history of a period's assignment changes (`RiwayatPenugasan`), scoped like the assignments.

An admin sees the changes whose ratee is in their unit subtree, as `penugasan_visible_to` shows the
assignments themselves; Admin BKD sees all (issue 15: no admin reads outside their scope)."""

from django.db.models import QuerySet

from evaluasi.models import PeriodePenilaian, RiwayatPenugasan

from .roster import unit_scope_for


def assignment_history_visible_to(user, periode: PeriodePenilaian) -> QuerySet[RiwayatPenugasan]:
    """Newest first, with who made the change and both pegawai loaded."""
    queryset = RiwayatPenugasan.objects.filter(periode=periode).select_related(
        "oleh", "penilai", "dinilai"
    )
    scope = unit_scope_for(user)
    if scope.everything:
        return queryset
    if scope.root is None:
        return queryset.none()
    return queryset.filter(dinilai__unit_kerja__path__startswith=scope.root.path)
