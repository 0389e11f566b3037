from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .accounts.admin_views import bulk_activation
from .selectors import pages_offered
from .topics import Topik


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


@hooks.register("construct_page_chooser_queryset")
def page_chooser_live_public_only(pages, request):
    """Who cannot edit pages (Admin OPD, Admin BKD without page rights) chooses among live,
    public pages only, and cannot browse into a draft or restricted page (docs/privasi.md)."""
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if (
        parent_id is not None
        and not Page.objects.filter(pk=parent_id, depth=1).exists()
        and not pages_offered(Page.objects.filter(pk=parent_id), request.user).exists()
    ):
        raise Http404
    return pages_offered(pages, request.user)
