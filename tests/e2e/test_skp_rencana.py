"""At phone width, the SKP's planning (PermenPANRB 6/2022): the kepala sekolah drafts her own SKP,
a teacher links an RHK to it and fills the lampiran SKP, the kepala writes an ekspektasi khusus
for one BerAKHLAK value, the teacher reads it, and the kepala opens the team's cascading tree.
No page scrolls sideways."""

from playwright.sync_api import expect

from evaluasi.demo_roster import GURU_DEMO, KEPALA_SMAN2
from tests.e2e.conftest import PHONE, SCREENSHOTS, phone_page_as

HARAPAN = "Membalas pertanyaan orang tua siswa paling lambat satu hari kerja."


def _fits(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name


def _draft_from_template(page):
    page.get_by_role("link", name="SKP Saya").click()
    page.get_by_role("button", name="Susun SKP").click()
    page.get_by_role("button", name="Pakai templat").click()
    expect(page.get_by_text("sesuaikan target")).to_be_visible()


def test_ekspektasi_lampiran_and_cascading_tree_at_phone_width(live_server, demo_site, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    kepala = phone_page_as(browser, live_server, KEPALA_SMAN2[0])
    _draft_from_template(kepala)
    kepala_skp = kepala.url

    guru = phone_page_as(browser, live_server, GURU_DEMO[0])
    _draft_from_template(guru)
    guru_skp = guru.url
    guru.get_by_role("link", name="Ubah RHK 1").click()
    guru.get_by_label("Mendukung RHK atasan (opsional)").select_option(index=1)
    guru.get_by_role("button", name="Simpan perubahan").click()
    expect(guru.get_by_text("RHK diperbarui.")).to_be_visible()

    guru.get_by_role("link", name="Isi lampiran SKP").click()
    _fits(guru, "skp-lampiran-ponsel")
    guru.get_by_label("Dukungan sumber daya").fill("Laboratorium komputer dan kuota internet")
    guru.get_by_label("Skema pertanggungjawaban").fill("Laporan tiap semester kepada kepala")
    guru.get_by_label("Konsekuensi").fill("Tunjangan kinerja sesuai capaian")
    guru.get_by_role("button", name="Simpan lampiran").click()
    expect(guru.get_by_text("Lampiran SKP disimpan.")).to_be_visible()

    kepala.goto(guru_skp)
    kepala.get_by_role("link", name="Tulis ekspektasi perilaku").click()
    _fits(kepala, "skp-ekspektasi-ponsel")
    kepala.get_by_label("1. Berorientasi Pelayanan").fill(HARAPAN)
    kepala.get_by_role("button", name="Simpan ekspektasi").click()
    expect(kepala.get_by_text("Ekspektasi perilaku disimpan.")).to_be_visible()

    guru.goto(guru_skp)
    expect(guru.locator("#perilaku-kerja")).to_contain_text(HARAPAN)
    expect(guru.locator("#lampiran-skp")).to_contain_text("kuota internet")
    _fits(guru, "skp-perencanaan-ponsel")

    kepala.goto(kepala_skp)
    kepala.get_by_role("link", name="Pohon kinerja tim (cascading)").click()
    tree = kepala.locator(".pohon")
    expect(tree.locator(".pohon-cabang").first).to_contain_text(GURU_DEMO[1])
    expect(kepala.locator("#belum-terhubung")).to_be_visible()
    _fits(kepala, "skp-pohon-ponsel")
