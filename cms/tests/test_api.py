from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import StandardPage


def test_pages_endpoint_lists_live_pages_with_their_api_fields(home_page, client):
    response = client.get("/api/v2/pages/", {"type": "cms.HomePage", "fields": "hero_judul,body"})
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["items"]
    assert [item["id"] for item in items] == [home_page.id]
    assert items[0]["hero_judul"] == home_page.hero_judul
    assert items[0]["body"][0]["type"] == "heading"


def test_pages_endpoint_hides_drafts(home_page, client):
    draft = StandardPage(title="Draf API", slug="draf-api", live=False)
    home_page.add_child(instance=draft)

    listed = [item["title"] for item in client.get("/api/v2/pages/").json()["items"]]
    assert "Draf API" not in listed
    assert "Tentang Penilaian Kinerja ASN" in listed
    assert client.get(f"/api/v2/pages/{draft.id}/").status_code == 404


def test_documents_endpoint_lists_documents_with_download_url(
    home_page, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="PermenPANRB 6 Tahun 2022",
        file=ContentFile(b"%PDF-1.4 demo", name="permenpanrb-6-2022.pdf"),
    )

    items = client.get("/api/v2/documents/", {"limit": 100}).json()["items"]
    assert "PermenPANRB 6 Tahun 2022" in [item["title"] for item in items]
    detail = client.get(f"/api/v2/documents/{document.id}/").json()
    assert detail["meta"]["download_url"].endswith("permenpanrb-6-2022.pdf")
