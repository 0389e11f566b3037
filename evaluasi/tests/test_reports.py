"""The 360 report: publication gating, who may read it, anonymity, recommendations, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.accounts.services import account_for_pegawai
from evaluasi.models import PeriodePenilaian
from evaluasi.services.aggregation import aggregate
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.test_aggregation import _rate


@pytest.fixture
def rated(opd, periode_dibuka):
    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss, nama="Yang Dinilai")
    peers = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(3)]
    reports = [PegawaiFactory(unit_kerja=opd, atasan=ratee) for _ in range(2)]
    _rate(periode_dibuka, ratee, ratee, "diri", 5)
    _rate(periode_dibuka, boss, ratee, "atasan", 4)
    for peer, value in zip(peers, (2, 3, 4), strict=True):
        _rate(periode_dibuka, peer, ratee, "rekan", value)
    for report in reports:
        _rate(periode_dibuka, report, ratee, "bawahan", 1)
    aggregate(periode_id=periode_dibuka.pk)
    for p in [boss, ratee, *peers, *reports]:
        account_for_pegawai(p)
        p.refresh_from_db()
    return boss, ratee, peers, reports


def _publish(periode, status="dipublikasikan"):
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=status)


def test_publication_gates_the_report_and_only_self_and_atasan_read_it(
    client, periode_dibuka, rated
):
    boss, ratee, peers, reports = rated
    own = f"/penilaian/hasil/{periode_dibuka.pk}/"
    theirs = f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/"
    client.force_login(ratee.user)
    assert client.get(own).status_code == 404  # not published yet
    _publish(periode_dibuka, "hasil_dihitung")
    assert client.get(own).status_code == 404
    _publish(periode_dibuka)
    page = client.get(own).content.decode()
    assert "Laporan penilaian 360" in page and "<svg" in page
    client.force_login(boss.user)
    assert client.get(theirs).status_code == 200
    for other in (peers[0], reports[0]):
        client.force_login(other.user)
        assert client.get(theirs).status_code == 404


def test_report_shows_groups_not_individuals_and_withholds_small_groups(
    client, periode_dibuka, rated
):
    boss, ratee, peers, reports = rated
    _publish(periode_dibuka)
    client.force_login(ratee.user)
    page = client.get(f"/penilaian/hasil/{periode_dibuka.pk}/").content.decode()
    assert (
        "Rekan kerja 3 orang" in page
        and "Bawahan" not in page.split("Penilai:")[1].split("</p>")[0]
    )
    assert "2 penilaian tidak ditampilkan" in page
    for person in [*peers, *reports, boss]:
        assert person.nama not in page
    assert "titik buta" in page  # self 5 vs others 3.25


def test_report_queries_are_bounded(client, periode_dibuka, rated):
    boss, ratee, peers, reports = rated
    _publish(periode_dibuka)
    client.force_login(ratee.user)
    client.get(f"/penilaian/hasil/{periode_dibuka.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/penilaian/hasil/{periode_dibuka.pk}/")
    assert len(queries) <= 25, [q["sql"][:80] for q in queries]


def test_recommends_upcoming_workshops_on_the_topics_to_develop(client, home_page, opd, rated):
    from datetime import timedelta

    from django.utils import timezone

    from cms.models import Topik
    from evaluasi.models import HasilPerilaku
    from sosialisasi.models import WorkshopIndexPage, WorkshopPage

    boss, ratee, peers, reports = rated
    result = HasilPerilaku.objects.get(dinilai=ratee)
    periode = result.periode
    topic = Topik.objects.create(nama="Pelayanan Prima", slug="pelayanan-prima")
    weakest = periode.instrumen.aspek.get(pk=result.aspek_kembang[0])
    weakest.topik = topic
    weakest.save()
    now = timezone.now()
    workshop = WorkshopPage(
        title="Klinik Pelayanan Prima", slug="klinik-pelayanan-prima", ringkasan="x", body="[]",
        mulai=now + timedelta(days=9), selesai=now + timedelta(days=9, hours=2), kapasitas=30,
        pendaftaran_dibuka=now - timedelta(days=1), pendaftaran_ditutup=now + timedelta(days=8),
    )  # fmt: skip
    WorkshopIndexPage.objects.get().add_child(instance=workshop)
    workshop.save_revision().publish()
    workshop.topik.set([topic])
    workshop.save()
    _publish(periode)
    client.force_login(ratee.user)
    page = client.get(f"/penilaian/hasil/{periode.pk}/").content.decode()
    section = page.split('id="rekomendasi"')[1]
    assert "Klinik Pelayanan Prima" in section and f'href="{workshop.url}#daftar"' in section


def test_pdf_has_the_charts_and_figures_and_no_rater_names(client, periode_dibuka, rated):
    from io import BytesIO

    from pypdf import PdfReader

    boss, ratee, peers, reports = rated
    _publish(periode_dibuka)
    client.force_login(ratee.user)
    response = client.get(f"/penilaian/hasil/{periode_dibuka.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "LAPORAN PENILAIAN 360 DERAJAT" in text and ratee.nip in text
    assert "Rekan kerja 3 orang" in text and "2 penilaian tidak ditampilkan" in text
    assert (
        "Berorientasi Pelayanan" in text and "Semua penilai lain" in text
    )  # radar legend (SVG text)
    for person in [boss, *peers, *reports]:
        assert person.nama not in text
    client.force_login(peers[0].user)
    assert client.get(f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/pdf/").status_code == 404


def test_unit_dashboard_hides_small_units_aspect_averages_and_exports(
    client, opd, periode_dibuka, rated
):
    from io import BytesIO

    from django.contrib.auth.models import Group
    from openpyxl import load_workbook

    from cms.roles import ADMIN_OPD
    from evaluasi.models import JenisUnit, LingkupAdmin, UnitKerja

    boss, ratee, peers, reports = rated
    small = UnitKerja.objects.create(
        kode="KECIL", nama="Unit Kecil", jenis=JenisUnit.BIDANG, induk=opd
    )
    loner = PegawaiFactory(unit_kerja=small, atasan=boss)
    for peer in peers:
        _rate(periode_dibuka, peer, loner, "rekan", 5)
    aggregate(periode_id=periode_dibuka.pk)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    admin = account_for_pegawai(reports[0])
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
    client.force_login(admin)
    url = f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor/"
    page = client.get(f"{url}?unit={small.pk}").content.decode()
    assert "Unit Kecil" in page and "— (ditahan: selisih &lt; 3 pegawai)" in page  # one ratee
    whole = client.get(url).content.decode()
    assert "<svg" in whole and "Kelengkapan:" in whole
    response = client.get(
        f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor.xlsx?unit={small.pk}"
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Unit Kecil" and rows[1][4] == 1
    assert all(value in ("", None) for value in rows[1][8:])  # aspect averages withheld


def test_bulk_report_pdfs_zip_for_the_unit(client, opd, periode_dibuka, rated, settings, tmp_path):
    import zipfile
    from io import BytesIO

    from django.contrib.auth.models import Group

    from cms.roles import ADMIN_OPD
    from evaluasi.models import EksporDokumen, HasilPerilaku, LingkupAdmin

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    boss, ratee, peers, reports = rated
    admin = account_for_pegawai(reports[1])
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
    client.force_login(admin)
    dashboard = f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor/"
    refused = client.post(dashboard, follow=True).content.decode()
    assert "belum dapat dibaca" in refused and not EksporDokumen.objects.exists()  # still open
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    client.post(dashboard)
    ekspor = EksporDokumen.objects.get(jenis="laporan_360")
    expected = HasilPerilaku.objects.filter(periode=periode_dibuka).count()
    assert (ekspor.status, ekspor.jumlah) == ("selesai", expected)
    response = client.get(f"/admin/penilaian/periode/{periode_dibuka.pk}/ekspor/{ekspor.pk}/")
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert (
        f"laporan-360-{ratee.nip}.pdf" in archive.namelist() and len(archive.namelist()) == expected
    )


def test_admin_opd_reads_reports_in_its_subtree_once_computed(client, opd, periode_dibuka, rated):
    from django.contrib.auth.models import Group, User

    from cms.roles import ADMIN_OPD
    from evaluasi.models import JenisUnit, LingkupAdmin, UnitKerja

    boss, ratee, peers, reports = rated
    url = f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/"
    inside = User.objects.create_user("dalam", password="x")
    outside = User.objects.create_user("luar", password="x")
    other = UnitKerja.objects.create(kode="LUAR", nama="Luar", jenis=JenisUnit.OPD, induk=opd.induk)
    for user, unit in ((inside, opd), (outside, other)):
        user.groups.add(Group.objects.get(name=ADMIN_OPD))
        LingkupAdmin.objects.create(user=user, unit_kerja=unit)
    client.force_login(inside)
    assert client.get(url).status_code == 404  # still open: nothing computed for reading
    _publish(periode_dibuka, "hasil_dihitung")
    assert client.get(url).status_code == 200
    client.force_login(outside)
    assert client.get(url).status_code == 404
    client.force_login(ratee.user)
    assert (
        client.get(f"/penilaian/hasil/{periode_dibuka.pk}/").status_code == 404
    )  # not yet published
