"""Admin views that only ever see the rows a selector allows the user (kernel: no app imports)."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage

from .spreadsheets import spreadsheet_safe


class ScopedIndexMixin:
    """Listings (and their exports) show only rows inside the user's unit scope."""

    scoped = None  # callable(user) -> QuerySet

    def get_base_queryset(self):
        return type(self).scoped(self.request.user)

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))


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
