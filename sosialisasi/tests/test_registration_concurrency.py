"""100 people register at once for 20 seats, through a live server: no overbooking, no losses; and
the fair queue holds while cancellations and capacity changes race with registrations.

Each person clicks the confirmation link their registration request mailed them (the step that
creates the registration; sosialisasi.services.registration_requests), all at the same moment.

Runs on both databases; on PostgreSQL it proves the row lock (select_for_update), on SQLite the
IMMEDIATE transactions.
"""

import re
import threading
import time
from datetime import timedelta

import pytest
import requests
from django.core import mail
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from cms.models import HomePage
from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import ADMIN_BKD
from sosialisasi.models import (
    Pendaftaran,
    SebabPromosi,
    StatusPendaftaran,
    WorkshopIndexPage,
    WorkshopPage,
)

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


def _confirm_page(live_server, workshop, n):
    from sosialisasi.services.registration_requests import confirm_token

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


def _csrf(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_concurrent_registrations_never_overbook(live_server, workshop):
    barrier = threading.Barrier(PEOPLE)
    in_flight = threading.BoundedSemaphore(IN_FLIGHT)
    failures = []

    def register(n):
        session = requests.Session()
        try:
            url = _confirm_page(live_server, workshop, n)
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


EARLY = 30  # registered before the race: 20 confirmed, 10 waiting
NEWCOMERS = 60
SELF_CANCEL = [0, 3, 6, 9, 12, 15, 21, 24, 27, 29]  # six confirmed, four waiting
ADMIN_CANCEL = [1, 5, 10, 17]  # confirmed
CAPACITIES = [24, 28]  # published one after the other while the rest runs


def test_cancellations_and_capacity_changes_race_with_the_queue(live_server, workshop):
    """Newcomers confirm their links while registrants cancel (their own cancellations), an admin
    cancels in the registrations admin and an editor publishes larger capacities, all at once.

    Afterwards (and at every moment watched during the race) the workshop is never overbooked;
    the confirmed are exactly the earliest arrivals still registered (nobody confirmed while an
    earlier one waits); every freed seat went to the queue in arrival order, each promoted person
    emailed once."""
    from sosialisasi.services.registrations import registration_cancel, registration_create

    early = [
        registration_create(
            workshop_id=workshop.pk, nama=f"Awal {n}", instansi="Pemkab", email=f"awal{n}@contoh.id"
        ).pendaftaran
        for n in range(EARLY)
    ]
    assert [p.status for p in early] == ["terkonfirmasi"] * SEATS + ["daftar_tunggu"] * (
        EARLY - SEATS
    )
    mail.outbox.clear()

    admin = requests.Session()
    login_page = admin.get(f"{live_server.url}/admin/login/", timeout=60)
    assert (
        admin.post(
            f"{live_server.url}/admin/login/",
            data={
                "username": ADMIN_BKD[0],
                "password": DEMO_PASSWORD,
                "csrfmiddlewaretoken": _csrf(login_page),
            },
            headers={"Referer": f"{live_server.url}/admin/login/"},
            allow_redirects=False,
            timeout=60,
        ).status_code
        == 302
    )

    jobs = len(range(NEWCOMERS)) + len(SELF_CANCEL) + len(ADMIN_CANCEL) + 1
    barrier = threading.Barrier(jobs)
    in_flight = threading.BoundedSemaphore(IN_FLIGHT)
    failures, overbooked = [], []
    racing = threading.Event()

    def in_own_connection(work):
        # Threads of this process (not the live server's) open their own connection; close it.
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            failures.append(repr(exc))
        finally:
            connection.close()

    def form_posted_together(session, url):
        # Load the form (its CSRF token), wait for every racer, then submit it.
        with in_flight:
            token = _csrf(session.get(url, timeout=60))
        barrier.wait(timeout=180)
        with in_flight:
            return session.post(
                url,
                data={"csrfmiddlewaretoken": token},
                headers={"Referer": url},
                allow_redirects=False,
                timeout=180,
            )

    def newcomer(n):
        session = requests.Session()
        try:
            response = form_posted_together(session, _confirm_page(live_server, workshop, n))
            if response.status_code != 302:
                failures.append((n, response.status_code))
        except Exception as exc:  # noqa: BLE001
            failures.append((n, repr(exc)))

    def self_cancel(pendaftaran_id):
        # What the registrant's own cancel button calls (views.registration_status).
        barrier.wait(timeout=180)
        in_own_connection(lambda: registration_cancel(pendaftaran_id=pendaftaran_id))

    def admin_cancel(pendaftaran_id):
        session = requests.Session()
        session.cookies.update(admin.cookies)
        url = f"{live_server.url}/admin/workshop/pendaftaran/batal/{pendaftaran_id}/"
        try:
            response = form_posted_together(session, url)
            if response.status_code != 302:
                failures.append(("admin", pendaftaran_id, response.status_code))
        except Exception as exc:  # noqa: BLE001
            failures.append(("admin", pendaftaran_id, repr(exc)))

    def publish_capacities():
        # What "Terbitkan" in the page editor (and scheduled publishing) runs.
        barrier.wait(timeout=180)

        def publish():
            for kapasitas in CAPACITIES:
                page = WorkshopPage.objects.get(pk=workshop.pk)
                page.kapasitas = kapasitas
                page.save_revision().publish()

        in_own_connection(publish)

    def watch():
        # One statement reads capacity and confirmed seats together: a consistent snapshot.
        def loop():
            while racing.is_set():
                kapasitas, confirmed = (
                    WorkshopPage.objects.filter(pk=workshop.pk)
                    .annotate(
                        n=Count(
                            "pendaftaran",
                            filter=Q(pendaftaran__status=StatusPendaftaran.TERKONFIRMASI),
                        )
                    )
                    .values_list("kapasitas", "n")
                    .get()
                )
                if confirmed > kapasitas:
                    overbooked.append((kapasitas, confirmed))
                time.sleep(0.02)

        in_own_connection(loop)

    threads = (
        [threading.Thread(target=newcomer, args=(n,)) for n in range(EARLY, EARLY + NEWCOMERS)]
        + [threading.Thread(target=self_cancel, args=(early[i].pk,)) for i in SELF_CANCEL]
        + [threading.Thread(target=admin_cancel, args=(early[i].pk,)) for i in ADMIN_CANCEL]
        + [threading.Thread(target=publish_capacities)]
    )
    racing.set()
    watcher = threading.Thread(target=watch)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    racing.clear()
    watcher.join()

    assert failures == []
    assert overbooked == []
    kapasitas = WorkshopPage.objects.get(pk=workshop.pk).kapasitas
    assert kapasitas == CAPACITIES[-1]
    rows = list(Pendaftaran.objects.filter(workshop=workshop).order_by("dibuat", "id"))
    assert len(rows) == EARLY + NEWCOMERS  # none lost
    cancelled = {r.pk for r in rows if r.status == StatusPendaftaran.DIBATALKAN}
    assert cancelled == {early[i].pk for i in SELF_CANCEL + ADMIN_CANCEL}
    active = [r for r in rows if r.status != StatusPendaftaran.DIBATALKAN]
    # Never overbooked, no seat left free while anyone waits, and the confirmed are the earliest
    # arrivals: nobody is confirmed while someone who came earlier still waits.
    assert [r.status for r in active] == [StatusPendaftaran.TERKONFIRMASI] * kapasitas + [
        StatusPendaftaran.DAFTAR_TUNGGU
    ] * (len(active) - kapasitas)
    # Every freed seat went to the queue, in arrival order: the 10 seats of those confirmed before
    # the race who cancelled, the 8 added, and the seat of any early waiter who was promoted
    # before their own cancellation came in.
    promoted = sorted(
        (r for r in rows if r.dipromosikan_karena),
        key=lambda r: (r.dipromosikan_pada, r.dibuat, r.id),
    )
    promoted_then_cancelled = sum(r.pk in cancelled for r in promoted)
    assert len(promoted) == 10 + (CAPACITIES[-1] - SEATS) + promoted_then_cancelled
    arrival = [(r.dibuat, r.id) for r in promoted]
    assert arrival == sorted(arrival)
    assert {r.dipromosikan_karena for r in promoted} <= {
        SebabPromosi.PEMBATALAN_PESERTA,
        SebabPromosi.PEMBATALAN_ADMIN,
        SebabPromosi.PENAMBAHAN_KAPASITAS,
    }
    assert sum(r.dipromosikan_karena == SebabPromosi.PEMBATALAN_ADMIN for r in promoted) == len(
        ADMIN_CANCEL
    )
    # Each promoted person got the "dipromosikan" email, once.
    promotion_mails = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Kursi tersedia"))
    assert promotion_mails == sorted(r.email for r in promoted)
    print(
        f"{connection.vendor}: {kapasitas} confirmed, {len(active) - kapasitas} waiting, "
        f"{len(promoted)} promoted"
    )
