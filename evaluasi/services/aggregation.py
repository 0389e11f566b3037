"""Aggregating submitted 360 answers into per-ratee results (DESIGN.md §7).

The database does the heavy part: one GROUP BY (ratee, relationship, aspect) over the answers,
streamed in ratee order, so worker memory holds one ratee at a time whatever the province's size.
Python then applies the anonymity rules per ratee (which groups may be shown, the "Lainnya" merge)
and computes the weighted score. Per-statement figures are not stored: the report reads them for
its one ratee through the same rules (selectors.reports), which keeps this job's writes small. Results are written with bulk inserts
inside one transaction that first removes the period's previous results: readers see the old set
until the new one commits, and a failure leaves the old set untouched.
"""

import time
from collections import defaultdict

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count

from evaluasi.models import (
    Aspek,
    HasilAspek,
    HasilPerilaku,
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


ASPECT_COLUMNS = ("periode_id", "dinilai_id", "aspek_id", "kelompok", "rerata", "jumlah_penilai")


class _Writer:
    """Buffers result rows and writes them in batches.

    Aspect rows (about 30 per ratee) go in as plain tuples — COPY on PostgreSQL, multi-row INSERTs
    elsewhere: a model instance per row, or a statement per row, cost many times the GROUP BY
    itself. The one summary row per ratee uses bulk_create (JSON fields need the ORM).
    """

    def __init__(self):
        self.aspects: list[tuple] = []
        self.summaries: list[HasilPerilaku] = []
        self.table = connection.ops.quote_name(HasilAspek._meta.db_table)

    def aspect(self, row: tuple) -> None:
        self.aspects.append(row)
        if len(self.aspects) >= BATCH:
            self._flush_aspects()

    def summary(self, row: HasilPerilaku) -> None:
        self.summaries.append(row)
        if len(self.summaries) >= BATCH:
            HasilPerilaku.objects.bulk_create(self.summaries)
            self.summaries.clear()

    def _flush_aspects(self) -> None:
        columns = ", ".join(ASPECT_COLUMNS)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                    for row in self.aspects:
                        copy.write_row(row)
            else:
                for start in range(0, len(self.aspects), 1000):
                    chunk = self.aspects[start : start + 1000]
                    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
                    cursor.execute(
                        f"INSERT INTO {self.table} ({columns}) VALUES {values}",  # noqa: S608
                        [value for row in chunk for value in row],
                    )
        self.aspects.clear()

    def flush(self) -> None:
        if self.aspects:
            self._flush_aspects()
        if self.summaries:
            HasilPerilaku.objects.bulk_create(self.summaries)
            self.summaries.clear()


def _ratee_rows(periode, ratee, counts, rows, bobot, writer) -> None:
    """All result rows of one ratee from their (relationship, aspect, sum, count) rows."""
    groups = visible_groups(counts, periode.ambang_anonimitas)
    group_of = {rel: name for name, rels in groups.items() for rel in rels}
    by_aspect = defaultdict(lambda: [0, 0])  # (group, aspect) -> [sum, count]
    for relation, aspect, total, n in rows:
        group = group_of.get(relation)
        if group is None:
            continue  # withheld: below the threshold and not merged
        if aspect not in bobot:
            raise ValueError(f"Jawaban merujuk aspek {aspect} di luar instrumen periode ini.")
        targets = (group,) if group == Kelompok.DIRI else (group, Kelompok.ORANG_LAIN)
        for target in targets:
            entry = by_aspect[target, aspect]
            entry[0] += total
            entry[1] += n

    raters = {name: sum(counts[r] for r in rels) for name, rels in groups.items()}
    raters[Kelompok.ORANG_LAIN] = sum(n for name, n in raters.items() if name != Kelompok.DIRI)
    means: dict[str, dict[int, float]] = defaultdict(dict)
    for (group, aspect), (total, n) in by_aspect.items():
        means[group][aspect] = total / n
        writer.aspect((periode.pk, ratee, aspect, group, round(total / n, 4), raters[group]))

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
    writer.summary(
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


def _grouped_answers(periode_id: int, dinilai_ids):
    """(ratee, relationship, aspect, sum, count) over submitted answers, in ratee order.

    Plain SQL on a chunked (server-side on PostgreSQL) cursor: rows stream without the ORM's
    per-value converters, and memory stays flat.
    """
    q = connection.ops.quote_name
    tables = {m: q(m._meta.db_table) for m in (Jawaban, Penugasan, Pernyataan)}
    params: list = [periode_id]
    only = ""
    if dinilai_ids is not None:
        only = (
            f" AND p.dinilai_id IN ({', '.join(['%s'] * len(dinilai_ids))})"
            if dinilai_ids
            else " AND 1 = 0"
        )
        params += list(dinilai_ids)
    sql = (
        f"SELECT p.dinilai_id, p.hubungan, s.aspek_id, SUM(j.nilai), COUNT(*) "  # noqa: S608
        f"FROM {tables[Jawaban]} j JOIN {tables[Penugasan]} p ON p.id = j.penugasan_id "
        f"JOIN {tables[Pernyataan]} s ON s.id = j.pernyataan_id "
        f"WHERE p.periode_id = %s AND p.dikirim IS NOT NULL{only} "
        f"GROUP BY p.dinilai_id, p.hubungan, s.aspek_id ORDER BY p.dinilai_id"
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            yield from batch


def aggregate(*, periode_id: int, dinilai_ids=None, job_id: int | None = None) -> int:
    """Recompute the period's results (or only `dinilai_ids`'); returns the number of ratees."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    bobot = {
        pk: float(w)
        for pk, w in Aspek.objects.filter(instrumen_id=periode.instrumen_id).values_list(
            "pk", "bobot"
        )
    }
    submitted = Penugasan.objects.filter(periode=periode, dikirim__isnull=False)
    if dinilai_ids is not None:
        submitted = submitted.filter(dinilai_id__in=dinilai_ids)
    total_ratees = submitted.values("dinilai_id").distinct().count()
    done, started = 0, time.monotonic()
    with transaction.atomic():
        # One run per period at a time: a second one waits here instead of interleaving writes.
        PeriodePenilaian.objects.select_for_update().filter(pk=periode.pk).first()
        stale = {"periode": periode}
        if dinilai_ids is not None:
            stale["dinilai_id__in"] = dinilai_ids
        for model in (HasilAspek, HasilPerilaku):
            model.objects.filter(**stale).delete()
        writer = _Writer()
        counts = _counts_by_ratee(submitted)
        current, rows = None, []
        for ratee, relation, aspect, total, n in _grouped_answers(periode.pk, dinilai_ids):
            if ratee != current:
                if current is not None:
                    _ratee_rows(periode, current, _counts_of(counts, current), rows, bobot, writer)
                    done += 1
                    if job_id and done % 1000 == 0:
                        elapsed = time.monotonic() - started
                        cache.set(progress_key(job_id), (done, total_ratees, elapsed), 3600)
                current, rows = ratee, []
            rows.append((relation, aspect, total, n))
        if current is not None:
            _ratee_rows(periode, current, _counts_of(counts, current), rows, bobot, writer)
            done += 1
        writer.flush()
    if job_id:
        cache.set(progress_key(job_id), (done, total_ratees, time.monotonic() - started), 3600)
    return done


def _counts_by_ratee(submitted):
    """(ratee, {relationship: submitted count}) in ratee order, streamed like the answers."""
    rows = (
        submitted.values_list("dinilai_id", "hubungan")
        .annotate(n=Count("id"))
        .order_by("dinilai_id")
        .iterator(chunk_size=BATCH)
    )
    current, counts = None, {}
    for ratee, relation, n in rows:
        if ratee != current and current is not None:
            yield current, counts
            counts = {}
        current = ratee
        counts[relation] = n
    if current is not None:
        yield current, counts


def _counts_of(stream, ratee: int) -> dict[str, int]:
    """Advance the ordered counts stream to `ratee` (both streams are in ratee order)."""
    for candidate, counts in stream:
        if candidate == ratee:
            return counts
    raise RuntimeError(f"Jumlah penilai untuk pegawai {ratee} tidak ditemukan.")
