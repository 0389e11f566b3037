"""Workshop materials (services/materials.py): shown after the event and announced."""

from evaluasi.demo_roster import ADMIN_BKD
from sosialisasi.models import WorkshopPage
from sosialisasi.tests.helpers import PAST


def test_materials_appear_after_the_event_and_are_announced(demo, login, client):
    from django.core import mail
    from wagtail.documents import get_document_model

    from sosialisasi.models import MateriWorkshop

    past = WorkshopPage.objects.get(slug=PAST)
    upcoming = WorkshopPage.objects.get(slug="memberi-umpan-balik-360")
    document = get_document_model().objects.first()
    for workshop in (past, upcoming):
        MateriWorkshop.objects.create(page=workshop, dokumen=document, judul="Slide pemaparan")
    assert "Slide pemaparan" in client.get(past.url).content.decode()
    assert "Slide pemaparan" not in client.get(upcoming.url).content.decode()

    admin = login(ADMIN_BKD[0])
    mail.outbox.clear()
    admin.post(f"/admin/workshop/pendaftaran/kelola/{past.pk}/", {"aksi": "materi"})
    assert len(mail.outbox) == past.pendaftaran.filter(status="terkonfirmasi").count()
    assert mail.outbox[0].subject.startswith("Materi workshop tersedia")
