"""Retention: raw 360 answers are personal data kept only as long as needed.

`RETENSI_JAWABAN_TAHUN` years after a period was published, its individual answers and comments
are deleted; the aggregated results (HasilAspek, HasilPerilaku), predicates and the access log
stay. The period is marked, and aggregation refuses to run on it afterwards — re-aggregating
without answers would wipe the very results retention keeps.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from evaluasi.models import Jawaban, JawabanTerbuka, PeriodePenilaian, StatusPeriode


@dataclass
class Purged:
    """What the retention purge removed of one period: raw answers and comments (counts)."""

    periode: PeriodePenilaian
    dipublikasikan: object
    jawaban: int
    komentar: int


def _published_at(periode: PeriodePenilaian):
    change = periode.riwayat.filter(ke=StatusPeriode.DIPUBLIKASIKAN).order_by("-waktu").first()
    return change.waktu if change else periode.ditutup_pada


def answers_purge(*, years: int, dry_run: bool = False, now=None) -> list[Purged]:
    """Delete the raw answers of periods published more than `years` years ago (idempotent)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(365.25 * years))
    done = []
    candidates = PeriodePenilaian.objects.filter(
        status=StatusPeriode.DIPUBLIKASIKAN, jawaban_dihapus_pada__isnull=True
    )
    for periode in candidates:
        published = _published_at(periode)
        if published >= cutoff:
            continue
        answers = Jawaban.objects.filter(penugasan__periode=periode)
        comments = JawabanTerbuka.objects.filter(penugasan__periode=periode)
        if dry_run:
            done.append(Purged(periode, published, answers.count(), comments.count()))
            continue
        with transaction.atomic():
            n_answers = answers._raw_delete(answers.db)
            n_comments = comments._raw_delete(comments.db)
            PeriodePenilaian.objects.filter(pk=periode.pk).update(jawaban_dihapus_pada=now)
        done.append(Purged(periode, published, n_answers, n_comments))
    return done
