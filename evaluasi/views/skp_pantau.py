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
from evaluasi.selectors.skp_pantau import monitoring_attach, progress_file, rhk_monitoring
from evaluasi.services import skp as sk
from evaluasi.services import skp_pantau as sp


def _saved(request, form, call, success: str) -> bool:
    """Validate `form`, then `call(cleaned_data)`; a refusal becomes an error on the form."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ActionRefused as refused:
        refusal_shown(request, refused, form=form)
        return False
    messages.success(request, success)
    return True


@login_required
def rhk_pantau(request, pk):
    """One RHK's monitoring: progress notes (the owner adds them, with evidence) and the feedback
    thread (the pegawai and the pejabat penilai write); others who may read the SKP only read."""
    rhk = rhk_monitoring(request.user, pk)
    rencana, user = rhk.rencana, request.user
    forms = {"progres": f.ProgresForm(), "pesan": f.PesanForm()}
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        if aksi == "progres":
            form = f.ProgresForm(request.POST, request.FILES)
            call = lambda c: sp.progress_add(  # noqa: E731
                rhk_id=rhk.pk,
                user=user,
                teks=c["teks"],
                tautan=c["tautan"],
                berkas=c["berkas"] or None,
            )
            success, anchor = "Progres dicatat.", "progres"
        elif aksi == "pesan":
            form = f.PesanForm(request.POST)
            call = lambda c: sp.feedback_post(rhk_id=rhk.pk, user=user, teks=c["teks"])  # noqa: E731
            success, anchor = "Pesan terkirim.", "umpan-balik"
        else:
            messages.error(request, "Aksi tidak dikenal.")
            return redirect("skp:rhk_pantau", rhk.pk)
        if _saved(request, form, call, success):
            return redirect(reverse("skp:rhk_pantau", args=[rhk.pk]) + f"#{anchor}")
        forms[aksi] = form
        messages.error(request, "Periksa kembali isian yang ditandai.")
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
        saved = _saved(
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
        )
        if saved:
            return redirect("skp:dialog", rencana.pk)
        messages.error(request, "Periksa kembali isian yang ditandai.")
    return render(
        request,
        "evaluasi/dialog_kinerja.html",
        {
            "rencana": rencana,
            "dialog_list": monitoring_attach(rencana)
            if rencana.status == StatusSKP.DISETUJUI
            else [],
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
