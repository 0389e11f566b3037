"""Read-side queries for site-wide pages and search."""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import page_permission_policy


def page_search(*, query: str):
    """Live, public pages matching `query`, best match first (empty for a blank query).

    Falls back to prefix matching on titles ("panduan sk" finds "Panduan SKP") when the full-text
    search finds nothing.
    """
    query = (query or "").strip()
    if not query:
        return Page.objects.none()
    pages = Page.objects.live().public().specific()
    results = pages.search(query)
    if results.count() == 0:
        results = pages.autocomplete(query)
    return results


def menu_pages(*, site):
    """Pages shown in the main navigation: the site root's live children marked 'show in menus'."""
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu()


def edits_pages(user) -> bool:
    """May add, change or publish some page (Editor, Admin BKD with page rights, superuser)."""
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])


def pages_offered(pages, user):
    """The `pages` an admin screen may name to `user`: all of them to who edits pages; to everyone
    else (Admin OPD) only the live, public ones that are not under a draft (docs/privasi.md)."""
    if edits_pages(user):
        return pages
    under_draft = Q()
    for draft_path in Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True):
        under_draft |= Q(path__startswith=draft_path)
    pages = pages.live().public()
    return pages.exclude(under_draft) if under_draft else pages
