"""SKP reads (selectors/skp.py): the decision suggestions from realisation and from the 360."""

from evaluasi.models import (
    PeriodePenilaian,
)
from evaluasi.services import evaluations as ev
from evaluasi.tests.factories import PegawaiFactory, PeriodePenilaianFactory
from evaluasi.tests.ratings import rate
from evaluasi.tests.skp_steps import approved_skp


def test_suggestions_from_realisasi_and_from_the_360(school):
    """RHK suggestions from realisasi; perilaku suggestions from the stored results of the year's
    latest *published* 360 period only (results gate: nothing while it is open)."""
    from evaluasi.selectors.skp import decision_suggestions
    from evaluasi.services.aggregation import aggregate

    s = school
    guru, periode = s["guru"], s["periode"]
    survey = PeriodePenilaianFactory(
        nama="360 semester 1", tahun=periode.tahun, instrumen=periode.instrumen, dibuka=True
    )
    raters = [(guru, "diri", 1), (s["kepala"], "atasan", 5)] + [
        (PegawaiFactory(unit_kerja=guru.unit_kerja, atasan=s["kepala"]), "rekan", 4)
        for _ in range(3)
    ]
    for rater, relation, value in raters:
        rate(survey, rater, guru, relation, value)
    aggregate(periode_id=survey.pk)
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=guru.user
    )
    first, second = [rhk.indikator.first() for rhk in rencana.rhk.order_by("pk")]
    ev.realisasi_save(
        evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=first.pk, angka="90"
    )  # > 85
    ev.realisasi_save(
        evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=second.pk, angka="1"
    )  # < 2

    per_rhk, per_value = decision_suggestions(evaluasi)
    assert per_rhk == {first.rhk_id: "di_atas", second.rhk_id: "di_bawah"}
    assert per_value == {}  # the 360 period is open: its results are not readable yet
    PeriodePenilaian.objects.filter(pk=survey.pk).update(status="dipublikasikan")
    per_rhk, per_value = decision_suggestions(evaluasi)
    # Others only: atasan 5 (1 rater) and rekan 4 (3 raters) -> 4.25; the self-rating of 1 is ignored.
    assert set(per_value) == set(ev.BERAKHLAK)
    assert set(per_value.values()) == {(4.25, "di_atas")}


def test_bawahan_saya_reads_a_bounded_number_of_queries_for_any_team_size(
    client, school, django_assert_max_num_queries
):
    """The atasan's team page: the same queries for 2 or 12 direct reports, each with an SKP, its
    evaluations (one needing a rencana pengembangan) — no query per pegawai."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluasi.tests.factories import EvaluasiKinerjaFactory

    s = school
    client.force_login(s["kepala"].user)

    def add_reports(n):
        for _ in range(n):
            guru = PegawaiFactory(unit_kerja=s["guru"].unit_kerja, atasan=s["kepala"])
            EvaluasiKinerjaFactory(
                rencana__pegawai=guru,
                rencana__pejabat_penilai=s["kepala"],
                periode_kinerja=s["periode_kinerja"],
                predikat="butuh_perbaikan",
            )

    add_reports(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/skp/bawahan/").status_code == 200
    add_reports(10)
    with django_assert_max_num_queries(len(small)):
        page = client.get("/skp/bawahan/").content.decode()
    assert page.count("Rencana pengembangan belum disusun") == 12
