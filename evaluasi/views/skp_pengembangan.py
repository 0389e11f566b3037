"""The rencana pengembangan page of one evaluation (`/skp/evaluasi/<pk>/pengembangan/`): the
pejabat penilai proposes and later reviews the plan; the pegawai agrees or asks for a change;
whoever else may read the evaluation (the penilai's atasan, admins in scope) reads it. Anyone
else gets a 404 (`selectors.skp.evaluasi_detail`); every POST goes to a service that checks the
actor again, and refusals come back as messages or next to the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.timezone import localdate

from cms.errors import ActionRefused, refusal_shown
from evaluasi import forms_skp_pengembangan as f
from evaluasi.models import StatusPengembangan
from evaluasi.predikat import needs_development_plan
from evaluasi.selectors.skp import evaluasi_detail
from evaluasi.selectors.skp_pengembangan import development_suggestions, plan_of, review_due
from evaluasi.services import skp as sk
from evaluasi.services import skp_pengembangan as dev


def _pilihan(saran, plan) -> list[tuple[int, str]]:
    rows = [
        (w.pk, f"Workshop: {w.title} ({dev.tanggal(localdate(w.mulai))})") for w in saran.workshop
    ]
    rows += [(p.pk, f"Panduan: {p.title}") for p in saran.panduan]
    offered = {pk for pk, _ in rows}
    if plan is not None:
        rows += [
            (s.halaman_id, f"{s.get_jenis_display()}: {s.judul}")
            for s in plan.sumber.all()
            if s.halaman_id is not None and s.halaman_id not in offered
        ]
    return rows


def _initial(plan) -> dict:
    if plan is None:
        return {}
    return {
        "tujuan": plan.tujuan,
        "tanggal_tinjau": plan.tanggal_tinjau,
        "sumber": [str(s.halaman_id) for s in plan.sumber.all() if s.halaman_id],
    }


def _post(request, evaluasi, form):
    """Run the service of the posted `aksi` with the bound `form`; True when done."""
    user, pk, aksi = request.user, evaluasi.pk, request.POST.get("aksi", "")
    if aksi != "setuju" and not form.is_valid():
        return False
    c = getattr(form, "cleaned_data", {})
    steps = {
        "susun": (
            lambda: dev.development_plan_propose(
                evaluasi_id=pk,
                user=user,
                tujuan=c["tujuan"],
                halaman_ids=c["sumber"],
                tanggal_tinjau=c["tanggal_tinjau"],
            ),
            "Rencana pengembangan dikirim ke pegawai untuk disetujui.",
        ),
        "setuju": (
            lambda: dev.development_plan_agree(evaluasi_id=pk, user=user),
            "Terima kasih, rencana pengembangan disepakati.",
        ),
        "minta_ubah": (
            lambda: dev.development_plan_request_change(
                evaluasi_id=pk, user=user, tanggapan=c["tanggapan"]
            ),
            "Permintaan perubahan dikirim ke atasan Anda.",
        ),
        "tinjau": (
            lambda: dev.development_plan_review(
                evaluasi_id=pk, user=user, hasil=c["hasil"], catatan=c["catatan"]
            ),
            "Tinjauan rencana pengembangan disimpan.",
        ),
    }
    action, success = steps[aksi]
    try:
        action()
    except ActionRefused as refused:
        refusal_shown(request, refused, form=form if refused.field else None)
        return not refused.field  # a field's refusal shows the form again
    messages.success(request, success)
    return True


@login_required
def pengembangan(request, pk):
    evaluasi = evaluasi_detail(request.user, pk)
    rencana, user = evaluasi.rencana, request.user
    plan = plan_of(evaluasi)
    pemilik, penilai = sk.is_owner(user, rencana), sk.is_penilai(user, rencana)
    perlu = needs_development_plan(evaluasi.predikat)
    bisa_susun = penilai and perlu and (plan is None or plan.status == StatusPengembangan.DRAF)
    saran = development_suggestions(evaluasi) if penilai else None
    pilihan = _pilihan(saran, plan) if bisa_susun else []
    forms = {
        "susun": f.RencanaPengembanganForm(initial=_initial(plan), pilihan=pilihan),
        "minta_ubah": f.TanggapanForm(),
        "tinjau": f.TinjauanForm(),
    }
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        if aksi not in ("susun", "setuju", "minta_ubah", "tinjau"):
            messages.error(request, "Aksi tidak dikenal.")
            return redirect("skp:pengembangan", pk)
        form = {
            "susun": lambda: f.RencanaPengembanganForm(request.POST, pilihan=pilihan),
            "minta_ubah": lambda: f.TanggapanForm(request.POST),
            "tinjau": lambda: f.TinjauanForm(request.POST),
            "setuju": lambda: None,
        }[aksi]()
        if _post(request, evaluasi, form):
            return redirect("skp:pengembangan", pk)
        forms[aksi] = form
        messages.error(request, "Periksa kembali isian yang ditandai.")
    return render(
        request,
        "evaluasi/pengembangan.html",
        {
            "evaluasi": evaluasi,
            "rencana": rencana,
            "plan": plan,
            "pemilik": pemilik,
            "penilai": penilai,
            "perlu": perlu,
            "bisa_susun": bisa_susun,
            "saran": saran,
            "form_susun": forms["susun"],
            "form_tanggapan": forms["minta_ubah"],
            "form_tinjau": forms["tinjau"],
            "tinjauan_terbuka": penilai and plan is not None and review_due(plan),
        },
    )
