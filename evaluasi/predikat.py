"""Rules of PermenPANRB 6/2022 (docs/aturan.md §1): ratings, the matrix, the hasil-kerja rating
suggestion and the organisational distribution checks. Pure functions, no database."""

from dataclasses import dataclass

from django.db import models


class Rating(models.TextChoices):
    DI_ATAS = "di_atas", "Di atas ekspektasi"
    SESUAI = "sesuai", "Sesuai ekspektasi"
    DI_BAWAH = "di_bawah", "Di bawah ekspektasi"


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class PredikatOrganisasi(models.TextChoices):
    ISTIMEWA = "istimewa", "Istimewa"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


R, P = Rating, Predikat
# (rating hasil kerja, rating perilaku kerja) -> predikat kinerja
MATRIX = {
    (R.DI_ATAS, R.DI_ATAS): P.SANGAT_BAIK,
    (R.DI_ATAS, R.SESUAI): P.BAIK,
    (R.DI_ATAS, R.DI_BAWAH): P.KURANG,
    (R.SESUAI, R.DI_ATAS): P.BAIK,
    (R.SESUAI, R.SESUAI): P.BAIK,
    (R.SESUAI, R.DI_BAWAH): P.KURANG,
    (R.DI_BAWAH, R.DI_ATAS): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.SESUAI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.DI_BAWAH): P.SANGAT_KURANG,
}


def predikat_kinerja(hasil_kerja: str, perilaku: str) -> Predikat:
    return MATRIX[Rating(hasil_kerja), Rating(perilaku)]


# Predicates whose follow-up is a development plan (PermenPANRB 6/2022, tindak lanjut hasil
# evaluasi kinerja: pengembangan kompetensi for a pegawai below expectation).
NEEDS_DEVELOPMENT = frozenset({P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG})


def needs_development_plan(predikat: str) -> bool:
    """Whether an evaluation decided with `predikat` (a Predikat value) requires a *rencana
    pengembangan* agreed by the pejabat penilai and the pegawai: Butuh Perbaikan,
    Kurang/Misconduct and Sangat Kurang (PermenPANRB 6/2022, tindak lanjut: pengembangan
    kompetensi). False for Sangat Baik, Baik, "" (not decided) or an unknown value; raises
    nothing."""
    return predikat in NEEDS_DEVELOPMENT


def suggest_hasil_kerja(outcomes: list[tuple[bool, str]]) -> Rating | None:
    """Suggested rating hasil kerja from each RHK's outcome: (is utama, Rating of that RHK).

    di atas: most or all results exceed expectation and no utama result is below;
    di bawah: most or all results are below;
    sesuai: otherwise (most or all meet expectation, only a small part of the utama below).
    """
    if not outcomes:
        return None
    total = len(outcomes)
    above = sum(1 for _, r in outcomes if r == R.DI_ATAS)
    below = sum(1 for _, r in outcomes if r == R.DI_BAWAH)
    utama_below = any(is_utama and r == R.DI_BAWAH for is_utama, r in outcomes)
    if above * 2 > total and not utama_below:
        return R.DI_ATAS
    if below * 2 > total:
        return R.DI_BAWAH
    return R.SESUAI


class ArahIndikator(models.TextChoices):
    """Which way an indicator is better: capaian is judged against ekspektasi (PermenPANRB 6/2022),
    and for time and cost the expectation is met by staying at or *under* the target."""

    NAIK = "naik", "Makin tinggi makin baik"
    TURUN = "turun", "Makin rendah makin baik"


# Aspects whose indicators are better when lower unless the user says otherwise.
LOWER_BY_DEFAULT = frozenset({"waktu", "biaya"})


def default_arah(aspek: str) -> ArahIndikator:
    """The direction an indicator of `aspek` ("kuantitas", "kualitas", "waktu", "biaya") gets when
    the user does not choose one: waktu and biaya are better when lower (finishing early, spending
    less), kuantitas and kualitas when higher. Raises nothing (an unknown aspect: higher)."""
    return ArahIndikator.TURUN if aspek in LOWER_BY_DEFAULT else ArahIndikator.NAIK


def outcome_of_indicator(
    target: float | None, realisasi: float | None, lower_is_better: bool = False
) -> Rating | None:
    """A numeric indicator's capaian against its target (PermenPANRB 6/2022: hasil kerja against
    ekspektasi): beyond the target exceeds, on it meets, short of it falls below. "Beyond" is
    above the target, or below it when `lower_is_better` (a waktu or biaya indicator, or one the
    user turned around: done in 4 days of 5 exceeds, in 7 falls below). A target of 0 is a valid
    expectation (e.g. no drop-outs). None when the target or the realisasi is missing."""
    if target is None or realisasi is None:
        return None
    if realisasi == target:
        return R.SESUAI
    beyond = realisasi < target if lower_is_better else realisasi > target
    return R.DI_ATAS if beyond else R.DI_BAWAH


@dataclass(frozen=True)
class DistributionWarning:
    pesan: str


def distribution_warnings(organisasi: str, counts: dict[str, int]) -> list[DistributionWarning]:
    """Checks of individual predicates against the unit's predikat organisasi. Warn, never block."""
    total = sum(counts.values())
    if not total:
        return []

    def share(*keys) -> float:
        return sum(counts.get(k, 0) for k in keys) / total

    def pct(value: float) -> str:
        return f"{round(value * 100)}%"

    warnings = []

    def check(condition: bool, message: str) -> None:
        if not condition:
            warnings.append(DistributionWarning(message))

    org = PredikatOrganisasi
    sb, b, bp, k, sk = (
        share(p) for p in (P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG)
    )
    if organisasi == org.ISTIMEWA:
        check(sb <= 0.7, f"Sangat Baik {pct(sb)}; untuk organisasi Istimewa paling banyak 70%.")
    elif organisasi == org.BAIK:
        check(b <= 0.7, f"Baik {pct(b)}; untuk organisasi Baik paling banyak 70%.")
        check(
            bp + k > 0,
            "Untuk organisasi Baik diharapkan ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct.",
        )
    elif organisasi == org.BUTUH_PERBAIKAN:
        check(
            bp >= 0.6,
            f"Butuh Perbaikan {pct(bp)}; untuk organisasi Butuh Perbaikan paling sedikit 60%.",
        )
        check(
            sb <= 0.1, f"Sangat Baik {pct(sb)}; untuk organisasi Butuh Perbaikan paling banyak 10%."
        )
    elif organisasi == org.KURANG:
        check(k >= 0.6, f"Kurang/Misconduct {pct(k)}; untuk organisasi Kurang paling sedikit 60%.")
        check(bp >= 0.1, f"Butuh Perbaikan {pct(bp)}; untuk organisasi Kurang paling sedikit 10%.")
        check(sb <= 0.1, f"Sangat Baik {pct(sb)}; untuk organisasi Kurang paling banyak 10%.")
    elif organisasi == org.SANGAT_KURANG:
        check(
            sk >= 0.6,
            f"Sangat Kurang {pct(sk)}; untuk organisasi Sangat Kurang paling sedikit 60%.",
        )
        check(
            k + bp >= 0.1,
            "Untuk organisasi Sangat Kurang paling sedikit 10% Kurang/Misconduct dan/atau Butuh Perbaikan.",
        )
        check(sb == 0, "Untuk organisasi Sangat Kurang tidak boleh ada Sangat Baik.")
    return warnings


# A 1–5 behaviour score from the 360 turned into a suggested rating (configurable per deployment
# later; these cut-offs put "Sering" and above at di atas, "Kadang-kadang" and above at sesuai).
SCORE_ABOVE = 4.2
SCORE_MEETS = 3.0


def rating_from_score(score: float | None) -> Rating | None:
    if score is None:
        return None
    if score >= SCORE_ABOVE:
        return R.DI_ATAS
    return R.SESUAI if score >= SCORE_MEETS else R.DI_BAWAH
