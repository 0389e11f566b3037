"""The organisation's predikat and the distribution screen (services/organisation.py,
selectors/distribution.py)."""

from cms.accounts.services import account_for_pegawai
from evaluasi.tests.factories import EvaluasiKinerjaFactory, PegawaiFactory, admin_opd_account
from evaluasi.tests.skp_steps import decide, submitted_evaluation


def test_distribution_screen_is_scoped_and_warns(client, school, opd):
    from evaluasi.models import JenisUnit, PredikatUnit, UnitKerja

    s = school
    other = UnitKerja.objects.create(
        kode="LAIN", nama="Dinas Lain", jenis=JenisUnit.OPD, induk=opd.induk
    )
    outsider_boss = PegawaiFactory(unit_kerja=other)
    outsider = PegawaiFactory(unit_kerja=other, atasan=outsider_boss)
    for p in (outsider_boss, outsider):
        account_for_pegawai(p)
        p.refresh_from_db()
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["di_atas", "di_atas"], perilaku="di_atas", hasil="di_atas")
    EvaluasiKinerjaFactory(
        rencana__pegawai=outsider, periode_kinerja=s["periode_kinerja"], predikat="sangat_kurang"
    )

    admin = admin_opd_account(s["stranger"], opd)
    client.force_login(admin)
    url = f"/admin/penilaian/periode/{s['periode'].pk}/distribusi/"
    client.post(url, {"unit": opd.pk, "predikat": "istimewa"})
    assert PredikatUnit.objects.get(unit_kerja=opd).predikat == "istimewa"
    client.post(url, {"unit": other.pk, "predikat": "baik"})
    assert not PredikatUnit.objects.filter(unit_kerja=other).exists()  # outside the scope

    page = client.get(url).content.decode()
    assert "1 pegawai dengan predikat" in page  # the other unit's Sangat Kurang is not counted
    assert "Sangat Baik 100%; untuk organisasi Istimewa paling banyak 70%." in page
    assert "<svg" in page and "Sangat Baik 1 (100%)" in page
