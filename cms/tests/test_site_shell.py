"""The public site shell: home page, navigation, footer, errors, robots and sitemap."""

import re

import pytest
from wagtail.models import Site

from cms.models import StandardPage
from cms.site_settings import PengaturanSitus


def _html(response):
    return response.content.decode()


def test_home_page_is_indonesian_with_hero_and_slots(home_page, client):
    html = _html(client.get("/"))
    assert '<html lang="id">' in html
    assert home_page.hero_judul in html
    for slot in ("Panduan terbaru", "Workshop mendatang", "Periode penilaian aktif"):
        assert slot in html
    assert 'href="#konten"' in html and 'id="konten"' in html  # skip link target exists


def test_footer_comes_from_site_settings(home_page, client):
    pengaturan = PengaturanSitus.for_site(Site.objects.get())
    pengaturan.nama_instansi = "Dinas Pendidikan dan Kebudayaan"
    pengaturan.telepon = "0721 123 456"
    pengaturan.save()

    html = _html(client.get("/"))
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Dinas Pendidikan dan Kebudayaan" in footer
    assert 'href="tel:0721123456"' in footer


def test_navigation_lists_only_live_menu_pages_and_marks_current(home_page, client):
    hidden = StandardPage(title="Halaman Tersembunyi", slug="tersembunyi", show_in_menus=False)
    home_page.add_child(instance=hidden)
    hidden.save_revision().publish()
    draft = StandardPage(title="Draf Menu", slug="draf-menu", show_in_menus=True, live=False)
    home_page.add_child(instance=draft)

    html = _html(client.get("/tentang-penilaian-kinerja/"))
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert "Tentang Penilaian Kinerja ASN" in nav
    assert "Kontak dan Bantuan" in nav
    assert "Halaman Tersembunyi" not in nav
    assert "Draf Menu" not in nav
    assert re.search(r'href="/tentang-penilaian-kinerja/" aria-current="page"', nav)


def test_unknown_url_gets_indonesian_404(home_page, client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in _html(response)


@pytest.mark.django_db
def test_server_error_page_is_indonesian_and_standalone(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")  # rendered without context, as Django's handler500 does
    assert '<html lang="id">' in html
    assert "Terjadi kesalahan" in html


def test_robots_points_to_sitemap_which_lists_live_pages(home_page, client):
    robots = _html(client.get("/robots.txt"))
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots

    draft = StandardPage(title="Draf", slug="draf-rahasia", live=False)
    home_page.add_child(instance=draft)
    sitemap = _html(client.get("/sitemap.xml"))
    assert "/tentang-penilaian-kinerja/</loc>" in sitemap
    assert "draf-rahasia" not in sitemap
