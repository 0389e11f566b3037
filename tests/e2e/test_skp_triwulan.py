"""A teacher's quarter on a phone (issue 21's acceptance): progress with evidence → a message to
the kepala sekolah and the answer → the quarterly evaluation in its window (realisasi, the
kepala's decision) → a predikat below expectation → the kepala drafts a rencana pengembangan and
the teacher agrees to it as support."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import KEPALA_SMAN2
from evaluasi.models import EvaluasiKinerja, PeriodeKinerja, RencanaKerja, RencanaPengembangan
from tests.e2e.conftest import SCREENSHOTS, phone_page_as


def _fits(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def test_a_teachers_quarter_progress_feedback_evaluation_and_development_plan(
    live_server, demo_site, browser
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # An approved SKP whose fourth quarter has not been evaluated; Admin BKD opens its window.
    rencana = (
        RencanaKerja.objects.filter(status="disetujui", pegawai__atasan__nip=KEPALA_SMAN2[0])
        .exclude(evaluasi__isnull=False)
        .select_related("pegawai__user", "tahun_kinerja")
        .order_by("pegawai__nip")
        .first()
    )
    quarter = PeriodeKinerja.objects.get(
        tahun_kinerja=rencana.tahun_kinerja, jenis="periodik", urutan=4
    )
    now = timezone.now()
    PeriodeKinerja.objects.filter(pk=quarter.pk).update(
        dibuka_pada=now - timedelta(hours=1), ditutup_pada=now + timedelta(days=7)
    )
    teacher = rencana.pegawai.user
    teacher.set_password(DEMO_PASSWORD)  # the demo gives only its named accounts a password
    teacher.save(update_fields=["password"])
    rhk = rencana.rhk.order_by("-jenis", "urutan", "pk").first()

    guru = phone_page_as(browser, live_server, rencana.pegawai.nip)
    guru.goto(f"{live_server.url}/skp/rhk/{rhk.pk}/pantau/")
    guru.get_by_label("Apa yang sudah dikerjakan").fill("Remedial kelas XI-3; 9 dari 20 tuntas.")
    guru.get_by_label("Tautan bukti dukung").fill("https://sman2.contoh.sch.id/remedial-xi3")
    guru.get_by_role("button", name="Simpan progres").click()
    expect(guru.get_by_text("Progres dicatat.")).to_be_visible()
    guru.get_by_label("Tulis umpan balik untuk pejabat penilai").fill(
        "Bu, capaian kelas XI-3 masih rendah. Mohon arahan."
    )
    guru.get_by_role("button", name="Kirim").click()
    expect(guru.get_by_text("Pesan terkirim.")).to_be_visible()

    kepala = phone_page_as(browser, live_server, KEPALA_SMAN2[0])
    kepala.goto(live_server.url + "/akun/pemberitahuan/")
    kepala.locator(".notif-list a", has_text="Umpan balik baru").first.click()
    expect(kepala.get_by_text("capaian kelas XI-3 masih rendah")).to_be_visible()  # the RHK page
    kepala.get_by_label("Tulis umpan balik untuk pegawai").fill(
        "Kita susun rencana pendampingan setelah evaluasi triwulan."
    )
    kepala.get_by_role("button", name="Kirim").click()
    expect(kepala.get_by_text("Pesan terkirim.")).to_be_visible()

    guru.goto(f"{live_server.url}/skp/{rencana.pk}/")
    expect(guru.locator("#pemantauan")).to_contain_text("rencana pendampingan")
    guru.locator("#periode_kinerja").select_option(label=quarter.nama)
    guru.get_by_role("button", name="Isi realisasi").click()
    for field in guru.locator("input[name^=angka_]").all():
        field.fill("1")
    for field in guru.locator("textarea[name^=teks_]").all():
        field.fill("Sebagian, belum selesai.")
    guru.get_by_role("button", name="Simpan dan ajukan ke atasan").click()
    expect(guru.get_by_text("Realisasi diajukan ke atasan.")).to_be_visible()
    evaluasi = EvaluasiKinerja.objects.get(rencana=rencana, periode_kinerja=quarter)

    kepala.goto(f"{live_server.url}/skp/evaluasi/{evaluasi.pk}/")
    for select in kepala.locator("select[name^=capaian_]").all():
        select.select_option("di_bawah")
    for select in kepala.locator("select[name^=perilaku_]").all():
        select.select_option("sesuai")
    kepala.get_by_label("Rating hasil kerja").select_option("di_bawah")
    kepala.get_by_label("Rating perilaku kerja").select_option("sesuai")
    kepala.get_by_role("button", name="Simpan penilaian").click()
    expect(kepala.locator(".predikat")).to_have_text("Butuh Perbaikan")
    expect(kepala.get_by_role("heading", name="Rencana pengembangan diperlukan")).to_be_visible()
    kepala.get_by_role("link", name="Susun rencana pengembangan").click()
    kepala.get_by_label("Tujuan pengembangan").fill(
        "Ketuntasan kelas XI-3 naik lewat remedial terjadwal dan asesmen yang terukur."
    )
    kepala.locator("input[name=sumber]").first.check()
    kepala.get_by_label("Tanggal tinjau").fill(
        (timezone.localdate() + timedelta(days=90)).isoformat()
    )
    kepala.get_by_role("button", name="Kirim ke pegawai").click()
    expect(kepala.get_by_text("Rencana pengembangan dikirim ke pegawai")).to_be_visible()

    guru.goto(live_server.url + "/akun/pemberitahuan/")
    guru.locator(".notif-list a", has_text="pengembangan").first.click()
    expect(
        guru.get_by_role("heading", name="Rencana pengembangan — dukungan untuk Anda")
    ).to_be_visible()
    _fits(guru, "triwulan-pengembangan-guru-ponsel")
    guru.get_by_role("button", name="Saya setuju").click()
    expect(guru.get_by_text("rencana pengembangan disepakati")).to_be_visible()
    assert RencanaPengembangan.objects.get(evaluasi=evaluasi).status == "disepakati"
