from django.db.models import Q
from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .accounts.admin_views import bulk_activation
from .models import Topik


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [path("akun/aktivasi-massal/", bulk_activation, name="aktivasi_massal")]


class TopikViewSet(SnippetViewSet):
    model = Topik
    icon = "tag"
    menu_label = "Topik"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["nama", "slug", "urutan"]
    search_fields = ["nama"]


register_snippet(TopikViewSet)


def _edits_pages(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])


@hooks.register("construct_page_chooser_queryset")
def page_chooser_live_public_only(pages, request):
    """Who cannot edit pages (Admin OPD, Admin BKD without page rights) chooses among live,
    public pages only, and cannot browse into a draft or restricted page (docs/privasi.md)."""
    if _edits_pages(request.user):
        return pages
    # Live and public, and not under a draft either (public() already covers restricted ancestors).
    under_draft = Q()
    for draft_path in Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True):
        under_draft |= Q(path__startswith=draft_path)
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None:
        allowed = _live_public(Page.objects.all(), under_draft)
        if (
            not allowed.filter(pk=parent_id).exists()
            and not Page.objects.filter(pk=parent_id, depth=1).exists()
        ):
            raise Http404
    return _live_public(pages, under_draft)


def _live_public(pages, under_draft):
    pages = pages.live().public()
    return pages.exclude(under_draft) if under_draft else pages
