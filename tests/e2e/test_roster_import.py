from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD, DEMO_ROSTER
from evaluasi.demo_roster import ADMIN_BKD, GURU_DEMO
from evaluasi.models import Pegawai
from tests.e2e.conftest import DESKTOP


def test_admin_imports_the_demo_workbook_preview_confirm_history(
    live_server, demo_site, page, screenshot, csp_violations, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Pegawai.objects.filter(nip=GURU_DEMO[0]).update(jabatan="Guru Ahli Pertama")
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nama pengguna").fill(ADMIN_BKD[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(live_server.url + "/admin/roster/impor/new/")
    expect(page.get_by_role("link", name="Unduh templat impor (.xlsx)")).to_be_visible()
    page.get_by_label("Berkas roster").set_input_files(str(DEMO_ROSTER))
    screenshot("impor-unggah")
    page.get_by_role("button", name="Unggah dan periksa").click()

    expect(page.get_by_text("Pratinjau siap")).to_be_visible()
    expect(page.get_by_role("row", name="Pegawai berubah 1")).to_be_visible()
    expect(page.get_by_text("Guru Ahli Pertama → Guru Ahli Muda")).to_be_visible()
    screenshot("impor-pratinjau")
    assert Pegawai.objects.get(nip=GURU_DEMO[0]).jabatan == "Guru Ahli Pertama"

    page.get_by_role("button", name="Simpan ke roster").click()
    expect(page.get_by_text("Impor selesai; roster sudah diperbarui.")).to_be_visible()
    assert Pegawai.objects.get(nip=GURU_DEMO[0]).jabatan == "Guru Ahli Muda"

    page.get_by_role("link", name="Riwayat impor").click()
    expect(page.get_by_role("link", name="roster-demo.xlsx").first).to_be_visible()
    screenshot("impor-riwayat")
    assert csp_violations == []


def test_asn_logs_in_with_nip_on_a_phone(live_server, demo_site, page, screenshot):
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("NIP atau kata sandi salah")
    screenshot("masuk-salah-ponsel")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Akun saya")).to_be_visible()
    expect(page.get_by_text(GURU_DEMO[0])).to_be_visible()
    screenshot("akun-saya-ponsel")
