"""Organisers' screens of the fair queue (issue 19, "Organisers"): the registrations admin shows each
waiting registration's place and what promoted each promoted one, in a bounded number of queries;
promoting out of order asks for a reason; the capacity field says how many a new capacity promotes.

The demo's "memberi-umpan-balik-360" is the issue's case: 20 seats taken, 6 waiting."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluasi.demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK
from sosialisasi.models import Pendaftaran, SebabPromosi, StatusPendaftaran, WorkshopPage
from sosialisasi.selectors import waiting_position
from sosialisasi.tests.helpers import register

WAITING = StatusPendaftaran.DAFTAR_TUNGGU
SLUG = "memberi-umpan-balik-360"


def _listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_listing_shows_queue_positions_in_bounded_queries(demo, login):
    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug=SLUG)
    url = f"/admin/workshop/pendaftaran/?workshop={workshop.pk}&status={WAITING}"
    response = _listed(client, url)
    assert [p.posisi_antrean for p in response.context["object_list"]] == [1, 2, 3, 4, 5, 6]
    assert "Antrean" in response.content.decode()
    _listed(client, url)  # warm what is meant to be warm
    with CaptureQueriesContext(connection) as few:
        _listed(client, url)

    for n in range(12):  # the workshop is full: each of these waits
        assert register(workshop, n).pendaftaran.status == WAITING
    with CaptureQueriesContext(connection) as many:
        response = _listed(client, url)
    assert [p.posisi_antrean for p in response.context["object_list"]] == list(range(1, 19))
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]

    # An Admin OPD sees only their subtree's registrations, numbered in the whole queue.
    opd_client = login(ADMIN_OPD_DISDIK[0])
    rows = list(_listed(opd_client, url).context["object_list"])
    assert all(p.posisi_antrean == waiting_position(p) for p in rows)

    export = b"".join(_listed(client, url + "&export=csv").streaming_content).decode()
    assert "Posisi antrean" in export.splitlines()[0]


def test_promoting_out_of_order_asks_for_a_reason_and_a_free_seat(demo, login, committed):
    client = login(ADMIN_BKD[0])
    workshop = WorkshopPage.objects.get(slug=SLUG)
    third = workshop.pendaftaran.filter(status=WAITING).order_by("dibuat", "id")[2]
    url = f"/admin/workshop/pendaftaran/promosi/{third.pk}/"
    listing = _listed(client, f"/admin/workshop/pendaftaran/?q={third.nip}").content.decode()
    assert url in listing  # the row's "Promosikan (dengan alasan)" action

    page = client.get(url).content.decode()
    assert "Alasan promosi" in page and "urutan <strong>3</strong>" in page
    refused = client.post(url, {"alasan": "   "})
    assert refused.status_code == 400
    assert "Tuliskan alasan promosi" in refused.content.decode()
    full = client.post(url, {"alasan": "Narasumber pendamping"})
    assert full.status_code == 400 and "penuh" in full.content.decode()
    third.refresh_from_db()
    assert third.status == WAITING

    # Under way, a seat freed by a no-show is not offered automatically: the organiser gives it
    # to the waiting walk-in.
    WorkshopPage.objects.filter(pk=workshop.pk).update(mulai=timezone.now() - timedelta(minutes=20))
    no_show = workshop.pendaftaran.filter(status=StatusPendaftaran.TERKONFIRMASI).first()
    with committed():
        client.post(f"/admin/workshop/pendaftaran/batal/{no_show.pk}/")
    with committed():
        done = client.post(url, {"alasan": "Hadir di lokasi"})
    assert done.status_code == 302
    third.refresh_from_db()
    assert third.status == StatusPendaftaran.TERKONFIRMASI
    assert third.dipromosikan_karena == SebabPromosi.PROMOSI_MANUAL
    assert third.alasan_promosi == "Hadir di lokasi"
    assert third.dipromosikan_oleh.username == ADMIN_BKD[0]
    listing = _listed(client, f"/admin/workshop/pendaftaran/?q={third.nip}").content.decode()
    assert "Promosi manual" in listing and "alasan: Hadir di lokasi" in listing
    inspect = client.get(f"/admin/workshop/pendaftaran/inspect/{third.pk}/").content.decode()
    assert "Hadir di lokasi" in inspect
    # The first two waiting still wait, with their places.
    assert [
        waiting_position(p)
        for p in Pendaftaran.objects.filter(workshop=workshop, status=WAITING).order_by("dibuat")
    ] == [1, 2, 3, 4, 5]


def test_capacity_field_says_how_many_will_be_promoted(demo, client, django_user_model):
    from cms.demo import DEMO_ADMIN_USERNAME

    client.force_login(django_user_model.objects.get(username=DEMO_ADMIN_USERNAME))
    workshop = WorkshopPage.objects.get(slug=SLUG)
    response = client.get(f"/admin/pages/{workshop.pk}/edit/")
    assert response.status_code == 200
    page = response.content.decode()
    # Without the script: the counts and the rule, and the line for the stored capacity.
    assert "Saat ini 20 peserta terkonfirmasi dan 6 orang di daftar tunggu" in page
    assert "Kapasitas 20 tidak mempromosikan siapa pun dari daftar tunggu." in page
    # With it: the script that rewrites the line as the number changes, and its inputs.
    assert "sosialisasi/js/kapasitas.js" in page
    assert 'data-kapasitas-terkonfirmasi="20"' in page and 'data-kapasitas-menunggu="6"' in page

    # Not even a superuser deletes a registration (its seat would leave the queue unfilled):
    # cancelling is the way out.
    confirmed = workshop.pendaftaran.filter(status=StatusPendaftaran.TERKONFIRMASI).first()
    url = f"/admin/workshop/pendaftaran/delete/{confirmed.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url)
    assert Pendaftaran.objects.filter(pk=confirmed.pk).exists()
