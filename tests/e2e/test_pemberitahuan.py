"""The kepala sekolah is told of a teacher's submitted SKP: the unread count in the header, the
list on a 390 px phone (no sideways scrolling), the link to the SKP, and "Tandai semua dibaca"."""

from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD, DEMO_PERIOD
from evaluasi.demo_roster import GURU_DEMO, KEPALA_SMAN2
from evaluasi.models import Pegawai, PeriodePenilaian, TahunKinerja
from evaluasi.services import skp as sk


def test_kepala_sees_the_count_opens_the_list_and_the_skp(
    live_server, demo_site, page, screenshot, csp_violations
):
    guru = Pegawai.objects.select_related("user").get(nip=GURU_DEMO[0])
    tahun = PeriodePenilaian.objects.get(nama=DEMO_PERIOD).tahun
    tahun_kinerja_id = TahunKinerja.objects.get(tahun=tahun).pk
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=tahun_kinerja_id, user=guru.user)
    sk.skp_apply_template(rencana_id=rencana.pk, user=guru.user, slug="guru")
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)

    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(KEPALA_SMAN2[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    badge = page.locator(".header-account .badge")
    expect(badge).to_be_visible()
    unread = int(badge.inner_text())
    assert unread >= 1
    screenshot("pemberitahuan-header-ponsel", full_page=False)

    page.get_by_role("link", name="Pemberitahuan").first.click()
    expect(page.get_by_role("heading", name="Pemberitahuan", exact=True)).to_be_visible()
    first = page.locator(".notif-list li").first
    expect(first).to_contain_text("SKP menunggu persetujuan Anda")
    expect(first).to_contain_text("WIB")
    screenshot("pemberitahuan-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.reload()  # the page's 20 items opened once: read now, the count drops
    shown = page.locator(".notif-list li").count()
    if unread > shown:
        expect(badge).to_have_text(str(unread - shown))
    else:
        expect(badge).to_have_count(0)
    page.locator(".notif-list li h2 a").first.click()
    assert page.url.endswith(f"/skp/{rencana.pk}/")

    page.goto(live_server.url + "/akun/pemberitahuan/")
    page.get_by_role("button", name="Tandai semua dibaca").click()
    expect(page.get_by_text("ditandai sudah dibaca")).to_be_visible()
    expect(badge).to_have_count(0)
    assert csp_violations == []
