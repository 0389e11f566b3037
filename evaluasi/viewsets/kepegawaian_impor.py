"""Kepegawaian menu, roster import screens: upload → preview → confirm → result, plus history."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from evaluasi.demo_siasn import SIASN_SAMPLE
from evaluasi.models import ImporRoster
from evaluasi.selectors import imports_visible_to
from evaluasi.services import roster_import_jobs
from evaluasi.services.roster_import.report import counts_display, error_report_xlsx
from evaluasi.services.roster_import_jobs import (
    roster_import_cancel,
    roster_import_confirm,
    roster_import_queue,
)
from evaluasi.services.roster_template import roster_template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
URL_PREFIX = "impor_roster"


def _detail_url(impor) -> str:
    return reverse(f"{URL_PREFIX}:edit", args=[impor.pk])


class ImporHistoryView(generic.IndexView):
    add_item_label = "Unggah berkas roster"

    def get_base_queryset(self):
        return imports_visible_to(self.request.user)

    def get_edit_url(self, instance):
        return _detail_url(instance)


class ImporUploadView(generic.CreateView):
    page_title = "Impor roster dari Excel"
    template_name = "evaluasi/admin/impor_upload.html"
    submit_button_label = "Unggah dan periksa"
    submit_button_active_label = "Memeriksa…"

    def form_valid(self, form):
        impor = roster_import_queue(
            user=self.request.user,
            berkas=form.cleaned_data["berkas"],
            sinkronisasi_penuh=form.cleaned_data["sinkronisasi_penuh"],
        )
        if impor.status == ImporRoster.Status.PERLU_PEMETAAN:
            return redirect(reverse(f"{URL_PREFIX}:mapping", args=[impor.pk]))
        return redirect(_detail_url(impor))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse(f"{URL_PREFIX}:template")
        context["siasn_sample_url"] = reverse(f"{URL_PREFIX}:siasn_sample")
        return context


class _ImporObjectMixin(PermissionCheckedMixin):
    model = ImporRoster
    any_permission_required = ["add", "view"]

    @cached_property
    def object(self):
        return get_object_or_404(imports_visible_to(self.request.user), pk=self.kwargs["pk"])


class ImporScreen(_ImporObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """An admin screen about one import: its file name as subtitle, the history in the
    breadcrumbs (`trail`: the crumbs after it, as (url, label) pairs)."""

    header_icon = "upload"
    # The viewset's construct_view passes the attributes a view declares (edit view kwargs).
    index_url_name = None
    form_class = None
    edit_url_name = None
    delete_url_name = None
    header_more_buttons = ()

    def get_page_subtitle(self):
        return self.object.nama_berkas

    def trail(self) -> list[tuple[str, str]]:
        return [("", self.object.nama_berkas)]

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{URL_PREFIX}:index"), "label": "Riwayat impor roster"},
            *({"url": url, "label": label} for url, label in self.trail()),
        ]


class ImporDetailView(ImporScreen):
    """Preview (counts, changes, errors), live progress while a job runs, and the final result."""

    template_name = "evaluasi/admin/impor_detail.html"
    page_title = "Impor roster"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        impor = self.object
        context.update(
            impor=impor,
            counts=counts_display(impor.ringkasan) if impor.ringkasan else [],
            errors_shown=impor.kesalahan[:200],
            changes=(impor.perubahan or {}).get("berubah", []),
            deactivated=(impor.perubahan or {}).get("dinonaktifkan", []),
            atasan_derived=(impor.perubahan or {}).get("atasan_turunan", []),
            atasan_kept=(impor.perubahan or {}).get("atasan_manual_beda", []),
            inactive_rows=(impor.perubahan or {}).get("tidak_aktif", []),
            can_confirm=impor.status == ImporRoster.Status.PRATINJAU
            and self.user_has_permission("add"),
            status_url=reverse(f"{URL_PREFIX}:status", args=[impor.pk]),
            confirm_url=reverse(f"{URL_PREFIX}:confirm", args=[impor.pk]),
            cancel_url=reverse(f"{URL_PREFIX}:cancel", args=[impor.pk]),
            errors_url=reverse(f"{URL_PREFIX}:errors", args=[impor.pk]),
            file_url=reverse(f"{URL_PREFIX}:file", args=[impor.pk]) if impor.berkas else "",
            history_url=reverse(f"{URL_PREFIX}:index"),
            upload_url=reverse(f"{URL_PREFIX}:add"),
            mapping_url=reverse(f"{URL_PREFIX}:mapping", args=[impor.pk]),
            mappings_used=sorted({sheet["pemetaan"] for sheet in impor.kolom_berkas or []} - {""}),
            can_map=impor.status in roster_import_jobs.MAPPABLE
            and bool(impor.kolom_berkas)
            and self.user_has_permission("add"),
        )
        return context


class ImporStatusView(_ImporObjectMixin, View):
    def get(self, request, pk):
        impor = self.object
        return JsonResponse(
            {
                "status": impor.status,
                "label": impor.get_status_display(),
                "tahap": impor.tahap,
                "selesai": impor.baris_selesai,
                "total": impor.baris_total,
                "persen": impor.persen,
                "berjalan": impor.sedang_berjalan,
            }
        )


class ImporConfirmView(_ImporObjectMixin, View):
    any_permission_required = ["add"]

    def post(self, request, pk):
        impor = roster_import_confirm(impor_id=self.object.pk)
        if impor.status == ImporRoster.Status.SELESAI:
            messages.success(request, "Impor selesai; roster sudah diperbarui.")
        return redirect(_detail_url(impor))


class ImporCancelView(_ImporObjectMixin, View):
    any_permission_required = ["add"]

    def post(self, request, pk):
        roster_import_cancel(impor_id=self.object.pk)
        messages.info(request, "Impor dibatalkan; tidak ada data yang disimpan.")
        return redirect(reverse(f"{URL_PREFIX}:index"))


class ImporErrorsView(_ImporObjectMixin, View):
    def get(self, request, pk):
        impor = self.object
        response = HttpResponse(error_report_xlsx(impor.kesalahan), content_type=XLSX)
        stem = impor.nama_berkas.rsplit(".", 1)[0]
        response["Content-Disposition"] = f'attachment; filename="kesalahan-{stem}.xlsx"'
        return response


class ImporFileView(_ImporObjectMixin, View):
    """The uploaded roster file itself. It lies in the private storage without a URL
    (cms/storage.py), so this view — same permission and unit scope as the detail page — is the
    only way to fetch it."""

    def get(self, request, pk):
        impor = self.object
        if not impor.berkas:
            raise Http404("Berkas tidak ada.")
        try:
            handle = impor.berkas.open("rb")
        except FileNotFoundError as missing:
            raise Http404("Berkas tidak ditemukan.") from missing
        return FileResponse(handle, as_attachment=True, filename=impor.nama_berkas)


class ImporTemplateView(PermissionCheckedMixin, View):
    permission_required = "add"

    def get(self, request):
        response = HttpResponse(content_type=XLSX)
        roster_template_workbook().save(response)
        response["Content-Disposition"] = 'attachment; filename="templat-impor-roster.xlsx"'
        return response


class ImporSiasnSampleView(PermissionCheckedMixin, View):
    """The SIASN-style sample workbook (fixtures/roster/siasn-contoh.xlsx, fictional people) that a
    new user can download and import to see a SIASN export at work."""

    permission_required = "add"

    def get(self, request):
        return FileResponse(SIASN_SAMPLE.open("rb"), as_attachment=True, filename=SIASN_SAMPLE.name)
