from wagtail.models import PageViewRestriction

from cms.models import StandardPage


def _add_page(parent, *, slug, title, pengantar, live=True):
    page = StandardPage(title=title, slug=slug, pengantar=pengantar, live=live)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def test_search_finds_demo_page_by_body_word(home_page, client):
    response = client.get("/cari/", {"q": "BerAKHLAK"})
    titles = [result.title for result in response.context["results"]]
    assert "Tentang Penilaian Kinerja ASN" in titles
    assert "Kontak dan Bantuan" not in titles


def test_search_never_returns_drafts_or_private_pages(home_page, client):
    _add_page(
        home_page, slug="draf", title="Rancangan Zebrakata", pengantar="zebrakata", live=False
    )
    private = _add_page(home_page, slug="privat", title="Privat Zebrakata", pengantar="zebrakata")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get("/cari/", {"q": "zebrakata"})
    assert list(response.context["results"]) == []
    assert "Tidak ada hasil" in response.content.decode()


def test_blank_query_shows_hint_not_everything(home_page, client):
    response = client.get("/cari/", {"q": "   "})
    assert response.context["paginator"].count == 0
    assert "Ketik kata kunci" in response.content.decode()


def test_search_paginates_and_clamps_bad_page_numbers(home_page, client):
    for i in range(12):
        _add_page(
            home_page, slug=f"arsip-{i}", title=f"Arsip Kinerja {i}", pengantar="arsipkinerja"
        )

    first = client.get("/cari/", {"q": "arsipkinerja"})
    assert first.context["paginator"].num_pages == 2
    assert len(first.context["results"].object_list) == 10

    beyond = client.get("/cari/", {"q": "arsipkinerja", "halaman": "99"})
    assert beyond.context["results"].number == 2
    garbage = client.get("/cari/", {"q": "arsipkinerja", "halaman": "abc"})
    assert garbage.context["results"].number == 1
