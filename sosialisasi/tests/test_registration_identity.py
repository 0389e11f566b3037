"""A NIP or email typed by an anonymous visitor is a claim, not a key: the form never reveals or
changes anything about the person it names (issue 16, finding 1; docs/privasi.md)."""

import re

import pytest
from django.core import mail

from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai
from sosialisasi.models import Pendaftaran
from sosialisasi.services.registrations import registration_create
from sosialisasi.tests.helpers import ONLINE_LINK

SENT = "Jika data Anda sesuai, kami mengirim email berisi tautan konfirmasi ke alamat email"
ATTACKER = "penyerang@contoh.id"
OUTSIDE_ROSTER_NIP = "198001012010011999"  # a valid NIP shape that the roster does not hold


def _colleague() -> Pegawai:
    """A roster pegawai with an email who is not the demo guru (outside BKD)."""
    return (
        Pegawai.objects.filter(aktif=True, unit_kerja__kode="SMAN2-BDL")
        .exclude(nip=GURU_DEMO[0])
        .exclude(email="")
        .order_by("nip")
        .first()
    )


def _form(nip="", email=ATTACKER, nama="Siapa Saja", instansi="Entah"):
    return {"nip": nip, "nama": nama, "instansi": instansi, "email": email, "no_hp": ""}


def _link(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({path}\S+/)", message.body).group(1)


def test_the_form_answers_the_same_for_everyone_and_acts_for_no_one(make_workshop, client):
    workshop = make_workshop(capacity=5, mode="daring")
    registered = Pegawai.objects.get(nip=GURU_DEMO[0])
    seat = registration_create(workshop_id=workshop.pk, nip=registered.nip).pendaftaran
    unregistered = _colleague()
    mail.outbox.clear()

    cases = {
        "registered": _form(registered.nip),
        "in roster, not registered": _form(unregistered.nip),
        "outside the roster": _form(OUTSIDE_ROSTER_NIP),
        "no NIP": _form(),
        "no NIP, same email again": _form(),
    }
    answers = {name: client.post(f"{workshop.url}daftar/", data) for name, data in cases.items()}
    assert {(r.status_code, r["Location"]) for r in answers.values()} == {
        (302, f"{workshop.url}daftar/terkirim/")
    }
    page = client.get(f"{workshop.url}daftar/terkirim/").content.decode()
    assert SENT in page
    for person in (registered, unregistered):
        assert person.nama not in page and person.unit_kerja.nama not in page
    assert ONLINE_LINK not in page

    # Nothing changed: the registered person keeps their seat, nobody else was registered.
    assert list(workshop.pendaftaran.values_list("pk", "status", "email")) == [
        (seat.pk, seat.status, registered.email)
    ]
    # Roster NIPs are answered at the roster's address only; the attacker hears only about
    # the requests that named no roster NIP.
    to = sorted(tuple(m.to) for m in mail.outbox)
    assert to == sorted(
        [(registered.email,), (unregistered.email,), (ATTACKER,), (ATTACKER,), (ATTACKER,)]
    )
    for message in mail.outbox:
        if message.to == [ATTACKER]:
            assert registered.nama not in message.body and unregistered.nama not in message.body
            assert "/pendaftaran/konfirmasi/" in message.body
            assert ONLINE_LINK not in message.body
    to_registered = next(m for m in mail.outbox if m.to == [registered.email])
    assert "sudah terdaftar" in to_registered.body
    status_page = client.get(_link(to_registered, "/pendaftaran/")).content.decode()
    assert "Status pendaftaran" in status_page and registered.nama in status_page


def test_only_the_emailed_link_registers_and_only_on_its_button(make_workshop, client, committed):
    workshop = make_workshop(capacity=1)
    pegawai = _colleague()
    client.post(f"{workshop.url}daftar/", _form(pegawai.nip, email=ATTACKER))
    (message,) = mail.outbox
    assert message.to == [pegawai.email]
    link = _link(message, "/pendaftaran/konfirmasi/")

    shown = client.get(link)  # a mail scanner opening the link registers nobody
    assert shown.status_code == 200 and "Konfirmasi pendaftaran" in shown.content.decode()
    assert not workshop.pendaftaran.exists()

    with committed():
        confirmed = client.post(link)
    registration = workshop.pendaftaran.get()
    assert (registration.nip, registration.email, registration.status) == (
        pegawai.nip,
        pegawai.email,  # the roster's address, never the one typed in the form
        "terkonfirmasi",
    )
    assert registration.nama == pegawai.nama_lengkap
    assert confirmed.status_code == 302 and confirmed["Location"].startswith("/pendaftaran/")
    # A second click leads to the same registration's status page (its signed link may carry a
    # newer timestamp, so compare what it shows, not the token).
    again = client.post(link)
    assert again.status_code == 302 and again["Location"].startswith("/pendaftaran/")
    assert pegawai.nama_lengkap in client.get(again["Location"]).content.decode()
    assert workshop.pendaftaran.count() == 1

    tampered = client.post(link[:-3] + "xx/")
    assert tampered.status_code == 404 and not workshop.pendaftaran.exclude(pk=registration.pk)


def test_visitor_without_nip_confirms_at_the_typed_address(make_workshop, client):
    workshop = make_workshop()
    client.post(f"{workshop.url}daftar/", _form(email="tamu@contoh.id", nama="Tamu Umum"))
    (message,) = mail.outbox
    assert message.to == ["tamu@contoh.id"]
    client.post(_link(message, "/pendaftaran/konfirmasi/"))
    registration = workshop.pendaftaran.get()
    assert (registration.nama, registration.email, registration.nip) == (
        "Tamu Umum",
        "tamu@contoh.id",
        "",
    )


def test_the_form_cannot_flood_an_inbox(make_workshop, client, settings):
    settings.WORKSHOP_REGISTRATION_MAILS_PER_ADDRESS = 2
    workshop = make_workshop()
    pegawai = _colleague()
    answers = {
        client.post(f"{workshop.url}daftar/", _form(pegawai.nip))["Location"] for _ in range(5)
    }
    assert answers == {f"{workshop.url}daftar/terkirim/"}
    assert [m.to for m in mail.outbox] == [[pegawai.email]] * 2


@pytest.mark.parametrize("nip", ["colleague", OUTSIDE_ROSTER_NIP])
def test_a_workshop_for_certain_opds_answers_the_same_too(make_workshop, client, nip):
    workshop = make_workshop(opd="BKD")  # the colleague is not in it; the outsider is nowhere
    colleague = _colleague()
    nip = colleague.nip if nip == "colleague" else nip
    response = client.post(f"{workshop.url}daftar/", _form(nip))
    assert response["Location"] == f"{workshop.url}daftar/terkirim/"
    assert not Pendaftaran.objects.filter(workshop=workshop).exists()
    if nip != colleague.nip:
        # Such a workshop asks for the NIP alone (issue 19): a NIP outside the roster leaves no
        # address to write to, and the typed email is not used — the page says the same.
        assert mail.outbox == []
        return
    (message,) = mail.outbox
    assert message.to == [colleague.email]
    assert "tidak termasuk" in message.body and "/pendaftaran/" not in message.body


def test_a_look_alike_nip_is_the_same_nip_and_a_misshapen_one_is_told_at_the_field(
    make_workshop, client
):
    """Full-width digits (or a zero-width space) made a roster NIP that the roster did not match,
    so the confirmation went to the typed address for what reads as someone else's NIP. They now
    normalise to that very NIP (answered at the roster's address). A NIP of the wrong shape is told
    next to the field, keeping what was typed — the shape says nothing about anyone."""
    workshop = make_workshop(capacity=5, mode="daring")
    colleague = _colleague()
    wide = colleague.nip.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    for typed in (wide, colleague.nip[:6] + "\u200b" + colleague.nip[6:]):
        mail.outbox.clear()
        client.post(f"{workshop.url}daftar/", _form(typed))
        assert [m.to for m in mail.outbox] == [[colleague.email]]
    refused = client.post(f"{workshop.url}daftar/", _form("12345", nama="Nama Saya"))
    html = refused.content.decode()
    assert refused.status_code == 400 and "NIP harus 18 digit" in html and "Nama Saya" in html


def test_reopening_the_form_address_leads_back_to_the_form(make_workshop, client):
    """A refused form leaves /daftar/ in the address bar; opening it again (restored tab, shared
    link) was a blank 405 page."""
    workshop = make_workshop(capacity=5, mode="daring")
    response = client.get(f"{workshop.url}daftar/")
    assert (response.status_code, response["Location"]) == (302, f"{workshop.url}#daftar")
