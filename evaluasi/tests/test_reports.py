"""The 360 report (selectors/reports.py, views/reports.py): publication gating, who may read it,
anonymity, recommendations, query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluasi.tests.ratings import publish


def test_publication_gates_the_report_and_only_self_and_atasan_read_it(
    client, periode_dibuka, rated
):
    boss, ratee, peers, reports = rated
    own = f"/penilaian/hasil/{periode_dibuka.pk}/"
    theirs = f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/"
    client.force_login(ratee.user)
    assert client.get(own).status_code == 404  # not published yet
    publish(periode_dibuka, "hasil_dihitung")
    assert client.get(own).status_code == 404
    publish(periode_dibuka)
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
    publish(periode_dibuka)
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
    publish(periode_dibuka)
    client.force_login(ratee.user)
    client.get(f"/penilaian/hasil/{periode_dibuka.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/penilaian/hasil/{periode_dibuka.pk}/")
    assert len(queries) <= 25, [q["sql"][:80] for q in queries]


def test_recommends_upcoming_workshops_on_the_topics_to_develop(client, site_home, opd, rated):
    from datetime import timedelta

    from django.utils import timezone

    from cms.topics import Topik
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
    index = WorkshopIndexPage(title="Workshop", slug="workshop")
    site_home.add_child(instance=index)
    index.add_child(instance=workshop)
    workshop.save_revision().publish()
    workshop.topik.set([topic])
    workshop.save()
    publish(periode)
    client.force_login(ratee.user)
    page = client.get(f"/penilaian/hasil/{periode.pk}/").content.decode()
    section = page.split('id="rekomendasi"')[1]
    assert "Klinik Pelayanan Prima" in section and f'href="{workshop.url}#daftar"' in section


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
    publish(periode_dibuka, "hasil_dihitung")
    assert client.get(url).status_code == 200
    client.force_login(outside)
    assert client.get(url).status_code == 404
    client.force_login(ratee.user)
    assert (
        client.get(f"/penilaian/hasil/{periode_dibuka.pk}/").status_code == 404
    )  # not yet published
