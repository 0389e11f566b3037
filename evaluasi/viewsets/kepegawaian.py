"""The "Kepegawaian" admin menu: units, employees and the roster import from Excel.

Each viewset's extra screens sit beside it: `kepegawaian_roster` (units, employees),
`kepegawaian_aktivasi` (bulk activation links, from the employee listing) and `kepegawaian_impor`
(upload, preview, confirm). They are built with the viewset's
`construct_view`, so they check its `permission_policy` and read through the scoped selectors.
"""

import django_filters
from django.urls import path
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_scoping import ScopedViewSetMixin

from ..forms import ImporRosterForm, PegawaiAdminForm, UnitKerjaAdminForm
from ..golongan import GOLONGAN_CHOICES
from ..models import ImporRoster, JenisJabatan, Pegawai, StatusKepegawaian, UnitKerja
from ..resources import PegawaiResource, UnitKerjaResource, export_headings
from ..selectors import units_visible_to
from . import kepegawaian_impor, kepegawaian_pemetaan, kepegawaian_roster


def scoped_units(request):
    """The units a filter offers: those in the user's scope (none without a request)."""
    return units_visible_to(request.user) if request else UnitKerja.objects.none()


class PegawaiFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja (beserta sub-unit)", queryset=scoped_units, method="filter_subtree"
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
        label="Di bawah unit", queryset=scoped_units, method="filter_subtree"
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
    # The export is UnitKerjaResource's columns (kepegawaian_roster.UnitKerjaIndexView), the ones
    # the import reads, so an exported list can be edited and imported back.
    export_headings = export_headings(UnitKerjaResource)
    list_export = list(export_headings)
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
    scoped_views = kepegawaian_roster.UNIT_VIEWS
    index_view_class = kepegawaian_roster.UnitKerjaIndexView


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
    # The export is PegawaiResource's columns (kepegawaian_roster.PegawaiIndexView), the ones the
    # import reads, so an exported list can be edited and imported back.
    export_headings = export_headings(PegawaiResource)
    list_export = list(export_headings)
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
        "atasan_manual",
        "email",
        "no_hp",
        "aktif",
        "pns_id",
        "cpns",
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
            FieldRowPanel([FieldPanel("status"), FieldPanel("cpns"), FieldPanel("golongan")]),
            FieldRowPanel([FieldPanel("jabatan"), FieldPanel("jenis_jabatan")]),
            FieldPanel("unit_kerja"),
            FieldPanel("nip_atasan"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("no_hp")]),
            FieldPanel("pns_id"),
            FieldPanel("aktif"),
        ],
        base_form_class=PegawaiAdminForm,
    )
    scoped_views = kepegawaian_roster.PEGAWAI_VIEWS
    index_view_class = kepegawaian_roster.PegawaiIndexView
    edit_view_class = kepegawaian_roster.PegawaiEditView
    inspect_view_class = kepegawaian_roster.PegawaiInspectView


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
    index_view_class = kepegawaian_impor.ImporHistoryView
    add_view_class = kepegawaian_impor.ImporUploadView
    edit_view_class = kepegawaian_impor.ImporDetailView
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return ImporRosterForm

    def get_urlpatterns(self):
        views = kepegawaian_impor
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"delete", "history", "history_results", "usage"}
        ] + [
            path("templat.xlsx", self.construct_view(views.ImporTemplateView), name="template"),
            path(
                "contoh-siasn.xlsx",
                self.construct_view(views.ImporSiasnSampleView),
                name="siasn_sample",
            ),
            path("<int:pk>/status/", self.construct_view(views.ImporStatusView), name="status"),
            path(
                "<int:pk>/konfirmasi/", self.construct_view(views.ImporConfirmView), name="confirm"
            ),
            path("<int:pk>/batal/", self.construct_view(views.ImporCancelView), name="cancel"),
            path(
                "<int:pk>/kesalahan.xlsx", self.construct_view(views.ImporErrorsView), name="errors"
            ),
            path("<int:pk>/berkas/", self.construct_view(views.ImporFileView), name="file"),
            path(
                "<int:pk>/pemetaan/",
                self.construct_view(kepegawaian_pemetaan.ImporMappingView),
                name="mapping",
            ),
        ]


class KepegawaianGroup(ViewSetGroup):
    menu_label = "Kepegawaian"
    menu_icon = "group"
    menu_order = 200
    items = (PegawaiViewSet, UnitKerjaViewSet, ImporRosterViewSet)
