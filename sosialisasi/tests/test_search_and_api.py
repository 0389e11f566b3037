"""Search and API: content is found, drafts and private pages never leak, CORS is opt-in."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from sosialisasi.models import PanduanPage


def _guide(sosialisasi, slug, *, live=True, word="kuaskapur"):
    page = PanduanPage(
        title=f"Panduan {slug}", slug=slug, ringkasan=f"Tentang {word}.", body="[]", live=live
    )
    sosialisasi.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_search_highlights_matches_in_guides_faq_and_documents(sosialisasi, client):
    response = client.get("/cari/", {"q": "keberatan"})
    titles = [item["page"].title for item in response.context["items"]]
    assert "Tanya jawab penilaian kinerja" in titles  # found through an FAQ answer
    assert any(
        "<mark>keberatan</mark>" in str(item["excerpt"]).lower()
        for item in response.context["items"]
    )

    documents = client.get("/cari/", {"q": "BerAKHLAK"}).context["documents"]
    assert [d.title for d in documents] == ["Infografis Nilai Dasar BerAKHLAK"]


def test_search_falls_back_to_prefix_matching_and_suggests_topics(sosialisasi, client):
    partial = client.get("/cari/", {"q": "predik"})
    assert "Bagaimana predikat kinerja ditentukan" in [
        i["page"].title for i in partial.context["items"]
    ]
    nothing = client.get("/cari/", {"q": "xyzzyqwerty"})
    assert nothing.context["items"] == []
    assert "Perencanaan SKP" in [t.nama for t in nothing.context["topics"]]


def test_drafts_and_private_pages_leak_nowhere(sosialisasi, client):
    draft = _guide(sosialisasi, "draf", live=False)
    private = _guide(sosialisasi, "privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert client.get("/cari/", {"q": "kuaskapur"}).context["items"] == []
    listing = client.get("/api/v2/pages/", {"type": "sosialisasi.PanduanPage", "limit": 100}).json()
    slugs = {item["meta"]["slug"] for item in listing["items"]}
    assert "draf" not in slugs and "privat" not in slugs
    assert client.get("/api/v2/pages/", {"search": "kuaskapur"}).json()["items"] == []
    for page in (draft, private):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_documents_in_restricted_collections_stay_out_of_api_and_library(sosialisasi, client):
    secret = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="login")
    Document = get_document_model()
    document = Document(title="Memo internal", collection=secret)
    document.file.save("memo.pdf", ContentFile(b"%PDF-1.4"), save=True)

    titles = [d["title"] for d in client.get("/api/v2/documents/", {"limit": 100}).json()["items"]]
    assert "Memo internal" not in titles and "Lembar Kerja Penyusunan SKP" in titles
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    assert "Memo internal" not in client.get("/sosialisasi/dokumen/").content.decode()
    assert client.get("/cari/", {"q": "memo"}).context["documents"] == []


def test_cors_only_for_configured_origins(sosialisasi, client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://bkd.lampungselatankab.go.id"]
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://bkd.lampungselatankab.go.id")
    assert allowed["Access-Control-Allow-Origin"] == "https://bkd.lampungselatankab.go.id"
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://situs-lain.example")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/", HTTP_ORIGIN="https://bkd.lampungselatankab.go.id")
    assert "Access-Control-Allow-Origin" not in page  # only the API is shared
