"""PermenPANRB 6/2022 rules (docs/aturan.md §1) through the project's own functions."""

import pytest

from evaluasi.predikat import (
    Predikat,
    PredikatOrganisasi,
    Rating,
    distribution_warnings,
    outcome_of_indicator,
    predikat_kinerja,
    suggest_hasil_kerja,
)

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        (A, A, "Sangat Baik"),
        (A, S, "Baik"),
        (A, B, "Kurang/Misconduct"),
        (S, A, "Baik"),
        (S, S, "Baik"),
        (S, B, "Kurang/Misconduct"),
        (B, A, "Butuh Perbaikan"),
        (B, S, "Butuh Perbaikan"),
        (B, B, "Sangat Kurang"),
    ],
)
def test_all_nine_cells_of_the_matrix(hasil, perilaku, expected):
    assert predikat_kinerja(hasil, perilaku).label == expected


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([(True, A), (True, A), (False, S)], A),  # most above, no utama below
        ([(True, A), (True, A), (True, B)], S),  # most above but one utama below
        ([(True, A), (False, A), (False, B)], A),  # only a tambahan below
        ([(True, S), (True, S), (True, B)], S),  # most meet, a small part below
        ([(True, B), (True, B), (False, S)], B),  # most below
        ([(True, A), (True, B)], S),  # half and half: neither "most"
        ([], None),
    ],
)
def test_rating_hasil_kerja_suggestion(outcomes, expected):
    assert suggest_hasil_kerja(outcomes) == expected


def test_indicator_outcome_against_target():
    assert outcome_of_indicator(80, 88) == A
    assert outcome_of_indicator(80, 80) == S
    assert outcome_of_indicator(80, 79.9) == B
    assert outcome_of_indicator(None, 5) is None


@pytest.mark.parametrize(
    ("target", "realisasi", "expected"),
    [
        (5, 4, A),  # waktu: 5 days planned, done in 4 -> early is above expectation
        (5, 7, B),  # late
        (5, 5, S),
        (100_000_000, 90_000_000, A),  # biaya: under budget
        (100_000_000, 120_000_000, B),  # over budget
        (100_000_000, 100_000_000, S),
        (2, 1, A),  # kuantitas "angka putus sekolah" marked lower-is-better
        (0, 0, S),  # a target of zero (no drop-outs) met
        (0, 1, B),
    ],
)
def test_indicator_outcome_when_lower_is_better(target, realisasi, expected):
    assert outcome_of_indicator(target, realisasi, lower_is_better=True) == expected


def test_default_direction_follows_the_aspect():
    from evaluasi.predikat import ArahIndikator, default_arah

    assert default_arah("waktu") == default_arah("biaya") == ArahIndikator.TURUN
    assert default_arah("kuantitas") == default_arah("kualitas") == ArahIndikator.NAIK
    assert default_arah("") == ArahIndikator.NAIK


P = Predikat


def _warned(org, **counts):
    return [w.pesan for w in distribution_warnings(org, counts)]


@pytest.mark.parametrize(
    ("org", "good", "bad", "fragment"),
    [
        (PredikatOrganisasi.ISTIMEWA, {P.SANGAT_BAIK: 7, P.BAIK: 3}, {P.SANGAT_BAIK: 8, P.BAIK: 2}, "Sangat Baik 80%"),
        (PredikatOrganisasi.BAIK, {P.BAIK: 7, P.BUTUH_PERBAIKAN: 3}, {P.BAIK: 10}, "Baik 100%"),
        (PredikatOrganisasi.BUTUH_PERBAIKAN, {P.BUTUH_PERBAIKAN: 6, P.BAIK: 3, P.SANGAT_BAIK: 1}, {P.BUTUH_PERBAIKAN: 5, P.BAIK: 5}, "Butuh Perbaikan 50%"),
        (PredikatOrganisasi.KURANG, {P.KURANG: 6, P.BUTUH_PERBAIKAN: 2, P.BAIK: 2}, {P.KURANG: 6, P.BAIK: 2, P.SANGAT_BAIK: 2}, "Sangat Baik 20%"),
        (PredikatOrganisasi.SANGAT_KURANG, {P.SANGAT_KURANG: 8, P.KURANG: 2}, {P.SANGAT_KURANG: 8, P.KURANG: 1, P.SANGAT_BAIK: 1}, "tidak boleh ada Sangat Baik"),
    ],
)  # fmt: skip
def test_distribution_warnings_per_organisational_predicate(org, good, bad, fragment):
    assert _warned(org, **good) == []
    assert any(fragment in message for message in _warned(org, **bad))


def test_baik_organisation_expects_some_lower_predicates():
    assert any(
        "Butuh Perbaikan" in m
        for m in _warned(PredikatOrganisasi.BAIK, **{P.BAIK: 5, P.SANGAT_BAIK: 5})
    )
