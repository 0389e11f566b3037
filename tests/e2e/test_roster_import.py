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


def test_admin_maps_unknown_columns_on_a_phone_then_the_next_upload_is_mapped(
    live_server, demo_site, page, screenshot, csp_violations, settings, tmp_path
):
    from openpyxl import Workbook

    from evaluasi.tests.factories import new_nip

    settings.MEDIA_ROOT = tmp_path
    nips = [new_nip(), new_nip()]
    book = Workbook()
    sheet = book.active
    sheet.title = "Data SIMPEG"
    sheet.append(["Nomor Induk", "Nama Pegawai ASN", "Satker", "Kedudukan"])
    for i, nip in enumerate(nips):
        sheet.append([nip, f"Pegawai Pemetaan {i}", "BKD", "PNS"])
    path = tmp_path / "simpeg.xlsx"
    book.save(path)

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nama pengguna").fill(ADMIN_BKD[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(live_server.url + "/admin/roster/impor/new/")
    page.get_by_label("Berkas roster").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()

    expect(page.get_by_text("Judul kolom berkas ini belum dikenali")).to_be_visible()
    expect(page.get_by_text(nips[0])).to_be_visible()  # sample values beside each column
    page.get_by_label("Jenis data di sheet ini").select_option("Pegawai")
    page.get_by_label("Nomor Induk", exact=True).select_option("Pegawai:nip")
    page.get_by_label("Nama Pegawai ASN").select_option("Pegawai:nama")
    page.get_by_label("Satker").select_option("Pegawai:kode_unit")
    page.get_by_label("Nama pemetaan").fill("SIMPEG uji")
    # Kedudukan (the status) left unmapped: refused with the missing field named.
    page.get_by_role("button", name="Simpan pemetaan dan periksa").click()
    expect(page.get_by_role("alert")).to_contain_text("belum dipetakan: Status")
    assert not Pegawai.objects.filter(nip__in=nips).exists()

    page.get_by_label("Kedudukan").select_option("Pegawai:status")
    # The step is usable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("impor-pemetaan-ponsel")
    page.get_by_role("button", name="Simpan pemetaan dan periksa").scroll_into_view_if_needed()
    screenshot("impor-pemetaan-bawah-ponsel", full_page=False)
    page.get_by_role("button", name="Simpan pemetaan dan periksa").click()

    expect(page.get_by_text("Pratinjau siap")).to_be_visible()
    expect(page.get_by_role("row", name="Pegawai baru 2")).to_be_visible()
    expect(page.get_by_text("pemetaan tersimpan: SIMPEG uji")).to_be_visible()
    page.get_by_role("button", name="Simpan ke roster").click()
    expect(page.get_by_text("Impor selesai; roster sudah diperbarui.")).to_be_visible()
    assert Pegawai.objects.filter(nip__in=nips).count() == 2

    # The same headers again: mapped by themselves, straight to the preview.
    page.goto(live_server.url + "/admin/roster/impor/new/")
    page.get_by_label("Berkas roster").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_text("Pratinjau siap")).to_be_visible()
    expect(page.get_by_text("pemetaan tersimpan: SIMPEG uji")).to_be_visible()
    expect(page.get_by_role("row", name="Pegawai tidak berubah 2")).to_be_visible()
    expect(page.get_by_role("link", name="Ubah pemetaan")).to_be_visible()
    screenshot("impor-pemetaan-dipakai-ponsel")
    assert csp_violations == []
