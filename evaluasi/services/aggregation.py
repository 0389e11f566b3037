"""Aggregating submitted 360 answers into per-ratee results (DESIGN.md §7).

Everything happens inside the database, in two `INSERT … SELECT` statements, so no answer travels
to Python and worker memory does not depend on the province's size:

1. per (ratee, aspect, group): the GROUP BY (ratee, relationship, aspect) over the answers, each
   relationship mapped to the group it may be shown in — the anonymity rules as a `CASE` over the
   per-relationship counts plus a window sum of the small anonymous groups ("Lainnya") — and again
   for everyone but self ("orang_lain");
2. per ratee: the weighted scores, the suggested rating, the self-vs-others gap and the strongest
   and weakest aspects, read back from the rows of step 1 (`ROW_NUMBER()` for the rankings).

`selectors.results.visible_groups` is the same rule for one ratee in Python (the report's
per-statement table); the tests hold both to one independent computation. Per-statement figures are
not stored: the report reads them for its one ratee, which keeps this job's writes small.

Both statements run in one transaction that first removes the period's (or the ratees') previous
rows: readers see the old set until the new one commits, and a failure leaves it untouched.
"""

import time

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from evaluasi.models import (
    GROUPS,
    Aspek,
    HasilAspek,
    HasilPerilaku,
    Hubungan,
    Jawaban,
    Kelompok,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
)
from evaluasi.predikat import Rating

TOP = 3
STAGES = ("Menghitung rerata per aspek", "Memeriksa instrumen", "Menyusun ringkasan per pegawai")


def progress_key(job_id: int) -> str:
    return f"agregasi-progres-{job_id}"


def _tables() -> dict:
    q = connection.ops.quote_name
    models = (Jawaban, Penugasan, Pernyataan, Aspek, HasilAspek, HasilPerilaku)
    return {m.__name__: q(m._meta.db_table) for m in models}


def _dialect() -> dict:
    """The few spellings that differ: float casts and ordered JSON aggregates."""
    if connection.vendor == "postgresql":
        return {
            "float": "double precision",
            "list": "jsonb_agg(aspek_id ORDER BY rk{desc})",
            "object": "jsonb_object_agg(hubungan, n)",
            "empty": "'[]'::jsonb",
        }
    # SQLite aggregates in the order of an ORDER BY subquery (it is not flattened under GROUP BY).
    return {
        "float": "REAL",
        "list": "json_group_array(aspek_id)",
        "object": "json_group_object(hubungan, n)",
        "empty": "'[]'",
    }


def _groups_cte(t: dict, only: str) -> str:
    """`counts` (submitted responses per ratee and relationship) and `grp` (the group each
    relationship is shown in, NULL when withheld) — DESIGN.md §7 as SQL."""
    named = f"('{Hubungan.DIRI}', '{Hubungan.ATASAN}')"
    anonymous = f"('{Hubungan.REKAN}', '{Hubungan.BAWAHAN}')"
    return (
        f"counts AS (SELECT p.dinilai_id, p.hubungan, CAST(COUNT(*) AS INTEGER) AS n "
        f"FROM {t['Penugasan']} p "
        f"WHERE p.periode_id = %(periode)s AND p.dikirim IS NOT NULL{only} "
        f"GROUP BY p.dinilai_id, p.hubungan), "
        f"grp AS (SELECT dinilai_id, hubungan, n, CASE "
        f"WHEN hubungan IN {named} THEN hubungan "
        f"WHEN hubungan IN {anonymous} AND n >= %(ambang)s THEN hubungan "
        f"WHEN hubungan IN {anonymous} AND SUM(CASE WHEN hubungan IN {anonymous} "
        f"AND n < %(ambang)s THEN n ELSE 0 END) OVER (PARTITION BY dinilai_id) >= %(ambang)s "
        f"THEN '{Kelompok.LAINNYA}' END AS kelompok FROM counts)"
    )


def _aspects_sql(t: dict, d: dict, only: str) -> str:
    """Step 1: one HasilAspek row per (ratee, aspect) — a mean and a rater count per shown group.

    Each answer's relationship joins its shown group (withheld ones drop out in the join), and
    conditional aggregates pivot the groups into columns; "orang_lain" is everyone but self.
    The two planners want different shapes, measured (benchmarks/aggregate.py):
    - PostgreSQL: group the answers first by (ratee, relationship, aspect) — the floor's own
      GROUP BY, hash-joined — then pivot those ~1.3 million sums (one pass with the CASEs over all
      8 million answers was 17 s instead of 10);
    - SQLite: one pass over the answers (joining the pre-grouped sums to `shown`, a CTE SQLite
      does not index, scanned it once per group: 50 s instead of 1).
    """
    others = f"g.kelompok <> '{Kelompok.DIRI}'"
    conditions = [f"g.kelompok = '{k}'" for k in GROUPS if k != Kelompok.ORANG_LAIN] + [others]
    shown = (
        f"shown AS (SELECT dinilai_id, hubungan, kelompok, "
        f"CAST(SUM(n) OVER (PARTITION BY dinilai_id, kelompok) AS INTEGER) AS raters, "
        f"CAST(SUM(CASE WHEN kelompok <> '{Kelompok.DIRI}' THEN n ELSE 0 END) "
        f"OVER (PARTITION BY dinilai_id) AS INTEGER) AS others FROM grp "
        f"WHERE kelompok IS NOT NULL)"
    )
    joins = (
        f"FROM {t['Jawaban']} j JOIN {t['Penugasan']} p ON p.id = j.penugasan_id "
        f"JOIN {t['Pernyataan']} s ON s.id = j.pernyataan_id"
    )
    where = f"WHERE p.periode_id = %(periode)s AND p.dikirim IS NOT NULL{only}"

    def raters(condition: str) -> str:
        field = "g.others" if condition == others else "g.raters"
        return f"MAX(CASE WHEN {condition} THEN {field} END)"

    head = (
        f"INSERT INTO {t['HasilAspek']} (periode_id, dinilai_id, aspek_id, {_group_columns()}) "
        f"WITH {_groups_cte(t, only)}, {shown}"
    )
    if connection.vendor == "postgresql":
        columns = ", ".join(
            f"CAST(SUM(CASE WHEN {c} THEN a.total END) AS {d['float']}) / "
            f"SUM(CASE WHEN {c} THEN a.cnt END), {raters(c)}"
            for c in conditions
        )
        # Integer sums (not bigint/numeric): the pivot then adds machine integers.
        return (
            f"{head}, sums AS (SELECT p.dinilai_id, p.hubungan, s.aspek_id, "
            f"CAST(SUM(j.nilai) AS INTEGER) AS total, CAST(COUNT(*) AS INTEGER) AS cnt "
            f"{joins} {where} GROUP BY p.dinilai_id, p.hubungan, s.aspek_id) "
            f"SELECT %(periode)s, a.dinilai_id, a.aspek_id, {columns} FROM sums a "
            f"JOIN shown g ON g.dinilai_id = a.dinilai_id AND g.hubungan = a.hubungan "
            f"GROUP BY a.dinilai_id, a.aspek_id"
        )
    columns = ", ".join(f"AVG(CASE WHEN {c} THEN j.nilai END), {raters(c)}" for c in conditions)
    return (
        f"{head} SELECT %(periode)s, p.dinilai_id, s.aspek_id, {columns} "
        f"{joins} JOIN shown g ON g.dinilai_id = p.dinilai_id AND g.hubungan = p.hubungan {where} "
        f"GROUP BY p.dinilai_id, s.aspek_id"
    )


def _group_columns() -> str:
    return ", ".join(f"rerata_{k}, jumlah_{k}" for k in GROUPS)


def _summary_sql(t: dict, d: dict, only: str, only_h: str) -> str:
    """Step 2: one HasilPerilaku row per ratee, from step 1's rows."""
    ranked = (
        "(SELECT dinilai_id, aspek_id, rk FROM ranked WHERE {where} ORDER BY dinilai_id, rk{desc})"
    )
    # Per group: the aspect-weighted mean over the aspects that group rated.
    scores = ", ".join(
        f"SUM(a.bobot * h.rerata_{k}) / NULLIF(SUM(CASE WHEN h.rerata_{k} IS NOT NULL "
        f"THEN a.bobot END), 0) AS s_{k}"
        for k in GROUPS
    )
    weighted = [
        (Kelompok.ATASAN, "%(w_atasan)s"),
        (Kelompok.REKAN, "%(w_rekan)s"),
        (Kelompok.BAWAHAN, "%(w_bawahan)s"),
        (Kelompok.LAINNYA, "wl.w"),
    ]
    numerator = " + ".join(f"COALESCE({w} * sc.s_{k}, 0)" for k, w in weighted)
    denominator = " + ".join(
        f"CASE WHEN sc.s_{k} IS NOT NULL THEN {w} ELSE 0 END" for k, w in weighted
    )
    return (
        f"INSERT INTO {t['HasilPerilaku']} (periode_id, dinilai_id, skor, saran_rating, "
        f"skor_diri, selisih, aspek_kuat, aspek_kembang, jumlah_per_hubungan, disembunyikan, "
        f"dihitung) "
        f"WITH {_groups_cte(t, only)}, "
        # A merged "Lainnya" group weighs the mean of its members' weights.
        f"wl AS (SELECT dinilai_id, AVG(CASE hubungan WHEN '{Hubungan.REKAN}' THEN %(w_rekan)s "
        f"ELSE %(w_bawahan)s END) AS w FROM grp WHERE kelompok = '{Kelompok.LAINNYA}' "
        f"GROUP BY dinilai_id), "
        f"aspects AS (SELECT h.*, CAST(a.bobot AS {d['float']}) AS bobot FROM {t['HasilAspek']} h "
        f"JOIN {t['Aspek']} a ON a.id = h.aspek_id WHERE h.periode_id = %(periode)s{only_h}), "
        f"sc AS (SELECT h.dinilai_id, {scores.replace('a.bobot', 'h.bobot')} FROM aspects h "
        f"GROUP BY h.dinilai_id), "
        f"overall AS (SELECT sc.dinilai_id, ({numerator}) / NULLIF({denominator}, 0) AS skor, "
        f"sc.s_{Kelompok.DIRI} AS diri, sc.s_{Kelompok.ORANG_LAIN} AS lain FROM sc "
        f"LEFT JOIN wl ON wl.dinilai_id = sc.dinilai_id), "
        f"ranked AS (SELECT dinilai_id, aspek_id, ROW_NUMBER() OVER (PARTITION BY dinilai_id "
        f"ORDER BY rerata_orang_lain DESC, aspek_id) AS rk, "
        f"COUNT(*) OVER (PARTITION BY dinilai_id) AS total "
        f"FROM aspects WHERE rerata_orang_lain IS NOT NULL), "
        f"kuat AS (SELECT dinilai_id, {d['list'].format(desc='')} AS ids "
        f"FROM {ranked.format(where=f'rk <= {TOP}', desc='')} x GROUP BY dinilai_id), "
        # The weakest: from the bottom of the ranking, never one already among the strongest.
        f"kembang AS (SELECT dinilai_id, {d['list'].format(desc=' DESC')} AS ids "
        f"FROM {ranked.format(where=f'rk > {TOP} AND rk > total - {TOP}', desc=' DESC')} x "
        f"GROUP BY dinilai_id), "
        f"totals AS (SELECT dinilai_id, {d['object']} AS per, "
        f"SUM(CASE WHEN kelompok IS NULL THEN n ELSE 0 END) AS hidden "
        f"FROM grp GROUP BY dinilai_id) "
        f"SELECT %(periode)s, c.dinilai_id, o.skor, CASE WHEN o.skor IS NULL THEN '' "
        f"WHEN o.skor >= %(di_atas)s THEN '{Rating.DI_ATAS}' "
        f"WHEN o.skor >= %(sesuai)s THEN '{Rating.SESUAI}' ELSE '{Rating.DI_BAWAH}' END, "
        f"o.diri, o.diri - o.lain, COALESCE(k.ids, {d['empty']}), "
        f"COALESCE(b.ids, {d['empty']}), c.per, c.hidden, %(now)s FROM totals c "
        f"LEFT JOIN overall o ON o.dinilai_id = c.dinilai_id "
        f"LEFT JOIN kuat k ON k.dinilai_id = c.dinilai_id "
        f"LEFT JOIN kembang b ON b.dinilai_id = c.dinilai_id"
    )


def _foreign_aspect(t: dict, periode: PeriodePenilaian, only_h: str, params: dict) -> bool:
    """Whether a stored row points at an aspect of another instrument (corrupt answers)."""
    own = list(Aspek.objects.filter(instrumen_id=periode.instrumen_id).values_list("pk", flat=True))
    names = {f"a{i}": pk for i, pk in enumerate(own or [0])}
    listed = ", ".join(f"%({n})s" for n in names)
    sql = (
        f"SELECT 1 FROM {t['HasilAspek']} h WHERE h.periode_id = %(periode)s{only_h} "
        f"AND h.aspek_id NOT IN ({listed}) LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, **names})
        return cursor.fetchone() is not None


def session_tune(cursor) -> None:
    """PostgreSQL, this transaction only: room for the ~1.3 million groups in memory instead of
    spilling to disk at the 4 MB default, and no JIT (compiling costs more than it saves here)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off")


def aggregate(*, periode_id: int, dinilai_ids=None, job_id: int | None = None) -> int:
    """Recompute the period's results (or only `dinilai_ids`'); returns the number of ratees."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    if periode.jawaban_dihapus_pada:
        raise ValueError(
            "Jawaban mentah periode ini sudah dihapus sesuai retensi; hasil yang tersimpan "
            "dipertahankan dan tidak dihitung ulang."
        )
    started = time.monotonic()

    def progress(stage: int) -> None:
        if job_id:
            elapsed = time.monotonic() - started
            cache.set(progress_key(job_id), (stage, len(STAGES), STAGES[stage - 1], elapsed), 3600)

    params = {
        "periode": periode.pk,
        "ambang": periode.ambang_anonimitas,
        "w_atasan": float(periode.bobot_atasan),
        "w_rekan": float(periode.bobot_rekan),
        "w_bawahan": float(periode.bobot_bawahan),
        "di_atas": float(periode.batas_di_atas),
        "sesuai": float(periode.batas_sesuai),
        "now": connection.ops.adapt_datetimefield_value(timezone.now()),
    }
    only = only_h = ""
    if dinilai_ids is not None:
        ids = [int(pk) for pk in dinilai_ids] or [0]
        names = [f"r{i}" for i in range(len(ids))]
        params.update(zip(names, ids, strict=True))
        listed = ", ".join(f"%({n})s" for n in names)
        only, only_h = f" AND p.dinilai_id IN ({listed})", f" AND h.dinilai_id IN ({listed})"
    t, d = _tables(), _dialect()
    with transaction.atomic():
        # One run per period at a time: a second one waits here instead of interleaving writes.
        PeriodePenilaian.objects.select_for_update().filter(pk=periode.pk).first()
        stale = {"periode": periode}
        if dinilai_ids is not None:
            stale["dinilai_id__in"] = dinilai_ids
        for model in (HasilAspek, HasilPerilaku):
            model.objects.filter(**stale).delete()
        with connection.cursor() as cursor:
            session_tune(cursor)
            progress(1)
            cursor.execute(_aspects_sql(t, d, only), params)
            progress(2)
            if _foreign_aspect(t, periode, only_h, params):
                raise ValueError("Jawaban merujuk aspek di luar instrumen periode ini.")
            progress(3)
            cursor.execute(_summary_sql(t, d, only, only_h), params)
            done = cursor.rowcount
    if job_id:
        elapsed = time.monotonic() - started
        cache.set(progress_key(job_id), (len(STAGES), len(STAGES), "Selesai", elapsed), 3600)
    return done
