"""An ASN opens their published 360 report, sees the radar chart and a recommended workshop, and
registers for it."""

from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from sosialisasi.models import Pendaftaran


def test_asn_reads_report_and_registers_for_the_recommended_workshop(
    live_server, demo_site, page, screenshot, csp_violations
):
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Penilaian Saya").click()
    page.get_by_role("link", name="Penilaian Perilaku Kerja 2025 (demo)").click()

    expect(page.get_by_role("heading", name="Laporan penilaian 360")).to_be_visible()
    radar = page.locator("svg.grafik-radar")
    expect(radar).to_be_visible()
    expect(radar.locator("title")).to_contain_text("Berorientasi Pelayanan")
    recommendations = page.locator("section[aria-labelledby=rekomendasi]")
    expect(recommendations.get_by_text("Webinar BerAKHLAK dalam Layanan Publik")).to_be_visible()
    screenshot("laporan-360-ponsel")

    webinar = recommendations.locator("li", has_text="Webinar BerAKHLAK dalam Layanan Publik")
    webinar.get_by_role("link", name="Daftar").click()
    page.get_by_role("button", name="Daftar sekarang").click()
    expect(page.get_by_text("Terkonfirmasi")).to_be_visible()
    assert Pendaftaran.objects.filter(
        nip=GURU_DEMO[0], workshop__slug="berakhlak-dalam-layanan-publik"
    ).exists()
    assert csp_violations == []
