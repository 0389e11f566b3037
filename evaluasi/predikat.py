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


def outcome_of_indicator(target: float | None, realisasi: float | None) -> Rating | None:
    """A quantitative indicator: above 100% of target exceeds, 100% meets, below falls short."""
    if target in (None, 0) or realisasi is None:
        return None
    ratio = realisasi / target
    if ratio > 1:
        return R.DI_ATAS
    return R.SESUAI if ratio == 1 else R.DI_BAWAH


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
