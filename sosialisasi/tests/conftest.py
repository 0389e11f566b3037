from datetime import timedelta

import pytest
from django.utils import timezone

from evaluasi.demo import DEMO_PASSWORD
from sosialisasi.tests.helpers import ONLINE_LINK


@pytest.fixture
def sosialisasi(demo, settings, tmp_path_factory):
    """The demo site (which includes the socialisation section), as `make run` builds it."""
    from sosialisasi.models import SosialisasiIndexPage

    return SosialisasiIndexPage.objects.get()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Registration emails are queued on commit; this runs what a commit would run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def make_workshop(request, db):
    """make(capacity=, opens=, closes=, starts= (days from now), mode=, opd=) -> a live workshop.

    Workshops go on a bare site with the demo roster (`site_home`, `roster`), or into the demo's
    workshop index when the test asks for the whole `demo`."""
    from cms.models import HomePage
    from evaluasi.models import UnitKerja
    from sosialisasi.models import WorkshopIndexPage, WorkshopPage

    if "demo" not in request.fixturenames:
        request.getfixturevalue("site_home")
        request.getfixturevalue("roster")
    index = WorkshopIndexPage.objects.first()
    if index is None:
        index = WorkshopIndexPage(title="Workshop", slug="workshop")
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    counter = {"n": 0}

    def make(*, capacity=2, opens=-1, closes=5, starts=7, mode="hybrid", opd=None):
        counter["n"] += 1
        now = timezone.now()
        page = WorkshopPage(
            title=f"Workshop Uji {counter['n']}",
            slug=f"uji-{counter['n']}",
            ringkasan="Ringkasan uji.",
            body="[]",
            mulai=now + timedelta(days=starts),
            selesai=now + timedelta(days=starts, hours=3),
            mode=mode,
            tempat="Aula",
            tautan_daring=ONLINE_LINK,
            kapasitas=capacity,
            pendaftaran_dibuka=now + timedelta(days=opens),
            pendaftaran_ditutup=now + timedelta(days=closes),
        )
        if opd:
            page.untuk_opd = [UnitKerja.objects.get(kode=opd)]
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def login(client):
    """Log in to the admin as a demo account by NIP, returning the client."""

    def do(nip):
        assert (
            client.post("/admin/login/", {"username": nip, "password": DEMO_PASSWORD}).status_code
            == 302
        )
        return client

    return do
