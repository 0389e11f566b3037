"""Period status: draf → dibuka → ditutup → hasil dihitung → dipublikasikan, by Admin BKD only."""

from django.db import transaction
from django.db.models import Max, Min
from django_q.tasks import async_task

from cms.errors import ActionRefused
from evaluasi.models import (
    HasilPerilaku,
    Instrumen,
    Penugasan,
    PeriodePenilaian,
    RiwayatPeriode,
    StatusPeriode,
)
from evaluasi.selectors import unit_scope_for

S = StatusPeriode
FORWARD = {
    S.DRAF: S.DIBUKA,
    S.DIBUKA: S.DITUTUP,
    S.DITUTUP: S.HASIL_DIHITUNG,
    S.HASIL_DIHITUNG: S.DIPUBLIKASIKAN,
}
REOPEN = (S.DITUTUP, S.DIBUKA)


class PeriodRefused(ActionRefused):
    """A period's status change is refused; the message is shown to the admin as is."""


def may_move_periods(user) -> bool:
    """Admin BKD (unit scope: everything) with the change permission, or a superuser."""
    return user.is_superuser or (
        unit_scope_for(user).everything and user.has_perm("evaluasi.change_periodepenilaian")
    )


def results_current_check(periode: PeriodePenilaian) -> None:
    """Results become readable to admins at *hasil dihitung* (results_gate), and never change
    after that: so they must already include every submission. Raises PeriodRefused when a
    submission arrived after the last aggregation (or none ran although answers exist)."""
    last_sent = Penugasan.objects.filter(periode=periode, dikirim__isnull=False).aggregate(
        t=Max("dikirim")
    )["t"]
    if last_sent is None:
        return
    computed = HasilPerilaku.objects.filter(periode=periode).aggregate(t=Min("dihitung"))["t"]
    if computed is None or computed < last_sent:
        raise PeriodRefused(
            "Hasil belum mencakup semua kiriman: ada kiriman setelah penghitungan terakhir. "
            "Klik «Hitung hasil sekarang», tunggu sampai selesai, lalu ubah status lagi."
        )


def instrument_open_check(instrumen: Instrumen) -> None:
    """An aspect shown to rekan or bawahan needs a mandatory statement for them: then every
    submitted rater of the group answered it, and the aspect's group mean rests on the whole
    group (at least the anonymity threshold), never on the one or two who answered an optional
    statement (docs/privasi.md). Raises PeriodRefused naming the aspects."""
    problems = []
    for aspek in instrumen.aspek.prefetch_related("pernyataan"):
        for field, label in (("untuk_rekan", "rekan kerja"), ("untuk_bawahan", "bawahan")):
            shown = [p for p in aspek.pernyataan.all() if getattr(p, field)]
            if shown and not any(p.wajib for p in shown):
                problems.append(f"{aspek.nama} ({label})")
    if problems:
        raise PeriodRefused(
            "Periode belum dapat dibuka: aspek berikut hanya memiliki pernyataan opsional untuk "
            "penilai anonim, sehingga reratanya bisa bertumpu pada satu orang: "
            + "; ".join(problems)
            + ". Jadikan paling sedikit satu pernyataannya wajib diisi."
        )


@transaction.atomic
def period_transition(*, periode_id: int, to: str, user, alasan: str = "") -> PeriodePenilaian:
    """Move period `periode_id` to status `to` (a StatusPeriode value): one step forward (FORWARD),
    or reopen a closed one (REOPEN; `alasan` is required). Opening freezes the instrument; closing
    queues the final aggregation, publishing the notification mails (both on commit). Logged in
    RiwayatPeriode; returns the PeriodePenilaian.

    Raises PeriodRefused when `user` is not Admin BKD (`may_move_periods`), the step is not allowed,
    a reopening has no reason, results miss a submission (`results_current_check`), or the
    instrument is not fit to open (`instrument_open_check`)."""
    if not may_move_periods(user):
        raise PeriodRefused("Hanya Admin BKD yang dapat mengubah status periode.")
    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    current = periode.status
    if (current, to) == REOPEN:
        if not alasan.strip():
            raise PeriodRefused("Membuka kembali periode memerlukan alasan.")
    elif FORWARD.get(current) != to:
        raise PeriodRefused(
            f"Status {periode.get_status_display()} tidak dapat diubah menjadi {S(to).label}."
        )
    if to == S.HASIL_DIHITUNG:
        results_current_check(periode)
    if to == S.DIBUKA:
        instrument_open_check(periode.instrumen)
        # From now on answers refer to this instrument's statements: it may no longer change.
        Instrumen.objects.filter(pk=periode.instrumen_id).update(dibekukan=True)
    periode.status = to
    periode.save(update_fields=["status"])
    if to == S.DITUTUP:
        # The final aggregation runs once the closing is committed.
        from .aggregation_jobs import aggregation_queue

        transaction.on_commit(lambda: aggregation_queue(periode_id=periode.pk))
    if to == S.DIPUBLIKASIKAN:
        transaction.on_commit(
            lambda: async_task("evaluasi.tasks.results_published_task", periode.pk)
        )
    RiwayatPeriode.objects.create(
        periode=periode, dari=current, ke=to, oleh=user, alasan=alasan.strip()
    )
    return periode
