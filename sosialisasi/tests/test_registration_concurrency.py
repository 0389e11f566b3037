"""100 people register at once for 20 seats, through a live server: no overbooking, no losses.

Each person clicks the confirmation link their registration request mailed them (the step that
creates the registration; sosialisasi.services.registration_requests), all at the same moment.

Runs on both databases; on PostgreSQL it proves the row lock (select_for_update), on SQLite the
IMMEDIATE transactions.
"""

import re
import threading
from datetime import timedelta

import pytest
import requests
from django.db import connection
from django.utils import timezone

from cms.models import HomePage
from sosialisasi.models import Pendaftaran, StatusPendaftaran, WorkshopIndexPage, WorkshopPage

PEOPLE = 100
SEATS = 20
# All 100 are released at once; at most this many requests are in flight, because each holds a
# database connection and PostgreSQL allows 100 by default (in production gunicorn's worker count
# bounds this the same way).
IN_FLIGHT = 40

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def workshop(settings):
    settings.WORKSHOP_REGISTRATIONS_PER_IP = 10_000
    from cms.demo import demo_load

    demo_load()
    index = WorkshopIndexPage.objects.get()
    now = timezone.now()
    page = WorkshopPage(
        title="Rebutan Kursi",
        slug="rebutan-kursi",
        ringkasan="Uji serentak.",
        body="[]",
        kapasitas=SEATS,
        mulai=now + timedelta(days=3),
        selesai=now + timedelta(days=3, hours=2),
        pendaftaran_dibuka=now - timedelta(days=1),
        pendaftaran_ditutup=now + timedelta(days=2),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    assert HomePage.objects.exists()
    return page


def test_concurrent_registrations_never_overbook(live_server, workshop):
    from sosialisasi.services.registration_requests import confirm_token

    def confirm_page(n):
        token = confirm_token(
            workshop.pk,
            {
                "nip": "",
                "nama": f"Peserta {n}",
                "instansi": "Pemkab",
                "email": f"peserta{n}@contoh.id",
                "no_hp": "",
            },
        )
        return f"{live_server.url}/pendaftaran/konfirmasi/{token}/"

    barrier = threading.Barrier(PEOPLE)
    in_flight = threading.BoundedSemaphore(IN_FLIGHT)
    failures = []

    def register(n):
        session = requests.Session()
        try:
            url = confirm_page(n)
            with in_flight:
                page = session.get(url, timeout=60)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            barrier.wait(timeout=120)
            with in_flight:
                response = session.post(
                    url,
                    data={"csrfmiddlewaretoken": token},
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=120,
                )
            if response.status_code != 302 or "/pendaftaran/" not in response.headers.get(
                "Location", ""
            ):
                failures.append((n, response.status_code))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            failures.append((n, repr(exc)))

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    rows = list(Pendaftaran.objects.filter(workshop=workshop).order_by("dibuat", "id"))
    assert len(rows) == PEOPLE  # none lost
    assert len({row.email for row in rows}) == PEOPLE  # none duplicated
    confirmed = [r for r in rows if r.status == StatusPendaftaran.TERKONFIRMASI]
    waiting = [r for r in rows if r.status == StatusPendaftaran.DAFTAR_TUNGGU]
    assert len(confirmed) == SEATS
    assert len(waiting) == PEOPLE - SEATS
    # The waiting list is in arrival order: everyone confirmed registered before anyone waiting.
    assert max(r.dibuat for r in confirmed) <= min(r.dibuat for r in waiting)
    print(f"{connection.vendor}: {len(confirmed)} confirmed, {len(waiting)} waiting of {PEOPLE}")
