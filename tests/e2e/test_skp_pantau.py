"""Pemantauan kinerja on a 390 px phone: a teacher of the demo records progress with an evidence
file and writes to the kepala sekolah under an RHK; the kepala is told, answers from the SKP page
and records a dialog kinerja; the teacher reads both. No sideways scrolling on any page."""

from pathlib import Path

from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import KEPALA_SMAN2
from evaluasi.models import RencanaKerja

from .conftest import SCREENSHOTS, login_asn, phone_page_as


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_teacher_and_kepala_monitor_an_approved_skp(
    live_server, demo_site, page, browser, screenshot, csp_violations, tmp_path
):
    rencana = (
        RencanaKerja.objects.filter(
            status="disetujui",
            pegawai__atasan__nip=KEPALA_SMAN2[0],
            pegawai__user__isnull=False,
        )
        .exclude(rhk__umpan_balik_berkelanjutan__isnull=False)  # not one the demo monitors
        .select_related("pegawai")
        .first()
    )
    rhk = rencana.rhk.order_by("-jenis", "urutan", "pk").first()
    teacher = (
        rencana.pegawai.user
    )  # a demo teacher with an approved SKP: give them the demo password
    teacher.set_password(DEMO_PASSWORD)
    teacher.save(update_fields=["password"])
    bukti = Path(tmp_path) / "daftar-hadir-remedial.pdf"
    bukti.write_bytes(b"%PDF-1.4 daftar hadir remedial")

    login_asn(page, live_server, rencana.pegawai.nip)
    page.goto(f"{live_server.url}/skp/{rencana.pk}/")
    expect(page.get_by_role("heading", name="Pemantauan kinerja")).to_be_visible()
    page.locator(f"#pantau-rhk-{rhk.pk} > summary").click()  # closed while it holds nothing
    screenshot("pantau-skp-kosong-ponsel")
    page.get_by_role("link", name="Catat progres dan bukti dukung").first.click()
    expect(page.get_by_role("heading", name="Pemantauan RHK 1")).to_be_visible()
    page.get_by_label("Apa yang sudah dikerjakan").fill(
        "Remedial matematika kelas X-2 selesai; 12 dari 15 siswa tuntas."
    )
    page.get_by_label("Tautan bukti dukung").fill("https://drive.example.id/remedial")
    page.get_by_label("Berkas bukti dukung").set_input_files(str(bukti))
    page.get_by_role("button", name="Simpan progres").click()
    expect(page.get_by_text("Progres dicatat.")).to_be_visible()
    expect(page.get_by_role("link", name="berkas bukti")).to_be_visible()
    page.get_by_label("Tulis umpan balik untuk pejabat penilai").fill(
        "Bu, tiga siswa belum tuntas. Boleh saya beri tugas proyek sebagai ganti ulangan?"
    )
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Pesan terkirim.")).to_be_visible()
    screenshot("pantau-rhk-guru-ponsel")
    _no_sideways_scroll(page)

    kepala = phone_page_as(browser, live_server, KEPALA_SMAN2[0])
    kepala.goto(live_server.url + "/akun/pemberitahuan/")
    expect(kepala.locator(".notif-list li").first).to_contain_text("Umpan balik baru")
    kepala.goto(f"{live_server.url}/skp/{rencana.pk}/#pantau-rhk-{rhk.pk}")
    thread = kepala.locator(f"#pantau-rhk-{rhk.pk}")
    expect(thread).to_contain_text("tiga siswa belum tuntas")
    thread.get_by_label("Tulis umpan balik untuk pegawai").fill(
        "Boleh, asal rubriknya sama. Kita bahas di dialog Jumat."
    )
    thread.get_by_role("button", name="Kirim").click()
    expect(kepala.get_by_text("Pesan terkirim.")).to_be_visible()
    kepala.goto(f"{live_server.url}/skp/{rencana.pk}/")
    kepala.get_by_role("link", name="Catat dialog kinerja").click()
    kepala.get_by_label("Topik yang dibahas").fill("Ketuntasan belajar triwulan I")
    kepala.get_by_label("Tindak lanjut yang disepakati").fill(
        "Tugas proyek untuk tiga siswa; ditinjau kembali akhir April."
    )
    kepala.get_by_role("button", name="Simpan catatan").click()
    expect(kepala.get_by_text("Catatan dialog kinerja disimpan")).to_be_visible()
    kepala.screenshot(path=str(SCREENSHOTS / "pantau-dialog-kepala-ponsel.png"), full_page=True)
    _no_sideways_scroll(kepala)

    page.goto(f"{live_server.url}/skp/{rencana.pk}/")
    section = page.locator("#pemantauan")
    expect(section).to_contain_text("Ketuntasan belajar triwulan I")
    expect(section).to_contain_text("Boleh, asal rubriknya sama.")
    expect(section).to_contain_text("12 dari 15 siswa tuntas")
    section.scroll_into_view_if_needed()
    screenshot("pantau-skp-guru-ponsel")
    _no_sideways_scroll(page)
    assert csp_violations == []
