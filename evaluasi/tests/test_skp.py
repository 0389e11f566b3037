"""The SKP plan (services/skp.py, views/skp.py): drafting, submission, return for revision,
approval and the lock; templates and copying last year's plan."""

import pytest

from evaluasi.models import (
    RencanaKerja,
    RiwayatSKP,
)
from evaluasi.services import skp as sk
from evaluasi.tests.factories import TahunKinerjaFactory
from evaluasi.tests.skp_steps import draft_skp, indicator_rows


def test_submit_return_revise_approve_and_lock(client, school):
    s = school
    guru, kepala = s["guru"], s["kepala"]
    client.force_login(guru.user)
    client.post("/skp/", {"tahun_kinerja": s["tahun_kinerja"].pk})
    rencana = RencanaKerja.objects.get(pegawai=guru)
    url = f"/skp/{rencana.pk}/"
    ajukan = {"path": f"/skp/{rencana.pk}/ajukan/", "data": {"konfirmasi": "ya"}}
    client.post(**ajukan)
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
    client.post(**ajukan)
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
    client.post(**ajukan)
    client.force_login(kepala.user)
    client.post(url, {"aksi": "setujui"})
    rencana.refresh_from_db()
    assert rencana.status == "disetujui" and rencana.rhk.count() == 2

    with pytest.raises(sk.SkpRefused, match="terkunci"):
        sk.rhk_add(
            rencana_id=rencana.pk,
            user=guru.user,
            jenis="utama",
            teks="x",
            indikator=indicator_rows(),
        )
    with pytest.raises(sk.SkpRefused):
        sk.rhk_delete(rhk_id=rencana.rhk.first().pk, user=guru.user)
    assert list(RiwayatSKP.objects.filter(rencana=rencana).values_list("aksi", flat=True).order_by("pk")) == [
        "dibuat", "diajukan", "dikembalikan", "diajukan", "disetujui",
    ]  # fmt: skip


def test_templates_and_copy_from_last_year(school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
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
    later = TahunKinerjaFactory(tahun=2027)
    next_year = sk.skp_start(pegawai=guru, tahun_kinerja_id=later.pk, user=guru.user)
    assert sk.skp_copy_previous(rencana_id=next_year.pk, user=guru.user) == 3
    assert next_year.rhk.first().indikator.count() == rencana.rhk.first().indikator.count()


# --- Editing, deleting, submitting and withdrawing (issue "SKP that people can work with") ----


def _rhk_post(rhk, **changes):
    """The edit form's POST for `rhk` as stored, with `changes` applied (field name -> value)."""
    data = {"jenis": rhk.jenis, "teks": rhk.teks}
    for n, i in enumerate(rhk.indikator.order_by("pk")):
        data |= {
            f"ind{n}_teks": i.teks,
            f"ind{n}_aspek": i.aspek,
            f"ind{n}_target": "" if i.target_angka is None else str(i.target_angka),
            f"ind{n}_satuan": i.satuan,
            f"ind{n}_target_teks": i.target_teks,
        }
    return data | changes


def _returned(s, rencana, **catatan_rhk):
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    return sk.skp_return(
        rencana_id=rencana.pk, user=s["kepala"].user, catatan="Perbaiki.", catatan_rhk=catatan_rhk
    )


@pytest.mark.parametrize("returned", [False, True])
def test_owner_edits_an_rhk_and_its_indicators_keeping_ids(client, school, returned):
    s = school
    rencana = draft_skp(s)
    if returned:
        _returned(s, rencana)
    rhk = rencana.rhk.get(jenis="utama")
    kept = rhk.indikator.get()
    client.force_login(s["guru"].user)
    url = f"/skp/rhk/{rhk.pk}/ubah/"
    page = client.get(url).content.decode()
    assert 'value="Persentase siswa tuntas"' in page and "Hasil belajar meningkat" in page
    response = client.post(
        url,
        _rhk_post(
            rhk,
            teks="Hasil belajar matematika meningkat",
            ind0_target="90,5",
            ind1_teks="Nilai rata-rata",
            ind1_aspek="kualitas",
            ind1_target="80",
        ),
    )
    assert response.status_code == 302
    rhk.refresh_from_db()
    indikator = list(rhk.indikator.order_by("pk"))
    assert rhk.teks == "Hasil belajar matematika meningkat"
    assert indikator[0].pk == kept.pk and str(indikator[0].target_angka) == "90.50"
    assert [(i.teks, i.aspek) for i in indikator[1:]] == [("Nilai rata-rata", "kualitas")]
    # Removing an indicator: tick "hapus" on its row.
    client.post(url, _rhk_post(rhk, ind1_hapus="on"))
    assert list(rhk.indikator.values_list("pk", flat=True)) == [kept.pk]


def test_edit_keeps_input_and_shows_errors_next_to_fields(client, school):
    s = school
    rhk = draft_skp(s).rhk.get(jenis="utama")
    client.force_login(s["guru"].user)
    response = client.post(
        f"/skp/rhk/{rhk.pk}/ubah/", _rhk_post(rhk, teks="Rumusan baru", ind0_target="abc")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rumusan baru" in page and 'value="abc"' in page
    assert 'id="ind0_target-galat"' in page and "harus berupa bilangan" in page
    rhk.refresh_from_db()
    assert rhk.teks == "Hasil belajar meningkat"


def test_edit_refused_when_locked_or_not_owner(client, school):
    s = school
    rencana = draft_skp(s)
    rhk = rencana.rhk.get(jenis="utama")
    rows = [{"teks": "Baru", "aspek": "kuantitas", "target_angka": "1", "satuan": "x"}]

    def update(user):
        return sk.rhk_update(rhk_id=rhk.pk, user=user, jenis="utama", teks="Diubah", indikator=rows)

    for other in (s["kepala"], s["guru2"]):
        with pytest.raises(sk.SkpRefused, match="pemilik"):
            update(other.user)
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    with pytest.raises(sk.SkpRefused, match="terkunci"):
        update(s["guru"].user)
    client.force_login(s["guru"].user)
    response = client.post(f"/skp/rhk/{rhk.pk}/ubah/", _rhk_post(rhk, teks="Diubah"), follow=True)
    assert "terkunci" in response.content.decode()
    sk.skp_approve(rencana_id=rencana.pk, user=s["kepala"].user)
    with pytest.raises(sk.SkpRefused, match="terkunci"):
        update(s["guru"].user)
    client.force_login(s["kepala"].user)
    client.post(f"/skp/rhk/{rhk.pk}/ubah/", _rhk_post(rhk, teks="Diubah"))
    client.force_login(s["stranger"].user)
    assert client.get(f"/skp/rhk/{rhk.pk}/ubah/").status_code == 404
    rhk.refresh_from_db()
    assert rhk.teks == "Hasil belajar meningkat"


def test_update_refuses_an_indicator_of_another_rhk(school):
    s = school
    rencana = draft_skp(s)
    utama, tambahan = rencana.rhk.get(jenis="utama"), rencana.rhk.get(jenis="tambahan")
    foreign = tambahan.indikator.get()
    with pytest.raises(sk.SkpRefused, match="bukan milik RHK ini"):
        sk.rhk_update(
            rhk_id=utama.pk,
            user=s["guru"].user,
            jenis="utama",
            teks="x",
            indikator=[{"id": foreign.pk, "teks": "Curi", "aspek": "kuantitas", "target_angka": 1}],
        )
    with pytest.raises(sk.SkpRefused, match="belum memiliki target"):
        sk.rhk_update(
            rhk_id=utama.pk, user=s["guru"].user, jenis="utama", teks="x",
            indikator=[{"teks": "Tanpa target", "aspek": "kuantitas"}],
        )  # fmt: skip
    foreign.refresh_from_db()
    assert foreign.teks == "Jumlah berbagi"


def test_delete_needs_confirmation(client, school):
    s = school
    rencana = draft_skp(s)
    rhk = rencana.rhk.get(jenis="tambahan")
    client.force_login(s["guru"].user)
    client.post(f"/skp/{rencana.pk}/", {"aksi": "hapus_rhk", "rhk": rhk.pk})
    url = f"/skp/rhk/{rhk.pk}/hapus/"
    client.post(url)  # without the explicit confirmation
    assert rencana.rhk.filter(pk=rhk.pk).exists()
    page = client.get(url).content.decode()
    assert "Hapus RHK" in page and "Berbagi praktik baik" in page
    client.force_login(s["kepala"].user)
    client.post(url, {"konfirmasi": "ya"})
    assert rencana.rhk.filter(pk=rhk.pk).exists()
    client.force_login(s["guru"].user)
    assert client.post(url, {"konfirmasi": "ya"}).status_code == 302
    assert not rencana.rhk.filter(pk=rhk.pk).exists()


def test_submit_needs_confirmation_naming_the_atasan(client, school):
    s = school
    rencana = draft_skp(s)
    client.force_login(s["guru"].user)
    client.post(f"/skp/{rencana.pk}/", {"aksi": "ajukan"})
    url = f"/skp/{rencana.pk}/ajukan/"
    client.post(url)
    rencana.refresh_from_db()
    assert rencana.status == "draf"
    page = client.get(url).content.decode()
    assert "Kepala Sekolah" in page and "terkunci" in page
    client.post(url, {"konfirmasi": "ya"})
    rencana.refresh_from_db()
    assert rencana.status == "diajukan"


def test_withdraw_while_submitted_only_by_the_owner(client, school):
    s = school
    guru, kepala = s["guru"], s["kepala"]
    rencana = draft_skp(s)
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    with pytest.raises(sk.SkpRefused, match="pemilik"):
        sk.skp_withdraw(rencana_id=rencana.pk, user=kepala.user)
    client.force_login(guru.user)
    url = f"/skp/{rencana.pk}/"
    assert "Tarik pengajuan" in client.get(url).content.decode()
    client.post(url, {"aksi": "tarik"})
    rencana.refresh_from_db()
    assert rencana.status == "draf"
    assert rencana.riwayat.first().aksi == "pengajuan ditarik"
    response = client.post(url, {"aksi": "tarik"}, follow=True)  # a double click
    assert "tidak sedang diajukan" in response.content.decode()
    assert rencana.riwayat.filter(aksi="pengajuan ditarik").count() == 1

    _returned(s, rencana)
    with pytest.raises(sk.SkpRefused, match="dikembalikan"):
        sk.skp_withdraw(rencana_id=rencana.pk, user=guru.user)
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=kepala.user)
    with pytest.raises(sk.SkpRefused, match="disetujui"):
        sk.skp_withdraw(rencana_id=rencana.pk, user=guru.user)


def test_return_comments_per_rhk_shown_beside_each_rhk(client, school):
    s = school
    guru, kepala = s["guru"], s["kepala"]
    rencana = draft_skp(s)
    utama, tambahan = rencana.rhk.get(jenis="utama"), rencana.rhk.get(jenis="tambahan")
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    client.force_login(kepala.user)
    url = f"/skp/{rencana.pk}/"
    page = client.get(url).content.decode()
    assert f'name="catatan_rhk_{utama.pk}"' in page and f'name="catatan_rhk_{tambahan.pk}"' in page
    client.post(url, {"aksi": "kembalikan", "catatan": "", f"catatan_rhk_{utama.pk}": ""})
    rencana.refresh_from_db()
    assert rencana.status == "diajukan"  # one comment at least
    client.post(
        url,
        {
            "aksi": "kembalikan",
            "catatan": "",
            f"catatan_rhk_{utama.pk}": "Target 85 % terlalu rendah.",
        },
    )
    rencana.refresh_from_db()
    utama.refresh_from_db()
    assert rencana.status == "dikembalikan" and rencana.catatan_atasan == ""
    assert utama.catatan_atasan == "Target 85 % terlalu rendah."
    assert "Target 85 % terlalu rendah." in rencana.riwayat.first().catatan
    for user in (guru.user, kepala.user):
        client.force_login(user)
        page = client.get(url).content.decode()
        article = page[page.index(utama.teks) : page.index(tambahan.teks)]
        assert "Target 85 % terlalu rendah." in article
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    utama.refresh_from_db()
    assert utama.catatan_atasan == ""  # cleared on resubmission
    assert "Target 85 % terlalu rendah." in rencana.riwayat.get(aksi="dikembalikan").catatan


def test_return_refuses_a_comment_on_an_rhk_of_another_skp(school):
    s = school
    rencana = draft_skp(s)
    other = sk.skp_start(
        pegawai=s["guru2"], tahun_kinerja_id=s["tahun_kinerja"].pk, user=s["guru2"].user
    )
    foreign = sk.rhk_add(
        rencana_id=other.pk, user=s["guru2"].user, jenis="utama", teks="Lain",
        indikator=indicator_rows(),
    )  # fmt: skip
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    with pytest.raises(sk.SkpRefused, match="bukan bagian"):
        sk.skp_return(
            rencana_id=rencana.pk, user=s["kepala"].user, catatan="", catatan_rhk={foreign.pk: "x"}
        )
    with pytest.raises(sk.SkpRefused, match="catatan"):
        sk.skp_return(rencana_id=rencana.pk, user=s["kepala"].user, catatan=" ", catatan_rhk={})
    foreign.refresh_from_db()
    assert foreign.catatan_atasan == ""
