"""The workshop page (models/workshop.py): the online link never public, one-click and visitor
registration on the page, the API's schedule and seats, the home page's list, the evaluation form."""

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from sosialisasi.tests.helpers import ONLINE_LINK, register


def test_online_link_never_public(make_workshop, client):
    workshop = make_workshop(mode="daring")
    assert ONLINE_LINK not in client.get(workshop.url).content.decode()
    assert ONLINE_LINK not in client.get("/workshop/").content.decode()
    assert ONLINE_LINK not in client.get("/workshop/kalender/").content.decode()
    assert (
        ONLINE_LINK
        not in client.get(
            "/api/v2/pages/", {"type": "sosialisasi.WorkshopPage", "fields": "*"}
        ).content.decode()
    )
    assert ONLINE_LINK not in client.get(f"/api/v2/pages/{workshop.pk}/").content.decode()
    assert client.get("/cari/", {"q": "rahasia-peserta-xyz"}).context["items"] == []
    assert client.get("/api/v2/pages/", {"search": "rahasia"}).json()["items"] == []


def test_logged_in_asn_registers_with_one_click(make_workshop, client):
    workshop = make_workshop()
    client.post("/akun/masuk/", {"username": GURU_DEMO[0], "password": DEMO_PASSWORD})
    page = client.get(workshop.url).content.decode()
    assert "Mendaftar sebagai" in page and 'name="email"' not in page
    client.post(f"{workshop.url}daftar/")
    registration = workshop.pendaftaran.get()
    assert registration.nip == GURU_DEMO[0] and registration.status == "terkonfirmasi"
    assert "Anda sudah terdaftar" in client.get(workshop.url).content.decode()


def test_visitor_form_errors_are_indonesian_and_keep_input(make_workshop, client):
    workshop = make_workshop()
    response = client.post(
        f"{workshop.url}daftar/",
        {"nip": "123", "nama": "Budi", "instansi": "X", "email": "bukan-email"},
    )
    html = response.content.decode()
    assert response.status_code == 400  # refused: the form again, with what was typed
    assert "Masukkan alamat email dengan format yang benar" in html
    assert 'value="Budi"' in html
    assert not workshop.pendaftaran.exists()


def test_api_exposes_schedule_and_seats_left(make_workshop, client):
    workshop = make_workshop(capacity=3)
    register(workshop, 1)
    item = client.get(f"/api/v2/pages/{workshop.pk}/").json()
    assert item["sisa_kursi"] == 2 and item["kapasitas"] == 3 and item["mode"] == "hybrid"
    assert "pendaftaran" not in item and "tautan_daring" not in item


def test_home_page_shows_upcoming_workshops_with_seats(demo, client):
    home = client.get("/")
    titles = [w.title for w in home.context["workshop_mendatang"]]
    assert "Workshop Penyusunan SKP Guru SMA dan SMK" in titles
    assert "sisa 2 kursi" in home.content.decode()


def test_evaluation_form_appears_after_the_workshop_and_collects_answers(make_workshop, client):
    from wagtail.contrib.forms.models import FormSubmission

    from sosialisasi.models import FormulirField, FormulirPage

    workshop = make_workshop(opens=-10, closes=-5, starts=-2)
    form_page = FormulirPage(title="Evaluasi workshop", slug="evaluasi")
    form_page.form_fields = [
        FormulirField(
            label="Seberapa bermanfaat materi ini?", field_type="singleline", required=True
        )
    ]
    workshop.add_child(instance=form_page)
    form_page.save_revision().publish()

    assert "isi kuesioner evaluasi" in client.get(workshop.url).content.decode()
    response = client.post(form_page.url, {"seberapa_bermanfaat_materi_ini": "Sangat bermanfaat"})
    assert response.status_code == 200 and "Terima kasih" in response.content.decode()
    assert FormSubmission.objects.filter(page=form_page).count() == 1
