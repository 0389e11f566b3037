"""Penilaian menu, instrument screens: frozen ones are versioned, not edited."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views import generic

from cms.admin_scoping import AdminScreen
from evaluasi.forms_instrumen import InstrumenVersiForm
from evaluasi.models import Instrumen
from evaluasi.services.instruments import instrument_copy


class InstrumenEditView(generic.EditView):
    """A frozen instrument is never changed in place: the admin is offered a new version."""

    def dispatch(self, request, *args, **kwargs):
        instrumen = get_object_or_404(Instrumen, pk=kwargs.get("pk"))
        # Only someone who may change it is offered a new version; anyone else is refused below.
        if instrumen.dibekukan and self.user_has_permission("change"):
            return redirect(reverse("instrumen:new_version", args=[instrumen.pk]))
        return super().dispatch(request, *args, **kwargs)


class InstrumenNewVersionView(AdminScreen):
    """A frozen instrument is copied into a new, editable version."""

    permission_required = "add"

    def handle(self, request, pk):
        instrumen = get_object_or_404(Instrumen, pk=pk)
        form = InstrumenVersiForm(request.POST or None, initial={"nama": instrumen.nama})
        if request.method == "POST" and form.is_valid():
            copy = instrument_copy(
                instrumen_id=instrumen.pk, nama=form.cleaned_data["nama"] or None
            )
            messages.success(request, f"{copy} dibuat dan dapat diubah.")
            return redirect(reverse("instrumen:edit", args=[copy.pk]))
        return TemplateResponse(
            request, "evaluasi/admin/instrumen_versi.html", {"instrumen": instrumen, "form": form}
        )
