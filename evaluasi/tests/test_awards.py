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
        periode=s["periode"],
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
