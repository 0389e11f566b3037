"""Rating helpers shared by the aggregation, anonymity, report and results-gate tests."""

from evaluasi.models import HasilAspek, PeriodePenilaian, Pernyataan
from evaluasi.services.answers import assignment_submit
from evaluasi.tests.factories import PenugasanFactory


def rater_statements(periode, relation):
    """The period's statements shown to `relation` (diri, atasan, rekan, bawahan)."""
    return list(
        Pernyataan.objects.filter(aspek__instrumen=periode.instrumen, **{f"untuk_{relation}": True})
    )


def rate(periode, rater, ratee, relation, value, skip=()):
    """`rater` submits `value` on every statement for `relation` except `skip` (pks)."""
    tugas = PenugasanFactory(periode=periode, penilai=rater, dinilai=ratee, hubungan=relation)
    data = {
        f"p_{s.pk}": str(value) for s in rater_statements(periode, relation) if s.pk not in skip
    }
    assignment_submit(penugasan_id=tugas.pk, pegawai_id=rater.pk, data=data)
    return tugas


def result_rows(**filters) -> list[tuple]:
    """Stored results as (pk, ratee, aspect, group, mean, raters), one per shown group."""
    return sorted(
        (r.pk, r.dinilai_id, r.aspek_id, group, mean, n)
        for r in HasilAspek.objects.filter(**filters)
        for group, (mean, n) in r.per_kelompok().items()
    )


def publish(periode, status="dipublikasikan"):
    """Move the period to `status` directly (no transition, no emails)."""
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=status)
