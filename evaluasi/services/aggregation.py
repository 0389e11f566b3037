"""Aggregating submitted 360 answers into per-ratee results (docs/aturan.md §5).

Everything happens inside the database, so no answer travels to Python and worker memory does not
depend on the province's size. Two temporary tables, then two `INSERT … SELECT` statements:

- `agg_penilai`, per ratee: the submitted responses per relationship and the group each anonymous
  relationship may be shown in (the anonymity rules, as `CASE`s over those counts);
- `agg_jumlah`, per (ratee, aspect): the one pass over the answers — the sum and count of the
  values per relationship;
1. HasilAspek, per (ratee, aspect): those sums joined to the ratee's row and added up per shown
   group (`MEMBERS`), including "Lainnya" (merged small groups) and everyone but self;
2. HasilPerilaku, per ratee: the weighted scores, the suggested rating, the self-vs-others gap and
   the strongest and weakest aspects, read back from the rows of step 1 (`ROW_NUMBER()` for the
   rankings).

`selectors.results.visible_groups` is the same rule for one ratee in Python (the report's
per-statement table); the tests hold both to one independent computation. Per-statement figures are
not stored: the report reads them for its one ratee, which keeps this job's writes small.

All of it runs in one transaction that first removes the period's (or the ratees') previous rows:
readers see the old set until the new one commits, and a failure leaves it untouched. The
temporary tables belong to this connection and are dropped before the commit.
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
STAGES = ("Menjumlahkan jawaban", "Menghitung rerata per aspek", "Menyusun ringkasan per pegawai")


def progress_key(job_id: int) -> str:
    """The cache key under which `aggregate` publishes the progress of job `job_id`: a tuple (stage,
    number of stages, stage label, seconds elapsed), kept an hour."""
    return f"agregasi-progres-{job_id}"


def _tables() -> dict:
    q = connection.ops.quote_name
    models = (Jawaban, Penugasan, Pernyataan, Aspek, HasilAspek, HasilPerilaku)
    return {m.__name__: q(m._meta.db_table) for m in models}


def _dialect() -> dict:
    """The few spellings that differ: float casts and JSON."""
    if connection.vendor == "postgresql":
        return {
            "float": "double precision",
            "list": "jsonb_agg(aspek_id ORDER BY rk{desc})",
            "object": "jsonb_strip_nulls(jsonb_build_object({}))",
            "empty": "'[]'::jsonb",
        }
    # SQLite aggregates in the order of an ORDER BY subquery (it is not flattened under GROUP BY).
    return {
        "float": "REAL",
        "list": "json_group_array(aspek_id)",
        "object": "json_patch('{{}}', json_object({}))",  # a merge patch drops the NULLs
        "empty": "'[]'",
    }


TEMPORARY = ("agg_jumlah", "agg_penilai")  # this connection's own, dropped before the commit
RELATIONSHIPS = tuple(Hubungan.values)  # diri, atasan, rekan, bawahan
ANONYMOUS = (Hubungan.REKAN, Hubungan.BAWAHAN)
# Which relationships make up each shown group, and when (a condition on `agg_penilai r`, whose
# k_rekan / k_bawahan say the group an anonymous relationship is shown in, NULL when withheld).
MEMBERS = {
    Kelompok.DIRI: [(Hubungan.DIRI, "")],
    Kelompok.ATASAN: [(Hubungan.ATASAN, "")],
    Kelompok.REKAN: [(Hubungan.REKAN, f"r.k_rekan = '{Kelompok.REKAN}'")],
    Kelompok.BAWAHAN: [(Hubungan.BAWAHAN, f"r.k_bawahan = '{Kelompok.BAWAHAN}'")],
    Kelompok.LAINNYA: [(h, f"r.k_{h} = '{Kelompok.LAINNYA}'") for h in ANONYMOUS],
    Kelompok.ORANG_LAIN: [(Hubungan.ATASAN, "")] + [(h, f"r.k_{h} IS NOT NULL") for h in ANONYMOUS],
}


def _when(condition: str, expression: str) -> str:
    return f"CASE WHEN {condition} THEN {expression} ELSE 0 END" if condition else expression


def _raters_sql(t: dict, only: str) -> str:
    """`agg_penilai`: per ratee, the submitted responses per relationship and the group each
    anonymous relationship is shown in — docs/aturan.md §5 as SQL: its own group (named like the
    relationship) from the threshold up, "Lainnya" when the small ones reach it together,
    otherwise NULL (withheld)."""
    counts = ", ".join(
        f"SUM(CASE WHEN hubungan = '{h}' THEN n ELSE 0 END) AS n_{h}" for h in RELATIONSHIPS
    )
    small = " + ".join(f"CASE WHEN n_{h} < %(ambang)s THEN n_{h} ELSE 0 END" for h in ANONYMOUS)
    shown = ", ".join(
        f"CASE WHEN n_{h} >= %(ambang)s THEN '{h}' WHEN n_{h} > 0 AND ({small}) >= %(ambang)s "
        f"THEN '{Kelompok.LAINNYA}' END AS k_{h}"
        for h in ANONYMOUS
    )
    return (
        f"CREATE TEMP TABLE agg_penilai AS SELECT c.*, {shown} FROM ("
        f"SELECT dinilai_id, {counts} FROM ("
        f"SELECT p.dinilai_id, p.hubungan, COUNT(*) AS n FROM {t['Penugasan']} p "
        f"WHERE p.periode_id = %(periode)s AND p.dikirim IS NOT NULL{only} "
        f"GROUP BY p.dinilai_id, p.hubungan) x GROUP BY dinilai_id) c"
    )


def _sums_sql(t: dict, only: str) -> str:
    """`agg_jumlah`: the one pass over the answers — per (ratee, aspect), the sum and count of
    the values per relationship. A `CREATE TABLE … AS` so PostgreSQL may run it in parallel
    (it never does for an `INSERT … SELECT`), and grouped by aspect rather than relationship:
    a third of the groups of the bare GROUP BY (ratee, relationship, aspect)."""
    columns = ", ".join(
        f"SUM(CASE WHEN p.hubungan = '{h}' THEN j.nilai ELSE 0 END) AS t_{h}, "
        f"SUM(CASE WHEN p.hubungan = '{h}' THEN 1 ELSE 0 END) AS c_{h}"
        for h in RELATIONSHIPS
    )
    return (
        f"CREATE TEMP TABLE agg_jumlah AS SELECT p.dinilai_id, s.aspek_id, {columns} "
        f"FROM {t['Jawaban']} j JOIN {t['Penugasan']} p ON p.id = j.penugasan_id "
        f"JOIN {t['Pernyataan']} s ON s.id = j.pernyataan_id "
        f"WHERE p.periode_id = %(periode)s AND p.dikirim IS NOT NULL{only} "
        f"GROUP BY p.dinilai_id, s.aspek_id"
    )


def _aspects_sql(t: dict, d: dict) -> str:
    """Step 1: one HasilAspek row per (ratee, aspect) — per shown group, the mean of its members'
    answers and its number of raters (NULL when the group answered nothing on the aspect)."""
    columns = []
    for k in GROUPS:
        total, count, raters = (
            " + ".join(_when(c, f"{prefix}_{h}") for h, c in MEMBERS[k])
            for prefix in ("w.t", "w.c", "r.n")
        )
        columns.append(
            f"CAST({total} AS {d['float']}) / NULLIF({count}, 0), "
            f"CASE WHEN {count} > 0 THEN {raters} END"
        )
    return (
        f"INSERT INTO {t['HasilAspek']} (periode_id, dinilai_id, aspek_id, {_group_columns()}) "
        f"SELECT %(periode)s, w.dinilai_id, w.aspek_id, {', '.join(columns)} "
        f"FROM agg_jumlah w JOIN agg_penilai r ON r.dinilai_id = w.dinilai_id "
        # In index order: the insert then touches each index page once, not at random.
        f"ORDER BY w.dinilai_id, w.aspek_id"
    )


def _group_columns() -> str:
    return ", ".join(f"rerata_{k}, jumlah_{k}" for k in GROUPS)


def _summary_sql(t: dict, d: dict, only_h: str) -> str:
    """Step 2: one HasilPerilaku row per ratee, from step 1's rows."""
    ranked = (
        "(SELECT dinilai_id, aspek_id, rk FROM ranked WHERE {where} ORDER BY dinilai_id, rk{desc})"
    )
    # Per group: the aspect-weighted mean over the aspects that group rated.
    scores = ", ".join(
        f"SUM(h.bobot * h.rerata_{k}) / NULLIF(SUM(CASE WHEN h.rerata_{k} IS NOT NULL "
        f"THEN h.bobot END), 0) AS s_{k}"
        for k in GROUPS
    )
    # A merged "Lainnya" group weighs the mean of its members' weights.
    merged = [(f"r.k_{h} = '{Kelompok.LAINNYA}'", f"%(w_{h})s") for h in ANONYMOUS]
    lainnya = (
        f"({' + '.join(_when(c, w) for c, w in merged)}) / "
        f"NULLIF({' + '.join(_when(c, '1') for c, _ in merged)}, 0)"
    )
    weighted = [
        (Kelompok.ATASAN, "%(w_atasan)s"),
        (Kelompok.REKAN, "%(w_rekan)s"),
        (Kelompok.BAWAHAN, "%(w_bawahan)s"),
        (Kelompok.LAINNYA, "sc.w_lainnya"),
    ]
    numerator = " + ".join(f"COALESCE({w} * sc.s_{k}, 0)" for k, w in weighted)
    denominator = " + ".join(
        f"CASE WHEN sc.s_{k} IS NOT NULL THEN {w} ELSE 0 END" for k, w in weighted
    )
    # The responses per relationship, as JSON without the relationships nobody answered in.
    per = d["object"].format(
        ", ".join(f"'{h}', CASE WHEN r.n_{h} > 0 THEN r.n_{h} END" for h in RELATIONSHIPS)
    )
    hidden = " + ".join(f"CASE WHEN r.k_{h} IS NULL THEN r.n_{h} ELSE 0 END" for h in ANONYMOUS)
    return (
        f"INSERT INTO {t['HasilPerilaku']} (periode_id, dinilai_id, skor, saran_rating, "
        f"skor_diri, selisih, aspek_kuat, aspek_kembang, jumlah_per_hubungan, disembunyikan, "
        f"dihitung) "
        f"WITH aspects AS (SELECT h.*, CAST(a.bobot AS {d['float']}) AS bobot "
        f"FROM {t['HasilAspek']} h JOIN {t['Aspek']} a ON a.id = h.aspek_id "
        f"WHERE h.periode_id = %(periode)s{only_h}), "
        f"sc AS (SELECT h.dinilai_id, {scores} FROM aspects h GROUP BY h.dinilai_id), "
        f"overall AS (SELECT sc.dinilai_id, ({numerator}) / NULLIF({denominator}, 0) AS skor, "
        f"sc.s_{Kelompok.DIRI} AS diri, sc.s_{Kelompok.ORANG_LAIN} AS lain "
        f"FROM (SELECT sc.*, {lainnya} AS w_lainnya FROM sc "
        f"JOIN agg_penilai r ON r.dinilai_id = sc.dinilai_id) sc), "
        f"ranked AS (SELECT dinilai_id, aspek_id, ROW_NUMBER() OVER (PARTITION BY dinilai_id "
        f"ORDER BY rerata_orang_lain DESC, aspek_id) AS rk, "
        f"COUNT(*) OVER (PARTITION BY dinilai_id) AS total "
        f"FROM aspects WHERE rerata_orang_lain IS NOT NULL), "
        f"kuat AS (SELECT dinilai_id, {d['list'].format(desc='')} AS ids "
        f"FROM {ranked.format(where=f'rk <= {TOP}', desc='')} x GROUP BY dinilai_id), "
        # The weakest: from the bottom of the ranking, never one already among the strongest.
        f"kembang AS (SELECT dinilai_id, {d['list'].format(desc=' DESC')} AS ids "
        f"FROM {ranked.format(where=f'rk > {TOP} AND rk > total - {TOP}', desc=' DESC')} x "
        f"GROUP BY dinilai_id) "
        f"SELECT %(periode)s, r.dinilai_id, o.skor, CASE WHEN o.skor IS NULL THEN '' "
        f"WHEN o.skor >= %(di_atas)s THEN '{Rating.DI_ATAS}' "
        f"WHEN o.skor >= %(sesuai)s THEN '{Rating.SESUAI}' ELSE '{Rating.DI_BAWAH}' END, "
        f"o.diri, o.diri - o.lain, COALESCE(k.ids, {d['empty']}), "
        f"COALESCE(b.ids, {d['empty']}), {per}, {hidden}, %(now)s FROM agg_penilai r "
        f"LEFT JOIN overall o ON o.dinilai_id = r.dinilai_id "
        f"LEFT JOIN kuat k ON k.dinilai_id = r.dinilai_id "
        f"LEFT JOIN kembang b ON b.dinilai_id = r.dinilai_id"
    )


def _foreign_aspect(periode: PeriodePenilaian) -> bool:
    """Whether an answer counted points at an aspect of another instrument (corrupt answers)."""
    own = list(Aspek.objects.filter(instrumen_id=periode.instrumen_id).values_list("pk", flat=True))
    names = {f"a{i}": pk for i, pk in enumerate(own or [0])}
    listed = ", ".join(f"%({n})s" for n in names)
    sql = f"SELECT 1 FROM agg_jumlah WHERE aspek_id NOT IN ({listed}) LIMIT 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return cursor.fetchone() is not None


def session_tune(cursor) -> None:
    """PostgreSQL, this transaction only: room for the ~1.3 million groups in memory instead of
    spilling to disk at the 4 MB default, and no JIT (compiling costs more than it saves here)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off")


def aggregate(*, periode_id: int, dinilai_ids=None, job_id: int | None = None) -> int:
    """Recompute the 360 results (HasilAspek, HasilPerilaku) of period `periode_id`, or only of the
    ratees `dinilai_ids` (Pegawai ids), in one transaction with the period row locked; `job_id`
    (AgregasiHasil) receives progress through `progress_key`. Weights, anonymity threshold and
    rating bounds are the period's own (docs/hasil-360.md). Returns the number of ratees with
    results.

    Raises ValueError when the period's raw answers were purged by retention or an answer refers
    to an aspect of another instrument: not refusals of a user's request (no view calls this; the
    job records the message), but states the job cannot compute from."""
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
            cursor.execute(_raters_sql(t, only), params)
            cursor.execute(_sums_sql(t, only), params)
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE agg_penilai; ANALYZE agg_jumlah")  # autovacuum skips temp
            if _foreign_aspect(periode):
                raise ValueError("Jawaban merujuk aspek di luar instrumen periode ini.")
            progress(2)
            cursor.execute(_aspects_sql(t, d), params)
            progress(3)
            cursor.execute(_summary_sql(t, d, only_h), params)
            done = cursor.rowcount
            for table in TEMPORARY:
                cursor.execute(f"DROP TABLE {table}")
    if job_id:
        elapsed = time.monotonic() - started
        cache.set(progress_key(job_id), (len(STAGES), len(STAGES), "Selesai", elapsed), 3600)
    return done
