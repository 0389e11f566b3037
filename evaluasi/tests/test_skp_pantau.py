"""Monitoring an approved SKP (services/skp_pantau.py, views/skp_pantau.py; docs/skp.md,
"Pemantauan"; PermenPANRB 6/2022: pemantauan kinerja, umpan balik berkelanjutan, dialog kinerja):
progress by the owner only, evidence links and files, the feedback thread by both sides each
telling exactly the other, dialog notes by the atasan telling the pegawai, 404 for everyone else,
and a bounded number of queries on the SKP page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cms.notifications import Pemberitahuan
from evaluasi.models import (
    CatatanProgres,
    DialogKinerja,
    RencanaHasilKerja,
    RencanaKerja,
    UmpanBalikBerkelanjutan,
)
from evaluasi.services import skp as sk
from evaluasi.services import skp_pantau as sp
from evaluasi.tests.properties import DATE, TEXT, URL, db_examples, of
from evaluasi.tests.skp_steps import approved_skp, draft_skp, indicator_rows

PDF = b"%PDF-1.4 foto kegiatan"


@pytest.fixture
def world(skp_world, settings, tmp_path):
    """The shared `skp_world` (evaluasi/tests/conftest.py), with evidence in a private root of this
    test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return skp_world


def _told(**filters) -> set:
    return set(Pemberitahuan.objects.filter(**filters).values_list("penerima_id", flat=True))


def _first_rhk(rencana) -> RencanaHasilKerja:
    return rencana.rhk.order_by("pk").first()


def _pdf(name="foto.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- progress ---------------------------------------------------------------------------------


def test_progress_is_recorded_by_the_owner_only_and_only_on_an_approved_skp(client, world):
    s = world
    draft = draft_skp(s)
    with pytest.raises(sp.MonitoringRefused, match="setelah SKP disetujui"):
        sp.progress_add(rhk_id=_first_rhk(draft).pk, user=s["guru"].user, teks="Sudah mulai")
    draft.delete()

    rencana = approved_skp(s)
    rhk = _first_rhk(rencana)
    before = Pemberitahuan.objects.count()
    row = sp.progress_add(rhk_id=rhk.pk, user=s["guru"].user, teks="  Remedial kelas X-2 selesai ")
    assert (row.teks, row.oleh, row.rhk) == ("Remedial kelas X-2 selesai", s["guru"].user, rhk)
    assert Pemberitahuan.objects.count() == before  # progress tells nobody
    for other in ("kepala", "kadis", "guru2", "admin_opd"):
        with pytest.raises(sp.MonitoringRefused, match="pemilik SKP"):
            sp.progress_add(rhk_id=rhk.pk, user=s[other].user, teks="Bukan saya")
    with pytest.raises(sp.MonitoringRefused, match="wajib diisi"):
        sp.progress_add(rhk_id=rhk.pk, user=s["guru"].user, teks="   ")

    url = f"/skp/rhk/{rhk.pk}/pantau/"
    client.force_login(s["guru"].user)
    response = client.post(url, {"aksi": "progres", "teks": "Ulangan harian 1 dinilai"})
    assert response.status_code == 302 and response["Location"].startswith(url)
    page = client.get(url).content.decode()
    assert "Ulangan harian 1 dinilai" in page and "Remedial kelas X-2 selesai" in page

    client.force_login(s["kepala"].user)
    response = client.post(url, {"aksi": "progres", "teks": "Ditulis atasan"}, follow=True)
    assert "Hanya pemilik SKP yang dapat mencatat progres." in response.content.decode()
    assert not CatatanProgres.objects.filter(teks="Ditulis atasan").exists()
    assert 'name="aksi" value="progres"' not in client.get(url).content.decode()


def test_progress_evidence_links_are_http_and_files_are_checked_private_and_scoped(client, world):
    s = world
    rencana = approved_skp(s)
    rhk = _first_rhk(rencana)
    guru = s["guru"].user
    with pytest.raises(sp.MonitoringRefused, match="http"):
        sp.progress_add(rhk_id=rhk.pk, user=guru, teks="x", tautan="javascript:alert(1)")
    with pytest.raises(sp.MonitoringRefused, match="tidak sesuai"):
        sp.progress_add(rhk_id=rhk.pk, user=guru, teks="x", berkas=_pdf(content=b"MZ exe"))
    with pytest.raises(sp.MonitoringRefused, match="PDF"):
        sp.progress_add(rhk_id=rhk.pk, user=guru, teks="x", berkas=_pdf("alat.exe", b"MZ"))
    assert not CatatanProgres.objects.exists()

    # The form: a bad link and a bad file are messages next to their fields, the text is kept.
    url = f"/skp/rhk/{rhk.pk}/pantau/"
    client.force_login(guru)
    page = client.post(
        url,
        {
            "aksi": "progres",
            "teks": "Teks yang tetap ada",
            "tautan": "javascript:alert(1)",
            "berkas": _pdf(content=b"MZ exe"),
        },
    ).content.decode()
    assert "Tautan harus diawali http:// atau https://." in page
    assert "Isi berkas tidak sesuai dengan ekstensinya." in page
    assert "Teks yang tetap ada" in page and not CatatanProgres.objects.exists()

    client.post(
        url,
        {
            "aksi": "progres",
            "teks": "Foto kegiatan",
            "tautan": "https://drive.example.id/foto",
            "berkas": _pdf(),
        },
    )
    row = CatatanProgres.objects.get()
    assert row.tautan == "https://drive.example.id/foto"
    assert row.berkas.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not settings.MEDIA_ROOT.exists()
    page = client.get(url).content.decode()
    bukti = f"/skp/progres/{row.pk}/bukti/"
    assert 'href="https://drive.example.id/foto"' in page and bukti in page

    for allowed in ("guru", "kepala", "kadis", "admin_opd"):
        client.force_login(s[allowed].user)
        assert b"".join(client.get(bukti).streaming_content) == PDF, allowed
    client.force_login(s["bkd_user"])
    assert b"".join(client.get(bukti).streaming_content) == PDF
    for denied in ("guru2", "stranger", "admin_opd_luar"):
        client.force_login(s[denied].user)
        assert client.get(bukti).status_code == 404, denied
    client.logout()
    assert client.get(bukti).status_code == 302

    # A link stored before the rule (or by another route) is shown as text, never as a link.
    CatatanProgres.objects.filter(pk=row.pk).update(tautan="javascript:alert(1)")
    client.force_login(s["kepala"].user)
    for page_url in (url, f"/skp/{rencana.pk}/"):
        page = client.get(page_url).content.decode()
        assert 'href="javascript:' not in page and "javascript:alert(1)" in page


# --- umpan balik berkelanjutan ----------------------------------------------------------------


def test_thread_messages_by_both_sides_each_telling_exactly_the_other(client, world):
    s = world
    rencana = approved_skp(s)
    rhk = _first_rhk(rencana)
    guru, kepala = s["guru"].user, s["kepala"].user
    Pemberitahuan.objects.all().delete()  # the approval's

    pesan = sp.feedback_post(rhk_id=rhk.pk, user=guru, teks="Bu, remedial sudah saya jalankan.")
    assert _told() == {kepala.pk}
    row = Pemberitahuan.objects.get()
    assert row.tautan == f"/skp/rhk/{rhk.pk}/pantau/#pesan-{pesan.pk}"
    assert "remedial sudah saya jalankan" in row.teks
    Pemberitahuan.objects.all().delete()

    sp.feedback_post(rhk_id=rhk.pk, user=kepala, teks="Bagus. Tambahkan analisis butir soal.")
    assert _told() == {guru.pk}
    Pemberitahuan.objects.all().delete()

    # The penilai's atasan and the admins read, but do not write; outsiders neither.
    for other in ("kadis", "guru2", "stranger", "admin_opd", "admin_opd_luar"):
        with pytest.raises(sp.MonitoringRefused, match="pegawai dan pejabat penilainya"):
            sp.feedback_post(rhk_id=rhk.pk, user=s[other].user, teks="Ikut bicara")
    with pytest.raises(sp.MonitoringRefused):
        sp.feedback_post(rhk_id=rhk.pk, user=s["bkd_user"], teks="Ikut bicara")
    assert not Pemberitahuan.objects.exists()

    # Through the pages: the atasan answers from the SKP page's form; newest last, dated, in WIB.
    url = f"/skp/rhk/{rhk.pk}/pantau/"
    client.force_login(kepala)
    response = client.post(url, {"aksi": "pesan", "teks": "Kirim juga rekap nilainya."})
    assert response.status_code == 302
    assert _told() == {guru.pk}
    client.force_login(guru)
    page = client.get(f"/skp/{rencana.pk}/").content.decode()
    first = page.index("remedial sudah saya jalankan")
    second = page.index("Tambahkan analisis butir soal")
    third = page.index("Kirim juga rekap nilainya")
    assert first < second < third
    assert "WIB" in page and "Pejabat penilai" in page
    client.post(url, {"aksi": "pesan", "teks": ""})
    assert UmpanBalikBerkelanjutan.objects.count() == 3

    client.force_login(s["kadis"].user)
    page = client.get(url).content.decode()
    assert "Kirim juga rekap nilainya" in page and 'value="pesan"' not in page
    client.post(url, {"aksi": "pesan", "teks": "Dari kadis"})
    assert UmpanBalikBerkelanjutan.objects.count() == 3


def test_thread_needs_an_approved_skp(world):
    s = world
    rencana = draft_skp(s)
    with pytest.raises(sp.MonitoringRefused, match="setelah SKP disetujui"):
        sp.feedback_post(rhk_id=_first_rhk(rencana).pk, user=s["guru"].user, teks="Halo")
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    with pytest.raises(sp.MonitoringRefused, match="setelah SKP disetujui"):
        sp.feedback_post(rhk_id=_first_rhk(rencana).pk, user=s["kepala"].user, teks="Halo")
    assert not UmpanBalikBerkelanjutan.objects.exists() and not _told(judul__contains="Umpan")


# --- dialog kinerja ----------------------------------------------------------------------------


def test_dialog_notes_by_the_atasan_only_visible_to_both_telling_the_pegawai(client, world):
    s = world
    rencana = approved_skp(s)
    guru, kepala = s["guru"].user, s["kepala"].user
    today = timezone.localdate()
    for other in ("guru", "kadis", "guru2", "admin_opd"):
        with pytest.raises(sp.MonitoringRefused, match="pejabat penilai"):
            sp.dialog_record(
                rencana_id=rencana.pk,
                user=s[other].user,
                tanggal=today,
                topik="t",
                tindak_lanjut="a",
            )
    with pytest.raises(sp.MonitoringRefused, match="setelah hari ini"):
        sp.dialog_record(
            rencana_id=rencana.pk,
            user=kepala,
            tanggal=today + timedelta(days=1),
            topik="t",
            tindak_lanjut="a",
        )
    with pytest.raises(sp.MonitoringRefused, match="paling awal 1 Januari"):
        sp.dialog_record(
            rencana_id=rencana.pk,
            user=kepala,
            tanggal=today.replace(year=today.year - 1),
            topik="t",
            tindak_lanjut="a",
        )
    Pemberitahuan.objects.all().delete()

    url = f"/skp/{rencana.pk}/dialog/"
    client.force_login(kepala)
    page = client.post(
        url,
        {
            "tanggal": (today + timedelta(days=3)).isoformat(),
            "topik": "Topik yang tetap ada",
            "tindak_lanjut": "",
        },
    ).content.decode()
    assert "Tanggal dialog tidak boleh setelah hari ini." in page
    assert "Tindak lanjut yang disepakati wajib diisi." in page
    assert "Topik yang tetap ada" in page and not DialogKinerja.objects.exists()

    response = client.post(
        url,
        {
            "tanggal": today.isoformat(),
            "topik": "Capaian ketuntasan triwulan I",
            "tindak_lanjut": "Remedial tiap Jumat; cek kembali akhir April.",
        },
    )
    assert response.status_code == 302
    dialog = DialogKinerja.objects.get()
    assert (dialog.dicatat_oleh, dialog.tanggal) == (kepala, today)
    assert _told() == {guru.pk}
    told = Pemberitahuan.objects.get()
    assert told.tautan == url and "Remedial tiap Jumat" in told.teks

    for reader in ("guru", "kepala", "kadis", "admin_opd"):
        client.force_login(s[reader].user)
        for page_url in (url, f"/skp/{rencana.pk}/"):
            page = client.get(page_url).content.decode()
            assert "Capaian ketuntasan triwulan I" in page, (reader, page_url)
            assert "Remedial tiap Jumat" in page

    client.force_login(guru)
    assert 'name="tindak_lanjut"' not in client.get(url).content.decode()
    client.post(url, {"tanggal": today.isoformat(), "topik": "x", "tindak_lanjut": "y"})
    assert DialogKinerja.objects.count() == 1


# --- who sees ----------------------------------------------------------------------------------


def test_everyone_else_gets_404_on_every_monitoring_page(client, world):
    s = world
    rencana = approved_skp(s)
    rhk = _first_rhk(rencana)
    progres = sp.progress_add(rhk_id=rhk.pk, user=s["guru"].user, teks="x", berkas=_pdf())
    urls = (
        f"/skp/rhk/{rhk.pk}/pantau/",
        f"/skp/{rencana.pk}/dialog/",
        f"/skp/progres/{progres.pk}/bukti/",
    )
    for outsider in ("guru2", "stranger", "admin_opd_luar"):
        client.force_login(s[outsider].user)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
        assert client.post(urls[0], {"aksi": "pesan", "teks": "x"}).status_code == 404
        assert (
            client.post(
                urls[1],
                {"tanggal": timezone.localdate().isoformat(), "topik": "x", "tindak_lanjut": "y"},
            ).status_code
            == 404
        )
    assert UmpanBalikBerkelanjutan.objects.count() == 0 and DialogKinerja.objects.count() == 0
    for unknown in ("/skp/rhk/999999/pantau/", "/skp/999999/dialog/", "/skp/progres/999999/bukti/"):
        client.force_login(s["guru"].user)
        assert client.get(unknown).status_code == 404


def test_a_draft_skp_shows_no_monitoring_forms(client, world):
    s = world
    rencana = draft_skp(s)
    client.force_login(s["guru"].user)
    page = client.get(f"/skp/rhk/{_first_rhk(rencana).pk}/pantau/").content.decode()
    assert "setelah SKP disetujui" in page and 'value="progres"' not in page
    assert "Pemantauan kinerja" not in client.get(f"/skp/{rencana.pk}/").content.decode()


# --- bounded queries ---------------------------------------------------------------------------


def _threads(s, rencana, rhks: int, messages: int):
    guru, kepala = s["guru"].user, s["kepala"].user
    RencanaHasilKerja.objects.filter(rencana=rencana).delete()
    for n in range(rhks):
        rhk = RencanaHasilKerja.objects.create(rencana=rencana, jenis="utama", teks=f"RHK {n}")
        rows = indicator_rows()
        rhk.indikator.create(teks=rows[0]["teks"], aspek="kuantitas", target_angka=85, satuan="%")
        for m in range(messages):
            UmpanBalikBerkelanjutan.objects.create(
                rhk=rhk, penulis=guru if m % 2 else kepala, teks=f"Pesan {n}.{m}"
            )
            CatatanProgres.objects.create(rhk=rhk, oleh=guru, teks=f"Progres {n}.{m}")
    DialogKinerja.objects.create(
        rencana=rencana,
        tanggal=timezone.localdate(),
        topik="Topik",
        tindak_lanjut="Tindak lanjut",
        dicatat_oleh=kepala,
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_skp_page_with_threads_reads_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    s = world
    rencana = approved_skp(s)
    url = f"/skp/{rencana.pk}/"
    for user in (s["guru"].user, s["kepala"].user):
        client.force_login(user)
        _threads(s, rencana, 1, 1)
        small = _queries(client, url)
        _threads(s, rencana, 5, 10)
        with django_assert_max_num_queries(small):
            page = client.get(url).content.decode()
        assert page.count("Pesan 4.") == 10 and "Progres 4.9" in page
        rhk = rencana.rhk.order_by("pk").last()
        with django_assert_max_num_queries(small):
            assert "Pesan 4.9" in client.get(f"/skp/rhk/{rhk.pk}/pantau/").content.decode()


# --- any input -----------------------------------------------------------------------------------


@db_examples(12)
@given(
    teks=of(st.text(min_size=1, max_size=60), TEXT),
    tautan=of(st.just(""), URL),
    tanggal=of(st.just(""), DATE),
    topik=of(st.text(min_size=1, max_size=60), TEXT),
)
def test_any_input_is_a_message_or_stored_and_every_page_still_renders(
    client, world, teks, tautan, tanggal, topik
):
    s = world
    rencana = RencanaKerja.objects.filter(status="disetujui").first() or approved_skp(s)
    rhk = _first_rhk(rencana)
    pages = (f"/skp/{rencana.pk}/", f"/skp/rhk/{rhk.pk}/pantau/", f"/skp/{rencana.pk}/dialog/")
    client.force_login(s["guru"].user)
    for data in (
        {"aksi": "progres", "teks": teks, "tautan": tautan},
        {"aksi": "pesan", "teks": teks},
    ):
        assert client.post(pages[1], data).status_code < 500, data
    client.force_login(s["kepala"].user)
    post = {"tanggal": tanggal or timezone.localdate().isoformat(), "topik": topik}
    assert client.post(pages[2], {**post, "tindak_lanjut": teks}).status_code < 500, post
    for user in (s["guru"].user, s["kepala"].user):
        client.force_login(user)
        for url in pages:
            page = client.get(url).content.decode()
            assert "<script>alert(1)</script>" not in page
            assert 'href="javascript:' not in page.lower()
