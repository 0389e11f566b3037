from django.http import Http404
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from .selectors import pages_offered
from .viewsets import TopikViewSet

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
