"""Page rules, rendering, editing and preview of the socialisation pages."""

import pytest
from wagtail.models import Page

from cms.models import HomePage, StandardPage
from evaluasi.models import AsnBerprestasiPage
from sosialisasi.models import (
    BeritaIndexPage,
    BeritaPage,
    DokumenIndexPage,
    FaqPage,
    FormulirPage,
    PanduanPage,
    SosialisasiIndexPage,
    WorkshopIndexPage,
    WorkshopPage,
)


def test_page_types_are_creatable_only_where_they_belong(sosialisasi):
    home = HomePage.objects.get()
    news = BeritaIndexPage.objects.get()
    assert set(SosialisasiIndexPage.allowed_subpage_models()) == {
        PanduanPage,
        FaqPage,
        BeritaIndexPage,
        DokumenIndexPage,
        FormulirPage,
    }
    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage,
        SosialisasiIndexPage,
        WorkshopIndexPage,
        AsnBerprestasiPage,
    }
    assert PanduanPage.can_create_at(sosialisasi)
    assert FaqPage.can_create_at(sosialisasi)
    for model in (
        PanduanPage,
        FaqPage,
        BeritaPage,
        DokumenIndexPage,
        BeritaIndexPage,
        WorkshopPage,
        FormulirPage,
    ):
        assert not model.can_create_at(home), model
    assert WorkshopPage.can_create_at(WorkshopIndexPage.objects.get())
    assert FormulirPage.can_create_at(WorkshopPage.objects.first())
    assert BeritaPage.can_create_at(news)
    assert not BeritaPage.can_create_at(sosialisasi)
    assert not PanduanPage.can_create_at(news)
    # Only one landing page, one news index and one document library.
    assert not SosialisasiIndexPage.can_create_at(home)
    assert not BeritaIndexPage.can_create_at(sosialisasi)
    assert not DokumenIndexPage.can_create_at(sosialisasi)
    assert PanduanPage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/sosialisasi/",
            [
                "Panduan unggulan",
                "Perencanaan SKP",
                "Penilaian kinerja untuk pengembangan, bukan sanksi",
            ],
        ),
        (
            "/sosialisasi/apa-itu-skp-dan-cara-menulis-rhk/",
            [
                "Langkah menyusun SKP",
                "Contoh RHK seorang analis kepegawaian",
                "lembar-kerja-skp.pdf",
            ],
        ),
        (
            "/sosialisasi/tanya-jawab/",
            [
                "Apakah atasan saya tahu siapa yang menilai dia?",
                'id="topik-penilaian-360"',
                '"@type": "FAQPage"',
            ],
        ),
        (
            "/sosialisasi/berita/",
            ["Periode penilaian 360 derajat segera dibuka", "10 November 2026"],
        ),
        (
            "/sosialisasi/berita/workshop-penyusunan-skp-untuk-guru/",
            ["Workshop penyusunan SKP untuk guru SMA dan SMK"],
        ),
        ("/sosialisasi/dokumen/", ["Ringkasan PermenPANRB Nomor 6 Tahun 2022", "PDF", "Regulasi"]),
    ],
)
def test_pages_render_their_content(sosialisasi, client, url, expected):
    html = client.get(url).content.decode()
    for text in expected:
        assert text in html, text


def test_faq_has_15_questions_and_valid_structured_data(sosialisasi, client):
    import json
    import re

    html = client.get("/sosialisasi/tanya-jawab/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) >= 15
    assert all(
        q["acceptedAnswer"]["text"] and "<" not in q["acceptedAnswer"]["text"]
        for q in data["mainEntity"]
    )


def test_document_library_filters_by_category_and_title(sosialisasi, client):
    from wagtail.models import Collection

    regulasi = Collection.objects.get(name="Regulasi")
    by_category = client.get("/sosialisasi/dokumen/", {"kategori": regulasi.pk})
    assert [d.title for d in by_category.context["dokumen"]] == [
        "Ringkasan PermenPANRB Nomor 6 Tahun 2022"
    ]
    by_title = client.get("/sosialisasi/dokumen/", {"q": "berakhlak"})
    assert [d.title for d in by_title.context["dokumen"]] == ["Infografis Nilai Dasar BerAKHLAK"]
    nothing = client.get("/sosialisasi/dokumen/", {"q": "zzz"})
    assert "Tidak ada dokumen" in nothing.content.decode()


def test_news_is_newest_first_and_paginated(sosialisasi, client):
    news = BeritaIndexPage.objects.get()
    for day in range(1, 12):
        page = BeritaPage(
            title=f"Kabar {day}",
            slug=f"kabar-{day}",
            tanggal=f"2026-09-{day:02d}",
            ringkasan="x",
            body="[]",
        )
        news.add_child(instance=page)
    first = client.get("/sosialisasi/berita/").context["berita"]
    assert first.paginator.count == 14
    assert first.object_list[0].title == "Periode penilaian 360 derajat segera dibuka"
    assert len(first.object_list) == 10
    assert (
        client.get("/sosialisasi/berita/?halaman=2").context["berita"].object_list[-1].title
        == "Kabar 1"
    )


def test_guide_shows_meta_description_open_graph_and_canonical(sosialisasi, client):
    guide = PanduanPage.objects.get(slug="bagaimana-predikat-kinerja-ditentukan")
    html = client.get(guide.url).content.decode()
    assert f'<meta name="description" content="{guide.ringkasan}">' in html
    assert f'<link rel="canonical" href="{guide.full_url}">' in html
    assert '<meta property="og:title" content="Bagaimana predikat kinerja ditentukan">' in html


def test_home_page_lists_latest_guides(sosialisasi, client):
    newest = PanduanPage(
        title="Panduan Terbaru Sekali", slug="terbaru", ringkasan="baru", body="[]"
    )
    sosialisasi.add_child(instance=newest)
    newest.save_revision().publish()
    slot = client.get("/").context["panduan_terbaru"]
    assert slot[0].title == "Panduan Terbaru Sekali"
    assert len(slot) == 3


def test_new_page_form_opens_only_under_allowed_parents(sosialisasi, admin_client):
    home = HomePage.objects.get()
    assert (
        admin_client.get(f"/admin/pages/add/sosialisasi/panduanpage/{sosialisasi.pk}/").status_code
        == 200
    )
    refused = admin_client.get(f"/admin/pages/add/sosialisasi/panduanpage/{home.pk}/")
    assert refused.status_code in (302, 403)  # Wagtail redirects with "not allowed here"


def test_publishing_refreshes_the_cached_guide_body(sosialisasi, client):
    guide = PanduanPage.objects.get(slug="apa-itu-skp-dan-cara-menulis-rhk")
    assert "Sasaran Kinerja Pegawai" in client.get(guide.url).content.decode()
    guide.body = '[{"type": "paragraph", "value": "<p>Versi kedua panduan.</p>"}]'
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Versi kedua panduan." in html and "Sasaran Kinerja Pegawai" not in html


def test_drafts_stay_out_of_sitemap_and_pages(sosialisasi, client):
    draft = PanduanPage(
        title="Draf Rahasia", slug="draf-rahasia", ringkasan="draf", body="[]", live=False
    )
    sosialisasi.add_child(instance=draft)
    assert "draf-rahasia" not in client.get("/sitemap.xml").content.decode()
    assert (
        "/sosialisasi/apa-itu-skp-dan-cara-menulis-rhk/"
        in client.get("/sitemap.xml").content.decode()
    )
    assert client.get("/sosialisasi/draf-rahasia/").status_code == 404
    assert "Draf Rahasia" not in client.get("/sosialisasi/").content.decode()
    assert Page.objects.get(pk=draft.pk).live is False


def test_privacy_guide_is_published_from_docs_privasi(sosialisasi, client):
    """The ASN guide "who sees what" is the numbered part of docs/privasi.md: its role table and
    the logged exception reach the page; the developer notes do not."""
    from sosialisasi.demo_privasi import SLUG
    from sosialisasi.models import PanduanPage

    page = PanduanPage.objects.get(slug=SLUG)
    assert page.live and page.topik.filter(nama="Penilaian 360").exists()
    html = client.get(page.url).content.decode()
    for text in (
        "Siapa melihat apa, dan sejak kapan",
        "<th",  # the role table is a real table
        "Admin OPD",
        "Melihat jawaban individual",
        "mencatat setiap akses",
        "kurang dari 3 penilai",
    ):
        assert text in html, text
    assert "results_gate" not in html and "Kapan hasil terbaca" not in html
