"""A teacher's SKP through its workflow with the kepala sekolah, then its evaluation and predikat."""

from playwright.sync_api import expect

from evaluasi.demo_roster import GURU_DEMO, KEPALA_SMAN2
from evaluasi.models import EvaluasiKinerja, RencanaKerja
from tests.e2e.conftest import SCREENSHOTS, phone_page_as


def test_teacher_submits_kepala_returns_teacher_revises_kepala_approves_then_predikat(
    live_server, demo_site, browser
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    guru = phone_page_as(browser, live_server, GURU_DEMO[0])
    guru.get_by_role("link", name="SKP Saya").click()
    guru.get_by_role("button", name="Susun SKP").click()
    guru.get_by_label("Rumusan RHK").fill("Meningkatnya hasil belajar matematika kelas XI")
    guru.get_by_label("Indikator kinerja individu").first.fill("Persentase siswa mencapai KKTP")
    guru.get_by_label("Target (angka)").first.fill("80")
    guru.get_by_label("Satuan").first.fill("%")
    guru.get_by_role("button", name="Tambah RHK").click()
    expect(guru.get_by_text("RHK ditambahkan.")).to_be_visible()
    guru.get_by_role("link", name="Ajukan ke atasan").click()
    guru.get_by_role("button", name="Ya, ajukan ke atasan").click()
    expect(guru.get_by_text("Diajukan ke atasan").first).to_be_visible()
    rencana = RencanaKerja.objects.get(pegawai__nip=GURU_DEMO[0])

    kepala = phone_page_as(browser, live_server, KEPALA_SMAN2[0])
    kepala.goto(live_server.url + "/skp/bawahan/")
    expect(kepala.get_by_text("1 menunggu Anda")).to_be_visible()
    kepala.goto(live_server.url + f"/skp/{rencana.pk}/")
    kepala.get_by_label("Catatan perbaikan (umum)").fill(
        "Tambahkan RHK tambahan tentang berbagi praktik baik."
    )
    kepala.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(kepala.get_by_text("SKP dikembalikan dengan catatan.")).to_be_visible()

    guru.reload()
    comment = guru.get_by_text("Tambahkan RHK tambahan tentang berbagi praktik baik.", exact=True)
    expect(comment).to_be_visible()
    guru.screenshot(path=str(SCREENSHOTS / "skp-dikembalikan-ponsel.png"), full_page=True)
    guru.get_by_label("Jenis").select_option("tambahan")
    guru.get_by_label("Rumusan RHK").fill("Terbagikannya praktik baik pembelajaran")
    guru.get_by_label("Indikator kinerja individu").first.fill("Jumlah praktik baik yang dibagikan")
    guru.get_by_label("Target (angka)").first.fill("2")
    guru.get_by_label("Satuan").first.fill("kali")
    guru.get_by_role("button", name="Tambah RHK").click()
    guru.get_by_role("link", name="Ajukan ke atasan").click()
    guru.get_by_role("button", name="Ya, ajukan ke atasan").click()

    kepala.reload()
    kepala.get_by_role("button", name="Setujui SKP").click()
    expect(kepala.get_by_text("SKP disetujui dan dikunci.")).to_be_visible()
    rencana.refresh_from_db()
    assert rencana.status == "disetujui"

    guru.reload()
    guru.get_by_role("button", name="Isi realisasi").click()
    fields = guru.locator("input[name^=angka_]")
    fields.nth(0).fill("88")
    fields.nth(1).fill("3")
    guru.get_by_role("button", name="Simpan dan ajukan ke atasan").click()
    expect(guru.get_by_text("Realisasi diajukan ke atasan.")).to_be_visible()
    evaluasi = EvaluasiKinerja.objects.get(rencana=rencana)

    kepala.goto(live_server.url + f"/skp/evaluasi/{evaluasi.pk}/")
    expect(
        kepala.get_by_text("Saran dari realisasi terhadap target: Di atas ekspektasi").first
    ).to_be_visible()
    for select in kepala.locator("select[name^=perilaku_]").all():
        select.select_option("sesuai")
    kepala.get_by_label("Rating perilaku kerja").select_option("sesuai")
    expect(kepala.get_by_label("Rating hasil kerja")).to_have_value("di_atas")  # the suggestion
    kepala.get_by_role("button", name="Simpan penilaian").click()
    expect(kepala.get_by_text("Predikat kinerja:")).to_be_visible()
    expect(kepala.locator(".predikat")).to_have_text("Baik")
    kepala.screenshot(path=str(SCREENSHOTS / "skp-evaluasi-ponsel.png"), full_page=True)
    evaluasi.refresh_from_db()
    assert (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku, evaluasi.predikat) == (
        "di_atas",
        "sesuai",
        "baik",
    )
