"""Public pages of the SKP's planning (PermenPANRB 6/2022): the pejabat penilai's ekspektasi per
BerAKHLAK value, the pegawai's lampiran SKP, and the atasan's cascading tree of the team's RHK.

Pages read through the selectors (404 outside what the user may see); a user who may read the
SKP but not write this part now is sent back to it with the reason; every POST goes to a
service that checks again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from cms.errors import ActionRefused, refusal_shown
from evaluasi import forms_skp_rencana as f
from evaluasi.models import RencanaKerja
from evaluasi.selectors.skp import rencana_detail
from evaluasi.selectors.skp_rencana import cascade_tree, has_team, lampiran_of, perilaku_rows
from evaluasi.services import skp as sk
from evaluasi.services import skp_rencana as sr


def _refused(check) -> ActionRefused | None:
    try:
        check()
    except ActionRefused as refused:
        return refused
    return None


def planning_context(rencana: RencanaKerja, user) -> dict:
    """What the SKP and evaluation pages show of the planning: the perilaku rows, the lampiran,
    whether `user` may write the ekspektasi or the lampiran now, and whether the owner has a team
    (the link to the tree)."""
    owner = sk.is_owner(user, rencana)
    return {
        "perilaku": perilaku_rows(rencana),
        "lampiran": lampiran_of(rencana),
        "boleh_ekspektasi": _refused(lambda: sr.ensure_ekspektasi_writable(rencana, user)) is None,
        "boleh_lampiran": owner and not rencana.terkunci,
        "punya_tim": owner and has_team(rencana.pegawai_id),
    }


def _back(request, rencana, refused, anchor=""):
    refusal_shown(request, refused)
    return redirect(reverse("skp:detail", args=[rencana.pk]) + anchor)


@login_required
def ekspektasi(request, pk):
    """The pejabat penilai writes the ekspektasi khusus per BerAKHLAK value."""
    rencana = rencana_detail(request.user, pk)
    refused = _refused(lambda: sr.ensure_ekspektasi_writable(rencana, request.user))
    if refused is not None:
        return _back(request, rencana, refused, "#perilaku-kerja")
    rows = perilaku_rows(rencana)
    initial = {f"ekspektasi_{i}": row["ekspektasi"] for i, row in enumerate(rows)}
    form = f.EkspektasiForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound:
        if form.is_valid():
            try:
                sr.ekspektasi_save(rencana_id=rencana.pk, user=request.user, teks=form.teks())
            except ActionRefused as error:
                return _back(request, rencana, error, "#perilaku-kerja")
            messages.success(request, "Ekspektasi perilaku disimpan.")
            return redirect(reverse("skp:detail", args=[rencana.pk]) + "#perilaku-kerja")
        messages.error(request, "Periksa kembali isian yang ditandai.")
    return render(request, "evaluasi/ekspektasi_ubah.html", {"rencana": rencana, "form": form})


@login_required
def lampiran(request, pk):
    """The pegawai writes the lampiran SKP while the SKP is a draft or returned."""
    rencana = rencana_detail(request.user, pk)
    refused = _refused(lambda: sk.ensure_editable(rencana, request.user))
    if refused is not None:
        return _back(request, rencana, refused, "#lampiran-skp")
    stored = lampiran_of(rencana)
    initial = {name: getattr(stored, name) for name in sr.LAMPIRAN_FIELDS} if stored else {}
    form = f.LampiranForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound:
        if form.is_valid():
            try:
                sr.lampiran_save(rencana_id=rencana.pk, user=request.user, **form.cleaned_data)
            except ActionRefused as error:
                return _back(request, rencana, error, "#lampiran-skp")
            messages.success(request, "Lampiran SKP disimpan.")
            return redirect(reverse("skp:detail", args=[rencana.pk]) + "#lampiran-skp")
        messages.error(request, "Periksa kembali isian yang ditandai.")
    return render(request, "evaluasi/lampiran_ubah.html", {"rencana": rencana, "form": form})


@login_required
def pohon(request, pk):
    """The atasan's cascading tree: their RHK of the SKP `pk`, each with the team RHK supporting
    it; 404 for anyone but the SKP's owner."""
    return render(request, "evaluasi/pohon_kinerja.html", cascade_tree(request.user, pk))
