import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from sosialisasi.models import Pendaftaran, WorkshopIndexPage, WorkshopPage
from sosialisasi.services.registrations import registration_create


def test_asn_registers_gets_ics_cancels_and_the_waitlisted_is_promoted(
    live_server, demo_site, page, screenshot
):
    now = timezone.now()
    workshop = WorkshopPage(
        title="Klinik SKP Guru",
        slug="klinik-skp-guru",
        ringkasan="Pendampingan menyusun SKP.",
        body="[]",
        mulai=now + timedelta(days=5),
        selesai=now + timedelta(days=5, hours=3),
        mode="hybrid",
        tempat="Aula BKD",
        tautan_daring="https://meet.example.id/klinik-skp",
        kapasitas=1,
        pendaftaran_dibuka=now - timedelta(days=1),
        pendaftaran_ditutup=now + timedelta(days=4),
    )
    WorkshopIndexPage.objects.get().add_child(instance=workshop)
    workshop.save_revision().publish()

    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + workshop.url)
    expect(page.get_by_text("Mendaftar sebagai")).to_be_visible()
    expect(page.get_by_text("https://meet.example.id")).to_have_count(0)
    screenshot("workshop-daftar-ponsel")
    page.get_by_role("button", name="Daftar sekarang").click()
    expect(page.get_by_text("Terkonfirmasi")).to_be_visible()
    expect(page.get_by_text("https://meet.example.id/klinik-skp")).to_be_visible()
    screenshot("workshop-status-ponsel")

    confirmation = next(
        m for m in mail.outbox if m.to == [Pendaftaran.objects.get(workshop=workshop).email]
    )
    ics = Calendar.from_ical(confirmation.attachments[0][1])
    assert ics.walk("VEVENT")[0]["SUMMARY"] == "Klinik SKP Guru"

    waiting = registration_create(
        workshop_id=workshop.pk, nama="Tamu Menunggu", instansi="Pemkab", email="menunggu@contoh.id"
    ).pendaftaran
    assert waiting.status == "daftar_tunggu"

    status_link = re.search(r"http://\S+/pendaftaran/\S+/", confirmation.body).group(0)
    page.goto(live_server.url + "/pendaftaran/" + status_link.split("/pendaftaran/")[1])
    page.get_by_role("button", name="Batalkan pendaftaran").click()
    expect(page.get_by_text("Pendaftaran Anda dibatalkan.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == "terkonfirmasi"
    assert any(
        m.to == ["menunggu@contoh.id"] and m.subject.startswith("Kursi tersedia")
        for m in mail.outbox
    )


def test_attendee_finds_the_certificate_in_my_account_on_a_phone(
    live_server, demo_site, page, screenshot
):
    from evaluasi.models import Pegawai
    from sosialisasi.services.attendance import attendance_mark

    guru = Pegawai.objects.select_related("user").get(nip=GURU_DEMO[0])
    now = timezone.now()
    workshop = WorkshopPage(
        title="Klinik Sertifikat Guru",
        slug="klinik-sertifikat-guru",
        ringkasan="Pendampingan menyusun SKP.",
        body="[]",
        mulai=now + timedelta(days=2),
        selesai=now + timedelta(days=2, hours=3),
        mode="hybrid",
        tempat="Aula BKD",
        tautan_daring="https://meet.example.id/klinik-sertifikat",
        kapasitas=10,
        pendaftaran_dibuka=now - timedelta(days=1),
        pendaftaran_ditutup=now + timedelta(days=1),
    )
    WorkshopIndexPage.objects.get().add_child(instance=workshop)
    workshop.save_revision().publish()
    pendaftaran = registration_create(
        workshop_id=workshop.pk, user=guru.user, nip=guru.nip, email=guru.email
    ).pendaftaran
    attendance_mark(pendaftaran_id=pendaftaran.pk)
    assert any(
        m.to == [guru.email] and m.subject == "Sertifikat Anda: Klinik Sertifikat Guru"
        for m in mail.outbox
    )
    start = now - timedelta(weeks=3)  # long after the old links' expiry
    WorkshopPage.objects.filter(pk=workshop.pk).update(
        mulai=start, selesai=start + timedelta(hours=3)
    )

    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + "/akun/")
    expect(page.get_by_role("heading", name="Workshop saya")).to_be_visible()
    card = page.locator("li.card", has_text="Klinik Sertifikat Guru")
    expect(card.get_by_text("Hadir", exact=True)).to_be_visible()
    expect(card.get_by_text("https://meet.example.id")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot("akun-workshop-saya-ponsel")
    with page.expect_download() as download:
        card.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    assert download.value.suggested_filename.startswith("sertifikat-")
