"""Idempotent demo data for `manage.py load_demo` (site settings, home page, content pages).

Each loader creates what is missing and leaves what exists alone, so running it again (or after
an editor changed the content) never duplicates or overwrites anything.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from evaluasi.demo import (
    assessment_demo_load,
    awards_demo_load,
    instruments_demo_load,
    published_results_demo_load,
    roster_demo_load,
    skp_demo_load,
)
from evaluasi.demo_kalender import periodic_demo_load
from evaluasi.demo_pantau import monitoring_demo_load
from evaluasi.demo_pengembangan import development_plan_demo_load
from sosialisasi.demo import sosialisasi_demo_load
from sosialisasi.demo_workshops import workshops_demo_load

from .models import HomePage, StandardPage
from .notifications import without_email
from .site_settings import PengaturanSitus

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "demo-lampung-2026"  # noqa: S105 - demo only, documented in README


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def note(self, label: str, created: bool) -> None:
        (self.created if created else self.kept).append(label)


def _read_fixture(name: str) -> dict:
    return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _home_page(data: dict, report: DemoReport) -> HomePage:
    home = HomePage.objects.first()
    if home:
        report.note("beranda", created=False)
        return home

    root = Page.get_first_root_node()
    home = HomePage(
        title=data["title"],
        slug="beranda",
        seo_title=data["seo_title"],
        search_description=data["search_description"],
        hero_judul=data["hero_judul"],
        hero_pengantar=data["hero_pengantar"],
        hero_tautan_teks=data["hero_tautan_teks"],
        body=json.dumps(data["body"]),
    )
    root.add_child(instance=home)
    _publish(home)

    # Point the default site at the new home page, then drop Wagtail's placeholder "Welcome" page
    # (deleting it first would cascade to the Site row).
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    report.note("beranda", created=True)
    return home


def _standard_pages(home: HomePage, pages: list[dict], report: DemoReport) -> None:
    for data in pages:
        exists = home.get_children().filter(slug=data["slug"]).exists()
        if not exists:
            page = StandardPage(
                title=data["title"],
                slug=data["slug"],
                show_in_menus=data.get("show_in_menus", False),
                search_description=data.get("search_description", ""),
                pengantar=data.get("pengantar", ""),
                body=json.dumps(data.get("body", [])),
            )
            home.add_child(instance=page)
            _publish(page)
        report.note(f"halaman {data['slug']}", created=not exists)


def _hero_link(home: HomePage, slug: str) -> None:
    if home.hero_tautan_id is None and slug:
        target = home.get_children().filter(slug=slug).first()
        if target:
            home.hero_tautan = target
            _publish(home)


def _site_settings(site: Site, data: dict, report: DemoReport) -> None:
    pengaturan, created = PengaturanSitus.objects.get_or_create(site=site, defaults=data)
    report.note("pengaturan situs", created=created)


def _demo_admin(report: DemoReport) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={
            "email": "admin@demo.lampungprov.go.id",
            "first_name": "Admin",
            "last_name": "Demo",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save(update_fields=["password"])
    report.note("akun admin demo", created=created)


@transaction.atomic
def demo_load() -> DemoReport:
    report = DemoReport()
    data = _read_fixture("site.json")
    home = _home_page(data["beranda"], report)
    _standard_pages(home, data["halaman"], report)
    _hero_link(home, data["beranda"].get("hero_tautan_slug", ""))
    _site_settings(home.get_site(), data["pengaturan"], report)
    _demo_admin(report)
    roster_demo_load(report.note)
    sosialisasi_demo_load(home, report.note)
    workshops_demo_load(home, report.note)
    instruments_demo_load(report.note)  # after the topics, which aspects point at
    assessment_demo_load(report.note)
    published_results_demo_load(report.note)
    # The SKP steps tell the demo's people in the app, and mail none of its made-up addresses.
    with without_email():
        skp_demo_load(report.note)
        periodic_demo_load(report.note)
        monitoring_demo_load(report.note)
        development_plan_demo_load(report.note)
    awards_demo_load(home, report.note)
    return report
