"""Roster import benchmark: 60,000 pegawai in 2,000 units, end to end.

    python benchmarks/roster_import.py              # SQLite scratch database under var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/roster_import.py

Prints, from the same run: our import (read, validate, resolve atasan, write), the floor (a bare
python-calamine read of the file plus a bare bulk_create of the same rows), the re-import of the
unchanged file, and django-import-export's default row-by-row import of the same rows (measured on
BENCH_DIE_ROWS rows, default 3,000, and scaled linearly to the full file). Peak RSS is sampled
during our import. The database named by DATABASE_URL is emptied: never point it at real data.
"""

import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
os.environ["DEBUG"] = "False"  # no query log growing in memory

import django  # noqa: E402

django.setup()

import psutil  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from evaluasi.demo_roster import RosterFaker  # noqa: E402
from evaluasi.models import Pegawai, UnitKerja  # noqa: E402
from evaluasi.services.roster_import import ImportLimits, roster_import_file  # noqa: E402
from evaluasi.services.roster_template import roster_template_workbook  # noqa: E402

PEGAWAI = int(os.environ.get("BENCH_PEGAWAI", 60_000))
UNITS = int(os.environ.get("BENCH_UNITS", 2_000))
DIE_ROWS = int(os.environ.get("BENCH_DIE_ROWS", 3_000))
WORKBOOK = BENCH_DIR / f"roster-{PEGAWAI}-{UNITS}.xlsx"


def build_workbook() -> None:
    if WORKBOOK.exists():
        return
    fake = RosterFaker(seed=60_000)
    units = [["PEMPROV", "Pemerintah Provinsi Lampung", "", "Pemerintah Daerah"]]
    for i in range(1, UNITS):
        parent = "PEMPROV" if i <= 40 else f"U{(i % 40) + 1:04d}"
        units.append(
            [f"U{i:04d}", f"Unit Kerja {i}", parent, "OPD" if i <= 40 else "Bidang/Bagian"]
        )
    rows = []
    heads: dict[str, str] = {}
    for n in range(PEGAWAI):
        unit = units[n % UNITS][0]
        nama, gender = fake.person()
        pppk = n % 7 == 6
        nip = fake.nip(gender=gender, pppk=pppk)
        atasan = heads.get(unit, "")
        if not atasan:
            heads[unit] = nip  # the first pegawai of a unit heads it; later ones report to them
        rows.append(
            [
                nip,
                nama,
                "",
                "S.E.",
                "PPPK" if pppk else "PNS",
                "IX" if pppk else "III/b",
                "Analis",
                "Fungsional",
                unit,
                atasan,
                "",
                fake.phone(),
            ]
        )
    roster_template_workbook(units=units, pegawai=rows).save(WORKBOOK)


def reset_roster() -> None:
    with transaction.atomic():
        Pegawai.objects.all().delete()
        UnitKerja.objects.update(induk=None)
        UnitKerja.objects.all().delete()


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def floor() -> float:
    """Bare read + bare bulk_create of the same rows: what any import must at least pay."""

    def run():
        book = CalamineWorkbook.from_path(str(WORKBOOK))
        unit_rows = book.get_sheet_by_name("Unit Kerja").to_python()[1:]
        pegawai_rows = book.get_sheet_by_name("Pegawai").to_python()[1:]
        with transaction.atomic():
            created = UnitKerja.objects.bulk_create(
                [UnitKerja(kode=r[0], nama=r[1], jenis="opd") for r in unit_rows], batch_size=2000
            )
            ids = {u.kode: u.pk for u in created}
            Pegawai.objects.bulk_create(
                [
                    Pegawai(
                        nip=r[0],
                        nama=r[1],
                        gelar_belakang=r[3],
                        status=r[4],
                        golongan=r[5],
                        jabatan=r[6],
                        jenis_jabatan="fungsional",
                        unit_kerja_id=ids[r[8]],
                        no_hp=r[11],
                    )
                    for r in pegawai_rows
                ],
                batch_size=2000,
            )

    seconds, _ = timed(run)
    reset_roster()
    return seconds


def ours() -> tuple[float, int, object]:
    process = psutil.Process()
    peak = {"rss": process.memory_info().rss}
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            peak["rss"] = max(peak["rss"], process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    limits = ImportLimits(max_bytes=200 * 1024 * 1024)
    seconds, outcome = timed(
        lambda: roster_import_file(WORKBOOK, filename=WORKBOOK.name, dry_run=False, limits=limits)
    )
    done.set()
    sampler.join()
    assert outcome.status == "selesai", (outcome.message, outcome.errors[:5])
    return seconds, peak["rss"], outcome


def import_export_default(rows: int) -> float:
    """django-import-export's ordinary ModelResource import, row by row, on `rows` pegawai."""
    import tablib
    from import_export import fields, resources, widgets

    FIELDS = [
        "nip",
        "nama",
        "gelar_belakang",
        "status",
        "golongan",
        "jabatan",
        "kode_unit",
        "no_hp",
    ]

    class PegawaiResource(resources.ModelResource):
        unit_kerja = fields.Field(
            attribute="unit_kerja",
            column_name="kode_unit",
            widget=widgets.ForeignKeyWidget(UnitKerja, "kode"),
        )

        class Meta:
            model = Pegawai
            import_id_fields = ["nip"]
            fields = [*FIELDS[:6], "unit_kerja", FIELDS[7]]

    book = CalamineWorkbook.from_path(str(WORKBOOK))
    unit_rows = book.get_sheet_by_name("Unit Kerja").to_python()[1:]
    UnitKerja.objects.bulk_create([UnitKerja(kode=r[0], nama=r[1], jenis="opd") for r in unit_rows])
    pegawai_rows = book.get_sheet_by_name("Pegawai").to_python()[1 : rows + 1]
    dataset = tablib.Dataset(headers=FIELDS)
    for r in pegawai_rows:
        dataset.append([r[0], r[1], r[3], r[4], r[5], r[6], r[8], r[11]])
    seconds, result = timed(lambda: PegawaiResource().import_data(dataset, dry_run=False))
    assert not result.has_errors()
    reset_roster()
    return seconds


def main() -> None:
    call_command("migrate", verbosity=0)
    reset_roster()
    build_workbook()
    vendor = connection.vendor
    size_mb = WORKBOOK.stat().st_size / 1_048_576
    print(
        f"Roster import benchmark on {vendor}: {PEGAWAI:,} pegawai, {UNITS:,} units, {size_mb:.1f} MB"
    )

    floor_s = floor()
    ours_s, peak_rss, outcome = ours()
    reimport_s, again = timed(
        lambda: roster_import_file(
            WORKBOOK,
            filename=WORKBOOK.name,
            dry_run=False,
            limits=ImportLimits(max_bytes=200 * 1024 * 1024),
        )
    )
    assert again.counts["pegawai_tetap"] == PEGAWAI, again.counts
    reset_roster()
    die_s = import_export_default(DIE_ROWS)
    die_full = die_s * PEGAWAI / DIE_ROWS

    print(f"  floor (calamine read + bare bulk_create) : {floor_s:8.2f} s")
    print(
        f"  our import (read, validate, resolve, write): {ours_s:8.2f} s  = {ours_s / floor_s:.2f}x floor (target <= 2x)"
    )
    print(
        f"  re-import of the unchanged file           : {reimport_s:8.2f} s  = {reimport_s / floor_s:.2f}x floor (target <= 1.5x)"
    )
    print(
        f"  django-import-export row by row           : {die_s:8.2f} s for {DIE_ROWS:,} rows -> {die_full:8.1f} s for {PEGAWAI:,} (scaled)"
    )
    print(
        f"  speed-up over the default path            : {die_full / ours_s:8.1f}x (target >= 10x)"
    )
    print(
        f"  peak RSS during our import                : {peak_rss / 1_048_576:8.0f} MB (target < 400 MB)"
    )
    print(f"  counts: {outcome.counts}")


if __name__ == "__main__":
    main()
