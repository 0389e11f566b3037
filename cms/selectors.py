"""Read-side queries for site-wide pages."""

from wagtail.models import Page


def page_search(*, query: str):
    """Live, public pages matching `query`, best match first (empty for a blank query)."""
    query = (query or "").strip()
    if not query:
        return Page.objects.none()
    return Page.objects.live().public().specific().search(query)


def menu_pages(*, site):
    """Pages shown in the main navigation: the site root's live children marked 'show in menus'."""
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu()
