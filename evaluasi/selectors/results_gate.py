"""The one gate for everything derived from 360 answers (docs/privasi.md, "Kapan hasil terbaca").

Scores, means, per-group and per-statement counts, comments, and whatever is computed from them
(report pages and PDFs, ZIPs, dashboards and their XLSX, SKP perilaku suggestions, the ranking of
award candidates) are readable

- by admins in scope from *hasil dihitung* on;
- by ASN (their own) and atasan (their direct reports') only once *dipublikasikan*.

Before that nothing is readable, whatever a refresh may have written: answers still change while
a period is open or closed for late submissions, and two readings around one submission would
give that rater's answers by subtraction. Completion *status* (who has or has not submitted) is
not behind this gate: it carries no answer.

`enough_answers` is the other half of the rule: every figure that includes rekan or bawahan
answers rests on at least the period's anonymity threshold of them.
"""

from django.db.models import QuerySet

from cms.errors import ActionRefused
from evaluasi.models import PeriodePenilaian, StatusPeriode

FOR_ADMINS = (StatusPeriode.HASIL_DIHITUNG, StatusPeriode.DIPUBLIKASIKAN)
FOR_ASN = (StatusPeriode.DIPUBLIKASIKAN,)


class ResultsNotReadable(ActionRefused):
    """Raised by `results_gate_check`; its message says why, in Indonesian, for the screen."""


def results_readable(periode: PeriodePenilaian, *, admin: bool) -> bool:
    """Whether 360-derived figures of `periode` may be read by an admin (True) or an ASN/atasan."""
    return periode.status in (FOR_ADMINS if admin else FOR_ASN)


def results_gate_check(periode: PeriodePenilaian, *, admin: bool) -> None:
    """Raise ResultsNotReadable with the reason when `results_readable` is False."""
    if results_readable(periode, admin=admin):
        return
    if admin:
        raise ResultsNotReadable(
            f"Hasil periode ini belum dapat dibaca (status: {periode.get_status_display()}). "
            "Angka hasil 360 hanya tersedia setelah periode berstatus Hasil dihitung, agar "
            "jawaban seorang penilai tidak dapat dihitung dari selisih dua unduhan."
        )
    raise ResultsNotReadable("Hasil periode ini belum dipublikasikan.")


def periods_with_readable_results(*, admin: bool) -> QuerySet[PeriodePenilaian]:
    """The periods whose results `results_readable` allows, as a queryset to filter further."""
    return PeriodePenilaian.objects.filter(status__in=FOR_ADMINS if admin else FOR_ASN)


def enough_answers(anonymous: int, threshold: int) -> bool:
    """Whether a figure holding `anonymous` rekan/bawahan answers may be shown (docs/aturan.md §5:
    every figure rests on at least the threshold). A figure of none rests on known people only
    (self, atasan), which the report shows by design."""
    return anonymous == 0 or anonymous >= threshold


def withheld_reason(threshold: int) -> str:
    """What a withheld figure says instead of its value."""
    return f"kurang dari {threshold} penilai"
