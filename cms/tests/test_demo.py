from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from cms.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, demo_load
from cms.models import HomePage, StandardPage
from cms.site_settings import PengaturanSitus


def test_demo_builds_home_page_as_site_root_and_drops_placeholder(demo):
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.id
    assert home.live
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert PengaturanSitus.for_site(site).nama_instansi.startswith("Badan Kepegawaian Daerah")


def test_demo_is_idempotent(demo):
    second = demo_load()
    assert second.created == []
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.count() == 2
    assert get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).count() == 1
    assert Site.objects.count() == 1


def test_demo_keeps_editor_changes(demo):
    page = StandardPage.objects.get(slug="kontak")
    page.title = "Kontak BKD (diubah editor)"
    page.save_revision().publish()
    settings_row = PengaturanSitus.objects.get()
    settings_row.telepon = "0721-000"
    settings_row.save()

    demo_load()

    assert StandardPage.objects.get(slug="kontak").title == "Kontak BKD (diubah editor)"
    assert PengaturanSitus.objects.get().telepon == "0721-000"


def test_demo_admin_logs_in_to_an_indonesian_wagtail_admin(demo, client):
    response = client.post(
        "/admin/login/", {"username": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD}
    )
    assert response.status_code == 302
    html = client.get("/admin/").content.decode()
    assert '<html lang="id"' in html
    assert "Dasbor" in html  # Wagtail's own id_ID catalogue, not English "Dashboard"


def test_demo_tells_the_year_round_story_of_dinas_pendidikan(demo):
    """Issue 21's demo: quarterly evaluations with feedback threads at SMA Negeri 2, one teacher
    with an agreed development plan, and the recognised teacher is the one whose class average
    rose from its baseline past the target (kondisi awal → target → realisasi)."""
    from evaluasi.models import (
        EvaluasiKinerja,
        Penghargaan,
        RealisasiIndikator,
        RencanaPengembangan,
        TahunKinerja,
        UmpanBalikBerkelanjutan,
    )

    year = TahunKinerja.objects.get(tahun=2026)
    assert year.periodisasi == "triwulanan"
    assert (
        EvaluasiKinerja.objects.filter(
            periode_kinerja__tahun_kinerja=year, periode_kinerja__jenis="periodik"
        )
        .exclude(predikat="")
        .exists()
    )
    assert UmpanBalikBerkelanjutan.objects.values("rhk").distinct().count() >= 3
    assert RencanaPengembangan.objects.filter(status="disepakati").count() == 1

    award = Penghargaan.objects.get(dipublikasikan=True)
    risen = RealisasiIndikator.objects.filter(
        evaluasi__rencana__pegawai=award.pegawai,
        evaluasi__periode_kinerja__jenis="tahunan",
        indikator__kondisi_awal__isnull=False,
    ).select_related("indikator")
    assert risen, "the recognised teacher's indicators carry a baseline"
    for row in risen:
        steps = [row.indikator.kondisi_awal, row.indikator.target_angka, row.realisasi_angka]
        if row.indikator.lebih_rendah:
            steps.reverse()
        assert steps[0] < steps[1] <= steps[2]
