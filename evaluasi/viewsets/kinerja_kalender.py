"""The SKP calendar's admin screens (menu *Penilaian* → *Kalender kinerja*): Admin BKD sets each
performance year's periodisation (bulanan, triwulanan, semesteran) and the evaluation window of
each of its periods; Admin OPD may read them. Writes go through `services.skp_kalender`."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log

from cms.admin_scoping import AdminScreen
from cms.errors import ActionRefused, refusal_shown

from ..models import EvaluasiKinerja, TahunKinerja
from ..models.skp_kalender import TAHUN_MAX, TAHUN_MIN
from ..services.skp_kalender import (
    may_set_calendar,
    period_windows_set,
    tahun_kinerja_setup,
    window_problem,
)


class TahunKinerjaForm(WagtailAdminModelForm):
    """The year and its periodisation; the year is fixed once created, and the periodisation
    cannot change once its periods hold evaluations (checked again by the service)."""

    class Meta:
        model = TahunKinerja
        fields = ["tahun", "periodisasi", "catatan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tahun"].disabled = True

    def clean_periodisasi(self):
        value = self.cleaned_data["periodisasi"]
        year = self.instance
        if (
            year.pk
            and value != TahunKinerja.objects.get(pk=year.pk).periodisasi
            and EvaluasiKinerja.objects.filter(periode_kinerja__tahun_kinerja=year).exists()
        ):
            raise forms.ValidationError(
                "Periodisasi tidak dapat diubah karena sudah ada evaluasi kinerja pada "
                "periode tahun ini."
            )
        return value


class _SetupMixin:
    """Save through `tahun_kinerja_setup` (which creates or regenerates the periods); a refusal
    comes back on the form."""

    def save_instance(self):
        data = self.form.cleaned_data
        created = not self.form.instance.pk
        year = tahun_kinerja_setup(
            tahun=data["tahun"] if not self.form.instance.pk else self.form.instance.tahun,
            periodisasi=data["periodisasi"],
            user=self.request.user,
        )
        year.catatan = data["catatan"]
        year.save(update_fields=["catatan"])
        # Wagtail's history screen of the year (who set which periodisation, when).
        log(instance=year, action="wagtail.create" if created else "wagtail.edit")
        return year

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ActionRefused as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)


class TahunKinerjaIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + [
            MenuItem(
                "Jendela evaluasi",
                url=reverse("kalender_kinerja:windows", args=[instance.pk]),
                icon_name="date",
                priority=5,
            )
        ]


class TahunKinerjaCreateView(_SetupMixin, generic.CreateView):
    pass


class TahunKinerjaEditView(_SetupMixin, generic.EditView):
    pass


class WindowForm(forms.Form):
    """One period's evaluation window (WIB)."""

    dibuka_pada = forms.DateTimeField(
        label="Dibuka (WIB)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Isi waktu dibuka.", "invalid": "Waktu tidak valid."},
    )
    ditutup_pada = forms.DateTimeField(
        label="Ditutup (WIB)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Isi waktu ditutup.", "invalid": "Waktu tidak valid."},
    )

    def __init__(self, *args, periode, **kwargs):
        self.periode = periode
        super().__init__(*args, prefix=f"p{periode.pk}", **kwargs)

    def clean(self):
        cleaned = super().clean()
        dibuka, ditutup = cleaned.get("dibuka_pada"), cleaned.get("ditutup_pada")
        for name, value in (("dibuka_pada", dibuka), ("ditutup_pada", ditutup)):
            if value is not None and not TAHUN_MIN <= value.year <= TAHUN_MAX:
                self.add_error(name, f"Tahun waktu ini harus antara {TAHUN_MIN} dan {TAHUN_MAX}.")
        if dibuka and ditutup and not self.errors:
            problem = window_problem(self.periode, dibuka, ditutup)
            if problem:
                self.add_error(*problem)
        return cleaned


class WindowsView(AdminScreen):
    """The evaluation windows of one year's periods: read for whom the policy allows "view",
    changed by Admin BKD only (`may_set_calendar`, checked again by the service)."""

    permission_required = "view"
    post_permission_required = "change"

    def handle(self, request, pk):
        year = get_object_or_404(TahunKinerja, pk=pk)
        periods = list(year.periode.order_by("urutan"))
        may_edit = may_set_calendar(request.user)
        data = request.POST if request.method == "POST" and may_edit else None
        window_forms = [
            WindowForm(
                data,
                periode=p,
                initial={"dibuka_pada": p.dibuka_pada, "ditutup_pada": p.ditutup_pada},
            )
            for p in periods
        ]
        if data is not None:
            if all(form.is_valid() for form in window_forms):
                try:
                    period_windows_set(
                        tahun_kinerja_id=year.pk,
                        windows={
                            form.periode.pk: (
                                form.cleaned_data["dibuka_pada"],
                                form.cleaned_data["ditutup_pada"],
                            )
                            for form in window_forms
                        },
                        user=request.user,
                    )
                except ActionRefused as refused:
                    refusal_shown(request, refused)
                else:
                    messages.success(request, "Jendela evaluasi disimpan.")
                    return redirect(reverse("kalender_kinerja:windows", args=[year.pk]))
            else:
                messages.error(request, "Periksa kembali isian yang ditandai.")
        return TemplateResponse(
            request,
            "evaluasi/admin/kalender_jendela.html",
            {"tahun_kinerja": year, "forms": window_forms, "bisa_ubah": may_edit},
        )


class TahunKinerjaViewSet(ModelViewSet):
    """Performance years: Admin BKD adds and changes them (the group's add/change permissions);
    Admin OPD may read them (view). Periods are made by the service, never added by hand."""

    model = TahunKinerja
    name = "kalender_kinerja"
    icon = "date"
    menu_label = "Kalender kinerja"
    menu_order = 215
    url_prefix = "penilaian/kalender-kinerja"
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    form_fields = ["tahun", "periodisasi", "catatan"]
    list_display = ["tahun", "periodisasi", Column("catatan", label="Catatan")]
    index_view_class = TahunKinerjaIndexView
    add_view_class = TahunKinerjaCreateView
    edit_view_class = TahunKinerjaEditView

    def get_form_class(self, for_update=False):
        return TahunKinerjaForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/jendela/", self.construct_view(WindowsView), name="windows"),
        ]
