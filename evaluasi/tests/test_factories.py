"""The factories (factories.py) build coherent rows: a period with its instrument, assignments and
an SKP, each usable by the services without the demo."""

from evaluasi.models import Hubungan, Pernyataan, StatusPeriode, StatusSKP
from evaluasi.services.aggregation import aggregate
from evaluasi.tests.factories import (
    PegawaiFactory,
    PenugasanFactory,
    PeriodePenilaianFactory,
    RencanaKerjaFactory,
)
from evaluasi.tests.ratings import rate, result_rows


def test_a_period_comes_with_a_scaled_instrument_that_can_be_rated_and_aggregated(db):
    periode = PeriodePenilaianFactory(
        dibuka=True, instrumen__aspek=3, instrumen__aspek__pernyataan=2
    )
    assert periode.status == StatusPeriode.DIBUKA and periode.pengisian_berlangsung()
    assert [p.nilai for p in periode.instrumen.skala.all()] == [1, 2, 3, 4, 5]
    assert [a.pernyataan.count() for a in periode.instrumen.aspek.all()] == [2, 2, 2]
    assert Pernyataan.objects.filter(aspek__instrumen=periode.instrumen).count() == 6

    ratee = PegawaiFactory()
    for value in (3, 4, 5):
        rate(periode, PegawaiFactory(unit_kerja=ratee.unit_kerja), ratee, "rekan", value)
    aggregate(periode_id=periode.pk)
    assert {row[3:] for row in result_rows(dinilai=ratee)} == {
        ("rekan", 4.0, 3),
        ("orang_lain", 4.0, 3),
    }


def test_an_assignment_of_oneself_is_a_self_assessment(db):
    self_rating = PenugasanFactory(hubungan=Hubungan.DIRI)
    assert self_rating.penilai == self_rating.dinilai
    peer = PenugasanFactory(periode=self_rating.periode)
    assert peer.hubungan == Hubungan.REKAN and peer.penilai != peer.dinilai


def test_an_skp_has_its_rhk_and_indicators_and_is_judged_by_the_atasan(db):
    atasan = PegawaiFactory()
    rencana = RencanaKerjaFactory(
        pegawai=PegawaiFactory(atasan=atasan), disetujui=True, rhk=2, rhk__indikator=2
    )
    assert rencana.status == StatusSKP.DISETUJUI and rencana.terkunci
    assert rencana.pejabat_penilai == atasan
    assert [rhk.indikator.count() for rhk in rencana.rhk.all()] == [2, 2]
    assert rencana.rhk.first().indikator.first().target == "85 %"
