"""The registrant's private page (registration_links.py): cancelling, the online link
only when confirmed, tampered links, and after the event a read-only page with the certificate."""

import io
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone
from pypdf import PdfReader

from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.registration_links import SALT, checkin_url, registration_url
from sosialisasi.services.attendance import attendance_mark
from sosialisasi.tests.helpers import ONLINE_LINK, register, started


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


def test_tampered_links_are_refused(make_workshop, client):
    workshop = make_workshop()
    pendaftaran = register(workshop, 1).pendaftaran
    url = registration_url(pendaftaran)
    for path in (url, url + "sertifikat.pdf", url + "kalender.ics"):
        tampered = client.get(path.replace(url, url[:-4] + "xyz/"))
        # The same Indonesian page on every address, not a bare 404.
        assert tampered.status_code == 404 and "Tautan tidak berlaku" in tampered.content.decode()
    tampered = client.get(url[:-3] + "xyz/")
    assert tampered.status_code == 404 and "tidak valid" in tampered.content.decode()
    # Signed, but for the check-in QR code: not a status link.
    other_purpose = checkin_url(pendaftaran).rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/pendaftaran/{other_purpose}/").status_code == 404


def _weeks_ago(workshop, weeks=3):
    start = timezone.now() - timedelta(weeks=weeks)
    WorkshopPage.objects.filter(pk=workshop.pk).update(
        mulai=start, selesai=start + timedelta(hours=3)
    )


def test_after_the_event_the_link_shows_a_read_only_status_and_the_certificate(
    make_workshop, client
):
    workshop = make_workshop(capacity=0)
    attendee = register(workshop, 1).pendaftaran
    absent = register(workshop, 2).pendaftaran
    emailed_links = {p.pk: registration_url(p) for p in (attendee, absent)}  # signed before
    started(workshop)
    attendance_mark(pendaftaran_id=attendee.pk)
    _weeks_ago(workshop)
    attendee.refresh_from_db()
    # An emailed link from before this change carried an expiry that is long past; it works too.
    old_format = signing.dumps(
        {"p": attendee.pk, "e": int((timezone.now() - timedelta(days=20)).timestamp())},
        salt=SALT,
        compress=True,
    )

    for url in (
        emailed_links[attendee.pk],
        registration_url(attendee),
        f"/pendaftaran/{old_format}/",
    ):
        page = client.get(url)
        html = page.content.decode()
        assert page.status_code == 200 and "Unduh sertifikat" in html
        assert "Batalkan pendaftaran" not in html and ONLINE_LINK not in html
        pdf = client.get(url + "sertifikat.pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert attendee.kode_sertifikat in text and "Tamu 1" in text
        ics = client.get(url + "kalender.ics").content.decode()
        assert ONLINE_LINK not in ics  # the meeting is over; its link is not handed out again

    page = client.get(emailed_links[absent.pk]).content.decode()
    assert "tidak tercatat hadir" in page and "Unduh sertifikat" not in page
    assert client.get(emailed_links[absent.pk] + "sertifikat.pdf").status_code == 404

    # Read-only: a cancel posted to a finished workshop's link changes nothing.
    client.post(emailed_links[attendee.pk], {"aksi": "batal"})
    attendee.refresh_from_db()
    assert attendee.status == "terkonfirmasi" and attendee.hadir


def test_a_cancelled_registration_holds_no_certificate(make_workshop, client, django_user_model):
    """Marked present, then cancelled (by the organiser; the registrant may no longer cancel once
    present): no PDF, no verification, nothing on a later registration of the same person."""
    from sosialisasi.services.registrations import RegistrationRefused, registration_cancel

    workshop = started(make_workshop(capacity=0))
    attendee = register(workshop, 1).pendaftaran
    code = attendance_mark(pendaftaran_id=attendee.pk).kode_sertifikat
    url = registration_url(attendee)
    assert client.get(url + "sertifikat.pdf").status_code == 200
    assert "batal/" not in client.get(url).content.decode()  # present: no self-cancel
    stale = client.post(url + "batal/", follow=True)  # a cancel page loaded before check-in
    assert "tidak dapat dibatalkan lagi" in stale.content.decode()
    assert Pendaftaran.objects.get(pk=attendee.pk).status == "terkonfirmasi"
    with pytest.raises(RegistrationRefused, match="pembatalan hanya dapat dilakukan oleh panitia"):
        registration_cancel(pendaftaran_id=attendee.pk)  # the service refuses it too, under lock

    organiser = django_user_model.objects.create_user("panitia-batal", password="x")
    registration_cancel(pendaftaran_id=attendee.pk, admin=organiser)
    attendee.refresh_from_db()
    assert not attendee.hadir and attendee.kode_sertifikat is None
    assert client.get(url + "sertifikat.pdf").status_code == 404
    assert "Sertifikat asli." not in client.get(f"/sertifikat/{code}/").content.decode()

    again = register(workshop, 1).pendaftaran
    assert again.pk == attendee.pk and again.status == "terkonfirmasi" and not again.hadir


def test_registrations_cancelled_before_the_fix_lose_their_certificate(make_workshop, client):
    """Migration 0004: a row cancelled while attendance survived cancelling keeps no certificate."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sosialisasi.migrations.0004_pembatalan_tanpa_sertifikat")
    workshop = started(make_workshop(capacity=0))
    kept, old = (register(workshop, n).pendaftaran for n in (1, 2))
    for pendaftaran in (kept, old):
        attendance_mark(pendaftaran_id=pendaftaran.pk)
    Pendaftaran.objects.filter(pk=old.pk).update(status="dibatalkan")  # as cancelling once left it
    code = Pendaftaran.objects.get(pk=old.pk).kode_sertifikat

    migration.clear_certificates_of_cancelled(apps, None)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert not old.hadir and old.kode_sertifikat is None and old.sertifikat_dikirim is None
    assert "Sertifikat asli." not in client.get(f"/sertifikat/{code}/").content.decode()
    assert kept.hadir and kept.kode_sertifikat  # a confirmed attendee keeps theirs
