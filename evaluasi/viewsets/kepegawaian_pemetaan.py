"""Kepegawaian menu, roster import: the column-mapping step (each file column → a roster field).

Shown when an upload's headers are not recognised (status "perlu pemetaan kolom"), and from a
preview read through a saved mapping ("Ubah pemetaan"). Saving remembers the mapping per header
set and checks the file again (docs/impor-roster.md, "Pemetaan kolom").
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from cms.errors import ActionRefused, refusal_shown
from evaluasi.forms_pemetaan import PemetaanKolomForm
from evaluasi.services.roster_import_jobs import roster_import_remap, roster_import_sheets_to_map

from .kepegawaian_impor import URL_PREFIX, ImporScreen
from .kepegawaian_impor import _detail_url as detail_url


def mapping_url(impor) -> str:
    return reverse(f"{URL_PREFIX}:mapping", args=[impor.pk])


class ImporMappingView(ImporScreen):
    """GET: the mapping form of an import's sheets; POST: save it and run the preview again."""

    any_permission_required = ["add"]
    template_name = "evaluasi/admin/impor_pemetaan.html"
    page_title = "Pemetaan kolom"

    def trail(self):
        return [(detail_url(self.object), self.object.nama_berkas), ("", "Pemetaan kolom")]

    def get(self, request, pk):
        sheets = roster_import_sheets_to_map(self.object)
        if not sheets:
            return redirect(detail_url(self.object))
        return self.render_to_response(self.get_context_data(form=PemetaanKolomForm(sheets=sheets)))

    def post(self, request, pk):
        sheets = roster_import_sheets_to_map(self.object)
        if not sheets:
            messages.error(request, "Impor ini tidak sedang menunggu pemetaan kolom.")
            return redirect(detail_url(self.object))
        form = PemetaanKolomForm(request.POST, sheets=sheets)
        if form.is_valid():
            try:
                impor = roster_import_remap(
                    impor_id=self.object.pk, user=request.user, choices=form.choices()
                )
            except ActionRefused as refused:
                refusal_shown(request, refused, form=form)
            else:
                messages.success(
                    request, "Pemetaan kolom disimpan; berkas diperiksa lagi dengan pemetaan itu."
                )
                return redirect(detail_url(impor))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(impor=self.object, detail_url=detail_url(self.object))
        return context
