"""Property: every form of our apps and of our admin viewsets (Wagtail's own page editor aside)
answers random text, numbers, dates, links and lengths without a 5xx, and whatever one of them
stored renders on the admin pages that show it (docs/privasi.md, "Masukan yang aman").

The SKP screens have their own flow test (evaluasi/tests/test_input_properties.py)."""

from datetime import timedelta

import pytest
from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.admin.viewsets import viewsets as registry
from wagtail.snippets.views.snippets import SnippetViewSet

from evaluasi import forms as evaluasi_forms
from evaluasi import forms_skp, forms_skp_pantau, forms_skp_pengembangan, forms_skp_rencana
from evaluasi.models import Penghargaan
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.properties import DATE, NUMBER, TEXT, URL, db_examples, of
from sosialisasi.forms import RegistrationForm

pytestmark = pytest.mark.django_db

SHORT = st.text(min_size=1, max_size=30)


def _value(field: forms.Field):
    """A strategy for one posted value of `field`: mostly plausible, often hostile."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return of(st.lists(st.sampled_from(pks or ["1"]), max_size=2), st.lists(NUMBER, max_size=2))
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return of(st.sampled_from(pks or [""]), NUMBER)
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if not isinstance(_, (list, tuple))]
        return of(st.sampled_from(values or [""]), TEXT)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "1"])
    if isinstance(field, (forms.DecimalField, forms.FloatField, forms.IntegerField)):
        return of(st.integers(min_value=0, max_value=100).map(str), NUMBER)
    if isinstance(field, (forms.DateTimeField, forms.DateField, forms.SplitDateTimeField)):
        return of(st.sampled_from(["2026-01-02 08:00", "2026-03-04 16:00"]), DATE)
    if isinstance(field, forms.URLField):
        return URL
    if isinstance(field, forms.EmailField):
        return of(st.emails().map(str), TEXT)
    if isinstance(field, forms.FileField):
        return st.just("")
    return of(SHORT, TEXT)


def _form_data(form_class, draw):
    """Random POST data for every field of `form_class`, with empty inline formsets."""
    data = {}
    for name, field in form_class.base_fields.items():
        value = draw(_value(field))
        if value != "":
            data[name] = value
    for prefix in getattr(form_class, "formsets", {}) or {}:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def _instrument_aspect(draw) -> dict:
    """One aspect with one statement, so the nested formsets and their weights are exercised."""
    p = "aspek-0"
    return {
        "aspek-TOTAL_FORMS": "1",
        f"{p}-nama": draw(of(SHORT, TEXT)),
        f"{p}-bobot": draw(of(st.sampled_from(["0", "1", "2,5"]), NUMBER)),
        f"{p}-ORDER": "1",
        f"{p}-pernyataan-TOTAL_FORMS": "1",
        f"{p}-pernyataan-INITIAL_FORMS": "0",
        f"{p}-pernyataan-MIN_NUM_FORMS": "0",
        f"{p}-pernyataan-MAX_NUM_FORMS": "1000",
        f"{p}-pernyataan-0-teks": draw(of(SHORT, TEXT)),
        f"{p}-pernyataan-0-ORDER": "1",
    }


def _index_url(viewset) -> str:
    snippet = isinstance(viewset, SnippetViewSet)
    return reverse(viewset.get_url_name("list" if snippet else "index"))


def _our_viewsets():
    registry.populate()
    seen = {}
    for viewset in registry.viewsets:
        module = type(viewset).__module__.split(".")[0]
        if module in {"cms", "evaluasi", "sosialisasi"} and hasattr(viewset, "model"):
            seen.setdefault(viewset.get_url_name("add"), viewset)
    return list(seen.values())


@pytest.fixture
def seeded(db):
    """What the admin forms choose from: an instrument and period, a unit, an award to edit."""
    from evaluasi.demo import INSTRUMENTS_DIR
    from evaluasi.models import JenisUnit, PeriodePenilaian, UnitKerja
    from evaluasi.services.instruments import instrument_load

    root = UnitKerja.objects.create(kode="PEMPROV", nama="Pemprov", jenis=JenisUnit.PEMDA)
    opd = UnitKerja.objects.create(kode="OPD1", nama="Dinas", jenis=JenisUnit.OPD, induk=root)
    now = timezone.now()
    periode = PeriodePenilaian.objects.create(
        nama="Uji",
        tahun=now.year,
        instrumen=instrument_load(INSTRUMENTS_DIR / "berakhlak.json")[0],
        dibuka_pada=now,
        ditutup_pada=now + timedelta(days=7),
    )
    pegawai = PegawaiFactory(unit_kerja=opd)
    award = Penghargaan.objects.create(periode=periode, pegawai=pegawai, kutipan="Teladan.")
    return {"periode": periode, "award": award}


def _renders(client, viewset):
    """The index and the edit page of the newest rows render."""
    assert client.get(_index_url(viewset)).status_code < 500
    for obj in viewset.model.objects.order_by("-pk")[:2]:
        try:
            url = reverse(viewset.get_url_name("edit"), args=[obj.pk])
        except NoReverseMatch:  # a viewset without an edit page
            continue
        assert client.get(url).status_code < 500


@db_examples(8)
@given(data=st.data())
def test_every_admin_viewset_form_answers_any_input_and_what_is_stored_renders(
    admin_client, seeded, data
):
    for viewset in _our_viewsets():
        form_class = viewset.get_form_class()
        if viewset.model is Penghargaan:
            url = reverse(viewset.get_url_name("edit"), args=[seeded["award"].pk])
        elif viewset.name == "penugasan":
            url, form_class = reverse("penugasan:add"), evaluasi_forms.PenugasanTambahForm
        else:
            try:
                url = reverse(viewset.get_url_name("add"))
            except NoReverseMatch:  # a read-only viewset (the answer-access log)
                _renders(admin_client, viewset)
                continue
        post = _form_data(form_class, data.draw)
        if viewset.name == "instrumen":
            post |= _instrument_aspect(data.draw)
            post["petunjuk"] = data.draw(of(st.just('{"blocks": [], "entityMap": {}}'), TEXT))
        response = admin_client.post(url, post)
        assert response.status_code < 500, (url, post)
        _renders(admin_client, viewset)


def _standalone_forms(seeded):
    """(form factory taking data, files) for the forms used outside the admin viewsets."""
    from cms.accounts.forms import ActivationRequestForm

    periode = seeded["periode"]
    return [
        ActivationRequestForm,
        RegistrationForm,
        evaluasi_forms.PenugasanTambahForm,
        evaluasi_forms.PenugasanImporForm,
        forms_skp.SkpMulaiForm,
        forms_skp.PendekatanForm,
        forms_skp.CatatanForm,
        forms_skp.KonfirmasiForm,
        forms_skp.KeberatanForm,
        forms_skp.PutusanKeberatanForm,
        forms_skp.PenilaianForm,
        forms_skp.IndikatorForm,
        forms_skp_rencana.EkspektasiForm,
        forms_skp_rencana.LampiranForm,
        lambda data, files=None: forms_skp.MulaiEvaluasiForm(
            data, periods=type(periode).objects.all()
        ),
        lambda data, files=None: forms_skp.TemplatForm(data, templates={"guru": {"nama": "Guru"}}),
        lambda data, files=None: forms_skp_pengembangan.RencanaPengembanganForm(
            data, pilihan=[(1, "Panduan: Uji")]
        ),
        forms_skp_pengembangan.TanggapanForm,
        forms_skp_pengembangan.TinjauanForm,
        forms_skp_pantau.ProgresForm,
        forms_skp_pantau.PesanForm,
        forms_skp_pantau.DialogForm,
    ]


@db_examples(25)
@given(data=st.data())
def test_every_standalone_form_validates_any_input_without_raising(seeded, data):
    for make in _standalone_forms(seeded):
        probe = make(None, None) if not isinstance(make, type) else make()
        values = {name: data.draw(_value(f)) for name, f in probe.fields.items()}
        form = make(values, {})
        form.is_valid()  # must not raise; invalid input is a message on its field
        for name, errors in form.errors.items():
            assert all(isinstance(e, str) and e for e in errors), (name, errors)


@db_examples(10)
@given(nip=of(st.text(alphabet="0123456789", min_size=18, max_size=18), TEXT), password=TEXT)
def test_login_and_activation_pages_answer_any_input(client, db, nip, password):
    for url, data in (
        ("/akun/masuk/", {"username": nip, "password": password}),
        ("/admin/login/", {"username": nip, "password": password}),
        ("/akun/aktivasi/", {"nip": nip, "email": password}),
    ):
        assert client.post(url, data).status_code < 500


PERIOD_SCREENS = {
    "status": {"ke": of(st.sampled_from(["dibuka", "ditutup", "draf"])), "alasan": TEXT},
    "buat-penugasan": {"alasan": TEXT},
    "jawaban-individual": {"nip": of(SHORT, NUMBER), "alasan": TEXT},
    "distribusi": {"unit": of(st.sampled_from(["1", "2"]), NUMBER), "predikat": TEXT},
    "penghargaan": {
        "aksi": st.sampled_from(["pilih", "publikasikan", "tarik", ""]),
        "pegawai": NUMBER,
        "penghargaan": NUMBER,
        "kutipan": TEXT,
    },
}


@db_examples(6)
@given(data=st.data())
def test_period_screens_answer_any_post_and_still_render(admin_client, seeded, data):
    periode = seeded["periode"]
    for screen, fields in PERIOD_SCREENS.items():
        url = f"/admin/penilaian/periode/{periode.pk}/{screen}/"
        post = {name: data.draw(strategy) for name, strategy in fields.items()}
        assert admin_client.post(url, post).status_code < 500, (url, post)
        if screen != "buat-penugasan":
            assert admin_client.get(url).status_code < 500
