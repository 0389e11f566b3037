from csp.middleware import CSPMiddleware, PolicyParts
from django.http import Http404
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .selectors import edits_pages, pages_offered

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    """One policy, with one exception: Wagtail's admin still runs inline scripts (InlinePanel
    templates, chooser modals), so admin pages also allow 'unsafe-inline' scripts. The public site
    keeps `script-src 'self'`.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX) and parts.update is None:
            return PolicyParts(
                parts.config, {"script-src": ["'unsafe-inline'"]}, parts.replace, parts.nonce
            )
        return parts


class WagtailPagesScopeMiddleware:
    """Wagtail's page screens check page permissions when a page is changed, not always when one
    is shown: the move confirmation and the workflow screens name any page by its id, and the page
    chooser's "chosen" answer returns any page asked for. Before Wagtail's view runs, for anyone
    with access to the admin: the page screens (`wagtailadmin_pages:*`) open only for who edits
    pages, and the chooser answers only for the pages `pages_offered` to the user (its listings
    go through the `construct_page_chooser_queryset` hook). Anonymous visitors and accounts
    without admin access are left to Wagtail (its login redirect)."""

    PAGES = "wagtailadmin_pages"
    CHOSEN = "wagtailadmin_choose_page_chosen_multiple"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not (match.namespace == self.PAGES or match.view_name == self.CHOSEN):
            return None  # every other URL: no query, nothing added
        user = request.user
        if not user.has_perm("wagtailadmin.access_admin") or edits_pages(user):
            return None
        if match.namespace == self.PAGES:
            return permission_denied(request)
        asked = Page.objects.filter(pk__in=[i for i in request.GET.getlist("id") if i.isdigit()])
        if pages_offered(asked, user).count() != asked.count():
            raise Http404
        return None
