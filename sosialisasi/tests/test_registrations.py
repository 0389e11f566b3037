"""Workshop registration rules: windows, audience, duplicates, capacity, waiting list, links, privacy."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai
from sosialisasi.models import Pendaftaran, StatusPendaftaran, WorkshopPage
from sosialisasi.services.registration_links import registration_url
from sosialisasi.services.registrations import registration_cancel, registration_create
from sosialisasi.tests.conftest import ONLINE_LINK


def _visitor(n: int) -> dict:
    return {
        "nama": f"Tamu {n}",
        "instansi": "Pemkab Lampung Selatan",
        "email": f"tamu{n}@contoh.id",
        "no_hp": "0812",
    }


def _register(workshop, n, **extra):
    return registration_create(workshop_id=workshop.pk, **(_visitor(n) | extra))


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"opens": 1}, "belum dibuka"),
        ({"opens": -3, "closes": -1}, "sudah ditutup"),
        ({"opens": -10, "closes": -5, "starts": -2}, "sudah selesai"),
    ],
)
def test_registration_window_is_enforced(make_workshop, window, message):
    workshop = make_workshop(**window)
    with pytest.raises(ValidationError, match=message):
        _register(workshop, 1)
    assert not workshop.pendaftaran.exists()


def test_restricted_workshop_accepts_only_its_opd(make_workshop):
    workshop = make_workshop(opd="DISDIK")
    outsider = Pegawai.objects.filter(unit_kerja__kode__startswith="BKD").first()
    with pytest.raises(ValidationError, match="khusus untuk pegawai OPD"):
        registration_create(workshop_id=workshop.pk, nip=outsider.nip)
    with pytest.raises(ValidationError, match="khusus"):
        _register(workshop, 1)  # a visitor outside the roster
    result = registration_create(workshop_id=workshop.pk, nip=GURU_DEMO[0])
    assert result.pendaftaran.pegawai.nip == GURU_DEMO[0]
    assert result.pendaftaran.instansi == "SMA Negeri 2 Bandar Lampung"  # filled from the roster


def test_duplicate_nip_returns_the_existing_registration(make_workshop, committed):
    workshop = make_workshop()
    with committed():
        first = registration_create(workshop_id=workshop.pk, nip=GURU_DEMO[0])
    with committed():
        again = registration_create(
            workshop_id=workshop.pk, nip=f" {GURU_DEMO[0][:8]} {GURU_DEMO[0][8:]} "
        )
    assert first.created and not again.created
    assert again.pendaftaran.pk == first.pendaftaran.pk
    assert workshop.pendaftaran.count() == 1
    assert len(mail.outbox) == 1


def test_double_submitted_form_and_double_confirmation_register_once(make_workshop, client):
    """A visitor's form mails a confirmation link (sosialisasi/tests/test_registration_identity.py);
    submitting twice and clicking twice still makes one registration and one status page."""
    import re

    workshop = make_workshop()
    data = _visitor(7)
    first = client.post(f"{workshop.url}daftar/", data)
    second = client.post(f"{workshop.url}daftar/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{workshop.url}daftar/terkirim/"
    assert not workshop.pendaftaran.exists()
    links = [re.search(r"(/pendaftaran/konfirmasi/\S+/)", m.body).group(1) for m in mail.outbox]
    assert len(links) == 2
    statuses = {client.post(link)["Location"] for link in links}
    assert len(statuses) == 1 and workshop.pendaftaran.count() == 1
    assert client.get(statuses.pop()).context["p"].email == "tamu7@contoh.id"


def test_full_workshop_waitlists_in_order_and_cancelling_promotes_the_first(
    make_workshop, committed
):
    workshop = make_workshop(capacity=2)
    regs = [_register(workshop, n).pendaftaran for n in range(4)]
    assert [r.status for r in regs] == [
        "terkonfirmasi",
        "terkonfirmasi",
        "daftar_tunggu",
        "daftar_tunggu",
    ]
    mail.outbox.clear()

    with committed():
        registration_cancel(pendaftaran_id=regs[0].pk)
    statuses = dict(workshop.pendaftaran.values_list("email", "status"))
    assert statuses == {
        "tamu0@contoh.id": "dibatalkan",
        "tamu1@contoh.id": "terkonfirmasi",
        "tamu2@contoh.id": "terkonfirmasi",
        "tamu3@contoh.id": "daftar_tunggu",
    }
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["tamu2@contoh.id"].startswith("Kursi tersedia")
    assert subjects["tamu0@contoh.id"].startswith("Pendaftaran dibatalkan")

    registration_cancel(pendaftaran_id=regs[0].pk)  # cancelling twice changes nothing
    assert workshop.pendaftaran.filter(status=StatusPendaftaran.TERKONFIRMASI).count() == 2


def test_confirmation_email_carries_a_valid_ics_in_wib_with_the_private_link(
    make_workshop, committed
):
    workshop = make_workshop(capacity=1)
    with committed():
        _register(workshop, 1)
    with committed():
        _register(workshop, 2)
    confirmed, waitlisted = mail.outbox
    assert "Pendaftaran terkonfirmasi" in confirmed.subject
    name, content, mimetype = confirmed.attachments[0]
    assert (name, mimetype) == ("workshop.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["DTSTART"].dt.tzinfo) == "Asia/Jakarta"
    assert event["DTSTART"].dt == workshop.mulai.replace(microsecond=0)
    assert ONLINE_LINK in str(event["DESCRIPTION"])
    assert ONLINE_LINK in confirmed.body and "/pendaftaran/" in confirmed.body
    assert waitlisted.attachments == [] and ONLINE_LINK not in waitlisted.body
    assert "daftar tunggu nomor 1" in waitlisted.alternatives[0][0].lower()


def test_registrant_page_cancels_and_shows_link_only_when_confirmed(make_workshop, client):
    workshop = make_workshop(capacity=1)
    first = _register(workshop, 1).pendaftaran
    second = _register(workshop, 2).pendaftaran
    waiting = client.get(registration_url(second)).content.decode()
    assert "urutan ke-1 di daftar tunggu" in waiting and ONLINE_LINK not in waiting

    assert ONLINE_LINK in client.get(registration_url(first)).content.decode()
    client.post(registration_url(first), {"aksi": "batal"})
    assert Pendaftaran.objects.get(pk=first.pk).status == "dibatalkan"
    assert ONLINE_LINK in client.get(registration_url(second)).content.decode()  # promoted


def test_tampered_and_expired_links_are_refused(make_workshop, client):
    workshop = make_workshop()
    pendaftaran = _register(workshop, 1).pendaftaran
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


def test_online_link_never_public(make_workshop, client):
    workshop = make_workshop(mode="daring")
    assert ONLINE_LINK not in client.get(workshop.url).content.decode()
    assert ONLINE_LINK not in client.get("/workshop/").content.decode()
    assert ONLINE_LINK not in client.get("/workshop/kalender/").content.decode()
    assert (
        ONLINE_LINK
        not in client.get(
            "/api/v2/pages/", {"type": "sosialisasi.WorkshopPage", "fields": "*"}
        ).content.decode()
    )
    assert ONLINE_LINK not in client.get(f"/api/v2/pages/{workshop.pk}/").content.decode()
    assert client.get("/cari/", {"q": "rahasia-peserta-xyz"}).context["items"] == []
    assert client.get("/api/v2/pages/", {"search": "rahasia"}).json()["items"] == []


def test_logged_in_asn_registers_with_one_click(make_workshop, client):
    workshop = make_workshop()
    client.post("/akun/masuk/", {"username": GURU_DEMO[0], "password": DEMO_PASSWORD})
    page = client.get(workshop.url).content.decode()
    assert "Mendaftar sebagai" in page and 'name="email"' not in page
    client.post(f"{workshop.url}daftar/")
    registration = workshop.pendaftaran.get()
    assert registration.nip == GURU_DEMO[0] and registration.status == "terkonfirmasi"
    assert "Anda sudah terdaftar" in client.get(workshop.url).content.decode()


def test_visitor_form_errors_are_indonesian_and_keep_input(make_workshop, client):
    workshop = make_workshop()
    response = client.post(
        f"{workshop.url}daftar/",
        {"nip": "123", "nama": "Budi", "instansi": "X", "email": "bukan-email"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Masukkan alamat email dengan format yang benar" in html
    assert 'value="Budi"' in html
    assert not workshop.pendaftaran.exists()


def test_api_exposes_schedule_and_seats_left(make_workshop, client):
    workshop = make_workshop(capacity=3)
    _register(workshop, 1)
    item = client.get(f"/api/v2/pages/{workshop.pk}/").json()
    assert item["sisa_kursi"] == 2 and item["kapasitas"] == 3 and item["mode"] == "hybrid"
    assert "pendaftaran" not in item and "tautan_daring" not in item


def test_home_page_shows_upcoming_workshops_with_seats(make_workshop, client):
    home = client.get("/")
    titles = [w.title for w in home.context["workshop_mendatang"]]
    assert "Workshop Penyusunan SKP Guru SMA dan SMK" in titles
    assert "sisa 2 kursi" in home.content.decode()


def test_reminders_go_once_to_confirmed_registrants_of_soon_starting_workshops(make_workshop):
    from django.core.management import call_command

    soon = make_workshop(capacity=1, starts=1)
    later = make_workshop(capacity=5, starts=7)
    confirmed = _register(soon, 1).pendaftaran
    _register(soon, 2)  # waiting list: no reminder
    _register(later, 3)
    mail.outbox.clear()

    call_command("send_workshop_reminders", "--hari", "2")
    call_command("send_workshop_reminders", "--hari", "2")  # the daily job may run twice
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert mail.outbox[0].subject.startswith("Pengingat")
    assert mail.outbox[0].attachments[0][0] == "workshop.ics"


def test_evaluation_form_appears_after_the_workshop_and_collects_answers(make_workshop, client):
    from wagtail.contrib.forms.models import FormSubmission

    from sosialisasi.models import FormulirField, FormulirPage

    workshop = make_workshop(opens=-10, closes=-5, starts=-2)
    form_page = FormulirPage(title="Evaluasi workshop", slug="evaluasi")
    form_page.form_fields = [
        FormulirField(
            label="Seberapa bermanfaat materi ini?", field_type="singleline", required=True
        )
    ]
    workshop.add_child(instance=form_page)
    form_page.save_revision().publish()

    assert "isi kuesioner evaluasi" in client.get(workshop.url).content.decode()
    response = client.post(form_page.url, {"seberapa_bermanfaat_materi_ini": "Sangat bermanfaat"})
    assert response.status_code == 200 and "Terima kasih" in response.content.decode()
    assert FormSubmission.objects.filter(page=form_page).count() == 1
