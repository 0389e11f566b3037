"""Public pages for monitoring an approved SKP (docs/skp.md, "Pemantauan"): one RHK's progress
notes and feedback thread, the SKP's dialog kinerja notes, and the progress evidence files.

Pages read through `evaluasi.selectors.skp_pantau` (404 for anyone who may not read the SKP);
every POST goes to a service of `evaluasi.services.skp_pantau`, which checks the actor again. An
invalid form or a refusal comes back on the page next to its field, with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cms.errors import ActionRefused, refusal_shown
from evaluasi import forms_skp_pantau as f
from evaluasi.models import StatusSKP
from evaluasi.selectors.skp import rencana_detail
from evaluasi.selectors.skp_pantau import dialog_notes, progress_file, rhk_monitoring
from evaluasi.services import skp as sk
from evaluasi.services import skp_pantau as sp


def _submit(request, form, call, success: str, done_url: str):
    """Validate `form`, then `call(cleaned_data)`. Returns a redirect to `done_url` when saved,
    or when the whole step is refused (not this user's step, SKP not approved: a message);
    None when the form is to be shown again with its errors (a refusal about one field goes
    next to that field)."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ActionRefused as refused:
            if refused.field not in form.fields:
                refusal_shown(request, refused)
                return redirect(done_url)
            refusal_shown(request, refused, form=form)
        else:
            messages.success(request, success)
            return redirect(done_url)
    messages.error(request, "Periksa kembali isian yang ditandai.")
    return None


def _rhk_step(aksi: str, rhk, user, request):
    """(bound form, service call on its clean data, success message, anchor) for `aksi`, or
    None for an unknown one."""
    if aksi == "progres":
        form = f.ProgresForm(request.POST, request.FILES)

        def call(c):
            sp.progress_add(
                rhk_id=rhk.pk,
                user=user,
                teks=c["teks"],
                tautan=c["tautan"],
                berkas=c["berkas"] or None,
            )

        return form, call, "Progres dicatat.", "progres"
    if aksi == "pesan":
        form = f.PesanForm(request.POST)

        def call(c):
            sp.feedback_post(rhk_id=rhk.pk, user=user, teks=c["teks"])

        return form, call, "Pesan terkirim.", "umpan-balik"
    return None


@login_required
def rhk_pantau(request, pk):
    """One RHK's monitoring: progress notes (the owner adds them, with evidence) and the feedback
    thread (the pegawai and the pejabat penilai write); others who may read the SKP only read."""
    rhk = rhk_monitoring(request.user, pk)
    rencana, user = rhk.rencana, request.user
    forms = {"progres": f.ProgresForm(), "pesan": f.PesanForm()}
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        step = _rhk_step(aksi, rhk, user, request)
        if step is None:
            messages.error(request, "Aksi tidak dikenal.")
            return redirect("skp:rhk_pantau", rhk.pk)
        form, call, success, anchor = step
        url = reverse("skp:rhk_pantau", args=[rhk.pk]) + f"#{anchor}"
        response = _submit(request, form, call, success, url)
        if response is not None:
            return response
        forms[aksi] = form
    return render(
        request,
        "evaluasi/rhk_pantau.html",
        {
            "rencana": rencana,
            "rhk": rhk,
            "nomor": next(n for n, r in enumerate(rencana.rhk.all(), 1) if r.pk == rhk.pk),
            "disetujui": rencana.status == StatusSKP.DISETUJUI,
            "pemilik": sk.is_owner(user, rencana),
            "penilai": sk.is_penilai(user, rencana),
            "progres_form": forms["progres"],
            "pesan_form": forms["pesan"],
        },
    )


@login_required
def dialog(request, pk):
    """The SKP's dialog kinerja notes; the pejabat penilai records a new one here."""
    rencana = rencana_detail(request.user, pk)
    user = request.user
    form = f.DialogForm(initial={"tanggal": timezone.localdate().isoformat()})
    if request.method == "POST":
        form = f.DialogForm(request.POST)
        response = _submit(
            request,
            form,
            lambda c: sp.dialog_record(
                rencana_id=rencana.pk,
                user=user,
                tanggal=c["tanggal"],
                topik=c["topik"],
                tindak_lanjut=c["tindak_lanjut"],
            ),
            "Catatan dialog kinerja disimpan; pegawai diberi tahu.",
            reverse("skp:dialog", args=[rencana.pk]),
        )
        if response is not None:
            return response
    return render(
        request,
        "evaluasi/dialog_kinerja.html",
        {
            "rencana": rencana,
            "dialog_list": dialog_notes(rencana),
            "disetujui": rencana.status == StatusSKP.DISETUJUI,
            "pemilik": sk.is_owner(user, rencana),
            "penilai": sk.is_penilai(user, rencana),
            "form": form,
        },
    )


@login_required
def progres_bukti(request, pk):
    """A progress note's evidence file, only to those who may read its SKP."""
    row = progress_file(request.user, pk)
    return FileResponse(
        row.berkas.open("rb"), as_attachment=True, filename=row.berkas.name.rsplit("/", 1)[-1]
    )
