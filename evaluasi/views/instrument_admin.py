"""Admin views for instruments (frozen ones are versioned, not edited) and period status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views import generic

from evaluasi.models import Instrumen, PeriodePenilaian
from evaluasi.services.instruments import instrument_copy
from evaluasi.services.periods import FORWARD, REOPEN, period_transition


class InstrumenEditView(generic.EditView):
    """A frozen instrument is never changed in place: the admin is offered a new version."""

    def dispatch(self, request, *args, **kwargs):
        instrumen = get_object_or_404(Instrumen, pk=kwargs.get("pk"))
        if instrumen.dibekukan:
            return redirect(reverse("instrumen:new_version", args=[instrumen.pk]))
        return super().dispatch(request, *args, **kwargs)


def new_version(request, pk):
    if not request.user.has_perm("evaluasi.add_instrumen"):
        raise PermissionDenied
    instrumen = get_object_or_404(Instrumen, pk=pk)
    if request.method == "POST":
        copy = instrument_copy(instrumen_id=instrumen.pk, nama=request.POST.get("nama") or None)
        messages.success(request, f"{copy} dibuat dan dapat diubah.")
        return redirect(reverse("instrumen:edit", args=[copy.pk]))
    return TemplateResponse(
        request, "evaluasi/admin/instrumen_versi.html", {"instrumen": instrumen}
    )


def period_status(request, pk):
    periode = get_object_or_404(PeriodePenilaian, pk=pk)
    if not request.user.has_perm("evaluasi.view_periodepenilaian"):
        raise PermissionDenied
    if request.method == "POST":
        try:
            period_transition(
                periode_id=periode.pk,
                to=request.POST.get("ke", ""),
                user=request.user,
                alasan=request.POST.get("alasan", ""),
            )
            messages.success(request, "Status periode diperbarui.")
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(request.path)
    nxt = FORWARD.get(periode.status)
    return TemplateResponse(
        request,
        "evaluasi/admin/periode_status.html",
        {
            "periode": periode,
            "berikutnya": nxt,
            "berikutnya_label": nxt.label if nxt else "",
            "bisa_buka_lagi": periode.status == REOPEN[0],
            "riwayat": periode.riwayat.select_related("oleh")[:50],
        },
    )
