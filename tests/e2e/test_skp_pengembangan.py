"""A rencana pengembangan on a phone: the kepala sekolah drafts it for the demo teacher rated
Kurang/Misconduct from the suggested guides and workshops, the teacher reads it as support and agrees."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import KEPALA_SMAN2
from evaluasi.models import EvaluasiKinerja, RencanaPengembangan
from tests.e2e.conftest import SCREENSHOTS, phone_page_as


def test_kepala_drafts_teacher_agrees(live_server, demo_site, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    evaluasi = EvaluasiKinerja.objects.filter(predikat="kurang").first()
    url = f"{live_server.url}/skp/evaluasi/{evaluasi.pk}/pengembangan/"

    demo_plan = RencanaPengembangan.objects.get(evaluasi__predikat="butuh_perbaikan")
    assert demo_plan.status == "disepakati" and demo_plan.sumber.exists()

    kepala = phone_page_as(browser, live_server, KEPALA_SMAN2[0])
    kepala.goto(f"{live_server.url}/skp/bawahan/")
    expect(kepala.get_by_text("Rencana pengembangan belum disusun").first).to_be_visible()
    kepala.screenshot(path=str(SCREENSHOTS / "pengembangan-bawahan-ponsel.png"), full_page=True)
    kepala.goto(f"{live_server.url}/skp/evaluasi/{evaluasi.pk}/")
    expect(kepala.get_by_role("heading", name="Rencana pengembangan diperlukan")).to_be_visible()
    kepala.get_by_role("link", name="Susun rencana pengembangan").click()
    kepala.get_by_label("Tujuan pengembangan").fill(
        "Menuntaskan remedial tepat waktu dan menyusun asesmen yang lebih terukur."
    )
    kepala.locator("input[name=sumber]").first.check()
    review = timezone.localdate() + timedelta(days=90)
    kepala.get_by_label("Tanggal tinjau").fill(review.isoformat())
    kepala.screenshot(path=str(SCREENSHOTS / "pengembangan-atasan-ponsel.png"), full_page=True)
    kepala.get_by_role("button", name="Kirim ke pegawai").click()
    expect(kepala.get_by_text("Rencana pengembangan dikirim ke pegawai")).to_be_visible()

    nip = evaluasi.rencana.pegawai.nip
    teacher = evaluasi.rencana.pegawai.user
    teacher.set_password(DEMO_PASSWORD)  # the demo gives only its named accounts a password
    teacher.save()
    guru = phone_page_as(browser, live_server, nip)
    guru.goto(url)
    expect(
        guru.get_by_role("heading", name="Rencana pengembangan — dukungan untuk Anda")
    ).to_be_visible()
    guru.screenshot(path=str(SCREENSHOTS / "pengembangan-pegawai-ponsel.png"), full_page=True)
    guru.get_by_role("button", name="Saya setuju").click()
    expect(guru.get_by_text("rencana pengembangan disepakati")).to_be_visible()
    assert RencanaPengembangan.objects.get(evaluasi=evaluasi).status == "disepakati"
    guru.goto(f"{live_server.url}/skp/evaluasi/{evaluasi.pk}/")
    guru.get_by_role(
        "heading", name="Rencana pengembangan — dukungan untuk Anda"
    ).scroll_into_view_if_needed()
    guru.screenshot(
        path=str(SCREENSHOTS / "pengembangan-evaluasi-pegawai-ponsel.png"), full_page=True
    )
