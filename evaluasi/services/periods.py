"""Period status: draf → dibuka → ditutup → hasil dihitung → dipublikasikan, by Admin BKD only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from evaluasi.models import Instrumen, PeriodePenilaian, RiwayatPeriode, StatusPeriode
from evaluasi.selectors import unit_scope_for

S = StatusPeriode
FORWARD = {
    S.DRAF: S.DIBUKA,
    S.DIBUKA: S.DITUTUP,
    S.DITUTUP: S.HASIL_DIHITUNG,
    S.HASIL_DIHITUNG: S.DIPUBLIKASIKAN,
}
REOPEN = (S.DITUTUP, S.DIBUKA)


def may_move_periods(user) -> bool:
    """Admin BKD (unit scope: everything) with the change permission, or a superuser."""
    return user.is_superuser or (
        unit_scope_for(user).everything and user.has_perm("evaluasi.change_periodepenilaian")
    )


@transaction.atomic
def period_transition(*, periode_id: int, to: str, user, alasan: str = "") -> PeriodePenilaian:
    """Move a period one step forward, or reopen a closed one (a reason is required and logged)."""
    if not may_move_periods(user):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengubah status periode.")
    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    current = periode.status
    if (current, to) == REOPEN:
        if not alasan.strip():
            raise ValidationError("Membuka kembali periode memerlukan alasan.")
    elif FORWARD.get(current) != to:
        raise ValidationError(
            f"Status {periode.get_status_display()} tidak dapat diubah menjadi {S(to).label}."
        )
    if to == S.DIBUKA:
        # From now on answers refer to this instrument's statements: it may no longer change.
        Instrumen.objects.filter(pk=periode.instrumen_id).update(dibekukan=True)
    periode.status = to
    periode.save(update_fields=["status"])
    if to == S.DITUTUP:
        # The final aggregation runs once the closing is committed.
        from .aggregation_jobs import aggregation_queue

        transaction.on_commit(lambda: aggregation_queue(periode_id=periode.pk))
    if to == S.DIPUBLIKASIKAN:
        from django_q.tasks import async_task

        transaction.on_commit(
            lambda: async_task("evaluasi.tasks.results_published_task", periode.pk)
        )
    RiwayatPeriode.objects.create(
        periode=periode, dari=current, ke=to, oleh=user, alasan=alasan.strip()
    )
    return periode
