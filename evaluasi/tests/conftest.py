import pytest

from evaluasi.models import JenisUnit, UnitKerja
from evaluasi.services.roster_import import roster_import_file


@pytest.fixture
def opd(db):
    root = UnitKerja.objects.create(
        kode="PEMPROV", nama="Pemerintah Provinsi", jenis=JenisUnit.PEMDA
    )
    return UnitKerja.objects.create(kode="OPD1", nama="Dinas Uji", jenis=JenisUnit.OPD, induk=root)


@pytest.fixture
def run_import(db):
    def run(path, *, dry_run=False, **kwargs):
        return roster_import_file(path, filename=path.name, dry_run=dry_run, **kwargs)

    return run
