"""Kepegawaian menu, units and employees: scoped listings, inspect with the atasan chain,
exports (written by the roster resources of `evaluasi.resources`, the columns the import reads)."""

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.widgets.button import Button

from cms.admin_scoping import scoped_views
from cms.resource_export import ResourceExportMixin
from evaluasi.models import Pegawai, PerubahanEmail
from evaluasi.resources import PegawaiResource, UnitKerjaResource
from evaluasi.selectors import atasan_chain, pegawai_visible_to, units_visible_to
from evaluasi.services.email_changes import pegawai_email_change_record

UNIT_VIEWS = scoped_views(units_visible_to)
PEGAWAI_VIEWS = scoped_views(pegawai_visible_to)


class UnitKerjaIndexView(ResourceExportMixin, UNIT_VIEWS["index_view_class"]):
    """The scoped unit listing; its XLSX/CSV export is UnitKerjaResource's columns."""

    resource_class = UnitKerjaResource


class PegawaiIndexView(ResourceExportMixin, PEGAWAI_VIEWS["index_view_class"]):
    """The scoped pegawai listing; its XLSX/CSV export is PegawaiResource's columns."""

    resource_class = PegawaiResource

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("change"):
            url = reverse("aktivasi_massal")  # kepegawaian_aktivasi, outside the viewset's URLs
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


class PegawaiEditView(PEGAWAI_VIEWS["edit_view_class"]):
    """The scoped edit form; an email change is recorded and the old address told."""

    def save_instance(self):

        before = Pegawai.objects.filter(pk=self.object.pk).values_list("email", flat=True).first()
        instance = super().save_instance()
        pegawai_email_change_record(
            pegawai=instance,
            email_lama=before or "",
            email_baru=instance.email,
            oleh=self.request.user,
            sumber=PerubahanEmail.Sumber.ADMIN,
        )
        return instance


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
