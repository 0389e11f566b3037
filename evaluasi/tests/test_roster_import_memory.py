"""Bounded memory (docs/impor-roster.md, Refused files and Performance): peak RSS stays under
600 MB for a file at the row limit and for a small workbook whose sheet XML expands to ~200 MB,
because a streaming pre-pass counts each sheet's rows before python-calamine loads it.

RSS is measured in a child process (sampled with psutil, and the child's own peak from
getrusage), so the test process's own memory never counts."""

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest
from django.db import connection

from evaluasi.models import ImporRoster, Pegawai
from evaluasi.services.roster_import import ImportLimits
from evaluasi.services.roster_import.prepass import xlsx_sheet_parts, xml_rows_over
from evaluasi.tests.raw_xlsx import raw_xlsx_write
from evaluasi.tests.workbooks import PEGAWAI_HEADERS, UNIT_HEADERS

ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 600
DITOLAK = ImporRoster.Status.DITOLAK

CHILD = """
import json, os, resource, sys
from pathlib import Path
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
from django.conf import settings
settings.DATABASES["default"]["NAME"] = os.environ["RSS_TEST_DB"]
import django
django.setup()
from evaluasi.services.roster_import import ImportLimits, roster_import_file
path = Path(sys.argv[1])
outcome = roster_import_file(path, filename=path.name, dry_run=False, limits=ImportLimits())
print(json.dumps({
    "status": outcome.status, "message": outcome.message, "counts": outcome.counts,
    "errors": [e.as_dict() for e in outcome.errors[:5]],
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _import_in_child(path: Path) -> tuple[dict, float, float]:
    """(the child's outcome, its peak RSS in MB sampled with psutil, seconds)."""
    env = {**os.environ, "RSS_TEST_DB": str(connection.settings_dict["NAME"])}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.02)
    out, err = child.communicate()
    assert child.returncode == 0, err.decode()[-3000:]
    return (
        json.loads(out.decode().strip().splitlines()[-1]),
        peak / 1_048_576,
        (time.perf_counter() - started),
    )


def test_prepass_counts_closing_row_tags_in_chunks_with_any_prefix(monkeypatch):
    from evaluasi.services.roster_import import prepass

    monkeypatch.setattr(prepass, "CHUNK", 7)  # tags split across chunk boundaries
    xml = (
        b'<x:worksheet xmlns:x="urn:x"><x:sheetData>'
        + b'<x:row r="1" s="2"/>' * 50  # formatting-only rows hold no cells and do not count
        + b"<x:row><x:c><x:v>1</x:v></x:c></x:row>" * 10
        + b"</x:sheetData></x:worksheet>"
    )
    assert not xml_rows_over(io.BytesIO(xml), 10)
    assert xml_rows_over(io.BytesIO(xml), 9)


def test_prepass_finds_each_sheets_part_by_name(tmp_path):
    path = raw_xlsx_write(tmp_path / "r.xlsx", [("Unit & Kerja", [["a"]]), ("Pegawai", [["b"]])])
    with zipfile.ZipFile(path) as archive:
        assert xlsx_sheet_parts(archive) == {
            "Unit & Kerja": "xl/worksheets/sheet1.xml",
            "Pegawai": "xl/worksheets/sheet2.xml",
        }


def test_prepass_refuses_naming_the_sheet_and_the_limit(run_import, tmp_path):
    rows = [PEGAWAI_HEADERS, *([f"{i}", "x"] for i in range(40))]
    path = raw_xlsx_write(tmp_path / "r.xlsx", [("Data Pegawai 2026", rows)])
    outcome = run_import(path, limits=ImportLimits(max_rows=20))
    assert outcome.status == DITOLAK
    assert "Sheet 'Data Pegawai 2026' berisi lebih dari 20 baris data" in outcome.message


def _expanding_workbook(path: Path) -> Path:
    """~4 MB of xlsx whose one sheet's XML is ~200 MB: 1.5 million rows of eight numbers."""

    def rows():
        yield ["NIP", "Nama", "Status", "Kode Unit"]
        for i in range(1_500_000):
            yield [i % 10] * 7 + [i]

    return raw_xlsx_write(path, [("Pegawai", rows())], refs=False)


def test_small_workbook_expanding_to_200_mb_is_refused_early_in_bounded_memory(
    transactional_db, tmp_path
):
    path = _expanding_workbook(tmp_path / "mengembang.xlsx")
    with zipfile.ZipFile(path) as archive:
        expanded = sum(item.file_size for item in archive.infolist())
    assert path.stat().st_size < 6_000_000 and expanded > 180_000_000  # not a zip bomb by ratio
    outcome, peak_mb, seconds = _import_in_child(path)
    assert max(peak_mb, outcome["peak_mb"]) < PEAK_LIMIT_MB, (peak_mb, outcome["peak_mb"])
    assert outcome["status"] == DITOLAK
    assert "Sheet 'Pegawai' berisi lebih dari 200.000 baris data" in outcome["message"]
    assert seconds < 30


def _roster_at_the_row_limit(path: Path, rows: int) -> Path:
    units = [["PEMPROV", "Pemerintah Provinsi", "", "Pemerintah Daerah"]]
    units += [[f"U{i:03d}", f"Unit {i}", "PEMPROV", "OPD"] for i in range(200)]

    def pegawai():
        yield PEGAWAI_HEADERS
        for i in range(rows - len(units)):
            day = i // 900  # 900 NIPs per birth date: unique, valid PNS NIPs
            born = f"{1970 + day // 336}{1 + (day // 28) % 12:02d}{1 + day % 28:02d}"
            yield [
                f"{born}2000031{i % 900 + 1:03d}",
                f"Pegawai Nomor {i}",
                "",
                "S.E.",
                "PNS",
                "III/b",
                "Analis Kepegawaian",
                "Fungsional",
                f"U{i % 200:03d}",
                "",
                "",
                "081234567890",
            ]

    return raw_xlsx_write(path, [("Unit Kerja", [UNIT_HEADERS, *units]), ("Pegawai", pegawai())])


@pytest.mark.django_db(transaction=True)
def test_file_at_the_row_limit_imports_in_bounded_memory(tmp_path):
    rows = ImportLimits().max_rows
    path = _roster_at_the_row_limit(tmp_path / "batas.xlsx", rows)
    outcome, peak_mb, _ = _import_in_child(path)
    assert outcome["status"] == ImporRoster.Status.SELESAI, outcome
    assert outcome["counts"]["unit_baru"] + outcome["counts"]["pegawai_baru"] == rows
    assert Pegawai.objects.count() == rows - 201
    assert max(peak_mb, outcome["peak_mb"]) < PEAK_LIMIT_MB, (peak_mb, outcome["peak_mb"])
