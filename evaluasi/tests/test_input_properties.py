"""Property: whatever a pegawai or atasan types into the SKP screens (random text, numbers, dates,
links and lengths), no answer is a 5xx, and whatever was stored renders on every page and PDF
that shows it, for the owner and for the atasan (docs/skp.md, "Aturan isian")."""

from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.accounts.services import account_for_pegawai
from evaluasi.models import PeriodePenilaian, RealisasiIndikator, RencanaKerja
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.properties import NUMBER, TEXT, URL, db_examples, of

pytestmark = pytest.mark.django_db

RATING = st.sampled_from(["di_atas", "sesuai", "di_bawah"])
ANGKA = st.decimals(min_value=-(10**6), max_value=10**6, places=2).map(
    lambda d: str(d).replace(".", ",")
)
SHORT = st.text(min_size=1, max_size=60)

RHK = st.fixed_dictionaries(
    {
        "jenis": of(st.sampled_from(["utama", "tambahan"])),
        "teks": of(SHORT, TEXT),
        "rhk_atasan": of(st.just(""), NUMBER),
        "ind0_teks": of(SHORT, TEXT),
        "ind0_aspek": of(st.sampled_from(["kuantitas", "kualitas", "waktu", "biaya"])),
        "ind0_arah": of(st.sampled_from(["", "naik", "turun"])),
        "ind0_target": of(ANGKA, NUMBER),
        "ind0_kondisi_awal": of(st.one_of(st.just(""), ANGKA), NUMBER),
        "ind0_satuan": of(st.text(max_size=10), TEXT),
        "ind0_target_teks": TEXT,
        "ind1_teks": TEXT,
        "ind1_target": NUMBER,
        "ind2_target_teks": TEXT,
    }
)
REALISASI = st.fixed_dictionaries(
    {"angka": of(ANGKA, NUMBER), "teks": of(SHORT, TEXT), "tautan": of(st.just(""), URL)}
)
NILAI = st.fixed_dictionaries(
    {
        "capaian": of(RATING, TEXT),
        "umpan": of(SHORT, TEXT),
        "perilaku": of(RATING, TEXT),
        "rating_hasil_kerja": of(RATING, TEXT),
        "rating_perilaku": of(RATING, TEXT),
    }
)


def _answered(response):
    assert response.status_code < 500
    return response


def _renders(client, people, url, *, pdf_url=None, stored_texts=()):
    """The page (and PDF) render for the owner and the atasan; stored text shows, escaped; no
    link other than http(s) is ever a link."""
    for who in ("guru", "kepala"):
        client.force_login(people[who].user)
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        lowered = page.lower()
        for scheme in ("javascript:", "data:", "vbscript:"):
            assert f'href="{scheme}' not in lowered and f"href='{scheme}" not in lowered
        for text in stored_texts:
            assert escape(text, quote=False).strip() in page.replace("&#x27;", "'").replace(
                "&quot;", '"'
            )
        if pdf_url:
            pdf = client.get(pdf_url)
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@db_examples(12)
@given(rhk=RHK, realisasi=REALISASI, nilai=NILAI, alasan=of(SHORT, TEXT))
def test_any_input_on_the_skp_screens_is_answered_and_what_is_stored_renders(
    client, people, rhk, realisasi, nilai, alasan
):
    guru, kepala = people["guru"], people["kepala"]
    RencanaKerja.objects.filter(pegawai=guru).delete()
    rencana = sk.skp_start(
        pegawai=guru, tahun_kinerja_id=people["tahun_kinerja"].pk, user=guru.user
    )
    skp_url = f"/skp/{rencana.pk}/"

    client.force_login(guru.user)
    _answered(client.post(skp_url, {"aksi": "tambah_rhk", **rhk}))
    _renders(client, people, skp_url, stored_texts=rencana.rhk.values_list("teks", flat=True))
    if not rencana.rhk.exists():  # the random RHK was refused: continue with a plain one
        sk.rhk_add(
            rencana_id=rencana.pk,
            user=guru.user,
            jenis="utama",
            teks="RHK",
            indikator=[{"teks": "Indikator", "aspek": "kuantitas", "target_angka": 10}],
        )
    first = rencana.rhk.first()
    _answered(client.post(f"/skp/rhk/{first.pk}/ubah/", rhk))
    _renders(client, people, skp_url, stored_texts=rencana.rhk.values_list("teks", flat=True))
    sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    client.force_login(kepala.user)
    _answered(client.post(skp_url, {"aksi": "kembalikan", f"catatan_rhk_{first.pk}": alasan}))
    first.refresh_from_db()
    _renders(client, people, skp_url, stored_texts=[first.catatan_atasan])
    if rencana.riwayat.first().aksi == "dikembalikan":
        sk.skp_submit(rencana_id=rencana.pk, user=guru.user)
    sk.skp_approve(rencana_id=rencana.pk, user=kepala.user)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=people["periode_kinerja"].pk, user=guru.user
    )
    url, pdf_url = f"/skp/evaluasi/{evaluasi.pk}/", f"/skp/evaluasi/{evaluasi.pk}/dokumen/"
    indicators = [i for rhk in rencana.rhk.all() for i in rhk.indikator.all()]

    client.force_login(guru.user)
    data = {"aksi": "realisasi"}
    for i in indicators:
        data |= {f"{name}_{i.pk}": value for name, value in realisasi.items()}
    _answered(client.post(url, data))
    stored = list(RealisasiIndikator.objects.filter(evaluasi=evaluasi))
    _renders(
        client,
        people,
        url,
        pdf_url=pdf_url,
        stored_texts=[r.realisasi_teks for r in stored if r.realisasi_teks.strip()],
    )

    for i in indicators:  # whatever was refused, complete the realisasi to reach the decision
        if not any(
            r.indikator_id == i.pk and (r.realisasi_angka is not None or r.realisasi_teks)
            for r in stored
        ):
            ev.realisasi_save(evaluasi_id=evaluasi.pk, user=guru.user, indikator_id=i.pk, teks="x")
    ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=guru.user)

    client.force_login(kepala.user)
    data = {
        "aksi": "nilai",
        "rating_hasil_kerja": nilai["rating_hasil_kerja"],
        "rating_perilaku": nilai["rating_perilaku"],
    } | {f"perilaku_{n}": nilai["perilaku"] for n in range(len(ev.BERAKHLAK))}
    for rhk_row in rencana.rhk.all():
        data |= {f"capaian_{rhk_row.pk}": nilai["capaian"], f"umpan_{rhk_row.pk}": nilai["umpan"]}
    _answered(client.post(url, data))
    evaluasi.refresh_from_db()
    _renders(
        client,
        people,
        url,
        pdf_url=pdf_url,
        stored_texts=[u.teks for u in evaluasi.umpan_balik.all() if u.teks.strip()],
    )

    if evaluasi.status == "dinilai":
        client.force_login(guru.user)
        _answered(client.post(url, {"aksi": "keberatan", "alasan": alasan}))
        _renders(client, people, url, pdf_url=pdf_url)


@pytest.fixture
def rater(opd, periode):
    """A bawahan rating their atasan in an open period, logged in on the public site."""
    from evaluasi.models import Penugasan

    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    boss = PegawaiFactory(unit_kerja=opd)
    staff = PegawaiFactory(unit_kerja=opd, atasan=boss)
    account_for_pegawai(staff)
    staff.refresh_from_db()
    tugas = Penugasan.objects.create(
        periode=periode, penilai=staff, dinilai=boss, hubungan="bawahan"
    )
    statements = list(
        periode.instrumen.aspek.values_list("pernyataan__pk", flat=True).order_by("pk")[:3]
    )
    questions = list(periode.instrumen.pertanyaan_terbuka.values_list("pk", flat=True))
    return {"user": staff.user, "tugas": tugas, "p": statements, "t": questions}


@db_examples(15)
@given(
    values=st.lists(of(st.sampled_from(["1", "3", "5"]), NUMBER), min_size=3, max_size=3),
    text=of(SHORT, TEXT),
    extra=st.dictionaries(st.sampled_from(["p_", "t_", "p_0", "t_x", "p_-1"]), TEXT, max_size=2),
)
def test_any_answer_on_the_rater_form_is_answered_and_what_is_stored_renders(
    client, rater, values, text, extra
):
    client.force_login(rater["user"])
    tugas = rater["tugas"]
    data = {f"p_{pk}": v for pk, v in zip(rater["p"], values, strict=True)}
    data |= {f"t_{pk}": text for pk in rater["t"]} | extra
    assert client.post(f"/penilaian/{tugas.pk}/simpan/", data).status_code < 500
    assert client.post(f"/penilaian/{tugas.pk}/", data).status_code < 500
    page = client.get(f"/penilaian/{tugas.pk}/")
    assert page.status_code == 200
    shown = page.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    for stored in tugas.jawaban_terbuka.values_list("teks", flat=True):
        assert escape(stored, quote=False) in shown
