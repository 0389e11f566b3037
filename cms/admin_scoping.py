"""Admin views that only ever see the rows a selector allows the user (kernel: no app imports)."""

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry
from wagtail.models import PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from .spreadsheets import spreadsheet_safe, xlsx_literal


class ScopedIndexMixin:
    """Listings (and their exports) show only rows inside the user's unit scope."""

    scoped = None  # callable(user) -> QuerySet

    def get_base_queryset(self):
        return type(self).scoped(self.request.user)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # CSV has no cell types: a visible guard. XLSX cells are typed text (generate_xlsx_row).
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield xlsx_literal(cell)


class ScopedObjectMixin:
    """Edit, delete and inspect views 404 on rows outside the user's unit scope."""

    scoped = None

    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs.get(self.pk_url_kwarg, getattr(self, "pk", None))))
        return get_object_or_404(type(self).scoped(self.request.user), pk=pk)


class ScopedBaseObjectMixin:
    """History and usage views (Wagtail's BaseObjectMixin) 404 on rows outside the scope too."""

    scoped = None

    def get_base_object_queryset(self):
        return type(self).scoped(self.request.user)


def scoped_views(selector):
    """Index, edit, delete, inspect, history and usage view classes that all read through
    `selector(user)` — every per-object page, or one of them leaks rows outside the scope."""
    scoped = staticmethod(selector)

    def make(base, mixin):
        return type(f"Scoped{base.__name__}", (mixin, base), {"scoped": scoped})

    return {
        "index_view_class": make(generic.IndexView, ScopedIndexMixin),
        "edit_view_class": make(generic.EditView, ScopedObjectMixin),
        "delete_view_class": make(generic.DeleteView, ScopedObjectMixin),
        "inspect_view_class": make(generic.InspectView, ScopedObjectMixin),
        "history_view_class": make(history.HistoryView, ScopedBaseObjectMixin),
        "usage_view_class": make(usage.UsageView, ScopedBaseObjectMixin),
    }


class ScopedViewSetMixin:
    """A viewset whose index and per-object views are `scoped_views` (`scoped_views(selector)`),
    all of them unless the class body names its own (a subclass of one of these)."""

    scoped_views: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, view_class in cls.scoped_views.items():
            if name not in cls.__dict__:
                setattr(cls, name, view_class)


class AdminScreen(PermissionCheckedMixin, View):
    """An extra screen of a ModelViewSet (beside Wagtail's index, add, edit, ...), built by the
    viewset's `construct_view`, which passes the viewset's `permission_policy` and `model`.

    `permission_required` (an action of the policy: "view", "add", "change", "delete") is checked
    on every request and `post_permission_required` on POST requests too, before the handler
    runs. GET and POST both go to `handle(request, **url_kwargs)`; a screen that reads rows reads
    them through its app's scoped selectors (`*_visible_to(user)`), so an Admin OPD sees its own
    unit subtree only.
    """

    model = None
    post_permission_required = None
    # HEAD as GET (link checkers, download managers); nothing else.
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        if self.permission_policy is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} has no permission_policy: build it with the viewset's "
                "construct_view()"
            )
        if (
            request.method == "POST"
            and self.post_permission_required is not None
            and not self.user_has_permission(self.post_permission_required)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.handle(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.handle(request, *args, **kwargs)

    def handle(self, request, *args, **kwargs):
        raise NotImplementedError


def log_entries_visible(log_model, user, sees_everything):
    """The log entries of `log_model` that `user` may read in the site history (docs/privasi.md,
    "Layar bawaan Wagtail"): everything for whom `sees_everything(user)`; for everyone else, page
    entries as Wagtail allows them (page permissions) and, of every other model, only the user's
    own actions — Wagtail's rule (any permission on the model) would show other units' rows."""

    entries = log_model.objects.viewable_by_user(user)
    if sees_everything(user) or issubclass(log_model, PageLogEntry):
        return entries
    return entries.filter(user=user)


def scoped_site_history_view(sees_everything):
    """Wagtail's site history report (and its CSV/XLSX export and filter choices) read through
    `log_entries_visible`; served ahead of Wagtail's own URL (cms/urls.py)."""

    def visible(user, method):
        values = set()
        for log_model in registry.get_log_entry_models():
            values.update(getattr(log_entries_visible(log_model, user, sees_everything), method)())
        return values

    class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
        object_type = ContentTypeFilter(
            label=gettext_lazy("Type"),
            method="filter_object_type",
            queryset=lambda request: ContentType.objects.filter(
                pk__in=visible(request.user, "get_content_type_ids")
            ).order_by("model"),
        )

        def get_action_choices(self):
            actions = visible(self.request.user, "get_actions")
            return [choice for choice in registry.get_choices() if choice[0] in actions]

        def get_user_choices(self):
            User = get_user_model()
            return User.objects.filter(pk__in=visible(self.request.user, "get_user_ids")).order_by(
                User.USERNAME_FIELD
            )

    class ScopedSiteHistoryView(LogEntriesView):
        filterset_class = ScopedSiteHistoryFilterSet

        def filter_queryset(self, queryset):
            # Called once per log model (values() rows of `queryset.model`) before the union.
            allowed = log_entries_visible(queryset.model, self.request.user, sees_everything)
            return super().filter_queryset(queryset.filter(pk__in=allowed.values("pk")))

    return ScopedSiteHistoryView


class NoAddPolicy(ModelPermissionPolicy):
    """A model's permissions without "add", for everyone, superusers included: rows of such a
    viewset are created elsewhere (a registration on its workshop page, an awardee chosen among
    ranked candidates), so its index shows no add button and the add URL is refused."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])
