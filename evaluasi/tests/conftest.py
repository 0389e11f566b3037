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


@pytest.fixture
def roster(db):
    """The demo roster and its four demo accounts (guru, kepala sekolah, Admin OPD, Admin BKD)."""
    from evaluasi.demo import roster_demo_load

    roster_demo_load(lambda label, created: None)


@pytest.fixture
def login(client):
    """Log in through the real login form (django-axes needs a request), returning the client."""
    from evaluasi.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD, url="/admin/login/"):
        response = client.post(url, {"username": username, "password": password})
        assert response.status_code == 302, response.content[:500]
        return client

    return do
