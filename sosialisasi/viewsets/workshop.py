"""The "Pendaftaran workshop" admin menu: scoped listing and export of registrations, with each
waiting registration's place in the queue and what gave each promoted one its seat; its extra
screens (check-in, QR scan, certificates, cancel, promote, bulk actions) are in `workshop_checkin`."""

import django_filters
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from cms.admin_scoping import NoAddPolicy, ScopedViewSetMixin, scoped_views
from evaluasi.models import UnitKerja

from ..models import Pendaftaran, SebabPromosi, StatusPendaftaran, WorkshopPage
from ..selectors import registrations_with_queue_visible_to, workshops_visible_to
from . import workshop_checkin

VIEWS = scoped_views(registrations_with_queue_visible_to)


def queue_position(pendaftaran) -> str:
    """ "3" for the third on its workshop's waiting list; empty when not waiting."""
    return str(pendaftaran.posisi_antrean) if pendaftaran.posisi_antrean else ""


def promotion_note(pendaftaran) -> str:
    """What gave a promoted registration its seat, when, by whom and (by hand) why; empty for a
    seat confirmed at registration."""
    if not pendaftaran.dipromosikan_karena:
        return ""
    parts = [SebabPromosi(pendaftaran.dipromosikan_karena).label]
    if pendaftaran.dipromosikan_pada:
        parts.append(date_format(localtime(pendaftaran.dipromosikan_pada), "j M Y H.i"))
    if pendaftaran.dipromosikan_oleh:
        parts.append(f"oleh {pendaftaran.dipromosikan_oleh.get_username()}")
    if pendaftaran.alasan_promosi:
        parts.append(f"alasan: {pendaftaran.alasan_promosi}")
    return " · ".join(parts)


class PendaftaranIndexView(VIEWS["index_view_class"]):
    def get_list_more_buttons(self, instance):

        buttons = super().get_list_more_buttons(instance)
        if instance.status != StatusPendaftaran.DIBATALKAN and self.user_has_permission("change"):
            url = reverse("pendaftaran_workshop:cancel", args=[instance.pk])
            buttons.append(
                MenuItem("Batalkan pendaftaran", url=url, icon_name="cross", priority=40)
            )
        if instance.status == StatusPendaftaran.DAFTAR_TUNGGU and self.user_has_permission(
            "change"
        ):
            url = reverse("pendaftaran_workshop:promote", args=[instance.pk])
            buttons.append(
                MenuItem("Promosikan (dengan alasan)", url=url, icon_name="arrow-up", priority=41)
            )
        return buttons


def _visible_workshops(request):
    if request is None:
        return WorkshopPage.objects.none()
    return workshops_visible_to(request.user).order_by("-mulai")


class PendaftaranPolicy(NoAddPolicy):
    """No "add" (NoAddPolicy) and no "delete", superusers included: a registration is cancelled,
    which passes its seat to the waiting list and records why; deleting the row would free the
    seat with nobody promoted and no trace."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "delete"])


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
        Column("posisi_antrean", label="Antrean", accessor=queue_position),
        Column("promosi", label="Kursi dari daftar tunggu", accessor=promotion_note),
        BooleanColumn("hadir", label="Hadir"),
        "dibuat",
    ]
    # One registration's details, in the order the export and the inspect view show them.
    _registrant = ["nama", "nip", "instansi", "email", "no_hp", "workshop", "status"]
    _attendance = ["hadir", "hadir_pada", "kode_sertifikat"]
    list_export = [
        *_registrant,
        "posisi_antrean",
        "dibuat",
        "dipromosikan_karena",
        "dipromosikan_pada",
        "alasan_promosi",
        *_attendance,
    ]
    export_headings = {"posisi_antrean": "Posisi antrean"}
    inspect_view_fields = [
        *_registrant,
        "dibuat",
        "dipromosikan_karena",
        "dipromosikan_pada",
        "dipromosikan_oleh",
        "alasan_promosi",
        *_attendance,
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
        # workshop field, so an "add" here could only fail. They end by cancelling, not deleting.
        return PendaftaranPolicy(self.model)

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
                "promosi/<int:pk>/",
                self.construct_view(views.PendaftaranPromoteView),
                name="promote",
            ),
            path(
                "kelola/<int:workshop_id>/",
                self.construct_view(views.WorkshopManageView),
                name="manage",
            ),
        ]
