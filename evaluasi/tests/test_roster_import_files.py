"""Refused files: each is refused with an Indonesian message, before rows are parsed."""

import re
import shutil
import time
import zipfile

import pytest

from evaluasi.models import ImporRoster, Pegawai
from evaluasi.services.roster_import import ImportLimits
from evaluasi.services.roster_import.files import ENCRYPTED_MARKER, OLE_MAGIC
from evaluasi.tests.factories import new_nip
from evaluasi.tests.workbooks import import_command_exit, pegawai_row, write_xlsx

DITOLAK = ImporRoster.Status.DITOLAK


@pytest.fixture
def small_xlsx(opd, tmp_path):
    return write_xlsx(tmp_path / "roster.xlsx", pegawai=[pegawai_row(new_nip())])


def test_file_over_size_limit(run_import, small_xlsx):
    outcome = run_import(small_xlsx, limits=ImportLimits(max_bytes=1000))
    assert outcome.status == DITOLAK
    assert "terlalu besar" in outcome.message


def test_too_many_rows(opd, run_import, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", pegawai=[pegawai_row(new_nip()) for _ in range(6)])
    outcome = run_import(path, limits=ImportLimits(max_rows=5))
    assert outcome.status == DITOLAK
    assert "baris" in outcome.message


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("roster.xlsx", b"NIP,Nama\n1,2\n", "bukan berkas Excel .xlsx"),
        ("roster.xls", b"PK\x03\x04 not really", "bukan berkas Excel 97"),
        ("roster.csv", b"PK\x03\x04\x14\x00\x00\x00", "bukan teks"),
        ("roster.xlsx", OLE_MAGIC + b"\x00" * 600, "format Excel lama"),
        ("roster.pdf", b"%PDF-1.4", "tidak didukung"),
        ("roster.xlsx", b"", "kosong"),
    ],
)
def test_files_that_are_not_what_their_extension_says(
    run_import, tmp_path, name, content, fragment, db
):
    path = tmp_path / name
    path.write_bytes(content)
    outcome = run_import(path)
    assert outcome.status == DITOLAK
    assert fragment in outcome.message


def test_password_protected_workbook(run_import, tmp_path, db):
    # Excel saves an encrypted .xlsx as an OLE container holding an "EncryptedPackage" stream.
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + ENCRYPTED_MARKER + b"\x00" * 4096)
    outcome = run_import(path)
    assert outcome.status == DITOLAK
    assert "kata sandi" in outcome.message


def test_zip_bomb_is_refused_from_declared_sizes(run_import, tmp_path, db):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 30_000_000 + b">")
    assert path.stat().st_size < 100_000
    started = time.perf_counter()
    outcome = run_import(path)
    assert outcome.status == DITOLAK
    assert "mengembang" in outcome.message
    assert time.perf_counter() - started < 2


def test_declared_million_row_dimension_with_few_rows_imports_quickly(opd, run_import, tmp_path):
    source = write_xlsx(
        tmp_path / "asli.xlsx", pegawai=[pegawai_row(new_nip(), f"P {i}") for i in range(300)]
    )
    path = tmp_path / "dimensi.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:L1048576"/>', data)
            dst.writestr(item, data)
    started = time.perf_counter()
    outcome = run_import(path)
    assert outcome.status == ImporRoster.Status.SELESAI, outcome.message
    assert outcome.counts["pegawai_baru"] == 300
    assert time.perf_counter() - started < 5


def test_command_exit_codes(opd, tmp_path, capsys):
    good = write_xlsx(tmp_path / "baik.xlsx", pegawai=[pegawai_row(new_nip())])
    bad = write_xlsx(tmp_path / "salah.xlsx", pegawai=[pegawai_row("12345")])
    refused = tmp_path / "palsu.xlsx"
    refused.write_bytes(b"bukan excel")

    assert import_command_exit(str(good), "--dry-run") == 0
    assert not Pegawai.objects.exists()
    assert "Pegawai baru: 1" in capsys.readouterr().out
    assert import_command_exit(str(bad)) == 1
    assert "baris 2, kolom 'NIP'" in capsys.readouterr().out
    assert import_command_exit(str(refused)) == 2
    assert import_command_exit(str(good)) == 0
    assert Pegawai.objects.count() == 1


def test_demo_workbook_imports_cleanly(db, run_import, tmp_path):
    from evaluasi.management.commands.build_demo_roster import DEMO_ROSTER

    path = tmp_path / "roster-demo.xlsx"
    shutil.copy(DEMO_ROSTER, path)
    outcome = run_import(path)
    assert outcome.status == ImporRoster.Status.SELESAI, outcome.errors[:5]
    assert outcome.counts["pegawai_baru"] >= 190


def test_corrupt_workbook_says_to_resave_it(run_import, tmp_path, db):
    path = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "bukan xml yang sah <<<")
    outcome = run_import(path)
    assert outcome.status == DITOLAK
    assert "simpan ulang" in outcome.message
