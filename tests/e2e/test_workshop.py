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
from sosialisasi.tests.helpers import started
from tests.e2e.conftest import login_asn


def _workshop(title, slug, *, kapasitas, starts_in=timedelta(days=5)):
    """A published hybrid workshop under the demo's index, registration open until a day before."""
    now = timezone.now()
    workshop = WorkshopPage(
        title=title,
        slug=slug,
        ringkasan="Pendampingan menyusun SKP.",
        body="[]",
        mulai=now + starts_in,
        selesai=now + starts_in + timedelta(hours=3),
        mode="hybrid",
        tempat="Aula BKD",
        tautan_daring=f"https://meet.example.id/{slug}",
        kapasitas=kapasitas,
        pendaftaran_dibuka=now - timedelta(days=1),
        pendaftaran_ditutup=now + starts_in - timedelta(days=1),
    )
    WorkshopIndexPage.objects.get().add_child(instance=workshop)
    workshop.save_revision().publish()
    return workshop


def test_asn_registers_gets_ics_cancels_and_the_waitlisted_is_promoted(
    live_server, demo_site, page, screenshot
):
    workshop = _workshop("Klinik SKP Guru", "klinik-skp", kapasitas=1)

    login_asn(page, live_server, GURU_DEMO[0])
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
    page.get_by_role("link", name="Batalkan pendaftaran").click()  # asks first (issue 19)
    expect(page.get_by_text("kursi Anda akan ditawarkan kepada pendaftar pertama")).to_be_visible()
    screenshot("workshop-batal-konfirmasi-ponsel")
    page.get_by_role("button", name="Ya, batalkan pendaftaran").click()
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
    workshop = _workshop(
        "Klinik Sertifikat Guru", "klinik-sertifikat", kapasitas=10, starts_in=timedelta(days=2)
    )
    pendaftaran = registration_create(
        workshop_id=workshop.pk, user=guru.user, nip=guru.nip, email=guru.email
    ).pendaftaran
    started(workshop)
    attendance_mark(pendaftaran_id=pendaftaran.pk)
    assert any(
        m.to == [guru.email] and m.subject == "Sertifikat Anda: Klinik Sertifikat Guru"
        for m in mail.outbox
    )
    start = now - timedelta(weeks=3)  # long after the old links' expiry
    WorkshopPage.objects.filter(pk=workshop.pk).update(
        mulai=start, selesai=start + timedelta(hours=3)
    )

    login_asn(page, live_server, GURU_DEMO[0])
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


def test_listing_and_page_say_the_rules_and_fit_a_phone(
    live_server, demo_site, page, screenshot, csp_violations
):
    """Issue 19, part 3: audience, seats and window before any form; the visitor's identity choice
    shows the right fields; no sideways scroll at 390 px (the OPD filter once made it 408 px)."""
    page.goto(live_server.url + "/workshop/")
    expect(page.get_by_text("Terbuka untuk semua ASN dan umum").first).to_be_visible()
    expect(page.get_by_text("Pendaftaran dibuka").first).to_be_visible()
    screenshot("workshop-daftar-workshop-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    open_workshop = (
        WorkshopPage.objects.live()
        .filter(untuk_opd__isnull=True, selesai__gt=timezone.now())
        .filter(pendaftaran_dibuka__lt=timezone.now(), pendaftaran_ditutup__gt=timezone.now())
        .first()
    )
    page.goto(live_server.url + open_workshop.url)
    asn = page.get_by_label("Saya ASN Pemprov Lampung (punya NIP)")
    visitor = page.get_by_label("Saya bukan ASN / tidak punya NIP")
    expect(page.get_by_label("NIP", exact=True)).to_be_hidden()
    asn.check()
    expect(page.get_by_label("NIP", exact=True)).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_be_hidden()
    screenshot("workshop-formulir-asn-ponsel")
    visitor.check()
    expect(page.get_by_label("Email", exact=True)).to_be_visible()
    expect(page.get_by_label("NIP", exact=True)).to_be_hidden()
    page.get_by_label("Nama lengkap").fill("Tamu Ponsel")
    page.get_by_role("button", name=re.compile("Daftar sekarang|Masuk daftar tunggu")).click()
    # Refused (no agency, no email): what was typed stays, the choice too, and it says what to fix.
    expect(page.get_by_text("Email wajib diisi")).to_be_visible()
    expect(page.get_by_label("Nama lengkap")).to_have_value("Tamu Ponsel")
    expect(visitor).to_be_checked()
    screenshot("workshop-formulir-ditolak-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    restricted = WorkshopPage.objects.live().filter(untuk_opd__isnull=False).first()
    if restricted is not None:
        page.goto(live_server.url + restricted.url)
        expect(page.get_by_text("NIP wajib diisi").first).to_be_visible()
        screenshot("workshop-khusus-opd-ponsel")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert csp_violations == []


def test_waitlisted_asn_is_promoted_by_a_capacity_raise_attends_and_finds_the_certificate(
    live_server, demo_site, page, screenshot
):
    """Issue 19's acceptance flow: register -> waitlisted -> the organiser raises the capacity in
    the page editor (which says beforehand how many will be promoted) -> promotion email -> marked
    present on the check-in screen -> the certificate in "Workshop saya"."""
    from evaluasi.models import Pegawai

    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    workshop = _workshop("Klinik Antrean Guru", "klinik-antrean", kapasitas=1)
    registration_create(
        workshop_id=workshop.pk, nama="Tamu Pertama", instansi="Pemkab", email="pertama@contoh.id"
    )

    login_asn(page, live_server, GURU_DEMO[0])
    page.goto(live_server.url + workshop.url)
    expect(page.get_by_text("Kuota penuh").first).to_be_visible()
    page.get_by_role("button", name=re.compile("Daftar sekarang|Masuk daftar tunggu")).click()
    expect(page.get_by_text("urutan ke-1 di daftar tunggu")).to_be_visible()
    screenshot("antrean-daftar-tunggu-ponsel")
    mine = Pendaftaran.objects.get(workshop=workshop, nip=guru.nip)
    assert mine.status == "daftar_tunggu"
    mail.outbox.clear()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + f"/admin/pages/{workshop.pk}/edit/")
    capacity = page.locator("#id_kapasitas")
    capacity.scroll_into_view_if_needed()
    capacity.fill("2")
    expect(
        page.get_by_text("Menaikkan kapasitas menjadi 2 akan mempromosikan 1 orang")
    ).to_be_visible()
    screenshot("antrean-kapasitas-editor", full_page=False)
    page.evaluate("document.querySelector('button[name=action-publish]').click()")
    expect(page.locator(".messages .success, .w-message--success, .success").first).to_be_visible()

    mine.refresh_from_db()
    assert mine.status == "terkonfirmasi" and mine.dipromosikan_karena == "penambahan_kapasitas"
    assert [m.to for m in mail.outbox if m.subject.startswith("Kursi tersedia")] == [[guru.email]]

    started(workshop)  # attendance is recorded once the workshop is under way
    page.goto(live_server.url + f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/")
    page.locator("li, tr", has_text=guru.nama).get_by_role("button", name="Tandai hadir").click()
    expect(page.locator("li, tr", has_text=guru.nama).get_by_text("Hadir ✓")).to_be_visible()
    assert any(
        m.to == [guru.email] and m.subject.startswith("Sertifikat Anda") for m in mail.outbox
    )

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    login_asn(page, live_server, GURU_DEMO[0])
    page.goto(live_server.url + "/akun/")
    card = page.locator("li.card", has_text="Klinik Antrean Guru")
    expect(card.get_by_role("link", name="Unduh sertifikat (PDF)")).to_be_visible()
    screenshot("antrean-sertifikat-akun-ponsel")
