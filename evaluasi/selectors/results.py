"""Answers read back under the anonymity rules of docs/aturan.md §5 — the only way answers are read.

Rekan and bawahan are shown as their own group only with at least `ambang_anonimitas` submitted
responses. Groups below the threshold are merged with each other into "Lainnya" when together they
reach it, and are otherwise withheld. The merge never includes the atasan or self: both are known
people, so adding them would let anyone subtract their answers and expose the small group.
Only submitted assignments count; drafts are never read.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from evaluasi.models import (
    AksesJawabanIndividual,
    Hubungan,
    Jawaban,
    JawabanTerbuka,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
)

from .results_gate import enough_answers

LAINNYA = "lainnya"
GROUP_LABELS = {
    Hubungan.DIRI: "Diri sendiri",
    Hubungan.ATASAN: "Atasan",
    Hubungan.REKAN: "Rekan kerja",
    Hubungan.BAWAHAN: "Bawahan",
    LAINNYA: "Lainnya (rekan dan bawahan digabung)",
}
ANONYMOUS = (Hubungan.REKAN, Hubungan.BAWAHAN)
INDIVIDUAL_PERMISSION = "lihat_jawaban_individual"


def visible_groups(counts: dict[str, int], threshold: int) -> dict[str, tuple[str, ...]]:
    """Group shown -> the relationships it is made of, from submitted-response counts."""
    groups: dict[str, tuple[str, ...]] = {}
    for relation in (Hubungan.DIRI, Hubungan.ATASAN):
        if counts.get(relation):
            groups[relation] = (relation,)
    small = []
    for relation in ANONYMOUS:
        n = counts.get(relation, 0)
        if n >= threshold:
            groups[relation] = (relation,)
        elif n:
            small.append(relation)
    if small and sum(counts[r] for r in small) >= threshold:
        groups[LAINNYA] = tuple(small)
    return groups


@dataclass
class GroupScore:
    """One rater group's size and its mean per aspect (aspek id -> mean on the period's scale)."""

    kelompok: str
    label: str
    jumlah_penilai: int
    rerata_aspek: dict[int, float] = field(default_factory=dict)  # aspek id -> mean


@dataclass
class RateeResult:
    """A ratee's results as the anonymity rules allow: raters per relationship, the group scores,
    the open answers unattributed, and how many responses were withheld."""

    jumlah_per_hubungan: dict[str, int]
    kelompok: list[GroupScore]
    komentar: dict[int, list[str]]  # open question id -> texts, unattributed, in a fixed shuffle
    disembunyikan: int  # responses withheld because their group is below the threshold


def _stable_shuffle(texts: list[str]) -> list[str]:
    """Order by a hash of the text: not by time or rater, and the same on every read."""
    return sorted(texts, key=lambda t: hashlib.sha256(t.encode()).hexdigest())


def ratee_result(periode: PeriodePenilaian, dinilai: Pegawai) -> RateeResult:
    """Per-group aspect means and comments for one ratee, threshold applied (3 queries)."""
    submitted = Penugasan.objects.filter(periode=periode, dinilai=dinilai, dikirim__isnull=False)
    counts = dict(submitted.values_list("hubungan").annotate(n=Count("id")))
    groups = visible_groups(counts, periode.ambang_anonimitas)
    group_of = {rel: name for name, rels in groups.items() for rel in rels}

    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        Jawaban.objects.filter(penugasan__in=submitted, penugasan__hubungan__in=list(group_of))
        .values("penugasan__hubungan", "pernyataan__aspek_id")
        .annotate(total=Sum("nilai"), n=Count("id"))
    )
    for row in rows:
        key = (group_of[row["penugasan__hubungan"]], row["pernyataan__aspek_id"])
        sums[key][0] += row["total"]
        sums[key][1] += row["n"]
    scores = []
    for name, relations in groups.items():
        score = GroupScore(name, GROUP_LABELS[name], sum(counts[r] for r in relations))
        for (group, aspek_id), (total, n) in sums.items():
            if group == name and n:
                score.rerata_aspek[aspek_id] = round(total / n, 2)
        scores.append(score)

    shown = sum(counts[r] for r in group_of)
    return RateeResult(
        jumlah_per_hubungan=counts,
        kelompok=scores,
        komentar=_comments(submitted, group_of, periode.ambang_anonimitas)[0],
        disembunyikan=sum(counts.values()) - shown,
    )


def _comments(submitted, group_of, threshold: int) -> tuple[dict[int, list[str]], list[int]]:
    """Comments per open question from the shown groups other than self, and the questions
    withheld because fewer than `threshold` rekan/bawahan answered them (results_gate)."""
    relation_of = dict(
        submitted.filter(hubungan__in=[r for r in group_of if r != Hubungan.DIRI]).values_list(
            "pk", "hubungan"
        )
    )
    comments: dict[int, list[str]] = defaultdict(list)
    anonymous: dict[int, int] = defaultdict(int)
    for question, penugasan_id, text in JawabanTerbuka.objects.filter(
        penugasan_id__in=list(relation_of)
    ).values_list("pertanyaan_id", "penugasan_id", "teks"):
        comments[question].append(text)
        anonymous[question] += relation_of[penugasan_id] in ANONYMOUS
    shown = {q: t for q, t in comments.items() if enough_answers(anonymous[q], threshold)}
    return {q: _stable_shuffle(t) for q, t in shown.items()}, sorted(set(comments) - set(shown))


def ratee_comments(periode: PeriodePenilaian, dinilai: Pegawai) -> tuple[dict, list[int]]:
    """Only the comments, under the same group rules (2 queries; no answers are read):
    ({question id: [texts]}, [withheld question ids])."""
    submitted = Penugasan.objects.filter(periode=periode, dinilai=dinilai, dikirim__isnull=False)
    counts = dict(submitted.values_list("hubungan").annotate(n=Count("id")))
    groups = visible_groups(counts, periode.ambang_anonimitas)
    group_of = {rel: name for name, rels in groups.items() for rel in rels}
    return _comments(submitted, group_of, periode.ambang_anonimitas)


def may_see_individual_answers(user) -> bool:
    """Only a superuser who was also granted the permission explicitly (not implied by superuser)."""
    return (
        user.is_active
        and user.is_superuser
        and user.user_permissions.filter(
            content_type__app_label="evaluasi", codename=INDIVIDUAL_PERMISSION
        ).exists()
    )


def individual_answers(*, user, periode: PeriodePenilaian, dinilai: Pegawai, alasan: str):
    """Who answered what for one ratee — the single audited exception to anonymity.

    Raises PermissionError for anyone else, ValueError for a blank `alasan`; every successful call
    writes an audit row first. Both are programmer errors, not refusals: the view checks
    `may_see_individual_answers` and the reason before calling. Returns (Penugasan, {pernyataan id:
    value}) per assignment of the ratee, by relationship and rater name.
    """
    if not may_see_individual_answers(user):
        raise PermissionError("Akses jawaban individual hanya untuk superuser dengan izin khusus.")
    if not alasan.strip():
        raise ValueError("Alasan akses wajib diisi.")
    AksesJawabanIndividual.objects.create(
        oleh=user, periode=periode, dinilai=dinilai, alasan=alasan.strip()
    )
    assignments = (
        Penugasan.objects.filter(periode=periode, dinilai=dinilai)
        .select_related("penilai")
        .order_by("hubungan", "penilai__nama")
    )
    answers = defaultdict(dict)
    for penugasan_id, pernyataan_id, nilai in Jawaban.objects.filter(
        penugasan__in=assignments
    ).values_list("penugasan_id", "pernyataan_id", "nilai"):
        answers[penugasan_id][pernyataan_id] = nilai
    return [(a, answers.get(a.pk, {})) for a in assignments]
