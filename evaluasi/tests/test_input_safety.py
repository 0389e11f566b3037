"""Issue 16, findings 5 and 6: every number, date, length and link typed into a form is checked
next to its field (in Indonesian), never answered with a 5xx and never stored in a shape that
breaks a page; what the user typed stays in the form."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluasi.models import (
    IndikatorKinerja,
    Instrumen,
    PeriodePenilaian,
    RealisasiIndikator,
    RencanaHasilKerja,
    UmpanBalikRHK,
)
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.tests.factories import PegawaiFactory, new_nip
from evaluasi.tests.workbooks import pegawai_row, write_xlsx


def _draft(people):
    guru = people["guru"]
    return sk.skp_start(pegawai=guru, tahun_kinerja_id=people["tahun_kinerja"].pk, user=guru.user)


def _evaluation(people):
    """The guru's evaluation of an approved SKP with one RHK and one numeric indicator."""
    guru, kepala = people["guru"], people["kepala"]
    rencana = _draft(people)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Hasil belajar meningkat",
        indikator=[{"teks": "Siswa tuntas", "aspek": "kuantitas", "target_angka": Decimal(85)}],
    )
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=kepala.user)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=people["periode_kinerja"].pk, user=guru.user
    )
    return evaluasi, IndikatorKinerja.objects.get(rhk__rencana=rencana)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("abc", "Target harus berupa bilangan"),
        ("NaN", "Target harus berupa bilangan"),
        ("Infinity", "Target harus berupa bilangan"),
        ("12345678901234567890", "paling banyak 12 digit"),
        ("-1e400", "paling banyak 12 digit"),
        ("-1", "Target tidak boleh negatif"),
    ],
)
def test_a_bad_skp_target_is_refused_next_to_the_field_and_kept(client, people, target, message):
    rencana = _draft(people)
    client.force_login(people["guru"].user)
    response = client.post(
        f"/skp/{rencana.pk}/",
        {
            "aksi": "tambah_rhk",
            "jenis": "utama",
            "teks": "Rumusan yang diketik panjang",
            "ind0_teks": "Siswa tuntas",
            "ind0_aspek": "kuantitas",
            "ind0_target": target,
            "ind0_satuan": "%",
        },
    )
    assert response.status_code == 200  # the form again, not a redirect or a 500
    page = response.content.decode()
    field = page.split('id="ind0_target"')[1].split("</div>")[0]
    assert message in field  # the message stands next to the field
    assert f'value="{target}"' in page.split('id="ind0_target"')[0].rsplit("<input", 1)[1] + field
    assert "Rumusan yang diketik panjang" in page
    assert not RencanaHasilKerja.objects.filter(rencana=rencana).exists()
    assert client.get(f"/skp/{rencana.pk}/").status_code == 200


@pytest.mark.parametrize(
    "angka", ["-1e400", "12345678901234567890", "NaN", "Infinity", "abc", "-5"]
)
def test_a_bad_realisasi_is_refused_and_every_page_still_renders(client, people, angka):
    evaluasi, indikator = _evaluation(people)
    client.force_login(people["guru"].user)
    url = f"/skp/evaluasi/{evaluasi.pk}/"
    response = client.post(
        url,
        {
            "aksi": "realisasi",
            f"angka_{indikator.pk}": angka,
            f"teks_{indikator.pk}": "Uraian yang saya ketik",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert any(
        m in page
        for m in (
            "Realisasi harus berupa bilangan",
            "paling banyak 12 digit",
            "tidak boleh negatif",
        )
    )
    assert "Uraian yang saya ketik" in page and f'value="{angka}"' in page
    assert not RealisasiIndikator.objects.filter(evaluasi=evaluasi).exists()
    for user in (people["guru"].user, people["kepala"].user):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert client.get(f"{url}dokumen/")["Content-Type"] == "application/pdf"


def test_a_javascript_evidence_link_is_refused_and_never_shown_as_a_link(client, people):
    evaluasi, indikator = _evaluation(people)
    client.force_login(people["guru"].user)
    url = f"/skp/evaluasi/{evaluasi.pk}/"
    response = client.post(
        url,
        {
            "aksi": "realisasi",
            f"angka_{indikator.pk}": "90",
            f"tautan_{indikator.pk}": "javascript:alert(document.cookie)",
        },
    )
    assert response.status_code == 200
    assert "Tautan harus diawali http:// atau https://" in response.content.decode()
    assert not RealisasiIndikator.objects.filter(evaluasi=evaluasi).exists()

    # A link stored before this rule is shown as text, never as a link, to the atasan.
    RealisasiIndikator.objects.create(
        evaluasi=evaluasi,
        indikator=indikator,
        realisasi_angka=90,
        bukti_tautan="javascript:alert(1)",
    )
    type(evaluasi).objects.filter(pk=evaluasi.pk).update(status="diajukan")
    client.force_login(people["kepala"].user)
    page = client.get(url).content.decode()
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page


def test_a_refused_evidence_file_keeps_what_was_typed(client, people, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    evaluasi, indikator = _evaluation(people)
    client.force_login(people["guru"].user)
    bad = SimpleUploadedFile("bukti.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(
        f"/skp/evaluasi/{evaluasi.pk}/",
        {
            "aksi": "realisasi",
            f"angka_{indikator.pk}": "90,5",
            f"teks_{indikator.pk}": "Uraian realisasi yang panjang",
            f"tautan_{indikator.pk}": "https://drive.example.go.id/bukti",
            f"berkas_{indikator.pk}": bad,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "tidak sesuai dengan ekstensinya" in page
    assert 'value="90,5"' in page and "Uraian realisasi yang panjang" in page
    assert 'value="https://drive.example.go.id/bukti"' in page
    assert not RealisasiIndikator.objects.filter(evaluasi=evaluasi).exists()


def test_a_missing_rating_keeps_the_atasans_feedback(client, people):
    evaluasi, indikator = _evaluation(people)
    ev.realisasi_save(
        evaluasi_id=evaluasi.pk, user=people["guru"].user, indikator_id=indikator.pk, angka=90
    )
    ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=people["guru"].user)
    client.force_login(people["kepala"].user)
    data = {
        "aksi": "nilai",
        f"capaian_{indikator.rhk_id}": "di_atas",
        f"umpan_{indikator.rhk_id}": "Umpan balik yang ditulis dengan hati-hati",
        "rating_hasil_kerja": "di_atas",
    } | {f"perilaku_{i}": "sesuai" for i in range(7)}
    response = client.post(f"/skp/evaluasi/{evaluasi.pk}/", data)  # no rating_perilaku
    assert response.status_code == 200
    page = response.content.decode()
    assert "Umpan balik yang ditulis dengan hati-hati" in page
    assert "Pilih rating perilaku kerja" in page
    assert not UmpanBalikRHK.objects.filter(evaluasi=evaluasi).exists()


def test_a_name_longer_than_the_column_is_a_preview_error(opd, run_import, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        pegawai=[pegawai_row(new_nip(), "A" * 400, jabatan="J" * 300)],
    )
    outcome = run_import(path, dry_run=True)
    found = {(e.column, e.message) for e in outcome.errors}
    assert ("Nama", "Paling banyak 200 karakter (terisi 400).") in found
    assert ("Jabatan", "Paling banyak 255 karakter (terisi 300).") in found


def _period_post(instrumen, **changes):
    data = {
        "nama": "Periode uji",
        "tahun": "2026",
        "jenis": "tahunan",
        "instrumen": instrumen.pk,
        "dibuka_pada": "2026-01-01 08:00",
        "ditutup_pada": "2026-01-31 16:00",
        "ambang_anonimitas": "3",
        "maks_rekan": "4",
        "maks_bawahan": "6",
        "pengingat_setiap_hari": "3",
        "maks_pengingat": "3",
        "bobot_atasan": "40",
        "bobot_rekan": "30",
        "bobot_bawahan": "30",
        "batas_di_atas": "4.2",
        "batas_sesuai": "3.0",
    }
    return data | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dibuka_pada": "0001-01-01 00:00"}, "antara tahun 1950 dan 2100"),
        ({"ditutup_pada": "9999-12-31 23:59"}, "antara tahun 1950 dan 2100"),
        ({"tahun": "0"}, "antara 1950 dan 2100"),
        ({"batas_di_atas": "NaN"}, "Masukkan sebuah bilangan"),
        # Values that saved but emptied or inverted every result:
        ({"bobot_atasan": "0", "bobot_rekan": "0", "bobot_bawahan": "0"}, "harus lebih dari 0"),
        ({"batas_di_atas": "1", "batas_sesuai": "5"}, "harus lebih tinggi"),
        ({"maks_rekan": "99999"}, "Paling banyak 50"),
    ],
)
def test_period_dates_and_year_stay_in_range(admin_client, periode, changes, message):
    before = PeriodePenilaian.objects.count()
    response = admin_client.post(
        "/admin/penilaian/periode/new/", _period_post(periode.instrumen, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PeriodePenilaian.objects.count() == before


def test_a_valid_period_is_still_saved(admin_client, periode):
    response = admin_client.post("/admin/penilaian/periode/new/", _period_post(periode.instrumen))
    assert response.status_code == 302
    saved = PeriodePenilaian.objects.get(nama="Periode uji")
    assert saved.dibuka_pada < saved.ditutup_pada and saved.tahun == 2026


def _instrument_post(weights):
    data = {
        "nama": "Instrumen uji",
        "petunjuk": '{"blocks": [], "entityMap": {}}',
        "skala-TOTAL_FORMS": "2",
        "skala-INITIAL_FORMS": "0",
        "skala-MIN_NUM_FORMS": "0",
        "skala-MAX_NUM_FORMS": "1000",
        "pertanyaan_terbuka-TOTAL_FORMS": "0",
        "pertanyaan_terbuka-INITIAL_FORMS": "0",
        "pertanyaan_terbuka-MIN_NUM_FORMS": "0",
        "pertanyaan_terbuka-MAX_NUM_FORMS": "1000",
        "aspek-TOTAL_FORMS": str(len(weights)),
        "aspek-INITIAL_FORMS": "0",
        "aspek-MIN_NUM_FORMS": "0",
        "aspek-MAX_NUM_FORMS": "1000",
    }
    for i, (nilai, label) in enumerate([(1, "Kurang"), (5, "Sangat baik")]):
        data |= {f"skala-{i}-nilai": nilai, f"skala-{i}-label": label, f"skala-{i}-ORDER": i + 1}
    for i, bobot in enumerate(weights):
        p = f"aspek-{i}"
        data |= {
            f"{p}-nama": f"Aspek {i}",
            f"{p}-bobot": bobot,
            f"{p}-deskripsi": "",
            f"{p}-ORDER": i + 1,
            f"{p}-pernyataan-TOTAL_FORMS": "1",
            f"{p}-pernyataan-INITIAL_FORMS": "0",
            f"{p}-pernyataan-MIN_NUM_FORMS": "0",
            f"{p}-pernyataan-MAX_NUM_FORMS": "1000",
            f"{p}-pernyataan-0-teks": "Pernyataan",
            f"{p}-pernyataan-0-untuk_diri": "on",
            f"{p}-pernyataan-0-wajib": "on",
            f"{p}-pernyataan-0-ORDER": "1",
        }
    return data


def test_an_instrument_whose_weights_are_all_zero_is_refused(admin_client, db):
    response = admin_client.post("/admin/penilaian/instrumen/new/", _instrument_post(["0", "0"]))
    assert response.status_code == 200
    assert "Jumlah bobot aspek harus lebih dari 0" in response.content.decode()
    assert not Instrumen.objects.filter(nama="Instrumen uji").exists()
    response = admin_client.post("/admin/penilaian/instrumen/new/", _instrument_post(["0", "1"]))
    assert response.status_code == 302
    assert Instrumen.objects.get(nama="Instrumen uji").aspek.count() == 2


def test_skp_period_dates_still_accept_the_current_year(people):
    """The fixture's period (now ± days) stays valid under the new range."""
    periode = people["periode"]
    periode.full_clean()
    assert periode.dibuka_pada < timezone.now() + timedelta(days=1)


def test_rater_answers_go_through_a_form_nul_text_is_refused_long_text_is_cut(
    opd, periode_dibuka, asn_login
):
    """The p_<id> / t_<id> names are read by forms_jawaban.JawabanForm: a value outside the
    scale or a text with a NUL character (PostgreSQL cannot store it) is refused as a whole,
    a text longer than the page allows is cut, not stored in full."""
    from evaluasi.models import Jawaban, JawabanTerbuka, Penugasan, Pernyataan
    from evaluasi.services.answers import AnswerRefused, answers_save

    boss = PegawaiFactory(unit_kerja=opd)
    staff = PegawaiFactory(unit_kerja=opd, atasan=boss)
    tugas = Penugasan.objects.create(
        periode=periode_dibuka, penilai=staff, dinilai=boss, hubungan="bawahan"
    )
    statement = Pernyataan.objects.filter(aspek__instrumen=periode_dibuka.instrumen).first()
    question = periode_dibuka.instrumen.pertanyaan_terbuka.first()
    for bad in ({f"p_{statement.pk}": "9"}, {f"t_{question.pk}": "a\x00b"}):
        with pytest.raises(AnswerRefused):
            answers_save(penugasan_id=tugas.pk, pegawai_id=staff.pk, data=bad)
    assert not Jawaban.objects.filter(penugasan=tugas).exists()
    assert not JawabanTerbuka.objects.filter(penugasan=tugas).exists()

    http = asn_login(staff)
    response = http.post(f"/penilaian/{tugas.pk}/simpan/", {f"t_{question.pk}": "a\x00b"})
    assert response.status_code == 409 and "tidak sah" in response.json()["pesan"]
    answers_save(
        penugasan_id=tugas.pk,
        pegawai_id=staff.pk,
        data={f"p_{statement.pk}": "4", f"t_{question.pk}": "  " + "x" * 5000},
    )
    assert JawabanTerbuka.objects.get(penugasan=tugas).teks == "x" * 4000
    assert Jawaban.objects.get(penugasan=tugas).nilai == 4


def test_a_new_instrument_version_name_is_bounded_by_its_column(admin_client, periode):
    """The name typed on "Buat versi baru" goes through a form: longer than the column (200) is
    a message next to the field (on PostgreSQL it was a DataError 500), not a stored copy."""
    source = periode.instrumen
    before = Instrumen.objects.count()
    url = f"/admin/penilaian/instrumen/{source.pk}/versi-baru/"
    response = admin_client.post(url, {"nama": "N" * 300})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Paling banyak 200 karakter" in page and 'value="' + "N" * 300 + '"' in page
    assert Instrumen.objects.count() == before
    response = admin_client.post(url, {"nama": "BerAKHLAK Guru"})
    assert response.status_code == 302
    assert Instrumen.objects.filter(nama="BerAKHLAK Guru", versi=1).exists()


@pytest.mark.parametrize(
    ("screen", "data", "message"),
    [
        ("distribusi", {"unit": "abc", "predikat": "baik"}, "Unit tidak ditemukan."),
        ("distribusi", {"unit": "99999999999999999999", "predikat": "baik"}, "Unit tidak"),
        ("penghargaan", {"aksi": "pilih", "pegawai": "abc", "kutipan": "x"}, "Pegawai tidak"),
        ("penghargaan", {"aksi": "publikasikan", "penghargaan": "999999"}, "tidak ditemukan"),
        ("status", {"ke": "dibuka", "alasan": "x" * 2001}, "2000"),
    ],
)
def test_hand_made_posts_on_the_period_screens_get_a_message_not_a_500(
    admin_client, periode, screen, data, message
):
    from evaluasi.models import Penghargaan, PredikatUnit

    url = f"/admin/penilaian/periode/{periode.pk}/{screen}/"
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PredikatUnit.objects.exists() and not Penghargaan.objects.exists()
    periode.refresh_from_db()
    assert periode.status == "draf"
