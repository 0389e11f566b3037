"""The SKP's own calendar (PermenPANRB 6/2022: periodic evaluation monthly, quarterly or per
semester, then the annual one): the migration of existing SKPs, the period windows, the Admin BKD
screen, and the periodic → annual evaluation."""

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from evaluasi.models import EvaluasiKinerja, PeriodeKinerja, TahunKinerja
from evaluasi.models.skp_kalender import periods_planned
from evaluasi.services import evaluations as ev
from evaluasi.services.skp_kalender import (
    CalendarRefused,
    period_windows_set,
    tahun_kinerja_setup,
)
from evaluasi.tests.factories import EvaluasiKinerjaFactory, admin_opd_account
from evaluasi.tests.skp_steps import approved_skp, decide

WIB = ZoneInfo("Asia/Jakarta")


# --- the calendar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("periodisasi", "names"),
    [
        ("bulanan", ["Januari 2026", "Desember 2026"]),
        ("triwulanan", ["Triwulan I 2026", "Triwulan IV 2026"]),
        ("semesteran", ["Semester I 2026", "Semester II 2026"]),
    ],
)
def test_a_year_is_divided_by_its_periodisation_then_the_annual_period(periodisasi, names):
    rows = periods_planned(2026, periodisasi)
    periodic = [r for r in rows if r["jenis"] == "periodik"]
    assert len(periodic) == {"bulanan": 12, "triwulanan": 4, "semesteran": 2}[periodisasi]
    assert [periodic[0]["nama"], periodic[-1]["nama"]] == names
    assert periodic[0]["mulai"] == date(2026, 1, 1) and periodic[-1]["selesai"] == date(
        2026, 12, 31
    )
    assert rows[-1]["nama"] == "Tahunan 2026" and rows[-1]["jenis"] == "tahunan"
    # default window: from the period's last day to two weeks after it (WIB)
    q1 = periods_planned(2026, "triwulanan")[0]
    assert q1["dibuka_pada"] == datetime(2026, 3, 31, tzinfo=WIB)
    assert q1["ditutup_pada"] == datetime(2026, 4, 14, 23, 59, 59, tzinfo=WIB)


def test_admin_bkd_sets_the_periodisation_others_are_refused(admin_bkd, school):
    s = school
    opd_admin = admin_opd_account(s["stranger"], s["guru"].unit_kerja)
    for user in (opd_admin, s["guru"].user):
        with pytest.raises(CalendarRefused, match="Admin BKD"):
            tahun_kinerja_setup(tahun=2030, periodisasi="bulanan", user=user)
    year = tahun_kinerja_setup(tahun=2030, periodisasi="semesteran", user=admin_bkd)
    assert list(year.periode.values_list("nama", flat=True)) == [
        "Semester I 2030",
        "Semester II 2030",
        "Tahunan 2030",
    ]
    year = tahun_kinerja_setup(tahun=2030, periodisasi="bulanan", user=admin_bkd)
    assert year.periode.filter(jenis="periodik").count() == 12
    assert year.periode.filter(jenis="tahunan").count() == 1


def test_the_periodisation_cannot_change_once_evaluations_exist(admin_bkd, school):
    s = school
    EvaluasiKinerjaFactory(rencana__pegawai=s["guru"], periode_kinerja=s["periode_kinerja"])
    with pytest.raises(CalendarRefused, match="sudah ada evaluasi"):
        tahun_kinerja_setup(tahun=s["tahun_kinerja"].tahun, periodisasi="bulanan", user=admin_bkd)
    assert TahunKinerja.objects.get(pk=s["tahun_kinerja"].pk).periodisasi == "triwulanan"
    assert s["tahun_kinerja"].periode.filter(jenis="periodik").count() == 4


# --- the admin screen ---------------------------------------------------------------------------


def test_the_calendar_screen_admin_bkd_sets_it_admin_opd_reads_asn_cannot(
    client, admin_bkd, school
):
    s = school
    year = s["tahun_kinerja"]
    opd_admin = admin_opd_account(s["stranger"], s["guru"].unit_kerja)
    add = "/admin/penilaian/kalender-kinerja/new/"
    edit = f"/admin/penilaian/kalender-kinerja/edit/{year.pk}/"
    windows = f"/admin/penilaian/kalender-kinerja/{year.pk}/jendela/"

    client.force_login(s["guru"].user)  # an ASN without admin access
    assert client.get(windows).status_code in (302, 403)
    client.force_login(opd_admin)
    assert client.get(windows).status_code == 200
    assert client.post(add, {"tahun": 2031, "periodisasi": "bulanan"}).status_code in (302, 403)
    assert not TahunKinerja.objects.filter(tahun=2031).exists()
    assert client.post(edit, {"periodisasi": "bulanan"}).status_code in (302, 403)
    assert client.post(windows, {}).status_code in (302, 403)

    client.force_login(admin_bkd)
    response = client.post(add, {"tahun": 2031, "periodisasi": "semesteran", "catatan": ""})
    assert response.status_code == 302
    assert TahunKinerja.objects.get(tahun=2031).periode.count() == 3
    from wagtail.models import ModelLogEntry

    new_year = TahunKinerja.objects.get(tahun=2031)
    assert ModelLogEntry.objects.filter(
        object_id=str(new_year.pk), action="wagtail.create", user=admin_bkd
    ).exists()
    # refused once an evaluation exists: the message comes back on the form
    EvaluasiKinerjaFactory(rencana__pegawai=s["guru"], periode_kinerja=s["periode_kinerja"])
    response = client.post(edit, {"periodisasi": "bulanan", "catatan": ""})
    assert response.status_code == 200
    assert "sudah ada evaluasi kinerja" in response.content.decode()
    assert TahunKinerja.objects.get(pk=year.pk).periodisasi == "triwulanan"
    # the windows: one row per period
    q1 = year.periode.get(urutan=1)
    data = {}
    for p in year.periode.all():
        data[f"p{p.pk}-dibuka_pada"] = timezone.localtime(p.dibuka_pada).strftime("%Y-%m-%dT%H:%M")
        data[f"p{p.pk}-ditutup_pada"] = timezone.localtime(p.ditutup_pada).strftime(
            "%Y-%m-%dT%H:%M"
        )
    data[f"p{q1.pk}-ditutup_pada"] = "2026-05-01T23:59"
    assert client.post(windows, data).status_code == 302
    q1.refresh_from_db()
    assert q1.ditutup_pada == datetime(2026, 5, 1, 23, 59, tzinfo=WIB)
    data[f"p{q1.pk}-ditutup_pada"] = "2026-01-01T00:00"  # before it opens
    response = client.post(windows, data)
    assert "ditutup sesudah dibuka" in response.content.decode()


# --- the window -----------------------------------------------------------------------------


def _set_window(periode, dibuka, ditutup):
    PeriodeKinerja.objects.filter(pk=periode.pk).update(dibuka_pada=dibuka, ditutup_pada=ditutup)


def test_an_evaluation_starts_only_inside_its_periods_window_named_in_wib(school):
    s = school
    rencana = approved_skp(s)
    q2 = s["tahun_kinerja"].periode.get(urutan=2)
    now = timezone.now()
    # before the window
    _set_window(
        q2, datetime(2099, 6, 30, tzinfo=WIB), datetime(2099, 7, 14, 23, 59, 59, tzinfo=WIB)
    )
    with pytest.raises(ev.EvaluationRefused) as refused:
        ev.evaluation_start(rencana_id=rencana.pk, periode_kinerja_id=q2.pk, user=s["guru"].user)
    assert "30 Juni 2099 00.00 WIB s.d. 14 Juli 2099 23.59 WIB" in str(refused.value)
    # after it
    _set_window(q2, now - timedelta(days=20), now - timedelta(days=1))
    with pytest.raises(ev.EvaluationRefused, match="WIB"):
        ev.evaluation_start(rencana_id=rencana.pk, periode_kinerja_id=q2.pk, user=s["guru"].user)
    assert not EvaluasiKinerja.objects.exists()
    # inside it
    _set_window(q2, now - timedelta(hours=1), now + timedelta(days=1))
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=q2.pk, user=s["guru"].user
    )
    assert evaluasi.periode_kinerja == q2 and evaluasi.status == "realisasi"
    # a period of another year is refused
    other = TahunKinerja.objects.create(tahun=2040)
    from evaluasi.services.skp_kalender import periods_fill

    periods_fill(other)
    with pytest.raises(ev.EvaluationRefused, match="tahun yang sama"):
        ev.evaluation_start(
            rencana_id=rencana.pk,
            periode_kinerja_id=other.periode.first().pk,
            user=s["guru"].user,
        )


def test_the_skp_page_offers_only_periods_with_an_open_window(client, school):
    s = school
    rencana = approved_skp(s)
    client.force_login(s["guru"].user)
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    assert "Tahunan 2026" in page  # the fixture's annual window is open
    q1 = s["tahun_kinerja"].periode.get(urutan=1)
    _set_window(q1, timezone.now() - timedelta(days=30), timezone.now() - timedelta(days=1))
    assert "Triwulan I 2026" not in client.get(f"/skp/{rencana.pk}/").content.decode()
    response = client.post(
        f"/skp/{rencana.pk}/", {"aksi": "mulai_evaluasi", "periode_kinerja": q1.pk}, follow=True
    )
    assert "tidak tersedia" in response.content.decode()
    assert not EvaluasiKinerja.objects.exists()
    # nothing open: the owner is told when the next window opens (WIB)
    for p in s["tahun_kinerja"].periode.all():
        _set_window(p, timezone.now() - timedelta(days=30), timezone.now() - timedelta(days=1))
    q4 = s["tahun_kinerja"].periode.get(urutan=4)
    _set_window(q4, datetime(2099, 12, 31, tzinfo=WIB), datetime(2100, 1, 14, tzinfo=WIB))
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    assert "Belum ada periode evaluasi yang dibuka" in page
    assert "Triwulan IV 2026 dibuka 31 Desember 2099 00.00 WIB" in page


# --- periodic → annual -----------------------------------------------------------------------


def _periodic_decided(s, rencana, urutan, capaian, hasil, perilaku):
    periode = s["tahun_kinerja"].periode.get(urutan=urutan)
    _set_window(periode, timezone.now() - timedelta(hours=1), timezone.now() + timedelta(days=1))
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=periode.pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    decide(evaluasi, s["kepala"].user, capaian, perilaku=perilaku, hasil=hasil)
    return EvaluasiKinerja.objects.get(pk=evaluasi.pk)


def test_capaian_direction_holds_within_a_periodic_evaluation(client, school):
    """A waktu indicator (lower is better) beaten in a quarter is pre-selected "di atas"."""
    from evaluasi.services import skp as sk

    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Nilai tugas dikembalikan cepat",
        indikator=[
            {"teks": "Hari", "aspek": "waktu", "target_angka": "5", "satuan": "hari"},
        ],
    )
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=s["kepala"].user)
    q1 = s["tahun_kinerja"].periode.get(urutan=1)
    _set_window(q1, timezone.now() - timedelta(hours=1), timezone.now() + timedelta(days=1))
    evaluasi = ev.evaluation_start(rencana_id=rencana.pk, periode_kinerja_id=q1.pk, user=guru.user)
    indikator = rencana.rhk.get().indikator.get()
    ev.realisasi_save(evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=indikator.pk, angka="3")
    ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=guru.user)
    client.force_login(s["kepala"].user)
    page = client.get(f"/skp/evaluasi/{evaluasi.pk}/").content.decode()
    assert "Evaluasi kinerja: Triwulan I 2026" in page
    rhk = rencana.rhk.get()
    assert '<option value="di_atas" selected>' in _select(page, f"capaian_{rhk.pk}")


def _select(page: str, name: str) -> str:
    start = page.index(f'name="{name}"')
    return page[start : page.index("</select>", start)]


def test_the_annual_evaluation_starts_from_the_last_periodic_one_and_shows_the_year(
    client, school, asn_login
):
    s = school
    rencana = approved_skp(s)
    _periodic_decided(s, rencana, 1, ["sesuai", "sesuai"], "sesuai", "sesuai")
    q3 = _periodic_decided(s, rencana, 3, ["di_atas", "di_bawah"], "di_atas", "di_atas")
    annual = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=annual.pk).update(status="diajukan")
    url = f"/skp/evaluasi/{annual.pk}/"

    client.force_login(s["kepala"].user)
    page = client.get(url).content.decode()
    first, second = rencana.rhk.order_by("pk")
    # pre-selected from Triwulan III (the latest decided), not Triwulan I nor the realisasi
    assert '<option value="di_atas" selected>' in _select(page, f"capaian_{first.pk}")
    assert '<option value="di_bawah" selected>' in _select(page, f"capaian_{second.pk}")
    assert '<option value="di_atas" selected>' in _select(page, "rating_hasil_kerja")
    assert '<option value="di_atas" selected>' in _select(page, "rating_perilaku")
    assert '<option value="di_atas" selected>' in _select(page, "perilaku_0")
    assert "Pilihan awal diambil dari evaluasi periodik terakhir (Triwulan III 2026" in page
    # the year's history, with predikat, ratings, the decision's date in WIB and a link
    for shown in ("Riwayat evaluasi periodik 2026", "Triwulan I 2026", "Triwulan III 2026"):
        assert shown in page
    assert f'href="/skp/evaluasi/{q3.pk}/"' in page
    decided = timezone.localtime(q3.diputuskan_pada).strftime("%H.%M")
    assert f"{decided} WIB" in page
    assert q3.get_predikat_display() in page

    client.force_login(s["guru"].user)  # the owner sees the history too
    page = client.get(url).content.decode()
    assert "Riwayat evaluasi periodik 2026" in page and "Triwulan III 2026" in page

    for other in (s["guru2"], s["stranger"]):  # others: no page at all
        client.force_login(other.user)
        assert client.get(url).status_code == 404

    # once decided, the annual evaluation shows its own decision, not the quarter's
    decide(annual, s["kepala"].user, ["sesuai", "sesuai"], perilaku="sesuai", hasil="sesuai")
    client.force_login(s["kepala"].user)
    page = client.get(url).content.decode()
    assert "Pilihan awal diambil" not in page


def test_a_periodic_evaluation_page_shows_no_year_history(client, school):
    s = school
    rencana = approved_skp(s)
    _periodic_decided(s, rencana, 1, ["sesuai", "sesuai"], "sesuai", "sesuai")
    q2 = _periodic_decided(s, rencana, 2, ["sesuai", "sesuai"], "sesuai", "sesuai")
    client.force_login(s["guru"].user)
    assert "Riwayat evaluasi periodik" not in client.get(f"/skp/evaluasi/{q2.pk}/").content.decode()


# --- the migration --------------------------------------------------------------------------


def test_the_migration_moves_existing_skps_and_evaluations_without_loss(tmp_path):
    """Migration 0021 on a database of its own (a child process on a fresh SQLite file), so the
    test database's migrated rows and the other transactional tests are untouched: see
    evaluasi/tests/migration_kalender_check.py."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'migrasi.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "evaluasi.tests.migration_kalender_check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "migrasi 0021 utuh" in done.stdout


@pytest.mark.parametrize(
    ("nama", "dibuka", "ditutup", "message"),
    [
        ("Semester I 2030", (2019, 1, 1), (2019, 1, 2), "dibuka paling awal"),
        ("Semester I 2030", (2030, 1, 2), (2030, 1, 3), "ditutup paling awal"),
        ("Semester I 2030", (2030, 6, 30), (2032, 1, 1), "paling lambat setahun"),
        ("Semester I 2030", (2030, 7, 1), (2030, 6, 30), "sesudah dibuka"),
    ],
)
def test_a_window_must_evaluate_its_own_period(admin_bkd, school, nama, dibuka, ditutup, message):
    """A window opens no earlier than its period, a periodic one stays open until the period's
    last day, and none closes more than a year after it (rule: `window_problem`)."""
    year = tahun_kinerja_setup(tahun=2030, periodisasi="semesteran", user=admin_bkd)
    target = year.periode.get(nama=nama)
    with pytest.raises(CalendarRefused, match=message):
        period_windows_set(
            tahun_kinerja_id=year.pk,
            windows={target.pk: (datetime(*dibuka, tzinfo=WIB), datetime(*ditutup, tzinfo=WIB))},
            user=admin_bkd,
        )
    # The annual window may open in the year's last weeks and close after the new year.
    tahunan = year.periode.get(jenis="tahunan")
    period_windows_set(
        tahun_kinerja_id=year.pk,
        windows={
            tahunan.pk: (datetime(2030, 12, 1, tzinfo=WIB), datetime(2031, 1, 31, tzinfo=WIB))
        },
        user=admin_bkd,
    )


def test_the_calendar_is_in_the_admin_menu_under_penilaian(client, admin_bkd):
    client.force_login(admin_bkd)
    page = client.get("/admin/").content.decode()
    assert "/admin/penilaian/kalender-kinerja/" in page and "Kalender kinerja" in page
