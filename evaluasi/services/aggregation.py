"""Aggregating submitted 360 answers into per-ratee results (DESIGN.md §7).

The database does the heavy part: one GROUP BY (ratee, relationship, statement) over the answers,
streamed in ratee order, so worker memory holds one ratee at a time whatever the province's size.
Python then applies the anonymity rules per ratee (which groups may be shown, the "Lainnya" merge),
folds statements into aspects and computes the weighted score. Results are written with bulk inserts
inside one transaction that first removes the period's previous results: readers see the old set
until the new one commits, and a failure leaves the old set untouched.
"""

import time
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Sum

from evaluasi.models import (
    Aspek,
    HasilAspek,
    HasilPerilaku,
    HasilPernyataan,
    Jawaban,
    Kelompok,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
)
from evaluasi.predikat import Rating
from evaluasi.selectors.results import visible_groups

BATCH = 5000
TOP = 3


def progress_key(job_id: int) -> str:
    return f"agregasi-progres-{job_id}"


def _group_weights(
    periode: PeriodePenilaian, groups: dict[str, tuple[str, ...]]
) -> dict[str, float]:
    per_relation = {
        "atasan": periode.bobot_atasan,
        "rekan": periode.bobot_rekan,
        "bawahan": periode.bobot_bawahan,
    }
    weights = {}
    for name, relations in groups.items():
        if name == Kelompok.DIRI:
            continue
        shares = [per_relation[r] for r in relations]
        weights[name] = sum(shares) / len(shares)
    return weights


def _weighted(means: dict[int, float], bobot: dict[int, float]) -> float | None:
    total = sum(bobot.get(a, 1) for a in means)
    if not means or not total:
        return None
    return sum(bobot.get(a, 1) * m for a, m in means.items()) / total


def _rating(periode: PeriodePenilaian, score: float | None) -> str:
    if score is None:
        return ""
    if score >= periode.batas_di_atas:
        return Rating.DI_ATAS
    return Rating.SESUAI if score >= periode.batas_sesuai else Rating.DI_BAWAH


class _Writer:
    """Buffers result rows and writes them in bulk batches."""

    def __init__(self):
        self.buffers = {HasilAspek: [], HasilPernyataan: [], HasilPerilaku: []}

    def add(self, row) -> None:
        buffer = self.buffers[type(row)]
        buffer.append(row)
        if len(buffer) >= BATCH:
            type(row).objects.bulk_create(buffer)
            buffer.clear()

    def flush(self) -> None:
        for model, buffer in self.buffers.items():
            if buffer:
                model.objects.bulk_create(buffer)
                buffer.clear()


def _ratee_rows(periode, ratee, counts, rows, aspect_of, bobot, writer) -> None:
    """All result rows of one ratee from their (relationship, statement, sum, count) rows."""
    groups = visible_groups(counts, periode.ambang_anonimitas)
    group_of = {rel: name for name, rels in groups.items() for rel in rels}
    by_statement = defaultdict(lambda: [0, 0])  # (group, statement) -> [sum, count]
    by_aspect = defaultdict(lambda: [0, 0])  # (group, aspect) -> [sum, count]
    for relation, statement, total, n in rows:
        group = group_of.get(relation)
        if group is None:
            continue  # withheld: below the threshold and not merged
        aspect = aspect_of[statement]
        targets = [group] if group == Kelompok.DIRI else [group, Kelompok.ORANG_LAIN]
        for target in targets:
            by_statement[target, statement][0] += total
            by_statement[target, statement][1] += n
            by_aspect[target, aspect][0] += total
            by_aspect[target, aspect][1] += n

    raters = {name: sum(counts[r] for r in rels) for name, rels in groups.items()}
    raters[Kelompok.ORANG_LAIN] = sum(n for name, n in raters.items() if name != Kelompok.DIRI)
    means: dict[str, dict[int, float]] = defaultdict(dict)
    for (group, aspect), (total, n) in by_aspect.items():
        means[group][aspect] = total / n
        writer.add(
            HasilAspek(
                periode=periode, dinilai_id=ratee, aspek_id=aspect, kelompok=group,
                rerata=round(total / n, 4), jumlah_penilai=raters[group],
            )
        )  # fmt: skip
    for (group, statement), (total, n) in by_statement.items():
        if group in (Kelompok.DIRI, Kelompok.ORANG_LAIN):
            writer.add(
                HasilPernyataan(
                    periode=periode, dinilai_id=ratee, pernyataan_id=statement, kelompok=group,
                    rerata=round(total / n, 4), jumlah_penilai=raters[group],
                )
            )  # fmt: skip

    weights = _group_weights(periode, groups)
    scored = {g: _weighted(means[g], bobot) for g in weights if means.get(g)}
    weight_sum = sum(weights[g] for g in scored)
    score = sum(weights[g] * s for g, s in scored.items()) / weight_sum if weight_sum else None
    self_score = _weighted(means.get(Kelompok.DIRI, {}), bobot)
    others = means.get(Kelompok.ORANG_LAIN, {})
    others_score = _weighted(others, bobot)
    ranked = sorted(others, key=lambda a: (-others[a], a))
    strongest = ranked[:TOP]
    weakest = [a for a in reversed(ranked) if a not in strongest][:TOP]
    writer.add(
        HasilPerilaku(
            periode=periode,
            dinilai_id=ratee,
            skor=round(score, 4) if score is not None else None,
            saran_rating=_rating(periode, score),
            skor_diri=round(self_score, 4) if self_score is not None else None,
            selisih=round(self_score - others_score, 4)
            if self_score is not None and others_score is not None
            else None,
            aspek_kuat=strongest,
            aspek_kembang=weakest,
            jumlah_per_hubungan=dict(counts),
            disembunyikan=sum(counts.values()) - sum(raters[g] for g in groups),
        )
    )


def aggregate(*, periode_id: int, dinilai_ids=None, job_id: int | None = None) -> int:
    """Recompute the period's results (or only `dinilai_ids`'); returns the number of ratees."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    aspect_of = dict(
        Pernyataan.objects.filter(aspek__instrumen_id=periode.instrumen_id).values_list(
            "pk", "aspek_id"
        )
    )
    bobot = {
        pk: float(w)
        for pk, w in Aspek.objects.filter(instrumen_id=periode.instrumen_id).values_list(
            "pk", "bobot"
        )
    }
    submitted = Penugasan.objects.filter(periode=periode, dikirim__isnull=False)
    if dinilai_ids is not None:
        submitted = submitted.filter(dinilai_id__in=dinilai_ids)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for ratee, relation, n in submitted.values_list("dinilai_id", "hubungan").annotate(
        n=Count("id")
    ):
        counts[ratee][relation] = n
    grouped = (
        Jawaban.objects.filter(penugasan__in=submitted)
        .values_list("penugasan__dinilai_id", "penugasan__hubungan", "pernyataan_id")
        .annotate(total=Sum("nilai"), n=Count("id"))
        .order_by("penugasan__dinilai_id")
    )
    done, started = 0, time.monotonic()
    with transaction.atomic():
        stale = {"periode": periode}
        if dinilai_ids is not None:
            stale["dinilai_id__in"] = dinilai_ids
        for model in (HasilAspek, HasilPernyataan, HasilPerilaku):
            model.objects.filter(**stale).delete()
        writer = _Writer()
        current, rows = None, []
        for ratee, relation, statement, total, n in grouped.iterator(chunk_size=BATCH):
            if ratee != current:
                if current is not None:
                    _ratee_rows(periode, current, counts[current], rows, aspect_of, bobot, writer)
                    done += 1
                    if job_id and done % 1000 == 0:
                        cache.set(
                            progress_key(job_id),
                            (done, len(counts), time.monotonic() - started),
                            3600,
                        )
                current, rows = ratee, []
            rows.append((relation, statement, total, n))
        if current is not None:
            _ratee_rows(periode, current, counts[current], rows, aspect_of, bobot, writer)
            done += 1
        writer.flush()
    if job_id:
        cache.set(progress_key(job_id), (done, len(counts), time.monotonic() - started), 3600)
    return done
