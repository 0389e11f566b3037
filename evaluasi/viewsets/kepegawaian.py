"""Wagtail admin viewsets of the roster, grouped under "Kepegawaian"."""

import django_filters
from django.urls import path
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.admin_scoping import ScopedViewSetMixin, scoped_views

from ..forms import ImporRosterForm, PegawaiAdminForm, UnitKerjaAdminForm
from ..forms_instrumen import InstrumenAdminForm
from ..golongan import GOLONGAN_CHOICES
from ..models import (
    AksesJawabanIndividual,
    Hubungan,
    ImporRoster,
    Instrumen,
    JenisJabatan,
    Pegawai,
    Penghargaan,
    Penugasan,
    PeriodePenilaian,
    StatusKepegawaian,
    UnitKerja,
)
from ..selectors import awards_visible_to, units_visible_to
from ..services.roster_import.columns import PEGAWAI_COLUMNS, UNIT_COLUMNS
from . import kepegawaian_impor as roster_import_admin
from . import kepegawaian_roster as roster_admin
from . import penilaian_instrumen as instrument_admin
from . import penilaian_penugasan as assignment_admin
from . import penilaian_periode as period_admin


def _scoped_units(request):
    return units_visible_to(request.user) if request else UnitKerja.objects.none()


class PegawaiFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja (beserta sub-unit)", queryset=_scoped_units, method="filter_subtree"
    )
    status = django_filters.ChoiceFilter(label="Status", choices=StatusKepegawaian.choices)
    golongan = django_filters.ChoiceFilter(label="Golongan", choices=GOLONGAN_CHOICES)
    jenis_jabatan = django_filters.ChoiceFilter(label="Jenis jabatan", choices=JenisJabatan.choices)
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = Pegawai
        fields = []

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(unit_kerja__path__startswith=value.path)


class UnitKerjaFilterSet(WagtailFilterSet):
    induk = django_filters.ModelChoiceFilter(
        label="Di bawah unit", queryset=_scoped_units, method="filter_subtree"
    )
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = UnitKerja
        fields = ["jenis"]

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class UnitKerjaViewSet(ScopedViewSetMixin, ModelViewSet):
    model = UnitKerja
    icon = "site"
    menu_label = "Unit kerja"
    url_prefix = "roster/unit"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["nama", "kode", "jenis", "induk", BooleanColumn("aktif", label="Aktif")]
    list_export = [*UNIT_COLUMNS, "aktif"]
    export_headings = {field: label for field, (label, _) in UNIT_COLUMNS.items()}
    export_filename = "unit-kerja"
    filterset_class = UnitKerjaFilterSet
    search_fields = ["nama", "kode"]
    search_backend_name = None  # plain database lookups: codes and names, no index to keep in sync
    edit_handler = ObjectList(
        [
            FieldPanel("kode"),
            FieldPanel("nama"),
            FieldPanel("jenis"),
            FieldPanel("induk"),
            FieldPanel("aktif"),
        ],
        base_form_class=UnitKerjaAdminForm,
    )
    scoped_views = roster_admin.UNIT_VIEWS


class PegawaiViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Pegawai
    icon = "user"
    menu_label = "Pegawai"
    url_prefix = "roster/pegawai"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "nama_lengkap",
        "nip",
        Column("unit_kerja", label="Unit kerja"),
        "golongan",
        "jabatan",
        BooleanColumn("aktif", label="Aktif"),
    ]
    # The export uses the import template's columns, so an exported list can be edited and
    # imported back.
    list_export = [*PEGAWAI_COLUMNS, "aktif"]
    export_headings = {field: label for field, (label, _) in PEGAWAI_COLUMNS.items()}
    export_filename = "pegawai"
    filterset_class = PegawaiFilterSet
    search_fields = ["nama", "nip"]
    search_backend_name = None
    inspect_view_fields = [
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "status",
        "golongan",
        "pangkat",
        "jabatan",
        "jenis_jabatan",
        "unit_kerja",
        "atasan",
        "email",
        "no_hp",
        "aktif",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("nip"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("gelar_depan"),
                            FieldPanel("nama"),
                            FieldPanel("gelar_belakang"),
                        ]
                    )
                ],
                heading="Nama",
            ),
            FieldRowPanel([FieldPanel("status"), FieldPanel("golongan")]),
            FieldRowPanel([FieldPanel("jabatan"), FieldPanel("jenis_jabatan")]),
            FieldPanel("unit_kerja"),
            FieldPanel("nip_atasan"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("no_hp")]),
            FieldPanel("aktif"),
        ],
        base_form_class=PegawaiAdminForm,
    )
    scoped_views = roster_admin.PEGAWAI_VIEWS
    index_view_class = roster_admin.PegawaiIndexView
    edit_view_class = roster_admin.PegawaiEditView
    inspect_view_class = roster_admin.PegawaiInspectView


class ImporRosterViewSet(ModelViewSet):
    name = "impor_roster"  # URL namespace used by the import views
    model = ImporRoster
    icon = "upload"
    menu_label = "Impor dari Excel"
    url_prefix = "roster/impor"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "nama_berkas",
        "dibuat",
        Column("pengunggah", label="Diunggah oleh"),
        "status",
        Column("ringkasan_singkat", label="Ringkasan"),
    ]
    list_filter = ["status"]
    form_fields = ["berkas", "sinkronisasi_penuh"]
    index_view_class = roster_import_admin.ImporHistoryView
    add_view_class = roster_import_admin.ImporUploadView
    edit_view_class = roster_import_admin.ImporDetailView
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return ImporRosterForm

    def get_urlpatterns(self):
        views = roster_import_admin
        policy = {"permission_policy": self.permission_policy}
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"delete", "history", "history_results", "usage"}
        ] + [
            path("templat.xlsx", views.ImporTemplateView.as_view(**policy), name="template"),
            path("<int:pk>/status/", views.ImporStatusView.as_view(**policy), name="status"),
            path("<int:pk>/konfirmasi/", views.ImporConfirmView.as_view(**policy), name="confirm"),
            path("<int:pk>/batal/", views.ImporCancelView.as_view(**policy), name="cancel"),
            path("<int:pk>/kesalahan.xlsx", views.ImporErrorsView.as_view(**policy), name="errors"),
            path("<int:pk>/berkas/", views.ImporFileView.as_view(**policy), name="file"),
        ]


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
    edit_view_class = instrument_admin.InstrumenEditView
    edit_handler = ObjectList(Instrumen.panels, base_form_class=InstrumenAdminForm)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/versi-baru/", instrument_admin.new_version, name="new_version")
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
    index_view_class = period_admin.PeriodeIndexView

    def get_urlpatterns(self):
        views = period_admin
        return super().get_urlpatterns() + [
            path("<int:pk>/status/", views.period_status, name="status"),
            path("<int:pk>/buat-penugasan/", views.generate, name="generate"),
            path("<int:pk>/kelengkapan/", views.completion, name="completion"),
            path("<int:pk>/kelengkapan.xlsx", views.completion_xlsx, name="completion_xlsx"),
            path("<int:pk>/pengingat/", views.remind, name="remind"),
            path("<int:pk>/jawaban-individual/", views.individual, name="individual"),
            path("<int:pk>/distribusi/", views.distribution, name="distribution"),
            path("<int:pk>/penghargaan/", views.awards, name="awards"),
            path("<int:pk>/hitung-hasil/", views.aggregate_now, name="aggregate"),
            path("<int:pk>/dasbor/", views.dashboard, name="dashboard"),
            path("<int:pk>/dasbor.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
            path("<int:pk>/ekspor/<int:ekspor_id>/", views.export_download, name="export_download"),
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
        queryset=_scoped_units,
        method="filter_subtree",
    )

    class Meta:
        model = Penugasan
        fields = []

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(dinilai__unit_kerja__path__startswith=value.path)


class PenugasanViewSet(ModelViewSet):
    """Listing of assignments; adding, removing and importing go through services."""

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
    index_view_class = assignment_admin.PenugasanIndexView
    add_to_reference_index = False

    def get_urlpatterns(self):
        views = assignment_admin
        kept = [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]
        return kept + [
            path("tambah/", views.add, name="add"),
            path("<int:pk>/", views.delete, name="edit"),
            path("<int:pk>/hapus/", views.delete, name="delete"),
            path("impor/", views.import_upload, name="import"),
            path("impor/konfirmasi/", views.import_confirm, name="import_confirm"),
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


class _NoAddPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


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
        return _NoAddPolicy(self.model)


class PenilaianGroup(ViewSetGroup):
    menu_label = "Penilaian"
    menu_icon = "form"
    menu_order = 210
    items = (
        PeriodeViewSet,
        PenugasanViewSet,
        InstrumenViewSet,
        PenghargaanViewSet,
        AksesJawabanViewSet,
    )


class KepegawaianGroup(ViewSetGroup):
    menu_label = "Kepegawaian"
    menu_icon = "group"
    menu_order = 200
    items = (PegawaiViewSet, UnitKerjaViewSet, ImporRosterViewSet)
