"""Workshop registration throughput against a live gunicorn server, beside a plain page GET.

    python benchmarks/registration_throughput.py                       # SQLite scratch database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/registration_throughput.py

Starts gunicorn on 127.0.0.1 (loopback only) with the demo site, then a threaded client fires
BENCH_REQUESTS registrations (each a GET for the CSRF token and a POST) and the same number of plain
GETs of the workshop page, BENCH_CLIENTS at a time. Prints requests/s and p50/p95/p99 latency of
both, and checks that exactly `capacity` registrations were confirmed. The database is emptied.
"""

import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'registrasi.sqlite3'}")
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
os.environ["DEBUG"] = "False"
os.environ["WORKSHOP_REGISTRATIONS_PER_IP"] = "1000000"
os.environ["EMAIL_URL"] = "dummymail://"
os.environ.setdefault("Q_CLUSTER_NAME", "bench")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from _harness import BASE, gunicorn, summary, timed_runs  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 400))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 16))
CAPACITY = 100


def prepare() -> str:
    from cms.demo import demo_load
    from sosialisasi.models import Pendaftaran, WorkshopIndexPage, WorkshopPage

    call_command("migrate", verbosity=0)
    demo_load()
    Pendaftaran.objects.filter(workshop__slug="benchmark").delete()
    WorkshopPage.objects.filter(slug="benchmark").delete()
    now = timezone.now()
    page = WorkshopPage(
        title="Benchmark", slug="benchmark", ringkasan="Uji beban.", body="[]", kapasitas=CAPACITY,
        mulai=now + timedelta(days=3), selesai=now + timedelta(days=3, hours=2),
        pendaftaran_dibuka=now - timedelta(days=1), pendaftaran_ditutup=now + timedelta(days=2),
    )  # fmt: skip
    WorkshopIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page.url


def main():
    from django.db import connection

    from sosialisasi.models import Pendaftaran

    url = BASE + prepare()
    with gunicorn():

        def get(_):
            started = time.perf_counter()
            assert requests.get(url, timeout=60).status_code == 200
            return time.perf_counter() - started

        from sosialisasi.models import WorkshopPage
        from sosialisasi.services.registration_requests import confirm_token

        workshop_id = WorkshopPage.objects.get(slug="benchmark").pk

        def register(n):
            # The write happens when the emailed confirmation link is posted (issue 16): the
            # person opens it (GET) and presses the button (POST).
            session = requests.Session()
            link = BASE + "/pendaftaran/konfirmasi/" + confirm_token(workshop_id, {"nip": "", "nama": f"Peserta {n}", "instansi": "Pemkab", "email": f"bench{n}@contoh.id", "no_hp": ""}) + "/"  # fmt: skip
            started = time.perf_counter()
            token = re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(link, timeout=60).text
            ).group(1)
            response = session.post(link, data={"csrfmiddlewaretoken": token}, headers={"Referer": link}, allow_redirects=False, timeout=60)  # fmt: skip
            assert (
                response.status_code == 302 and "/pendaftaran/" in response.headers["Location"]
            ), (response.status_code, response.headers.get("Location"))
            return time.perf_counter() - started

        print(
            f"Registration throughput on {connection.vendor}: {REQUESTS} requests, {CLIENTS} clients, gunicorn {os.environ.get('BENCH_WORKERS', '4')} workers"
        )
        summary("baseline: GET workshop page", *timed_runs(get, REQUESTS, CLIENTS))
        summary(
            "registration (GET confirmation page + POST)", *timed_runs(register, REQUESTS, CLIENTS)
        )
        rows = Pendaftaran.objects.filter(workshop__slug="benchmark")
        confirmed = rows.filter(status="terkonfirmasi").count()
        print(
            f"  registrations stored: {rows.count()} (confirmed {confirmed} of capacity {CAPACITY}, waiting {rows.filter(status='daftar_tunggu').count()})"
        )
        assert rows.count() == REQUESTS and confirmed == CAPACITY


if __name__ == "__main__":
    main()
