"""Public pages of the rater: "Penilaian Saya", the assessment form with autosave, and submission.

The form is plain HTML and works without JavaScript ("Simpan draf" / "Periksa dan kirim");
`autosave.js` adds saving each answer as it is given. Every view looks the assignment up through
`assignment_for_rater`, so someone else's assignment is a 404 whatever id is guessed.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.errors import ActionRefused, refusal_shown
from cms.ratelimit import rate_limited
from evaluasi.selectors.assessments import (
    assessment_form,
    assignment_for_rater,
    inbox_for,
    pegawai_of,
)
from evaluasi.selectors.reports import published_reports_of
from evaluasi.services.answers import AssignmentNotFound, answers_save, assignment_submit


@login_required
def inbox(request):
    pegawai = pegawai_of(request.user)
    return render(
        request,
        "evaluasi/penilaian_saya.html",
        {
            "pegawai": pegawai,
            "periode_list": inbox_for(pegawai) if pegawai else [],
            "laporan": published_reports_of(pegawai) if pegawai else [],
        },
    )


def _render_form(request, penugasan, status=200):
    form = assessment_form(penugasan)
    periode = penugasan.periode
    return render(
        request,
        "evaluasi/penilaian_form.html",
        {
            "penugasan": penugasan,
            "periode": periode,
            "form": form,
            "hanya_baca": bool(penugasan.dikirim) or not periode.pengisian_berlangsung(),
            "tandai_kurang": request.method == "POST",
        },
        status=status,
    )


@login_required
def assessment(request, pk):
    penugasan = assignment_for_rater(request.user, pk)
    if request.method != "POST":
        return _render_form(request, penugasan)
    try:
        answers_save(penugasan_id=penugasan.pk, pegawai_id=penugasan.penilai_id, data=request.POST)
    except ActionRefused as refused:
        refusal_shown(request, refused)
        return redirect(request.path)
    if request.POST.get("aksi") != "kirim":
        messages.success(request, "Jawaban tersimpan. Anda dapat melanjutkan kapan saja.")
        return redirect(request.path)
    penugasan.refresh_from_db()
    form = assessment_form(penugasan)
    if form.belum_lengkap:
        messages.error(
            request,
            f"Masih ada {form.belum_lengkap} butir wajib yang belum diisi; butir itu ditandai.",
        )
        return _render_form(request, penugasan, status=400)
    return redirect(reverse("evaluasi:kirim", args=[penugasan.pk]))


@login_required
def submit(request, pk):
    penugasan = assignment_for_rater(request.user, pk)
    form_url = reverse("evaluasi:form", args=[penugasan.pk])
    if request.method == "POST":
        try:
            result = assignment_submit(penugasan_id=penugasan.pk, pegawai_id=penugasan.penilai_id)
        except ActionRefused as refused:  # AnswerIncomplete too: the form marks what is missing
            refusal_shown(request, refused)
            return redirect(form_url)
        if result.sudah_dikirim:
            messages.info(request, "Penilaian ini sudah dikirim sebelumnya.")
        else:
            messages.success(
                request,
                f"Terima kasih. Penilaian untuk {penugasan.dinilai.nama_lengkap} telah dikirim.",
            )
        return redirect("evaluasi:inbox")
    if penugasan.dikirim:
        return redirect(form_url)
    form = assessment_form(penugasan)
    return render(
        request,
        "evaluasi/penilaian_kirim.html",
        {"penugasan": penugasan, "periode": penugasan.periode, "form": form},
    )


@require_POST
def autosave(request, pk):
    """JSON endpoint for autosave.js; a lapsed session gets 401 so the page can say so."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"pesan": "Sesi Anda berakhir. Masuk kembali; jawaban yang sudah tersimpan aman."},
            status=401,
        )
    if rate_limited(
        "autosave", str(request.user.pk), limit=settings.AUTOSAVE_RATE_PER_MINUTE, window_seconds=60
    ):
        # autosave.js treats 429 like a dropped connection: it keeps the answers and retries.
        response = JsonResponse(
            {"pesan": "Terlalu banyak penyimpanan dalam satu menit. Mencoba lagi sebentar lagi."},
            status=429,
        )
        response["Retry-After"] = "30"
        return response
    pegawai = pegawai_of(request.user)
    try:
        # The service checks that this pegawai is the rater, under the row lock it takes anyway.
        result = answers_save(
            penugasan_id=pk, pegawai_id=pegawai.pk if pegawai else 0, data=request.POST
        )
    except AssignmentNotFound:
        raise Http404 from None
    except ActionRefused as refused:
        return JsonResponse({"pesan": refused.message}, status=409)
    return JsonResponse(
        {
            "terjawab": result.terjawab,
            "waktu": timezone.localtime().strftime("%H.%M.%S"),
        }
    )
