"""The "Pendaftaran workshop" admin menu: scoped listing and export of registrations; its extra
screens (check-in, QR scan, certificates, cancel, bulk actions) are in `workshop_checkin`."""

import django_filters
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from cms.admin_scoping import NoAddPolicy, ScopedViewSetMixin, scoped_views
from evaluasi.models import UnitKerja

from ..models import Pendaftaran, StatusPendaftaran, WorkshopPage
from ..selectors import registrations_visible_to, workshops_visible_to
from . import workshop_checkin

VIEWS = scoped_views(registrations_visible_to)


class PendaftaranIndexView(VIEWS["index_view_class"]):
    def get_list_more_buttons(self, instance):

        buttons = super().get_list_more_buttons(instance)
        if instance.status != StatusPendaftaran.DIBATALKAN and self.user_has_permission("change"):
            url = reverse("pendaftaran_workshop:cancel", args=[instance.pk])
            buttons.append(
                MenuItem("Batalkan pendaftaran", url=url, icon_name="cross", priority=40)
            )
        return buttons


def _visible_workshops(request):
    if request is None:
        return WorkshopPage.objects.none()
    return workshops_visible_to(request.user).order_by("-mulai")


class PendaftaranFilterSet(WagtailFilterSet):
    workshop = django_filters.ModelChoiceFilter(label="Workshop", queryset=_visible_workshops)
    status = django_filters.ChoiceFilter(label="Status", choices=StatusPendaftaran.choices)
    hadir = django_filters.BooleanFilter(label="Hadir")
    opd = django_filters.CharFilter(label="Kode unit (beserta sub-unit)", method="filter_unit")

    class Meta:
        model = Pendaftaran
        fields = []

    def filter_unit(self, queryset, name, value):

        unit = UnitKerja.objects.filter(kode__iexact=value.strip()).first()
        return (
            queryset.filter(pegawai__unit_kerja__path__startswith=unit.path)
            if unit
            else queryset.none()
        )


class PendaftaranViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Pendaftaran
    name = "pendaftaran_workshop"
    icon = "date"
    menu_label = "Pendaftaran workshop"
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "workshop/pendaftaran"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "nama",
        "nip",
        Column("workshop", label="Workshop"),
        "status",
        BooleanColumn("hadir", label="Hadir"),
        "dibuat",
    ]
    list_export = [
        "nama",
        "nip",
        "instansi",
        "email",
        "no_hp",
        "workshop",
        "status",
        "dibuat",
        "hadir",
        "hadir_pada",
        "kode_sertifikat",
    ]
    export_filename = "pendaftaran-workshop"
    filterset_class = PendaftaranFilterSet
    search_fields = ["nama", "nip", "email"]
    search_backend_name = None
    form_fields = ["nama", "instansi", "email", "no_hp"]
    scoped_views = VIEWS
    index_view_class = PendaftaranIndexView

    @property
    def permission_policy(self):
        # Registrations are made on the workshop page, which names the workshop; this form has no
        # workshop field, so an "add" here could only fail.
        return NoAddPolicy(self.model)

    def get_urlpatterns(self):
        views = workshop_checkin
        return super().get_urlpatterns() + [
            path(
                "checkin/<int:workshop_id>/",
                self.construct_view(views.WorkshopCheckinView),
                name="checkin",
            ),
            path(
                "checkin/<int:workshop_id>/sertifikat/",
                self.construct_view(views.WorkshopCertificatesView),
                name="certificates",
            ),
            path("scan/<str:token>/", self.construct_view(views.PendaftaranScanView), name="scan"),
            path(
                "batal/<int:pk>/", self.construct_view(views.PendaftaranCancelView), name="cancel"
            ),
            path(
                "kelola/<int:workshop_id>/",
                self.construct_view(views.WorkshopManageView),
                name="manage",
            ),
        ]
