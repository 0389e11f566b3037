"""Wagtail's page-test helpers over the demo, and an admin edit + preview for every type.

WagtailPageTestCase's assertions are TestCase methods, hence the unittest class. Its editable and
previewable helpers cannot read StreamField forms (rendered by JavaScript), so those checks post
form data built with wagtail.test.utils.form_data instead.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sosialisasi.models import (
    BeritaIndexPage,
    BeritaPage,
    DokumenIndexPage,
    FaqPage,
    PanduanPage,
    SosialisasiIndexPage,
)

BODY = streamfield([("paragraph", rich_text("<p>Teks uji pratinjau.</p>"))])
RICH = rich_text("<p>Teks uji pratinjau.</p>")


def _form_data(page) -> dict:
    data = {"title": f"{page.title} (uji)", "slug": page.slug}
    if isinstance(page, SosialisasiIndexPage):
        data |= {"pengantar": RICH, "panduan_unggulan": []}
    elif isinstance(page, PanduanPage):
        data |= {
            "ringkasan": "Teks uji pratinjau.",
            "body": BODY,
            "topik": [],
            "panduan_terkait": [],
        }
    elif isinstance(page, FaqPage):
        data |= {
            "pengantar": RICH,
            "pertanyaan": inline_formset(
                [{"pertanyaan": "Teks uji pratinjau?", "jawaban": RICH, "topik": ""}]
            ),
        }
    elif isinstance(page, BeritaPage):
        data |= {
            "tanggal": "2026-11-01",
            "ringkasan": "Teks uji pratinjau.",
            "body": BODY,
            "topik": [],
        }
    elif isinstance(page, (BeritaIndexPage, DokumenIndexPage)):
        data |= {"pengantar": RICH}
    return nested_form_data(data)


class EveryDemoPageTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from cms.demo import demo_load

        demo_load()

    def test_every_live_page_is_routable_and_renderable(self):
        for page in Page.objects.live().exclude(depth=1).specific():
            with self.subTest(page=page.url_path):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_every_sosialisasi_type_is_editable_and_previewable(self):
        self.client.force_login(get_user_model().objects.get(username="admin"))
        for model in (
            SosialisasiIndexPage,
            PanduanPage,
            FaqPage,
            BeritaIndexPage,
            BeritaPage,
            DokumenIndexPage,
        ):
            page = model.objects.first()
            data = _form_data(page)
            with self.subTest(model=model.__name__):
                preview = self.client.post(f"/admin/pages/{page.pk}/edit/preview/", data)
                assert preview.json()["is_valid"], preview.content
                html = self.client.get(f"/admin/pages/{page.pk}/edit/preview/").content.decode()
                assert f"{page.title} (uji)" in html
                assert self.client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
                stored = model.objects.get(pk=page.pk)
                assert stored.get_latest_revision_as_object().title == f"{page.title} (uji)"
                # Saved as a draft: the live page is unchanged until someone publishes.
                assert stored.title == page.title and stored.has_unpublished_changes
