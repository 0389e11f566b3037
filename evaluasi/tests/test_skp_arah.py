"""Indicators with a direction (arah) and a baseline (kondisi awal): waktu and biaya are better
when lower by default, the user may turn any indicator around; the pre-selected capaian, the
pages, the PDF, copying and templates follow it (PermenPANRB 6/2022: capaian against ekspektasi)."""

import importlib
from decimal import Decimal
from io import BytesIO

import pytest
from django.apps import apps as django_apps
from pypdf import PdfReader

from evaluasi.forms_skp import IndikatorForm
from evaluasi.models import EvaluasiKinerja, IndikatorKinerja
from evaluasi.selectors.skp import decision_suggestions
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.services.skp_document import evaluation_pdf
from evaluasi.tests.factories import TahunKinerjaFactory


def _indicator(teks, aspek, target, satuan="", **extra):
    return {
        "teks": teks,
        "aspek": aspek,
        "target_angka": Decimal(target),
        "satuan": satuan,
        **extra,
    }


def _approved(s, rhks):
    """An approved SKP of the guru with one RHK utama per list of indicator rows."""
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    for n, rows in enumerate(rhks):
        sk.rhk_add(
            rencana_id=rencana.pk, user=guru.user, jenis="utama", teks=f"RHK {n}", indikator=rows
        )
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=s["kepala"].user)
    return rencana


def test_rhk_add_stores_direction_default_from_aspect_and_baseline(school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Layanan cepat dan hemat",
        indikator=[
            _indicator("Waktu penyelesaian", "waktu", "5", "hari"),
            _indicator("Biaya per kegiatan", "biaya", "1000000", "rupiah"),
            _indicator("Angka putus sekolah", "kuantitas", "2", "siswa", arah="turun"),
            _indicator("Rata-rata nilai", "kualitas", "80", "poin", kondisi_awal=Decimal("72")),
        ],
    )
    stored = {i.teks: (i.aspek, i.arah, i.kondisi_awal) for i in IndikatorKinerja.objects.all()}
    assert stored == {
        "Waktu penyelesaian": ("waktu", "turun", None),
        "Biaya per kegiatan": ("biaya", "turun", None),
        "Angka putus sekolah": ("kuantitas", "turun", None),
        "Rata-rata nilai": ("kualitas", "naik", Decimal("72")),
    }
    for bad in ({"arah": "miring"}, {"kondisi_awal": Decimal("12345678901234567890")}):
        with pytest.raises(sk.SkpRefused, match="Indikator"):
            sk.rhk_add(
                rencana_id=rencana.pk,
                user=guru.user,
                jenis="utama",
                teks="x",
                indikator=[_indicator("Salah", "kuantitas", "1", **bad)],
            )


def test_indicator_form_takes_biaya_direction_and_baseline():
    form = IndikatorForm(
        {
            "ind0_teks": "Biaya per kegiatan",
            "ind0_aspek": "biaya",
            "ind0_arah": "",
            "ind0_target": "1000000",
            "ind0_kondisi_awal": "1250000,5",
        },
        prefix="ind0",
    )
    assert form.is_valid(), form.errors
    row = form.row()
    assert (row["aspek"], row["arah"], row["kondisi_awal"]) == (
        "biaya",
        "turun",
        Decimal("1250000.5"),
    )
    form = IndikatorForm(
        {"ind0_teks": "Nilai", "ind0_aspek": "waktu", "ind0_arah": "naik", "ind0_target": "80"},
        prefix="ind0",
    )
    assert form.is_valid(), form.errors
    assert form.row()["arah"] == "naik"  # the user's choice wins over the aspect's default
    assert form.row()["kondisi_awal"] is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kondisi_awal", "abc", "bilangan"),
        ("kondisi_awal", "NaN", "bilangan"),
        ("kondisi_awal", "Infinity", "bilangan"),
        ("kondisi_awal", "-1e400", "digit"),
        ("kondisi_awal", "12345678901234567890", "digit"),
        ("kondisi_awal", "72,555", "koma"),
        ("arah", "miring", "Pilih"),
        ("aspek", "gaji", "Pilih"),
    ],
)
def test_indicator_form_refuses_bad_direction_or_baseline(field, value, message):
    data = {"ind0_teks": "Nilai", "ind0_aspek": "kualitas", "ind0_target": "80"}
    data[f"ind0_{field}"] = value
    form = IndikatorForm(data, prefix="ind0")
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_page_form_and_table_show_direction_and_baseline(client, school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    client.force_login(guru.user)
    url = f"/skp/{rencana.pk}/"
    page = client.get(url).content.decode()
    assert 'name="ind0_arah"' in page and 'name="ind0_kondisi_awal"' in page
    assert '<option value="biaya"' in page
    client.post(
        url,
        {
            "aksi": "tambah_rhk",
            "jenis": "utama",
            "teks": "Koreksi cepat",
            "ind0_teks": "Waktu koreksi asesmen",
            "ind0_aspek": "waktu",
            "ind0_arah": "",
            "ind0_target": "5",
            "ind0_satuan": "hari",
            "ind1_teks": "Rata-rata nilai kelas",
            "ind1_aspek": "kualitas",
            "ind1_target": "80",
            "ind1_satuan": "poin",
            "ind1_kondisi_awal": "72",
        },
    )
    waktu, nilai = IndikatorKinerja.objects.order_by("pk")
    assert (waktu.arah, nilai.arah, nilai.kondisi_awal) == ("turun", "naik", Decimal("72"))
    page = client.get(url).content.decode()
    assert "Makin rendah makin baik" in page
    assert "Kondisi awal" in page and "72 poin" in page


def test_migration_reads_existing_waktu_indicators_as_lower_is_better(school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Lama",
        indikator=[
            _indicator("Waktu", "waktu", "5", "hari"),
            _indicator("Jumlah", "kuantitas", "10"),
            _indicator("Mutu", "kualitas", "80"),
        ],
    )
    IndikatorKinerja.objects.update(arah="naik")  # as the new column's default leaves them
    migration = importlib.import_module("evaluasi.migrations.0020_indikator_arah")
    migration.arah_dari_aspek(django_apps, None)
    assert dict(IndikatorKinerja.objects.values_list("aspek", "arah")) == {
        "waktu": "turun",
        "kuantitas": "naik",
        "kualitas": "naik",
    }


def test_templates_and_copy_carry_direction_and_baseline(school):
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    sk.skp_apply_template(rencana_id=rencana.pk, user=guru.user, slug="guru")
    rows = list(
        IndikatorKinerja.objects.filter(rhk__rencana=rencana).values_list(
            "aspek", "arah", "kondisi_awal", "target_angka"
        )
    )
    assert ("kualitas", "naik", Decimal("72"), Decimal("80")) in rows  # last year's class average
    assert any(a == "waktu" and arah == "turun" and t is not None for a, arah, _, t in rows)
    later = TahunKinerjaFactory(tahun=2027)
    next_year = sk.skp_start(pegawai=guru, tahun_kinerja_id=later.pk, user=guru.user)
    IndikatorKinerja.objects.filter(rhk__rencana=rencana, aspek="kuantitas").update(arah="turun")
    sk.skp_copy_previous(rencana_id=next_year.pk, user=guru.user)
    fields = ("teks", "aspek", "arah", "kondisi_awal")
    assert sorted(
        IndikatorKinerja.objects.filter(rhk__rencana=next_year).values_list(*fields)
    ) == sorted(IndikatorKinerja.objects.filter(rhk__rencana=rencana).values_list(*fields))


def _evaluation_with(s, rhks, realisasi):
    rencana = _approved(s, rhks)
    guru = s["guru"]
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=guru.user
    )
    for indikator, angka in zip(
        IndikatorKinerja.objects.filter(rhk__rencana=rencana).order_by("pk"), realisasi, strict=True
    ):
        ev.realisasi_save(
            evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=indikator.pk, angka=angka
        )
    return EvaluasiKinerja.objects.get(pk=evaluasi.pk)


def test_suggested_capaian_follows_the_direction(school):
    evaluasi = _evaluation_with(
        school,
        [
            [_indicator("Waktu koreksi", "waktu", "5", "hari")],
            [_indicator("Waktu laporan", "waktu", "5", "hari")],
            [_indicator("Waktu rapat", "waktu", "5", "hari")],
            [_indicator("Biaya", "biaya", "100", "ribu")],
            [_indicator("Putus sekolah", "kuantitas", "2", "siswa", arah="turun")],
            [_indicator("Siswa tuntas", "kuantitas", "85", "%")],
        ],
        ["4", "7", "5", "120", "1", "90"],
    )
    per_rhk, _ = decision_suggestions(evaluasi)
    by_text = {rhk.teks: per_rhk[rhk.pk] for rhk in evaluasi.rencana.rhk.all()}
    assert by_text == {
        "RHK 0": "di_atas",  # done in 4 days of 5
        "RHK 1": "di_bawah",  # 7 days: late
        "RHK 2": "sesuai",
        "RHK 3": "di_bawah",  # over budget
        "RHK 4": "di_atas",  # fewer drop-outs than the target
        "RHK 5": "di_atas",
    }


def test_evaluation_page_and_pdf_show_direction_and_baseline(client, school):
    s = school
    evaluasi = _evaluation_with(
        s,
        [
            [
                _indicator(
                    "Rata-rata nilai kelas", "kualitas", "80", "poin", kondisi_awal=Decimal("72")
                ),
                _indicator("Waktu koreksi", "waktu", "5", "hari"),
            ]
        ],
        ["81", "4"],
    )
    client.force_login(s["guru"].user)
    page = client.get(f"/skp/evaluasi/{evaluasi.pk}/").content.decode()
    assert "kondisi awal 72 poin" in page
    assert "Makin rendah makin baik" in page
    text = " ".join(PdfReader(BytesIO(evaluation_pdf(evaluasi))).pages[0].extract_text().split())
    assert "Kondisi awal: 72 poin" in text
    assert "lebih rendah lebih baik" in text


def test_edit_form_leaves_a_default_direction_blank_so_it_follows_a_changed_aspect(school):
    """An indicator whose direction is its aspect's default comes back as "Ikuti aspek": changing
    kuantitas to biaya on the edit form then gives lower-is-better, not the old "naik"."""
    s = school
    guru = s["guru"]
    rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=s["tahun_kinerja"].pk, user=guru.user)
    rhk = sk.rhk_add(
        rencana_id=rencana.pk,
        user=guru.user,
        jenis="utama",
        teks="Layanan",
        indikator=[
            _indicator("Jumlah layanan", "kuantitas", "10"),
            _indicator("Angka putus sekolah", "kuantitas", "2", "siswa", arah="turun"),
        ],
    )
    default, chosen = rhk.indikator.order_by("pk")
    assert IndikatorForm(indikator=default, prefix="i").initial["arah"] == ""
    assert IndikatorForm(indikator=chosen, prefix="i").initial["arah"] == "turun"
    posted = {"i_teks": default.teks, "i_aspek": "biaya", "i_arah": "", "i_target": "10"}
    form = IndikatorForm(posted, indikator=default, prefix="i")
    assert form.is_valid(), form.errors
    assert form.row()["arah"] == "turun"


def test_an_over_long_indicator_gets_only_the_length_message():
    form = IndikatorForm({"i_teks": "x" * 501, "i_aspek": "kuantitas", "i_target": "5"}, prefix="i")
    assert not form.is_valid()
    assert len(form.errors["teks"]) == 1 and "500" in form.errors["teks"][0]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.000", Decimal("1000")),
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("87,5", Decimal("87.5")),
        ("87.5", Decimal("87.5")),
        ("1000", Decimal("1000")),
    ],
)
def test_numbers_typed_with_indonesian_thousands_separators(typed, value):
    form = IndikatorForm({"i_teks": "Biaya", "i_aspek": "biaya", "i_target": typed}, prefix="i")
    assert form.is_valid(), form.errors
    assert form.row()["target_angka"] == value
