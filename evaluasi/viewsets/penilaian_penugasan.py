"""Penilaian menu, rater assignment screens: a scoped list, add and remove by hand, accept a late
submission, import from Excel.

Everything reads through `assignments_of_ratees_in_scope` (the ratee's unit in the admin's subtree) and
writes through `services.assignments` / `services.assignment_import`, which freeze a period's
assignments once it opens (changes then need a reason and are recorded, docs/aturan.md §5).
"""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.widgets.button import Button

from cms.admin_scoping import AdminScreen, scoped_views
from cms.errors import ActionRefused, refusal_shown
from evaluasi.forms import PenugasanImporForm, PenugasanTambahForm
from evaluasi.models import StatusPeriode
from evaluasi.selectors import assignments_of_ratees_in_scope
from evaluasi.services.answers import (
    late_submission_accept,
    late_submission_open,
)
from evaluasi.services.assignment_import import assignment_import_apply, assignment_import_plan
from evaluasi.services.assignments import assignment_add, assignment_remove

VIEWS = scoped_views(assignments_of_ratees_in_scope)


class PenugasanIndexView(VIEWS["index_view_class"]):
    def get_edit_url(self, instance):
        # Assignments are not edited (removed and added again): no "edit" screen.
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("add"):
            buttons.append(
                Button("Impor dari Excel", url=reverse("penugasan:import"), icon_name="upload")
            )
        return buttons


SESSION_KEY = "impor_penugasan"


class PenugasanAddView(AdminScreen):
    """Add one assignment by hand (through `services.assignments`)."""

    permission_required = "add"

    def handle(self, request):
        form = PenugasanTambahForm(
            request.POST or None, initial={"periode": request.GET.get("periode")}
        )
        if request.method == "POST" and form.is_valid():
            try:
                penugasan = assignment_add(
                    periode_id=form.cleaned_data["periode"].pk,
                    nip_penilai=form.cleaned_data["nip_penilai"],
                    nip_dinilai=form.cleaned_data["nip_dinilai"],
                    hubungan=form.cleaned_data["hubungan"],
                    user=request.user,
                    alasan=form.cleaned_data["alasan"],
                )
            except ActionRefused as refused:
                refusal_shown(request, refused, form=form)
            else:
                messages.success(
                    request,
                    f"Penugasan ditambahkan: {penugasan.penilai} menilai {penugasan.dinilai}.",
                )
                return redirect(reverse("penugasan:index"))
        return TemplateResponse(
            request,
            "evaluasi/admin/penugasan_form.html",
            {"form": form, "judul": "Tambah penugasan penilai", "multipart": False},
        )


class PenugasanDeleteView(AdminScreen):
    """One assignment: its status, a late submission to accept (posted to `accept_late`) and
    its removal, refused once answering started and needing a reason once the period is open."""

    permission_required = "view"
    post_permission_required = "delete"

    def handle(self, request, pk):
        penugasan = get_object_or_404(assignments_of_ratees_in_scope(request.user), pk=pk)
        if request.method == "POST" and request.POST.get("aksi", "hapus") != "hapus":
            # A form from a page loaded before late acceptance got its own address: never read
            # it as a removal.
            messages.warning(
                request, "Halaman ini sudah diperbarui. Ulangi dari tombol di bawah ini."
            )
            return redirect(request.path)
        if request.method == "POST":
            try:
                assignment_remove(
                    penugasan_id=penugasan.pk,
                    user=request.user,
                    alasan=request.POST.get("alasan", ""),
                )
            except ActionRefused as refused:
                refusal_shown(request, refused)
                return redirect(request.path)
            messages.success(request, "Penugasan dihapus.")
            return redirect(reverse("penugasan:index"))
        return TemplateResponse(
            request,
            "evaluasi/admin/penugasan_hapus.html",
            {
                "penugasan": penugasan,
                "terima_terlambat": late_submission_open(penugasan),
                "dibekukan": penugasan.periode.status != StatusPeriode.DRAF,
            },
        )


class PenugasanAcceptLateView(AdminScreen):
    """Accept a rater's late submission (POST from the assignment's screen): the ratee's results
    are computed again."""

    permission_required = "view"

    def handle(self, request, pk):
        penugasan = get_object_or_404(assignments_of_ratees_in_scope(request.user), pk=pk)
        if request.method != "POST":
            # Reopened from the address bar: back to the assignment's screen, not a blank 405.
            return redirect(reverse("penugasan:delete", args=[penugasan.pk]))
        try:
            late_submission_accept(penugasan_id=penugasan.pk, user=request.user)
        except ActionRefused as refused:
            refusal_shown(request, refused)
        else:
            messages.success(
                request, "Kiriman terlambat diterima; hasil pegawai ini dihitung ulang."
            )
        return redirect(reverse("penugasan:delete", args=[penugasan.pk]))


class PenugasanImportView(AdminScreen):
    """Upload → preview (nothing written) → confirm. The planned rows wait in the session."""

    permission_required = "add"

    def handle(self, request):
        form = PenugasanImporForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["berkas"]
            periode = form.cleaned_data["periode"]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "berkas"
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    plan = assignment_import_plan(
                        path=path,
                        filename=upload.name,
                        periode_id=periode.pk,
                        user=request.user,
                        alasan=form.cleaned_data["alasan"],
                    )
                except ActionRefused as refused:
                    refusal_shown(request, refused, form=form, field="berkas")
                    plan = None
            if plan is not None:
                request.session[SESSION_KEY] = {
                    "periode": periode.pk,
                    "alasan": form.cleaned_data["alasan"],
                    "rows": [[r.penilai_id, r.dinilai_id, r.hubungan, r.alasan] for r in plan.rows],
                }
                return TemplateResponse(
                    request,
                    "evaluasi/admin/penugasan_impor_pratinjau.html",
                    {
                        "plan": plan,
                        "periode": periode,
                        "contoh": plan.rows[:200],
                        "alasan": form.cleaned_data["alasan"].strip(),
                    },
                )
        return TemplateResponse(
            request,
            "evaluasi/admin/penugasan_form.html",
            {"form": form, "judul": "Impor penugasan dari Excel", "multipart": True},
        )


class PenugasanImportConfirmView(AdminScreen):
    """Apply the import previewed by `PenugasanImportView` (its rows wait in the session)."""

    permission_required = "add"

    def handle(self, request):
        if request.method != "POST":
            return redirect(reverse("penugasan:import"))
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.info(
                request, "Tidak ada impor yang menunggu konfirmasi (mungkin sudah diterapkan)."
            )
            return redirect(reverse("penugasan:index"))
        try:
            created = assignment_import_apply(
                periode_id=pending["periode"],
                rows=[tuple(row) for row in pending["rows"]],
                user=request.user,
                alasan=pending.get("alasan", ""),
            )
        except ActionRefused as refused:
            refusal_shown(request, refused)
        else:
            messages.success(request, f"{created} penugasan ditambahkan.")
        return redirect(reverse("penugasan:index"))
