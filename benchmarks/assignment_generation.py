"""Rater-assignment generation for a 60,000-pegawai province (target on PostgreSQL: under 60 s).

    python benchmarks/assignment_generation.py            # SQLite scratch database under var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/assignment_generation.py

Seeds BENCH_PEGAWAI pegawai in BENCH_UNITS units (evaluasi.services.scale_seed), then times, in the
same run: `assignments_generate` on an empty period, its idempotent re-run, and the floor — a bare
bulk_create of the same number of Penugasan rows with no roster logic. The database named by
DATABASE_URL is emptied: never point it at real data.
"""

import os
import time
from datetime import timedelta

from _harness import django_bootstrap, roster_empty  # noqa: E402

BENCH_DIR = django_bootstrap("penugasan.sqlite3")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from evaluasi.demo import INSTRUMENTS_DIR  # noqa: E402
from evaluasi.models import Instrumen, Penugasan, PeriodePenilaian  # noqa: E402
from evaluasi.services.assignments import assignments_generate  # noqa: E402
from evaluasi.services.instruments import instrument_load  # noqa: E402
from evaluasi.services.scale_seed import roster_seed  # noqa: E402

PEGAWAI = int(os.environ.get("BENCH_PEGAWAI", 60_000))
UNITS = int(os.environ.get("BENCH_UNITS", 2_000))


def period(name: str) -> PeriodePenilaian:
    now = timezone.now()
    instrumen = Instrumen.objects.first() or instrument_load(INSTRUMENTS_DIR / "berakhlak.json")[0]
    return PeriodePenilaian.objects.create(
        nama=name, tahun=now.year, instrumen=instrumen,
        dibuka_pada=now, ditutup_pada=now + timedelta(days=14),
    )  # fmt: skip


def main() -> None:
    call_command("migrate", verbosity=0)
    roster_empty()
    started = time.perf_counter()
    roster_seed(pegawai=PEGAWAI, units=UNITS)
    print(f"database: {connection.vendor}; roster {PEGAWAI} pegawai / {UNITS} unit "
          f"seeded in {time.perf_counter() - started:.1f} s")  # fmt: skip

    first = period("Benchmark")
    started = time.perf_counter()
    result = assignments_generate(periode_id=first.pk)
    generate = time.perf_counter() - started
    started = time.perf_counter()
    again = assignments_generate(periode_id=first.pk)
    rerun = time.perf_counter() - started
    assert again.created == 0

    floor_period = period("Benchmark floor")
    rows = [
        Penugasan(periode=floor_period, penilai_id=r, dinilai_id=d, hubungan=h)
        for r, d, h in Penugasan.objects.filter(periode=first).values_list(
            "penilai_id", "dinilai_id", "hubungan"
        )
    ]
    started = time.perf_counter()
    Penugasan.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    floor = time.perf_counter() - started

    print(f"assignments_generate: {result.created} penugasan for {result.ratees} pegawai "
          f"in {generate:.2f} s ({result.created / generate:,.0f} rows/s)")  # fmt: skip
    print(f"re-run (idempotent, 0 created): {rerun:.2f} s")
    print(f"floor, bare bulk insert of the same rows: {floor:.2f} s "
          f"-> generation is {generate / floor:.2f}x the floor")  # fmt: skip
    PeriodePenilaian.objects.all().delete()


if __name__ == "__main__":
    main()
