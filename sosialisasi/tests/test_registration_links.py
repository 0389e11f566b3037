"""The registrant's private page (registration_links.py): cancelling, the online link
only when confirmed, tampered and expired links."""

from datetime import timedelta

from django.utils import timezone

from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.registration_links import registration_url
from sosialisasi.tests.helpers import ONLINE_LINK, register


def test_registrant_page_cancels_and_shows_link_only_when_confirmed(make_workshop, client):
    workshop = make_workshop(capacity=1)
    first = register(workshop, 1).pendaftaran
    second = register(workshop, 2).pendaftaran
    waiting = client.get(registration_url(second)).content.decode()
    assert "urutan ke-1 di daftar tunggu" in waiting and ONLINE_LINK not in waiting

    assert ONLINE_LINK in client.get(registration_url(first)).content.decode()
    client.post(registration_url(first) + "batal/")  # the confirmation page's button
    assert Pendaftaran.objects.get(pk=first.pk).status == "dibatalkan"
    assert ONLINE_LINK in client.get(registration_url(second)).content.decode()  # promoted


def test_tampered_and_expired_links_are_refused(make_workshop, client):
    workshop = make_workshop()
    pendaftaran = register(workshop, 1).pendaftaran
    url = registration_url(pendaftaran)
    tampered = client.get(url[:-3] + "xyz/")
    assert tampered.status_code == 404 and "tidak valid" in tampered.content.decode()

    WorkshopPage.objects.filter(pk=workshop.pk).update(
        mulai=timezone.now() - timedelta(days=5), selesai=timezone.now() - timedelta(days=4)
    )
    pendaftaran.refresh_from_db()
    old = registration_url(pendaftaran)
    expired = client.get(old)
    assert expired.status_code == 404 and "kedaluwarsa" in expired.content.decode()
