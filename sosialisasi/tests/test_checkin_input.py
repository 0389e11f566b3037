"""Hand-made posts on the check-in and "kelola" screens get a 404 or a message, never a 500;
an email subject is one line (issue 16, finding 5)."""

from django.core import mail

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import ADMIN_BKD
from sosialisasi.models import WorkshopPage


def test_checkin_and_bulk_actions_refuse_values_that_are_not_in_the_list(demo, client):
    login = {"username": ADMIN_BKD[0], "password": DEMO_PASSWORD}
    assert client.post("/admin/login/", login).status_code == 302
    workshop = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    confirmed = workshop.pendaftaran.filter(status="terkonfirmasi").first()
    checkin = f"/admin/workshop/pendaftaran/checkin/{workshop.pk}/"
    for bad in ("abc", "99999999999999999999", ""):
        assert client.post(checkin, {"pendaftaran": bad, "hadir": "1"}).status_code == 404
    confirmed.refresh_from_db()
    assert not confirmed.hadir

    manage = f"/admin/workshop/pendaftaran/kelola/{workshop.pk}/"
    response = client.post(manage, {"aksi": "hadir", "pilih": ["abc", "1e9"]}, follow=True)
    assert "Pilih peserta dan tindakan lebih dulu." in response.content.decode()
    response = client.post(
        manage,
        {
            "aksi": "email",
            "pilih": [confirmed.pk],
            "subjek": "Halo\nBcc: semua@example.com",
            "pesan": "Isi",
        },
        follow=True,
    )
    assert "Subjek email harus satu baris." in response.content.decode()
    assert not mail.outbox
