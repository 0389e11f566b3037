"""Guide, index and search pages run a fixed number of queries however much content exists."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import get_page_models

from cms.topics import Topik
from sosialisasi.models import FaqItem, FaqPage, PanduanPage


def _queries(client, url) -> int:
    client.get(url)  # warm caches that are meant to be warm (site root, settings)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_content(sosialisasi, n: int) -> None:
    topics = list(Topik.objects.all())
    guides = PanduanPage.objects.all()
    for i in range(n):
        page = PanduanPage(
            title=f"Panduan tambahan {i}",
            slug=f"tambahan-{i}",
            ringkasan="Tentang SKP dan predikat.",
            body="[]",
        )
        page.topik = topics[: 1 + i % len(topics)]
        page.panduan_terkait = list(guides[:3])
        sosialisasi.add_child(instance=page)
        page.save_revision().publish()
    faq = FaqPage.objects.get()
    FaqItem.objects.bulk_create(
        [
            FaqItem(
                page=faq,
                topik=topics[i % len(topics)],
                pertanyaan=f"Pertanyaan {i}?",
                jawaban="<p>Jawab.</p>",
                sort_order=100 + i,
            )
            for i in range(n)
        ]
    )


def test_query_counts_do_not_grow_with_content(sosialisasi, client):
    urls = [
        "/sosialisasi/",
        "/sosialisasi/apa-itu-skp-dan-cara-menulis-rhk/",
        "/sosialisasi/tanya-jawab/",
        "/sosialisasi/berita/",
        "/sosialisasi/dokumen/",
        "/",
    ]
    before = {url: _queries(client, url) for url in urls}
    search_before = _queries(client, "/cari/?q=SKP")
    _add_content(sosialisasi, 15)
    after = {url: _queries(client, url) for url in urls}
    assert after == before, (before, after)

    # Search results load their specific pages with one query per page type on the result page,
    # so the bound is the number of page types, never the number of results.
    ceiling = _queries(client, "/cari/?q=tidakadaapapun") + len(get_page_models())
    assert search_before <= ceiling
    assert _queries(client, "/cari/?q=SKP") <= ceiling
