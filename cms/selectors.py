"""Read-side queries for site-wide pages and search."""

from wagtail.models import Page


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
