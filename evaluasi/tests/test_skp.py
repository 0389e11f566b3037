"""SKP workflow, evaluation, predikat, objections, the PDF and private evidence files."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from cms.accounts.services import account_for_pegawai
from cms.roles import ADMIN_OPD
from evaluasi.models import (
    EvaluasiKinerja,
    LingkupAdmin,
    PeriodePenilaian,
    RencanaKerja,
    RiwayatSKP,
    StatusEvaluasi,
)
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.tests.factories import PegawaiFactory


@pytest.fixture
def school(opd, periode):
    """Kepala dinas → kepala sekolah → two teachers; plus an unrelated pegawai."""
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    kadis = PegawaiFactory(unit_kerja=opd, nama="Kepala Dinas")
    kepala = PegawaiFactory(unit_kerja=opd, atasan=kadis, nama="Kepala Sekolah")
    guru = PegawaiFactory(
        unit_kerja=opd, atasan=kepala, nama="Guru Satu", jabatan="Guru Matematika"
    )
    guru2 = PegawaiFactory(unit_kerja=opd, atasan=kepala, nama="Guru Dua")
    stranger = PegawaiFactory(unit_kerja=opd, nama="Orang Lain")
    for p in (kadis, kepala, guru, guru2, stranger):
        account_for_pegawai(p)
        p.refresh_from_db()
    return {
        "kadis": kadis,
        "kepala": kepala,
        "guru": guru,
        "guru2": guru2,
        "stranger": stranger,
        "periode": periode,
    }


def _indikator(teks="Persentase siswa tuntas", target="85", satuan="%"):
    return [{"teks": teks, "aspek": "kuantitas", "target_angka": target, "satuan": satuan}]


def _approved_skp(s):
    guru, kepala = s["guru"], s["kepala"]
    rencana = sk.skp_start(pegawai=guru, periode_id=s["periode"].pk, user=guru.user)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Hasil belajar meningkat",
        indikator=_indikator(),
    )
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="tambahan",
        teks="Berbagi praktik baik",
        indikator=_indikator("Jumlah berbagi", "2", "kali"),
    )
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=kepala.user)
    return rencana


def test_submit_return_revise_approve_and_lock(client, school):
    s = school
    guru, kepala = s["guru"], s["kepala"]
    client.force_login(guru.user)
    client.post("/skp/", {"periode": s["periode"].pk})
    rencana = RencanaKerja.objects.get(pegawai=guru)
    url = f"/skp/{rencana.pk}/"
    client.post(url, {"aksi": "ajukan"})
    rencana.refresh_from_db()
    assert rencana.status == "draf"  # no RHK utama yet
    client.post(
        url,
        {
            "aksi": "tambah_rhk",
            "jenis": "utama",
            "teks": "Hasil belajar meningkat",
            "ind0_teks": "Siswa tuntas",
            "ind0_aspek": "kuantitas",
            "ind0_target": "85",
            "ind0_satuan": "%",
        },
    )
    client.post(url, {"aksi": "ajukan"})
    rencana.refresh_from_db()
    assert rencana.status == "diajukan" and rencana.pejabat_penilai == kepala

    for outsider in (s["guru2"], s["stranger"]):
        client.force_login(outsider.user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"aksi": "setujui"}).status_code == 404
    with pytest.raises(sk.SkpRefused):
        sk.skp_approve(
            rencana_id=rencana.pk, user=s["kadis"].user
        )  # the atasan's atasan is not the penilai

    client.force_login(kepala.user)
    assert "Guru Satu" in client.get("/skp/bawahan/").content.decode()
    client.post(url, {"aksi": "kembalikan", "catatan": ""})
    assert RencanaKerja.objects.get(pk=rencana.pk).status == "diajukan"  # a comment is required
    client.post(url, {"aksi": "kembalikan", "catatan": "Tambahkan RHK tambahan."})
    rencana.refresh_from_db()
    assert rencana.status == "dikembalikan"

    client.force_login(guru.user)
    assert "Tambahkan RHK tambahan." in client.get(url).content.decode()
    client.post(
        url,
        {
            "aksi": "tambah_rhk",
            "jenis": "tambahan",
            "teks": "Berbagi praktik baik",
            "ind0_teks": "Jumlah",
            "ind0_aspek": "kuantitas",
            "ind0_target": "2",
            "ind0_satuan": "kali",
        },
    )
    client.post(url, {"aksi": "ajukan"})
    client.force_login(kepala.user)
    client.post(url, {"aksi": "setujui"})
    rencana.refresh_from_db()
    assert rencana.status == "disetujui" and rencana.rhk.count() == 2

    with pytest.raises(sk.SkpRefused, match="terkunci"):
        sk.rhk_add(
            rencana_id=rencana.pk, user=guru.user, jenis="utama", teks="x", indikator=_indikator()
        )
    with pytest.raises(sk.SkpRefused):
        sk.rhk_delete(rhk_id=rencana.rhk.first().pk, user=guru.user)
    assert list(RiwayatSKP.objects.filter(rencana=rencana).values_list("aksi", flat=True).order_by("pk")) == [
        "dibuat", "diajukan", "dikembalikan", "diajukan", "disetujui",
    ]  # fmt: skip


def test_templates_and_copy_from_last_year(school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, periode_id=s["periode"].pk, user=guru.user)
    assert (
        sk.skp_approach_set(
            rencana_id=rencana.pk, user=guru.user, pendekatan="kualitatif"
        ).pendekatan
        == "kualitatif"
    )
    with pytest.raises(sk.SkpRefused):
        sk.skp_approach_set(rencana_id=rencana.pk, user=s["kepala"].user, pendekatan="kuantitatif")
    assert sk.skp_apply_template(rencana_id=rencana.pk, user=guru.user, slug="guru") == 3
    assert "hasil belajar" in rencana.rhk.first().teks
    with pytest.raises(sk.SkpRefused, match="tahun sebelumnya"):
        sk.skp_copy_previous(rencana_id=rencana.pk, user=guru.user)
    later = PeriodePenilaian.objects.create(
        nama="2027", tahun=2027, instrumen=s["periode"].instrumen,
        dibuka_pada=timezone.now(), ditutup_pada=timezone.now() + timedelta(days=5),
    )  # fmt: skip
    next_year = sk.skp_start(pegawai=guru, periode_id=later.pk, user=guru.user)
    assert sk.skp_copy_previous(rencana_id=next_year.pk, user=guru.user) == 3
    assert next_year.rhk.first().indikator.count() == rencana.rhk.first().indikator.count()


def _decide(evaluasi, user, capaian, perilaku="sesuai", hasil=None, perilaku_overall=None):
    rhks = list(evaluasi.rencana.rhk.order_by("pk"))
    return ev.evaluation_decide(
        evaluasi_id=evaluasi.pk,
        user=user,
        capaian={rhk.pk: (c, "Bagus") for rhk, c in zip(rhks, capaian, strict=True)},
        perilaku=dict.fromkeys(ev.BERAKHLAK, perilaku),
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku_overall or perilaku,
    )


def test_evaluation_predikat_objection_and_resolution(client, school):
    s = school
    guru, kepala, kadis = s["guru"], s["kepala"], s["kadis"]
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=guru.user
    )
    with pytest.raises(sk.SkpRefused, match="terisi 0 dari 2"):
        ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=guru.user)
    client.force_login(guru.user)
    indicators = [i for rhk in rencana.rhk.order_by("pk") for i in rhk.indikator.all()]
    client.post(
        f"/skp/evaluasi/{evaluasi.pk}/",
        {
            "aksi": "realisasi",
            "ajukan": "1",
            f"angka_{indicators[0].pk}": "90,5",
            f"angka_{indicators[1].pk}": "3",
        },
    )
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DIAJUKAN

    with pytest.raises(sk.SkpRefused, match="pejabat penilai"):
        _decide(evaluasi, kadis.user, ["di_atas", "di_atas"], hasil="di_atas")
    _decide(evaluasi, kepala.user, ["di_atas", "di_atas"], perilaku="di_atas", hasil="di_atas")
    evaluasi.refresh_from_db()
    assert (evaluasi.saran_hasil_kerja, evaluasi.predikat) == ("di_atas", "sangat_baik")
    assert evaluasi.diputuskan_oleh == kepala.user

    pdf = client.get(f"/skp/evaluasi/{evaluasi.pk}/dokumen/")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text and guru.nip in text and kepala.nip in text
    assert (
        "90,5 %" in text
        and "85 %" in text
        and "Sangat Baik" in text
        and "Hasil belajar meningkat" in text
    )

    ev.objection_file(
        evaluasi_id=evaluasi.pk, user=guru.user, alasan="Realisasi semester dua belum dihitung."
    )
    with pytest.raises(sk.SkpRefused, match="atasan pejabat penilai"):
        ev.objection_resolve(
            evaluasi_id=evaluasi.pk, user=kepala.user, dikabulkan=False, keputusan="x"
        )
    with pytest.raises(sk.SkpRefused, match="atasan pejabat penilai"):
        ev.objection_resolve(
            evaluasi_id=evaluasi.pk, user=s["stranger"].user, dikabulkan=False, keputusan="x"
        )
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=kadis.user, dikabulkan=True, keputusan="Dihitung ulang.",
        rating_hasil_kerja="di_atas", rating_perilaku="sesuai",
    )  # fmt: skip
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat) == ("final", "baik")
    assert evaluasi.keberatan.predikat_sebelum == "sangat_baik"
    assert RiwayatSKP.objects.filter(evaluasi=evaluasi, aksi="keberatan dikabulkan").exists()


@pytest.mark.parametrize(
    ("capaian", "hasil", "perilaku", "predikat"),
    [
        (["di_bawah", "sesuai"], "di_bawah", "sesuai", "butuh_perbaikan"),
        (["sesuai", "sesuai"], "sesuai", "di_bawah", "kurang"),
    ],
)
def test_decision_stores_the_matrix_predikat(school, capaian, hasil, perilaku, predikat):
    s = school
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    _decide(evaluasi, s["kepala"].user, capaian, perilaku=perilaku, hasil=hasil)
    evaluasi.refresh_from_db()
    assert evaluasi.predikat == predikat


def test_objection_window_and_admin_opd_resolution(school, opd):
    s = school
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    _decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    evaluasi.refresh_from_db()
    late = evaluasi.diputuskan_pada + timedelta(days=15)
    with pytest.raises(sk.SkpRefused, match="sudah lewat"):
        ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="x", now=late)
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Tidak sesuai.")
    admin = account_for_pegawai(s["stranger"])
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=admin, dikabulkan=False, keputusan="Sesuai bukti."
    )
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat, evaluasi.keberatan.status) == (
        "final",
        "baik",
        "ditolak",
    )


def _started_evaluation(s):
    """The guru's evaluation on an approved SKP, and its first indicator."""
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    return evaluasi, rencana.rhk.order_by("pk").first().indikator.first()


def _save_evidence(s, evaluasi, indikator, berkas, angka="1"):
    """The guru saves a realisation with an evidence file."""
    return ev.realisasi_save(
        evaluasi_id=evaluasi.pk,
        user=s["guru"].user,
        indikator_id=indikator.pk,
        angka=angka,
        berkas=berkas,
    )


def test_evidence_files_are_private_checked_and_served_only_to_those_allowed(
    client, school, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    s = school
    evaluasi, indikator = _started_evaluation(s)
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(sk.SkpRefused, match="tidak sesuai"):
        _save_evidence(s, evaluasi, indikator, fake)
    exe = SimpleUploadedFile("bukti.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(sk.SkpRefused, match="PDF"):
        _save_evidence(s, evaluasi, indikator, exe)
    real = SimpleUploadedFile("rapor.pdf", b"%PDF-1.4 rapor", content_type="application/pdf")
    row = _save_evidence(s, evaluasi, indikator, real, angka="88")
    assert str(settings.PRIVATE_MEDIA_ROOT) in row.bukti_berkas.path
    assert not (tmp_path / "media").exists()

    url = f"/skp/evaluasi/{evaluasi.pk}/bukti/{indikator.pk}/"
    for allowed in (s["guru"], s["kepala"], s["kadis"]):
        client.force_login(allowed.user)
        assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 rapor"
    for denied in (s["guru2"], s["stranger"]):
        client.force_login(denied.user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_suggestions_from_realisasi_and_from_the_360(school):
    """RHK suggestions from realisasi; perilaku suggestions from the stored results of the year's
    latest *published* 360 period only (results gate: nothing while it is open)."""
    from evaluasi.models import Penugasan, Pernyataan
    from evaluasi.selectors.skp import decision_suggestions
    from evaluasi.services.aggregation import aggregate
    from evaluasi.services.answers import assignment_submit

    s = school
    guru, periode = s["guru"], s["periode"]
    survey = PeriodePenilaian.objects.create(
        nama="360 semester 1", tahun=periode.tahun, instrumen=periode.instrumen,
        dibuka_pada=periode.dibuka_pada, ditutup_pada=periode.ditutup_pada, status="dibuka",
    )  # fmt: skip
    raters = [(guru, "diri", 1), (s["kepala"], "atasan", 5)] + [
        (PegawaiFactory(unit_kerja=guru.unit_kerja, atasan=s["kepala"]), "rekan", 4)
        for _ in range(3)
    ]
    for rater, relation, value in raters:
        tugas = Penugasan.objects.create(
            periode=survey, penilai=rater, dinilai=guru, hubungan=relation
        )
        statements = Pernyataan.objects.filter(
            aspek__instrumen=periode.instrumen, **{f"untuk_{relation}": True}
        )
        assignment_submit(
            penugasan_id=tugas.pk,
            pegawai_id=rater.pk,
            data={f"p_{x.pk}": str(value) for x in statements},
        )
    aggregate(periode_id=survey.pk)
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(rencana_id=rencana.pk, periode_id=periode.pk, user=guru.user)
    first, second = [rhk.indikator.first() for rhk in rencana.rhk.order_by("pk")]
    ev.realisasi_save(
        evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=first.pk, angka="90"
    )  # > 85
    ev.realisasi_save(
        evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=second.pk, angka="1"
    )  # < 2

    per_rhk, per_value = decision_suggestions(evaluasi)
    assert per_rhk == {first.rhk_id: "di_atas", second.rhk_id: "di_bawah"}
    assert per_value == {}  # the 360 period is open: its results are not readable yet
    PeriodePenilaian.objects.filter(pk=survey.pk).update(status="dipublikasikan")
    per_rhk, per_value = decision_suggestions(evaluasi)
    # Others only: atasan 5 (1 rater) and rekan 4 (3 raters) -> 4.25; the self-rating of 1 is ignored.
    assert set(per_value) == set(ev.BERAKHLAK)
    assert set(per_value.values()) == {(4.25, "di_atas")}


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
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    _decide(evaluasi, s["kepala"].user, ["di_atas", "di_atas"], perilaku="di_atas", hasil="di_atas")
    EvaluasiKinerja.objects.create(
        rencana=RencanaKerja.objects.create(pegawai=outsider, periode=s["periode"], status="disetujui"),
        periode=s["periode"], predikat="sangat_kurang",
    )  # fmt: skip

    admin = account_for_pegawai(s["stranger"])
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
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


def test_awards_ranked_selected_by_admin_bkd_only_and_published_without_scores(
    client, school, home_page
):
    from cms.roles import ADMIN_BKD
    from evaluasi.models import AsnBerprestasiPage, Penghargaan

    s = school
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    _decide(evaluasi, s["kepala"].user, ["di_atas", "sesuai"], perilaku="di_atas", hasil="di_atas")
    guru2_plan = RencanaKerja.objects.create(
        pegawai=s["guru2"], periode=s["periode"], status="disetujui"
    )
    EvaluasiKinerja.objects.create(
        rencana=guru2_plan, periode=s["periode"], predikat="baik", rating_hasil_kerja="sesuai"
    )

    opd_admin = account_for_pegawai(s["stranger"])
    opd_admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=opd_admin, unit_kerja=s["guru"].unit_kerja)
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
    public = AsnBerprestasiPage.objects.get()
    assert (
        "Menaikkan ketuntasan" not in client.get(public.url).content.decode()
    )  # not yet published
    client.post(url, {"aksi": "publikasikan", "penghargaan": award.pk})
    client.logout()
    html = client.get(public.url).content.decode()
    assert "Menaikkan ketuntasan belajar." in html and "Guru Satu" in html
    for secret in ("Sangat Baik", "ekspektasi", "predikat", "skor"):
        assert secret not in html.split('id="konten"')[1].split("site-footer")[0]


def test_bulk_documents_zip_is_a_background_job_scoped_to_the_subtree(
    client, school, opd, settings, tmp_path
):
    import zipfile

    from evaluasi.models import EksporDokumen, JenisUnit, UnitKerja

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    s = school
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    EvaluasiKinerja.objects.filter(pk=evaluasi.pk).update(status="diajukan")
    _decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    other = UnitKerja.objects.create(
        kode="LAIN", nama="Dinas Lain", jenis=JenisUnit.OPD, induk=opd.induk
    )
    outsider = PegawaiFactory(unit_kerja=other)
    EvaluasiKinerja.objects.create(
        rencana=RencanaKerja.objects.create(pegawai=outsider, periode=s["periode"], status="disetujui"),
        periode=s["periode"], predikat="baik",
    )  # fmt: skip

    admin = account_for_pegawai(s["stranger"])
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
    client.force_login(admin)
    client.post(f"/admin/penilaian/periode/{s['periode'].pk}/distribusi/", {"aksi": "ekspor"})
    ekspor = EksporDokumen.objects.get()
    assert (ekspor.status, ekspor.jumlah, ekspor.selesai_jumlah) == ("selesai", 1, 1)
    response = client.get(f"/admin/penilaian/periode/{s['periode'].pk}/ekspor/{ekspor.pk}/")
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"evaluasi-kinerja-{s['guru'].nip}.pdf"]
    text = PdfReader(BytesIO(archive.read(archive.namelist()[0]))).pages[0].extract_text()
    assert "Baik" in text and s["guru"].nip in text

    elsewhere = account_for_pegawai(outsider)
    elsewhere.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=elsewhere, unit_kerja=other)
    client.force_login(elsewhere)
    assert (
        client.get(f"/admin/penilaian/periode/{s['periode'].pk}/ekspor/{ekspor.pk}/").status_code
        == 404
    )


def test_no_skp_for_a_published_period_and_a_bad_file_saves_no_row(
    client, school, settings, tmp_path
):
    from evaluasi.models import RealisasiIndikator

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    s = school
    rencana = _approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=s["periode"].pk, user=s["guru"].user
    )
    first, second = [rhk.indikator.first() for rhk in rencana.rhk.order_by("pk")]
    client.force_login(s["guru"].user)
    bad = SimpleUploadedFile("bukti.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(
        f"/skp/evaluasi/{evaluasi.pk}/",
        {
            "aksi": "realisasi",
            f"angka_{first.pk}": "90",
            f"angka_{second.pk}": "3",
            f"berkas_{second.pk}": bad,
        },
        follow=True,
    )
    assert "tidak sesuai dengan ekstensinya" in response.content.decode()
    assert not RealisasiIndikator.objects.filter(
        evaluasi=evaluasi
    ).exists()  # first row rolled back too

    PeriodePenilaian.objects.filter(pk=s["periode"].pk).update(status="dipublikasikan")
    client.force_login(s["guru2"].user)
    client.post("/skp/", {"periode": s["periode"].pk})
    assert not RencanaKerja.objects.filter(pegawai=s["guru2"]).exists()


def test_an_oversized_evidence_file_is_refused_and_nothing_is_written(school, settings, tmp_path):
    from evaluasi.services.evaluations import MAX_BUKTI_BYTES

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    s = school
    evaluasi, indikator = _started_evaluation(s)
    big = SimpleUploadedFile(
        "besar.pdf", b"%PDF-1.4" + b"0" * MAX_BUKTI_BYTES, content_type="application/pdf"
    )
    with pytest.raises(sk.SkpRefused, match="5 MB"):
        _save_evidence(s, evaluasi, indikator, big)
    assert not evaluasi.realisasi.exists()
    assert not (tmp_path / "private").exists() or not any((tmp_path / "private").rglob("*.pdf"))
