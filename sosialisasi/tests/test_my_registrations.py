"""My registrations on /akun/ (selectors.registrations_of): every registration of the logged-in
ASN — upcoming, waiting with position, past with the certificate, cancelled — including those made
with their NIP before the account existed, in a fixed number of queries."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai
from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.registration_links import certificate_url, registration_url
from sosialisasi.services.attendance import attendance_mark
from sosialisasi.services.registrations import registration_cancel, registration_create
from sosialisasi.tests.helpers import ONLINE_LINK, register, started


def _guru():
    return Pegawai.objects.select_related("user").get(nip=GURU_DEMO[0])


def _link(registration, suffix: str):
    """A pattern for `registration`'s own link (+ `suffix`) as the page renders it. The link is
    signed with a timestamp, so one made in the test a second later differs after the payload."""
    payload = registration_url(registration).rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0]
    return re.compile(rf"/pendaftaran/{re.escape(payload)}:[^/\"]+/{re.escape(suffix)}")


def _move_to_the_past(workshop, weeks=3):
    start = timezone.now() - timedelta(weeks=weeks)
    WorkshopPage.objects.filter(pk=workshop.pk).update(
        mulai=start, selesai=start + timedelta(hours=3)
    )


def test_account_lists_every_registration_of_the_asn(make_workshop, client):
    guru = _guru()
    upcoming = make_workshop(capacity=5, starts=10)
    full = make_workshop(capacity=1, starts=12)
    past = make_workshop(capacity=0, starts=3)
    face_to_face = make_workshop(capacity=5, starts=8, mode="tatap_muka")
    dropped = make_workshop(capacity=5, starts=14)

    mine_upcoming = registration_create(
        workshop_id=upcoming.pk, user=guru.user, nip=guru.nip, email=guru.email
    ).pendaftaran
    register(upcoming, 1)  # someone else's registration never shows
    register(full, 1)
    register(full, 2)
    mine_waiting = registration_create(
        workshop_id=full.pk, user=guru.user, nip=guru.nip, email=guru.email
    ).pendaftaran
    # Made with the NIP before the account was activated: no user on the row.
    mine_past = registration_create(workshop_id=past.pk, nip=guru.nip).pendaftaran
    assert mine_past.user is None
    started(past)
    attendance_mark(pendaftaran_id=mine_past.pk)
    _move_to_the_past(past)
    mine_past.refresh_from_db()
    registration_create(workshop_id=face_to_face.pk, user=guru.user, nip=guru.nip, email=guru.email)
    mine_cancelled = registration_create(
        workshop_id=dropped.pk, user=guru.user, nip=guru.nip, email=guru.email
    ).pendaftaran
    registration_cancel(pendaftaran_id=mine_cancelled.pk)

    # Made with the NIP while it was not yet in the roster (so confirmed at the typed email):
    # the person's own only when that email is theirs.
    stranger_typed_nip = make_workshop(capacity=5, starts=20)
    own_email_then = make_workshop(capacity=5, starts=21)
    for workshop, email in (
        (stranger_typed_nip, "orang.lain@contoh.id"),
        (own_email_then, guru.email),
    ):
        Pendaftaran.objects.create(
            workshop=workshop, nip=guru.nip, nama="Diketik", email=email, status="terkonfirmasi"
        )

    client.force_login(guru.user)
    response = client.get("/akun/")
    html = response.content.decode()
    mine = response.context["workshop_saya"]
    assert [r.workshop.pk for r in mine.mendatang] == [
        face_to_face.pk,
        upcoming.pk,
        own_email_then.pk,
    ]
    assert [(r.workshop.pk, r.posisi) for r in mine.menunggu] == [(full.pk, 2)]
    assert [r.workshop.pk for r in mine.lalu] == [past.pk]
    assert [r.workshop.pk for r in mine.dibatalkan] == [dropped.pk]
    assert "Tamu 1" not in html and "urutan ke-2" in html

    # The online link: only the confirmed, upcoming hybrid workshop (not waiting, face to face,
    # past or cancelled).
    assert [r.workshop.pk for r in mine.mendatang if r.tautan_daring] == [
        upcoming.pk,
        own_email_then.pk,
    ]
    assert html.count(ONLINE_LINK) == 2

    # Calendar files for the live ones, each registrant's own page, the certificate for the past.
    for registration in (mine_upcoming, mine_waiting):
        assert _link(registration, "kalender.ics").search(html)
    assert _link(mine_cancelled, "").search(html)
    assert _link(mine_past, "sertifikat.pdf").search(html) and mine_past.kode_sertifikat in html
    pdf = client.get(urlsplit(certificate_url(mine_past)).path)  # weeks after the event
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert html.count("sertifikat.pdf") == 1  # no certificate for anyone not marked present


def test_account_page_runs_the_same_queries_for_1_and_30_registrations(make_workshop, client):
    guru = _guru()
    client.force_login(guru.user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/akun/").status_code == 200
        return len(captured)

    def add(i):
        workshop = make_workshop(capacity=1, starts=5 + i)
        if i % 3 == 1:
            register(workshop, 1)  # full: the ASN waits
        registration = registration_create(
            workshop_id=workshop.pk, user=guru.user, nip=guru.nip, email=guru.email
        ).pendaftaran
        if i % 3 == 2:
            started(workshop)
            attendance_mark(pendaftaran_id=registration.pk)
            _move_to_the_past(workshop, weeks=i)
        if i % 5 == 4 and i % 3 != 2:  # the organiser alone cancels an attendee
            registration_cancel(pendaftaran_id=registration.pk)

    add(0)
    queries()  # the first request warms caches (site root paths, settings)
    one = queries()
    for i in range(1, 30):
        add(i)
    thirty = queries()
    mine = client.get("/akun/").context["workshop_saya"]
    assert sum(len(rows) for _, rows in mine.groups) == 30
    assert mine.menunggu and mine.lalu and mine.dibatalkan and mine.mendatang
    assert thirty == one, f"{one} queries for 1 registration, {thirty} for 30"


def test_a_strangers_claim_on_the_nip_is_never_handed_to_its_owner(make_workshop, client):
    """Someone typed the guru's NIP before it was in the roster, with their own email: the guru's
    workshop page does not present that registration as theirs, and registering is refused with
    a reason instead of redirecting them to (and letting them cancel) the stranger's row."""
    guru = _guru()
    workshop = make_workshop(capacity=5)
    claim = Pendaftaran.objects.create(
        workshop=workshop,
        nip=guru.nip,
        nama="Orang Lain",
        instansi="-",
        email="orang.lain@contoh.id",
        status="terkonfirmasi",
    )
    client.force_login(guru.user)
    page = client.get(workshop.url).content.decode()
    assert registration_url(claim) not in page
    refused = client.post(f"{workshop.url}daftar/", follow=True)
    assert "NIP ini sudah dipakai untuk pendaftaran lain" in refused.content.decode()
    assert registration_url(claim) not in refused.content.decode()
    claim.refresh_from_db()
    assert claim.status == "terkonfirmasi" and claim.user is None
    assert registration_url(claim) not in client.get("/akun/").content.decode()
