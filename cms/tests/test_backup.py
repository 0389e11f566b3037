"""The restore drill: back up a small dataset, lose data and files, restore, and get it all back."""

import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from cms.backup import row_counts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_brings_back_rows_and_private_files(settings, tmp_path, capsys):
    from cms.storage import private_storage
    from evaluasi.models import JenisUnit, Pegawai, UnitKerja
    from evaluasi.tests.factories import PegawaiFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "poster.txt").write_text("poster")
    unit = UnitKerja.objects.create(kode="OPD9", nama="Dinas Cadangan", jenis=JenisUnit.OPD)
    people = [PegawaiFactory(unit_kerja=unit) for _ in range(5)]
    storage = private_storage()
    name = storage.save("bukti/rapor.pdf", ContentFile(b"%PDF-1.4 rapor"))
    before = row_counts()

    call_command("backup", output=str(tmp_path / "cadangan"))
    archive = next((tmp_path / "cadangan").glob("cadangan-*.tar.gz"))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"database.dump", "manifest.json", "media/poster.txt", f"private/{name}"} <= set(names)

    # The disaster: rows deleted, a new row that must vanish, files gone.
    Pegawai.objects.filter(pk__in=[p.pk for p in people[:3]]).delete()
    UnitKerja.objects.create(kode="BARU", nama="Dibuat setelah cadangan", jenis=JenisUnit.OPD)
    storage.delete(name)
    (tmp_path / "media" / "poster.txt").unlink()

    call_command("restore", str(archive), yes=True)
    assert row_counts() == before
    assert set(Pegawai.objects.values_list("pk", flat=True)) >= {p.pk for p in people}
    assert not UnitKerja.objects.filter(kode="BARU").exists()
    assert storage.open(name).read() == b"%PDF-1.4 rapor"
    assert (tmp_path / "media" / "poster.txt").read_text() == "poster"
    assert "Dipulihkan dari cadangan" in capsys.readouterr().out


@pytest.mark.django_db
def test_restore_refuses_a_foreign_or_missing_archive_and_changes_nothing(tmp_path):
    from evaluasi.models import JenisUnit, UnitKerja

    UnitKerja.objects.create(kode="TETAP", nama="Tetap ada", jenis=JenisUnit.OPD)
    bogus = tmp_path / "bukan.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        (tmp_path / "x.txt").write_text("x")
        tar.add(tmp_path / "x.txt", arcname="x.txt")
    with pytest.raises(CommandError, match="bukan cadangan"):
        call_command("restore", str(bogus), yes=True)
    assert UnitKerja.objects.filter(kode="TETAP").exists()
    # A real archive from another kind of database: refused before the database is touched.
    (tmp_path / "manifest.json").write_text(
        '{"basis_data": "oracle", "dibuat": "x", "jumlah_baris": {}}'
    )
    (tmp_path / "database.dump").write_bytes(b"dump")
    foreign = tmp_path / "lain.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        for name in ("manifest.json", "database.dump"):
            tar.add(tmp_path / name, arcname=name)
    with pytest.raises(CommandError, match="tidak dapat dipulihkan"):
        call_command("restore", str(foreign), yes=True)
    assert UnitKerja.objects.filter(kode="TETAP").exists()
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"), yes=True)
    # Not an archive at all (a spreadsheet picked by mistake), and one cut short in transfer.
    wrong = tmp_path / "roster.xlsx"
    wrong.write_bytes(b"PK\x03\x04 bukan tar")
    cut = tmp_path / "terpotong.tar.gz"
    cut.write_bytes(foreign.read_bytes()[:40])
    for path in (wrong, cut):
        with pytest.raises(CommandError, match="bukan cadangan aplikasi ini atau rusak"):
            call_command("restore", str(path), yes=True)
    assert UnitKerja.objects.filter(kode="TETAP").exists()
