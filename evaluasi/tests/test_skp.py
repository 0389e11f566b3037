"""The SKP plan (services/skp.py, views/skp.py): drafting, submission, return for revision,
approval and the lock; templates and copying last year's plan."""

import pytest

from evaluasi.models import (
    RencanaKerja,
    RiwayatSKP,
)
from evaluasi.services import skp as sk
from evaluasi.tests.factories import PeriodePenilaianFactory
from evaluasi.tests.skp_steps import indicator_rows


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
    later = PeriodePenilaianFactory(nama="2027", tahun=2027, instrumen=s["periode"].instrumen)
    next_year = sk.skp_start(pegawai=guru, periode_id=later.pk, user=guru.user)
    assert sk.skp_copy_previous(rencana_id=next_year.pk, user=guru.user) == 3
    assert next_year.rhk.first().indikator.count() == rencana.rhk.first().indikator.count()
