"""Full 360 aggregation of a synthetic province against a bare GROUP BY over the same answers.

    python benchmarks/aggregate.py                    # SQLite, BENCH_PEGAWAI=5000 by default
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench BENCH_PEGAWAI=60000 python benchmarks/aggregate.py

Seeds the province with `seed_scale` (roster, a closed period, ~8 raters per pegawai, every answer),
then prints in the same run: the floor — the bare GROUP BY (ratee, relationship, aspect) over all
answers, fetched to the client; the full aggregation (one pass over the same answers plus the
anonymity rules, weighting and bulk writes, in one transaction); the worker's peak RSS growth
during it; and the re-aggregation of a single ratee. The database named by DATABASE_URL is emptied.
"""

import os
import threading
import time

from _harness import django_bootstrap, roster_empty  # noqa: E402

BENCH_DIR = django_bootstrap("agregasi.sqlite3")

import psutil  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from evaluasi.models import (  # noqa: E402
    HasilAspek,
    HasilPerilaku,
    Jawaban,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
)
from evaluasi.services.aggregation import aggregate, session_tune  # noqa: E402

DEFAULT = 60_000 if connection.vendor == "postgresql" else 5_000
PEGAWAI = int(os.environ.get("BENCH_PEGAWAI", DEFAULT))
UNITS = int(os.environ.get("BENCH_UNITS", max(20, PEGAWAI // 30)))


def floor(periode_id: int) -> tuple[float, int]:
    """The bare GROUP BY (ratee, relationship, aspect) over the period's answers, fetched."""
    q = connection.ops.quote_name
    sql = (
        f"SELECT p.dinilai_id, p.hubungan, s.aspek_id, SUM(j.nilai), COUNT(*) "  # noqa: S608
        f"FROM {q(Jawaban._meta.db_table)} j JOIN {q(Penugasan._meta.db_table)} p "
        f"ON p.id = j.penugasan_id JOIN {q(Pernyataan._meta.db_table)} s ON s.id = j.pernyataan_id "
        f"WHERE p.periode_id = %s AND p.dikirim IS NOT NULL "
        f"GROUP BY p.dinilai_id, p.hubungan, s.aspek_id ORDER BY p.dinilai_id"
    )
    started, rows = time.perf_counter(), 0
    with transaction.atomic(), connection.cursor() as cursor:
        session_tune(cursor)  # the same memory settings the job runs with
        cursor.execute(sql, [periode_id])
        while batch := cursor.fetchmany(5000):
            rows += len(batch)
    return time.perf_counter() - started, rows


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    periode = PeriodePenilaian.objects.filter(nama="Skala").first()
    reuse = (
        os.environ.get("BENCH_REUSE")
        and periode
        and Penugasan.objects.filter(periode=periode).values("dinilai").distinct().count()
        == PEGAWAI
    )
    if not reuse:  # BENCH_REUSE=1 keeps a province seeded by an earlier run of the same size
        roster_empty()
        call_command("seed_scale", pegawai=PEGAWAI, unit=UNITS, raters=8)
        periode = PeriodePenilaian.objects.get(nama="Skala")
    answers = Jawaban.objects.filter(penugasan__periode=periode).count()
    print(f"database: {connection.vendor}; {PEGAWAI} pegawai, {answers:,} answers "
          f"(seeded in {time.perf_counter() - started:.0f} s)")  # fmt: skip
    if connection.vendor == "postgresql":
        # Earlier runs' replaced result rows are dead tuples; clear them as autovacuum would (it
        # may be off on a test machine), so each run starts from the same state.
        tables = [m._meta.db_table for m in (HasilAspek, HasilPerilaku)]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {', '.join(tables)}")
            cursor.execute("ANALYZE")

    floor_seconds, groups = floor(periode.pk)
    process = psutil.Process()
    base_rss, peak = process.memory_info().rss, [0]
    running = True

    def sample():
        while running:
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    ratees = aggregate(periode_id=periode.pk)
    full = time.perf_counter() - started
    running = False
    sampler.join()

    one = HasilPerilaku.objects.filter(periode=periode).values_list("dinilai_id", flat=True).first()
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        aggregate(periode_id=periode.pk, dinilai_ids=[one])
        timings.append(time.perf_counter() - started)

    print(f"floor, bare GROUP BY fetched ({groups:,} groups): {floor_seconds:.2f} s")
    print(
        f"full aggregation ({ratees:,} ratees): {full:.2f} s -> {full / floor_seconds:.2f}x the floor"
    )
    print(f"worker RSS growth during aggregation: {(peak[0] - base_rss) / 1_048_576:.0f} MB")
    print(f"re-aggregating one ratee: median {sorted(timings)[2] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
