"""Fixtures shared by every test package (unit tests and tests/e2e)."""

import os
import signal
import subprocess
import sys

import pytest


@pytest.fixture
def demo(db):
    """The demo site as `make run` builds it, from fixtures/."""
    from cms.demo import demo_load

    return demo_load()


@pytest.fixture
def roster(db):
    """The demo roster (about 200 pegawai in 14 units) and its four demo accounts (guru, kepala
    sekolah, Admin OPD Dinas Pendidikan, Admin BKD): the roster part of the demo only."""
    from evaluasi.demo import roster_demo_load

    roster_demo_load(lambda label, created: None)


@pytest.fixture
def home_page(demo):
    from cms.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site_home(db):
    """A bare home page at the default site's root: the public site without the demo's content, for
    tests that need one page of a kind (add it with `site_home.add_child(instance=...)`)."""
    from wagtail.models import Page, Site

    from cms.models import HomePage

    home = HomePage(title="Beranda", slug="beranda", hero_judul="Beranda uji")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """Each test its own private root (cms/storage.py): names stay as uploaded, and no roster
    upload, evidence file or document is left behind in var/. A q cluster subprocess uses the
    test settings' var/test-private instead."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached settings must not leak from one test into the next."""
    from django.core.cache import cache

    from evaluasi.services import answers

    cache.clear()
    answers._FROZEN_ITEMS.clear()  # ids are reused between tests; a frozen instrument is not
    yield
    cache.clear()


def _database_url_of_test_db():
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db["PASSWORD"] else user
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def q_cluster():
    """A real q cluster (one worker) on the test database and the configured broker."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url_of_test_db(),
        "Q_SYNC": "0",
        "Q_WORKERS": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield proc
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
