"""ASN Berprestasi awards (services/awards.py, selectors/awards.py): ranking, selection by Admin
BKD only, and publication without scores."""

from django.contrib.auth.models import Group

from cms.accounts.services import account_for_pegawai
from evaluasi.tests.factories import EvaluasiKinerjaFactory, admin_opd_account
from evaluasi.tests.skp_steps import decide, submitted_evaluation


def test_awards_ranked_selected_by_admin_bkd_only_and_published_without_scores(
    client, school, site_home
):
    from cms.roles import ADMIN_BKD
    from evaluasi.models import AsnBerprestasiPage, Penghargaan

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["di_atas", "sesuai"], perilaku="di_atas", hasil="di_atas")
    EvaluasiKinerjaFactory(
        rencana__pegawai=s["guru2"],
        periode_kinerja=s["periode_kinerja"],
        predikat="baik",
        rating_hasil_kerja="sesuai",
    )

    opd_admin = admin_opd_account(s["stranger"], s["guru"].unit_kerja)
    client.force_login(opd_admin)
    url = f"/admin/penilaian/periode/{s['periode'].pk}/penghargaan/"
    page = client.get(url).content.decode()
    assert page.index("Guru Satu") < page.index("Guru Dua")  # Sangat Baik ranks first
    client.post(url, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Teladan."})
    assert not Penghargaan.objects.filter(periode=s["periode"]).exists()  # Admin OPD may not select

    bkd = account_for_pegawai(s["kadis"])
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    client.force_login(bkd)
    client.post(url, {"aksi": "pilih", "pegawai": s["stranger"].pk, "kutipan": "x"})
    assert not Penghargaan.objects.filter(periode=s["periode"]).exists()  # no qualifying predicate
    client.post(
        url, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Menaikkan ketuntasan belajar."}
    )
    award = Penghargaan.objects.get(periode=s["periode"])
    public = site_home.add_child(
        instance=AsnBerprestasiPage(title="ASN Berprestasi", slug="asn-berprestasi")
    )
    assert (
        "Menaikkan ketuntasan" not in client.get(public.url).content.decode()
    )  # not yet published
    client.post(url, {"aksi": "publikasikan", "penghargaan": award.pk})
    client.logout()
    html = client.get(public.url).content.decode()
    assert "Menaikkan ketuntasan belajar." in html and "Guru Satu" in html
    for secret in ("Sangat Baik", "ekspektasi", "predikat", "skor"):
        assert secret not in html.split('id="konten"')[1].split("site-footer")[0]


def _bkd(s):
    from cms.roles import ADMIN_BKD

    bkd = account_for_pegawai(s["kadis"])
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    return bkd


def test_candidates_come_from_the_years_annual_evaluations_whatever_360_period_is_shown(
    client, school
):
    """A new 360 period of the same year lists the year's decided annual evaluations and lets
    Admin BKD select from them; an interim (triwulan) evaluation is not a candidate."""
    from evaluasi.models import Penghargaan
    from evaluasi.tests.factories import (
        PeriodeKinerjaFactory,
        PeriodePenilaianFactory,
        TahunKinerjaFactory,
    )

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["di_atas", "sesuai"], perilaku="di_atas", hasil="di_atas")
    triwulan = PeriodeKinerjaFactory(tahun_kinerja=s["tahun_kinerja"], jenis="periodik", urutan=1)
    EvaluasiKinerjaFactory(
        rencana__pegawai=s["guru2"], periode_kinerja=triwulan, predikat="sangat_baik"
    )
    new_360 = PeriodePenilaianFactory(tahun=s["periode"].tahun, nama="360 Semester II")
    last_year = TahunKinerjaFactory(tahun=s["periode"].tahun - 1).tahunan
    EvaluasiKinerjaFactory(
        rencana__pegawai=s["stranger"], periode_kinerja=last_year, predikat="baik"
    )

    client.force_login(_bkd(s))
    url = f"/admin/penilaian/periode/{new_360.pk}/penghargaan/"
    page = client.get(url).content.decode()
    assert "Guru Satu" in page
    assert "Guru Dua" not in page and "Orang Lain" not in page
    client.post(url, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Teladan."})
    assert Penghargaan.objects.filter(periode=new_360, pegawai=s["guru"]).exists()
    client.post(url, {"aksi": "pilih", "pegawai": s["guru2"].pk, "kutipan": "Triwulan saja."})
    assert not Penghargaan.objects.filter(pegawai=s["guru2"]).exists()


def test_a_pending_objection_excludes_the_pegawai_until_it_is_decided(client, school):
    from evaluasi.models import Penghargaan
    from evaluasi.services import evaluations as ev

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["di_atas", "sesuai"], perilaku="di_atas", hasil="di_atas")
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Perilaku kurang.")

    client.force_login(_bkd(s))
    url = f"/admin/penilaian/periode/{s['periode'].pk}/penghargaan/"
    assert "Guru Satu" not in client.get(url).content.decode()
    client.post(url, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Teladan."})
    assert not Penghargaan.objects.exists()

    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=s["kadis"].user, dikabulkan=False, keputusan="Tetap."
    )
    assert "Guru Satu" in client.get(url).content.decode()
    client.post(url, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Teladan."})
    assert Penghargaan.objects.filter(pegawai=s["guru"]).exists()


def test_recognition_is_yearly_a_pegawai_selected_on_one_period_is_not_selected_again(
    client, school
):
    from evaluasi.models import Penghargaan
    from evaluasi.tests.factories import PeriodePenilaianFactory

    s = school
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["di_atas", "sesuai"], perilaku="di_atas", hasil="di_atas")
    other = PeriodePenilaianFactory(tahun=s["periode"].tahun, nama="360 Semester II")
    client.force_login(_bkd(s))
    first = f"/admin/penilaian/periode/{s['periode'].pk}/penghargaan/"
    client.post(first, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Teladan."})
    second = f"/admin/penilaian/periode/{other.pk}/penghargaan/"
    assert "Terpilih" in client.get(second).content.decode()
    client.post(second, {"aksi": "pilih", "pegawai": s["guru"].pk, "kutipan": "Lagi."})
    assert list(Penghargaan.objects.values_list("periode_id", flat=True)) == [s["periode"].pk]
