"""The "Penilaian" admin menu: periods, rater assignments, instruments, awards and the
individual-answer access log.

Each viewset's extra screens sit beside it: `penilaian_periode` (a period's status, completion,
distribution, dashboard, awards, exports), `penilaian_penugasan` (add, remove, accept a late
submission, import) and `penilaian_instrumen` (a new version of a frozen instrument). They are
built with the viewset's `construct_view`, so they check its `permission_policy` and read through
the scoped selectors.
"""

import django_filters
from django.urls import path
from django.views.generic import RedirectView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.admin_scoping import NoAddPolicy, ScopedViewSetMixin, scoped_views

from ..forms_instrumen import InstrumenAdminForm
from ..models import (
    AksesJawabanIndividual,
    Hubungan,
    Instrumen,
    Penghargaan,
    Penugasan,
    PeriodePenilaian,
)
from ..selectors import awards_visible_to
from . import penilaian_instrumen, penilaian_penugasan, penilaian_periode
from .kepegawaian import scoped_units
from .kinerja_kalender import TahunKinerjaViewSet


class InstrumenViewSet(ModelViewSet):
    model = Instrumen
    name = "instrumen"
    icon = "doc-full"
    menu_label = "Instrumen"
    url_prefix = "penilaian/instrumen"
    copy_view_enabled = False
    list_display = ["nama", "versi", BooleanColumn("dibekukan", label="Dibekukan"), "dibuat"]
    search_fields = ["nama"]
    search_backend_name = None
    edit_view_class = penilaian_instrumen.InstrumenEditView
    edit_handler = ObjectList(Instrumen.panels, base_form_class=InstrumenAdminForm)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "<int:pk>/versi-baru/",
                self.construct_view(penilaian_instrumen.InstrumenNewVersionView),
                name="new_version",
            )
        ]


class PeriodeViewSet(ModelViewSet):
    model = PeriodePenilaian
    name = "periode"
    icon = "calendar"
    menu_label = "Periode penilaian"
    url_prefix = "penilaian/periode"
    copy_view_enabled = False
    list_display = ["nama", "tahun", "jenis", "instrumen", "status"]
    list_filter = ["status", "tahun"]
    index_view_class = penilaian_periode.PeriodeIndexView

    def get_urlpatterns(self):
        views = penilaian_periode
        screens = [
            ("<int:pk>/status/", views.PeriodeStatusView, "status"),
            ("<int:pk>/buat-penugasan/", views.PeriodeGenerateView, "generate"),
            ("<int:pk>/kelengkapan/", views.PeriodeCompletionView, "completion"),
            ("<int:pk>/kelengkapan.xlsx", views.PeriodeCompletionXlsxView, "completion_xlsx"),
            ("<int:pk>/pengingat/", views.PeriodeRemindView, "remind"),
            ("<int:pk>/jawaban-individual/", views.PeriodeIndividualView, "individual"),
            ("<int:pk>/distribusi/", views.PeriodeDistributionView, "distribution"),
            ("<int:pk>/penghargaan/", views.PeriodeAwardsView, "awards"),
            ("<int:pk>/hitung-hasil/", views.PeriodeAggregateView, "aggregate"),
            ("<int:pk>/dasbor/", views.PeriodeDashboardView, "dashboard"),
            ("<int:pk>/dasbor.xlsx", views.PeriodeDashboardXlsxView, "dashboard_xlsx"),
            (
                "<int:pk>/ekspor/<int:ekspor_id>/",
                views.PeriodeExportDownloadView,
                "export_download",
            ),
        ]
        return super().get_urlpatterns() + [
            path(route, self.construct_view(view_class), name=name)
            for route, view_class, name in screens
        ]


class PenugasanFilterSet(WagtailFilterSet):
    periode = django_filters.ModelChoiceFilter(
        label="Periode", queryset=PeriodePenilaian.objects.order_by("-dibuka_pada")
    )
    hubungan = django_filters.ChoiceFilter(label="Hubungan", choices=Hubungan.choices)
    terkirim = django_filters.BooleanFilter(
        label="Sudah dikirim", field_name="dikirim", lookup_expr="isnull", exclude=True
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit yang dinilai (beserta sub-unit)",
        queryset=scoped_units,
        method="filter_subtree",
    )

    class Meta:
        model = Penugasan
        fields = []

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(dinilai__unit_kerja__path__startswith=value.path)


class PenugasanViewSet(ModelViewSet):
    """Listing of assignments; adding, removing and importing go through services. An assignment
    is never edited (removed and added again): there is no "edit" screen; its own screen is the
    removal one (`delete`), which also offers a late submission to `accept_late`."""

    model = Penugasan
    name = "penugasan"
    icon = "group"
    menu_label = "Penugasan penilai"
    url_prefix = "penilaian/penugasan"
    copy_view_enabled = False
    form_fields = ["hubungan"]
    list_display = [
        Column("dinilai", label="Dinilai"),
        Column("penilai", label="Penilai"),
        "hubungan",
        Column("periode", label="Periode"),
        Column("status_pengisian", label="Status"),
    ]
    # The listing's own columns (NIPs for a spreadsheet): completion status, never an answer.
    list_export = ["periode", "dinilai.nip", "dinilai", "penilai.nip", "penilai", "hubungan",
                   "status_pengisian"]  # fmt: skip
    export_headings = {
        "dinilai.nip": "NIP dinilai",
        "dinilai": "Dinilai",
        "penilai.nip": "NIP penilai",
        "penilai": "Penilai",
        "status_pengisian": "Status",
    }
    filterset_class = PenugasanFilterSet
    search_fields = ["penilai__nama", "penilai__nip", "dinilai__nama", "dinilai__nip"]
    search_backend_name = None
    index_view_class = penilaian_penugasan.PenugasanIndexView
    add_to_reference_index = False

    def get_urlpatterns(self):
        views = penilaian_penugasan
        kept = [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]
        return kept + [
            path("tambah/", self.construct_view(views.PenugasanAddView), name="add"),
            path("<int:pk>/hapus/", self.construct_view(views.PenugasanDeleteView), name="delete"),
            # The assignment's old address (before its screen was named for what it does).
            path("<int:pk>/", RedirectView.as_view(pattern_name="penugasan:delete")),
            path(
                "<int:pk>/terima-terlambat/",
                self.construct_view(views.PenugasanAcceptLateView),
                name="accept_late",
            ),
            path("impor/", self.construct_view(views.PenugasanImportView), name="import"),
            path(
                "impor/konfirmasi/",
                self.construct_view(views.PenugasanImportConfirmView),
                name="import_confirm",
            ),
        ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Audit rows are never added, changed or deleted through the admin, superusers included."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class AksesJawabanViewSet(ModelViewSet):
    """Read-only audit log of individual-answer access (visible to superusers only)."""

    model = AksesJawabanIndividual
    name = "akses_jawaban"
    icon = "warning"
    menu_label = "Log akses jawaban"
    url_prefix = "penilaian/log-akses"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["alasan"]
    list_display = [
        "waktu",
        Column("oleh", label="Oleh"),
        Column("dinilai", label="Dinilai"),
        "periode",
        "alasan",
    ]
    list_export = ["waktu", "oleh", "dinilai", "periode", "alasan"]
    add_to_reference_index = False

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]


AWARD_VIEWS = scoped_views(awards_visible_to)


class PenghargaanViewSet(ScopedViewSetMixin, ModelViewSet):
    """Edit an awardee's citation and photo, or withdraw it; awardees are chosen on the period's
    Penghargaan screen from ranked candidates. Every screen reads through `awards_visible_to`, so a
    role given these permissions with a partial scope sees its own subtree's awardees only."""

    model = Penghargaan
    name = "penghargaan"
    icon = "pick"
    menu_label = "Penghargaan"
    url_prefix = "penilaian/penghargaan"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["kutipan", "foto", "dipublikasikan"]
    list_display = [
        Column("pegawai", label="Pegawai"),
        "periode",
        BooleanColumn("dipublikasikan", label="Dipublikasikan"),
    ]
    list_filter = ["periode", "dipublikasikan"]
    add_to_reference_index = False
    scoped_views = AWARD_VIEWS

    @property
    def permission_policy(self):
        # No "add" here for anyone (the index then shows no button and the URL is refused):
        # awardees are chosen from ranked candidates on the period's screen, which is what the
        # add_penghargaan permission grants. Removing the URL instead broke the index and delete
        # pages, which link to it.
        return NoAddPolicy(self.model)


class PenilaianGroup(ViewSetGroup):
    menu_label = "Penilaian"
    menu_icon = "form"
    menu_order = 210
    items = (
        PeriodeViewSet,
        TahunKinerjaViewSet,  # the SKP's calendar: years, periodisation, evaluation windows
        PenugasanViewSet,
        InstrumenViewSet,
        PenghargaanViewSet,
        AksesJawabanViewSet,
    )
