import re

from playwright.sync_api import expect

from cms.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from tests.e2e.conftest import DESKTOP


def test_home_on_a_phone_is_indonesian_and_search_finds_a_demo_page(
    live_server, demo_site, page, screenshot, csp_violations
):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Penilaian kinerja untuk tumbuh bersama"
    )
    expect(page.get_by_role("heading", name="Workshop mendatang")).to_be_visible()
    # Nothing overflows sideways on a 390 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("beranda-ponsel")

    # Keyboard users reach the skip link first.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Langsung ke konten utama")).to_be_focused()

    page.get_by_role("searchbox", name="Cari di situs").fill("BerAKHLAK")
    page.get_by_role("searchbox", name="Cari di situs").press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q=BerAKHLAK"))
    expect(page.get_by_role("status")).to_contain_text("hasil untuk")
    page.get_by_role("main").get_by_role("link", name="Tentang Penilaian Kinerja ASN").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tentang Penilaian Kinerja ASN")
    screenshot("hasil-cari-ponsel")
    assert csp_violations == []


def test_demo_admin_reaches_an_indonesian_wagtail_dashboard(
    live_server, demo_site, page, screenshot, csp_violations
):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Nama pengguna").fill(DEMO_ADMIN_USERNAME)
    page.get_by_label("Kata sandi").fill(DEMO_ADMIN_PASSWORD)
    expect(page.get_by_text("Ingat saya")).to_be_visible()
    screenshot("admin-masuk")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("complementary").get_by_role("button", name="Halaman")).to_be_visible()
    expect(page.get_by_role("complementary").get_by_role("button", name="Laporan")).to_be_visible()
    screenshot("admin-dasbor")

    # An edit form with InlinePanels (FAQ questions) works: Wagtail's inline scripts run.
    from sosialisasi.models import FaqPage

    faq = FaqPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/{faq.pk}/edit/")
    before = page.locator("[data-inline-panel-child]:visible").count()
    page.get_by_role(
        "button", name=re.compile("Tambahkan Pertanyaan|Add Pertanyaan|Pertanyaan", re.I)
    ).last.click()
    expect(page.locator("[data-inline-panel-child]:visible")).to_have_count(before + 1)
    assert csp_violations == []
