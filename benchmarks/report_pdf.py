"""360 report PDFs: one report, and a bulk ZIP of BENCH_REPORTS reports (default 1,000).

    python benchmarks/report_pdf.py                 # SQLite; seeds a small province if needed
    BENCH_REUSE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/report_pdf.py

Uses the province seeded by benchmarks/aggregate.py (or seeds one), aggregates it, then prints the
time to build and render one report (median of 5) beside the time to build the report data alone
(the floor), and the bulk job over the first unit holding at least BENCH_REPORTS ratees.
"""

import os
import time
from pathlib import Path

os.environ.setdefault(
    "PRIVATE_MEDIA_ROOT", str(Path(__file__).resolve().parents[1] / "var" / "bench" / "private")
)
from _harness import django_bootstrap  # noqa: E402

BENCH_DIR = django_bootstrap("agregasi.sqlite3")

from django.core.management import call_command  # noqa: E402

from evaluasi.models import EksporDokumen, HasilPerilaku, Pegawai, PeriodePenilaian, UnitKerja  # noqa: E402
from evaluasi.selectors.reports import build_report  # noqa: E402
from evaluasi.services.aggregation import aggregate  # noqa: E402
from evaluasi.services.report_document import report_documents_zip, report_pdf  # noqa: E402

REPORTS = int(os.environ.get("BENCH_REPORTS", 1000))


def main() -> None:
    call_command("migrate", verbosity=0)
    periode = PeriodePenilaian.objects.filter(nama="Skala").first()
    if periode is None or not os.environ.get("BENCH_REUSE"):
        from _harness import roster_empty

        roster_empty()
        call_command("seed_scale", pegawai=max(REPORTS * 2, 3000), unit=60, raters=8)
        periode = PeriodePenilaian.objects.get(nama="Skala")
    if not HasilPerilaku.objects.filter(periode=periode).exists():
        aggregate(periode_id=periode.pk)
    pegawai = Pegawai.objects.get(
        pk=HasilPerilaku.objects.filter(periode=periode).first().dinilai_id
    )
    build, render = [], []
    for _ in range(5):
        started = time.perf_counter()
        report = build_report(periode, pegawai)
        built = time.perf_counter()
        report_pdf(report)
        build.append(built - started)
        render.append(time.perf_counter() - built)
    print(
        f"one report: data {sorted(build)[2] * 1000:.0f} ms (floor), PDF {sorted(render)[2] * 1000:.0f} ms"
    )

    # The smallest top-level unit (OPD) subtree holding at least REPORTS ratees with results.
    results = HasilPerilaku.objects.filter(periode=periode)
    sizes = sorted(
        (results.filter(dinilai__unit_kerja__path__startswith=u.path).count(), u.pk)
        for u in UnitKerja.objects.filter(kedalaman=1)
    )
    unit = next((UnitKerja.objects.get(pk=pk) for n, pk in sizes if n >= REPORTS), None)
    ekspor = EksporDokumen.objects.create(periode=periode, unit_kerja=unit, jenis="laporan_360")
    started = time.perf_counter()
    count = report_documents_zip(ekspor.pk)
    seconds = time.perf_counter() - started
    ekspor.refresh_from_db()
    print(f"bulk ZIP: {count} reports in {seconds:.1f} s ({seconds / count * 1000:.0f} ms each), "
          f"{ekspor.berkas.size / 1_048_576:.1f} MB")  # fmt: skip
    ekspor.berkas.delete()
    ekspor.delete()


if __name__ == "__main__":
    main()
