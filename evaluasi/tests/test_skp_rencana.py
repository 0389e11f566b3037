"""Planning, complete (PermenPANRB 6/2022 SKP format; issue 21 part B): the atasan's ekspektasi
khusus per BerAKHLAK value, the lampiran SKP, and the cascading tree of the team's RHK under the
atasan's own RHK (services/skp_rencana.py, selectors/skp_rencana.py, views/skp_rencana.py)."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from cms.notifications import Pemberitahuan
from evaluasi.berakhlak import NILAI, PANDUAN_PERILAKU
from evaluasi.models import EkspektasiPerilaku, EvaluasiKinerja, LampiranSKP
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.services import skp_rencana as sr
from evaluasi.services.skp_document import evaluation_pdf
from evaluasi.tests.factories import PegawaiFactory, admin_opd_account
from evaluasi.tests.skp_steps import decide, draft_skp, indicator_rows

LAYANAN = "Berorientasi Pelayanan"
HARAPAN = "Membalas pertanyaan orang tua siswa paling lambat satu hari kerja."


def _ekspektasi_post(**by_value):
    return {f"ekspektasi_{NILAI.index(v)}": t for v, t in by_value.items()}


def test_the_seven_values_with_their_standard_guides_are_those_rated():
    assert NILAI == ev.BERAKHLAK
    assert all(len(PANDUAN_PERILAKU[v]) > 40 for v in NILAI)


def test_the_pejabat_penilai_writes_ekspektasi_and_the_pegawai_sees_it(client, school):
    s = school
    rencana = draft_skp(s)
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    Pemberitahuan.objects.all().delete()
    url = f"/skp/{rencana.pk}/ekspektasi/"

    client.force_login(s["kepala"].user)
    page = client.get(url).content.decode()
    assert PANDUAN_PERILAKU["Akuntabel"] in page
    response = client.post(url, _ekspektasi_post(**{LAYANAN: HARAPAN, "Kompeten": ""}))
    assert response.status_code == 302
    assert list(EkspektasiPerilaku.objects.values_list("nilai", "teks")) == [(LAYANAN, HARAPAN)]
    assert "ekspektasi perilaku" in rencana.riwayat.first().aksi
    # The pegawai is told, nobody else (the atasan acted; the colleague, the kadis: nothing).
    told = list(Pemberitahuan.objects.values_list("penerima_id", "tautan"))
    assert told == [(s["guru"].user.pk, f"/skp/{rencana.pk}/#perilaku-kerja")]
    client.post(url, _ekspektasi_post(**{LAYANAN: HARAPAN}))  # unchanged: nobody told again
    assert Pemberitahuan.objects.count() == 1

    # Refused for the pegawai (a message, nothing stored), the atasan's atasan, a colleague.
    client.force_login(s["guru"].user)
    client.post(url, _ekspektasi_post(**{LAYANAN: "Saya tulis sendiri"}))
    assert EkspektasiPerilaku.objects.get().teks == HARAPAN
    for other in (s["guru"], s["kadis"], s["guru2"]):
        with pytest.raises(sk.SkpRefused, match="pejabat penilai"):
            sr.ekspektasi_save(rencana_id=rencana.pk, user=other.user, teks={LAYANAN: "x"})
    for outsider in (s["guru2"], s["stranger"]):
        client.force_login(outsider.user)
        assert client.get(url).status_code == 404
        assert client.post(url, _ekspektasi_post(**{LAYANAN: "x"})).status_code == 404
    with pytest.raises(sk.SkpRefused, match="BerAKHLAK"):
        sr.ekspektasi_save(rencana_id=rencana.pk, user=s["kepala"].user, teks={"Jujur": "x"})

    # The pegawai sees the value's guide and the expectation on the SKP and the evaluation page.
    client.force_login(s["guru"].user)
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    assert HARAPAN in page and PANDUAN_PERILAKU["Loyal"] in page
    sk.skp_approve(rencana_id=rencana.pk, user=s["kepala"].user)
    # Any time before the annual evaluation: after approval too, and a blank text removes one.
    sr.ekspektasi_save(
        rencana_id=rencana.pk, user=s["kepala"].user, teks={"Kompeten": "Ikut MGMP", LAYANAN: ""}
    )
    assert list(EkspektasiPerilaku.objects.values_list("nilai", flat=True)) == ["Kompeten"]
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    assert "Ikut MGMP" in client.get(f"/skp/evaluasi/{evaluasi.pk}/").content.decode()

    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    with pytest.raises(sk.SkpRefused, match="(?i)evaluasi tahunan"):
        sr.ekspektasi_save(rencana_id=rencana.pk, user=s["kepala"].user, teks={LAYANAN: "x"})


def test_ekspektasi_text_is_bounded_on_the_form(client, school):
    s = school
    rencana = draft_skp(s)
    client.force_login(s["kepala"].user)
    response = client.post(
        f"/skp/{rencana.pk}/ekspektasi/", _ekspektasi_post(**{LAYANAN: "a" * 2001})
    )
    assert response.status_code == 200 and "paling banyak" in response.content.decode().lower()
    assert not EkspektasiPerilaku.objects.exists()


LAMPIRAN = {
    "dukungan_sumber_daya": "Laboratorium komputer dan kuota internet sekolah",
    "skema_pertanggungjawaban": "Laporan semester kepada kepala sekolah",
    "konsekuensi": "Tunjangan kinerja sesuai capaian",
}


def test_lampiran_only_by_the_owner_while_the_skp_may_be_changed(client, school):
    s = school
    rencana = draft_skp(s)
    url = f"/skp/{rencana.pk}/lampiran/"
    client.force_login(s["kepala"].user)
    client.post(url, LAMPIRAN)
    assert not LampiranSKP.objects.exists()
    with pytest.raises(sk.SkpRefused, match="pemilik"):
        sr.lampiran_save(rencana_id=rencana.pk, user=s["kepala"].user, **LAMPIRAN)

    client.force_login(s["guru"].user)
    assert client.post(url, LAMPIRAN).status_code == 302
    assert LampiranSKP.objects.get(rencana=rencana).konsekuensi == LAMPIRAN["konsekuensi"]
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    assert LAMPIRAN["dukungan_sumber_daya"] in page and url in page

    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    with pytest.raises(sk.SkpRefused, match="terkunci"):
        sr.lampiran_save(rencana_id=rencana.pk, user=s["guru"].user, **LAMPIRAN)
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    assert LAMPIRAN["skema_pertanggungjawaban"] in page and url not in page  # read-only now
    client.force_login(s["kepala"].user)
    assert LAMPIRAN["konsekuensi"] in client.get(f"/skp/{rencana.pk}/").content.decode()
    client.force_login(s["stranger"].user)
    assert client.get(url).status_code == 404


def test_the_pdf_includes_the_lampiran_and_the_ekspektasi(school):
    s = school
    rencana = draft_skp(s)
    sr.lampiran_save(rencana_id=rencana.pk, user=s["guru"].user, **LAMPIRAN)
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    sr.ekspektasi_save(rencana_id=rencana.pk, user=s["kepala"].user, teks={LAYANAN: HARAPAN})
    sk.skp_approve(rencana_id=rencana.pk, user=s["kepala"].user)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(evaluation_pdf(evaluasi))).pages
    )
    text = " ".join(text.split())
    assert "Lampiran SKP" in text
    for value in LAMPIRAN.values():
        assert value in text
    assert "Ekspektasi khusus pimpinan" in text and HARAPAN in text


# --- The cascading tree -------------------------------------------------------------------------


def _own_skp(pegawai, tahun_kinerja, rhks):
    rencana = sk.skp_start(pegawai=pegawai, tahun_kinerja_id=tahun_kinerja.pk, user=pegawai.user)
    return rencana, [
        sk.rhk_add(
            rencana_id=rencana.pk,
            user=pegawai.user,
            jenis="utama",
            teks=teks,
            indikator=indicator_rows(),
        )
        for teks in rhks
    ]


def test_the_tree_shows_the_team_rhk_under_the_atasan_rhk(client, school, opd):
    s = school
    kepala_skp, (mutu, literasi) = _own_skp(
        s["kepala"], s["tahun_kinerja"], ["Mutu lulusan meningkat", "Budaya literasi tumbuh"]
    )
    guru_skp, (guru_rhk,) = _own_skp(s["guru"], s["tahun_kinerja"], ["Nilai matematika naik"])
    sk.rhk_update(
        rhk_id=guru_rhk.pk,
        user=s["guru"].user,
        jenis="utama",
        teks=guru_rhk.teks,
        indikator=indicator_rows(),
        rhk_atasan_id=mutu.pk,
    )
    sk.skp_submit(rencana_id=guru_skp.pk, user=s["guru"].user)
    _own_skp(s["guru2"], s["tahun_kinerja"], ["Pojok baca kelas"])  # not linked
    # Another team: the kepala dinas's other report and her own report, linked to her RHK.
    kabid = PegawaiFactory(unit_kerja=opd, atasan=s["kadis"], nama="Kepala Bidang")
    staf = PegawaiFactory(unit_kerja=opd, atasan=kabid, nama="Staf Bidang")
    from cms.accounts.services import account_for_pegawai

    for p in (kabid, staf):
        account_for_pegawai(p)
        p.refresh_from_db()
    _, (bidang,) = _own_skp(kabid, s["tahun_kinerja"], ["Program bidang"])
    _, (staf_rhk,) = _own_skp(staf, s["tahun_kinerja"], ["Laporan staf"])
    sk.rhk_update(
        rhk_id=staf_rhk.pk,
        user=staf.user,
        jenis="utama",
        teks=staf_rhk.teks,
        indikator=indicator_rows(),
        rhk_atasan_id=bidang.pk,
    )

    url = f"/skp/{kepala_skp.pk}/pohon/"
    client.force_login(s["kepala"].user)
    page = client.get(url).content.decode()
    assert page.index("Mutu lulusan meningkat") < page.index("Nilai matematika naik")
    assert page.index("Nilai matematika naik") < page.index("Budaya literasi tumbuh")
    assert "Guru Satu" in page and "diajukan ke atasan" in page
    assert page.index("Belum terhubung") < page.index("Pojok baca kelas")
    assert "Guru Dua" in page
    assert "Laporan staf" not in page and "Staf Bidang" not in page
    assert url in client.get(f"/skp/{kepala_skp.pk}/").content.decode()  # linked from the SKP
    assert url in client.get("/skp/bawahan/").content.decode()  # and from "Bawahan Saya"

    # Only the atasan: the pegawai, the kepala's own atasan, an Admin OPD, another atasan: 404.
    admin = admin_opd_account(s["stranger"], opd)
    for user in (s["guru"].user, s["kadis"].user, admin, kabid.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(kabid.user)
    assert "Laporan staf" in client.get(f"/skp/{bidang.rencana_id}/pohon/").content.decode()


def test_the_tree_of_a_team_of_30_takes_bounded_queries(
    client, school, opd, django_assert_max_num_queries
):
    s = school
    kepala_skp, own = _own_skp(s["kepala"], s["tahun_kinerja"], ["RHK satu", "RHK dua"])
    from evaluasi.models import IndikatorKinerja, RencanaHasilKerja, RencanaKerja

    for n in range(30):
        guru = PegawaiFactory(unit_kerja=opd, atasan=s["kepala"], nama=f"Guru {n:02d}")
        rencana = RencanaKerja.objects.create(pegawai=guru, tahun_kinerja=s["tahun_kinerja"])
        for k in range(2):
            rhk = RencanaHasilKerja.objects.create(
                rencana=rencana, teks=f"RHK guru {n} {k}", rhk_atasan=own[k] if n % 3 else None
            )
            IndikatorKinerja.objects.create(rhk=rhk, teks="x", aspek="kuantitas", target_teks="y")
    client.force_login(s["kepala"].user)
    # The site's own queries (session, user, header, settings) and the tree's four.
    with django_assert_max_num_queries(18):
        page = client.get(f"/skp/{kepala_skp.pk}/pohon/").content.decode()
    assert "Guru 29" in page and "RHK guru 29 1" in page
