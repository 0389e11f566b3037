"""Wagtail admin views for the roster: scoped listings, inspect with the atasan chain, exports."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from cms.spreadsheets import spreadsheet_safe
from evaluasi.selectors import atasan_chain, pegawai_visible_to, units_visible_to


class ScopedIndexMixin:
    """Listings (and their exports) show only rows inside the user's unit scope."""

    scoped = None  # callable(user) -> QuerySet

    def get_base_queryset(self):
        return type(self).scoped(self.request.user)

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))


class ScopedObjectMixin:
    """Edit, delete, inspect and history views 404 on rows outside the user's unit scope."""

    scoped = None

    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs.get(self.pk_url_kwarg, getattr(self, "pk", None))))
        return get_object_or_404(type(self).scoped(self.request.user), pk=pk)


def _scoped_views(selector):
    scoped = staticmethod(selector)

    def make(base, mixin):
        return type(f"Scoped{base.__name__}", (mixin, base), {"scoped": scoped})

    return {
        "index_view_class": make(generic.IndexView, ScopedIndexMixin),
        "edit_view_class": make(generic.EditView, ScopedObjectMixin),
        "delete_view_class": make(generic.DeleteView, ScopedObjectMixin),
        "inspect_view_class": make(generic.InspectView, ScopedObjectMixin),
    }


UNIT_VIEWS = _scoped_views(units_visible_to)
PEGAWAI_VIEWS = _scoped_views(pegawai_visible_to)


class PegawaiIndexView(PEGAWAI_VIEWS["index_view_class"]):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        try:  # the bulk activation screen is wired in cms (accounts), not here
            url = reverse("aktivasi_massal")
        except NoReverseMatch:
            return buttons
        if self.request.user.has_perm("evaluasi.change_pegawai"):
            query = self.request.GET.urlencode()
            buttons.append(
                Button(
                    "Kirim tautan aktivasi",
                    url=f"{url}?{query}" if query else url,
                    icon_name="mail",
                    priority=50,
                )
            )
        return buttons


class PegawaiInspectView(PEGAWAI_VIEWS["inspect_view_class"]):
    template_name = "evaluasi/admin/pegawai_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["atasan_chain"] = atasan_chain(self.object)
        context["bawahan"] = list(
            self.object.bawahan.filter(aktif=True)
            .select_related("unit_kerja")
            .order_by("nama")[:200]
        )
        context["bawahan_total"] = self.object.bawahan.filter(aktif=True).count()
        return context
