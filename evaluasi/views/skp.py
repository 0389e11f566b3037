"""Public pages for the SKP: "SKP Saya" (the pegawai), "Bawahan Saya" (the atasan), one SKP with
its workflow, one evaluation with realisasi, the atasan's decision and objections, and the PDF.

Every page reads through `evaluasi.selectors.skp` (404 outside what the user may see) and every
POST goes to a service that checks the actor again; refusals come back as messages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cms.errors import ActionRefused, refusal_shown
from cms.site_settings import PengaturanSitus
from evaluasi import forms_skp as f
from evaluasi.models import RencanaHasilKerja, StatusEvaluasi
from evaluasi.predikat import Rating, suggest_hasil_kerja
from evaluasi.selectors.assessments import pegawai_of
from evaluasi.selectors.skp import (
    decision_suggestions,
    evaluasi_detail,
    evaluation_periods,
    latest_periodic_decision,
    next_evaluation_period,
    own_plans,
    rencana_detail,
    reports_overview,
    rhk_detail,
    skp_years,
    year_history,
)
from evaluasi.selectors.skp_pantau import skp_monitoring
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.services.skp_document import evaluation_pdf
from evaluasi.views.skp_rencana import planning_context


def _pegawai_or_404(request):
    pegawai = pegawai_of(request.user)
    if pegawai is None:
        raise Http404
    return pegawai


def _run(request, action, success: str):
    try:
        action()
    except ActionRefused as refused:
        refusal_shown(request, refused)
        return False
    if success:
        messages.success(request, success)
    return True


def _first_error(form) -> str:
    return next(iter(e for errors in form.errors.values() for e in errors), "Isian tidak valid.")


@login_required
def skp_saya(request):
    pegawai = _pegawai_or_404(request)
    if request.method == "POST":
        form = f.SkpMulaiForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return redirect("skp:saya")
        result = {}

        def start():
            result["rencana"] = sk.skp_start(
                pegawai=pegawai,
                tahun_kinerja_id=form.cleaned_data["tahun_kinerja"].pk,
                user=request.user,
            )

        if _run(request, start, ""):
            return redirect("skp:detail", result["rencana"].pk)
        return redirect("skp:saya")
    plans = list(own_plans(pegawai))
    started = {p.tahun_kinerja_id for p in plans}
    return render(
        request,
        "evaluasi/skp_saya.html",
        {
            "pegawai": pegawai,
            "rencana_list": plans,
            "tahun_baru": [t for t in skp_years() if t.pk not in started],
        },
    )


@login_required
def bawahan_saya(request):
    pegawai = _pegawai_or_404(request)
    return render(
        request,
        "evaluasi/bawahan_saya.html",
        {
            "pegawai": pegawai,
            "bawahan": reports_overview(pegawai),
            "skp_sendiri": own_plans(pegawai),  # roots of the team's cascading tree
        },
    )


def _atasan_rhk(rencana):
    return RencanaHasilKerja.objects.filter(
        rencana__pegawai_id=rencana.pegawai.atasan_id,
        rencana__tahun_kinerja_id=rencana.tahun_kinerja_id,
    )


def _skp_forms(rencana, data=None) -> dict:
    """The forms of the SKP page, bound to `data` (a POST) or empty."""
    return {
        "tambah_rhk": f.RhkForm(data, rhk_atasan=_atasan_rhk(rencana)),
        "pendekatan": f.PendekatanForm(data, initial={"pendekatan": rencana.pendekatan}),
        "templat": f.TemplatForm(data, templates=sk.skp_templates()),
        "kembalikan": f.CatatanForm(data, rhks=rencana.rhk.all()),
        "mulai_evaluasi": f.MulaiEvaluasiForm(data, periods=evaluation_periods(rencana)),
    }


def _skp_action(aksi, rencana, user, forms):
    """(form to validate or None, service call on clean data, success message) per `aksi`."""
    pk = rencana.pk
    return {
        "tambah_rhk": (
            forms["tambah_rhk"],
            lambda c: sk.rhk_add(
                rencana_id=pk,
                user=user,
                jenis=c["jenis"],
                teks=c["teks"],
                rhk_atasan_id=c["rhk_atasan"].pk if c["rhk_atasan"] else None,
                indikator=forms["tambah_rhk"].indikator(),
            ),
            "RHK ditambahkan.",
        ),
        "pendekatan": (
            forms["pendekatan"],
            lambda c: sk.skp_approach_set(rencana_id=pk, user=user, pendekatan=c["pendekatan"]),
            "Pendekatan SKP disimpan.",
        ),
        "salin": (
            None,
            lambda c: sk.skp_copy_previous(rencana_id=pk, user=user),
            "RHK tahun sebelumnya disalin.",
        ),
        "templat": (
            forms["templat"],
            lambda c: sk.skp_apply_template(rencana_id=pk, user=user, slug=c["templat"]),
            "Templat diterapkan; sesuaikan target dengan kondisi Anda.",
        ),
        "tarik": (
            None,
            lambda c: sk.skp_withdraw(rencana_id=pk, user=user),
            "Pengajuan ditarik; SKP kembali menjadi draf dan dapat diubah.",
        ),
        "kembalikan": (
            forms["kembalikan"],
            lambda c: sk.skp_return(
                rencana_id=pk,
                user=user,
                catatan=c["catatan"],
                catatan_rhk=forms["kembalikan"].catatan_rhk(),
            ),
            "SKP dikembalikan dengan catatan.",
        ),
        "setujui": (
            None,
            lambda c: sk.skp_approve(rencana_id=pk, user=user),
            "SKP disetujui dan dikunci.",
        ),
        "mulai_evaluasi": (
            forms["mulai_evaluasi"],
            lambda c: ev.evaluation_start(
                rencana_id=pk, periode_kinerja_id=c["periode_kinerja"].pk, user=user
            ),
            "",
        ),
    }.get(aksi)


@login_required
def skp_detail(request, pk):
    """GET shows the SKP; a POST names its `aksi` and the form of that action. An invalid form
    comes back on the page with its messages next to the fields and what was typed."""
    rencana = rencana_detail(request.user, pk)
    user = request.user
    forms = _skp_forms(rencana)
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        if aksi in ("ajukan", "hapus_rhk"):
            # A page from before the confirmation steps: ask first, change nothing yet.
            return _to_confirmation(aksi, rencana, request.POST.get("rhk", ""))
        posted = _skp_forms(rencana, request.POST)
        action = _skp_action(aksi, rencana, user, posted)
        if action is None:
            messages.error(request, "Aksi tidak dikenal.")
            return redirect("skp:detail", rencana.pk)
        form, call, success = action
        if form is None or form.is_valid():
            result = {}
            cleaned = form.cleaned_data if form is not None else {}
            done = _run(request, lambda: result.setdefault("value", call(cleaned)), success)
            if done and aksi == "mulai_evaluasi":
                return redirect("skp:evaluasi", result["value"].pk)
            return redirect("skp:detail", rencana.pk)
        forms[aksi] = form
        shown_inline = aksi in ("tambah_rhk", "kembalikan")
        messages.error(
            request,
            "Periksa kembali isian yang ditandai." if shown_inline else _first_error(form),
        )
    return render(
        request,
        "evaluasi/skp_detail.html",
        {
            "rencana": rencana,
            "pemilik": sk.is_owner(user, rencana),
            "penilai": sk.is_penilai(user, rencana),
            "forms": forms,
            "rhk_form": forms["tambah_rhk"],
            "rhk_atasan": forms["tambah_rhk"].fields["rhk_atasan"].queryset,
            "templat": sk.skp_templates(),
            "periode_evaluasi": forms["mulai_evaluasi"].fields["periode_kinerja"].queryset,
            "periode_berikutnya": next_evaluation_period(rencana),
            "riwayat": rencana.riwayat.select_related("oleh")[:30],
            "perencanaan": planning_context(rencana, user),
            "pantau": skp_monitoring(rencana),  # templates/evaluasi/_pantau.html
        },
    )


def _to_confirmation(aksi, rencana, rhk_id: str):
    if aksi == "ajukan":
        return redirect("skp:ajukan", rencana.pk)
    if rhk_id.isdigit() and any(r.pk == int(rhk_id) for r in rencana.rhk.all()):
        return redirect("skp:rhk_hapus", int(rhk_id))
    return redirect("skp:detail", rencana.pk)


def _refused_editing(request, rencana):
    """A redirect to the SKP with the refusal shown when `request.user` may not change it now (not
    the owner, or submitted/approved); None when they may."""
    try:
        sk.ensure_editable(rencana, request.user)
    except ActionRefused as refused:
        refusal_shown(request, refused)
        return redirect("skp:detail", rencana.pk)
    return None


@login_required
def rhk_ubah(request, pk):
    """Change one RHK and its indicators (the owner, while the SKP is draft or returned): the
    "Tambah RHK" form pre-filled with what is stored; an invalid form comes back with its
    messages next to the fields and what was typed."""
    rhk = rhk_detail(request.user, pk)
    rencana = rhk.rencana
    refused = _refused_editing(request, rencana)
    if refused is not None:
        return refused
    data = request.POST if request.method == "POST" else None
    form = f.RhkForm(data, rhk_atasan=_atasan_rhk(rencana), rhk=rhk)
    if data is not None:
        if form.is_valid():
            c = form.cleaned_data
            saved = _run(
                request,
                lambda: sk.rhk_update(
                    rhk_id=rhk.pk,
                    user=request.user,
                    jenis=c["jenis"],
                    teks=c["teks"],
                    rhk_atasan_id=c["rhk_atasan"].pk if c["rhk_atasan"] else None,
                    indikator=form.indikator(),
                ),
                "RHK diperbarui.",
            )
            if saved:
                return redirect(reverse("skp:detail", args=[rencana.pk]) + f"#rhk-{rhk.pk}")
        else:
            messages.error(request, "Periksa kembali isian yang ditandai.")
    return render(
        request,
        "evaluasi/rhk_ubah.html",
        {
            "rencana": rencana,
            "rhk": rhk,
            "rhk_form": form,
            "rhk_atasan": form.fields["rhk_atasan"].queryset,
        },
    )


@login_required
def rhk_hapus(request, pk):
    """Ask before deleting an RHK; only the page's own POST (with `konfirmasi=ya`) deletes."""
    rhk = rhk_detail(request.user, pk)
    rencana = rhk.rencana
    refused = _refused_editing(request, rencana)
    if refused is not None:
        return refused
    if request.method == "POST":
        form = f.KonfirmasiForm(request.POST)
        if form.is_valid():
            _run(request, lambda: sk.rhk_delete(rhk_id=rhk.pk, user=request.user), "RHK dihapus.")
            return redirect("skp:detail", rencana.pk)
        messages.error(request, _first_error(form))
    return render(request, "evaluasi/rhk_hapus.html", {"rencana": rencana, "rhk": rhk})


@login_required
def skp_ajukan(request, pk):
    """Ask before submitting: the plan is locked and goes to the atasan; only the page's own POST
    (with `konfirmasi=ya`) submits."""
    rencana = rencana_detail(request.user, pk)
    refused = _refused_editing(request, rencana)
    if refused is not None:
        return refused
    if request.method == "POST":
        form = f.KonfirmasiForm(request.POST)
        if form.is_valid():
            _run(
                request,
                lambda: sk.skp_submit(rencana_id=rencana.pk, user=request.user),
                "SKP diajukan ke atasan.",
            )
            return redirect("skp:detail", rencana.pk)
        messages.error(request, _first_error(form))
    return render(
        request,
        "evaluasi/skp_ajukan.html",
        {
            "rencana": rencana,
            "atasan": rencana.pegawai.atasan,
            "jumlah_rhk": len(rencana.rhk.all()),
        },
    )


def _evaluasi_forms(evaluasi, data=None, files=None) -> dict:
    rencana = evaluasi.rencana
    rhks = list(rencana.rhk.all())
    indicators = [i for rhk in rhks for i in rhk.indikator.all()]
    stored = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    return {
        "realisasi": f.realisasi_forms(indicators, data, files, initial=stored),
        "capaian": [f.CapaianForm(data, rhk=rhk) for rhk in rhks],
        "penilaian": f.PenilaianForm(data),
        "keberatan": f.KeberatanForm(data),
        "putus_keberatan": f.PutusanKeberatanForm(data),
    }


def _evaluasi_post(request, evaluasi, posted):
    """Run the posted `aksi`; a redirect when done or refused by a service, or the name of the
    form group that is invalid (to show again)."""
    user, pk, aksi = request.user, evaluasi.pk, request.POST.get("aksi", "")
    if aksi == "realisasi":
        forms = posted["realisasi"]
        if not all([form.is_valid() for form in forms]):  # noqa: C419 (validate every form)
            return "realisasi"
        submit = bool(request.POST.get("ajukan"))
        _run(
            request,
            lambda: ev.realisasi_form_save(
                evaluasi_id=pk, user=user, rows=[form.row() for form in forms], submit=submit
            ),
            "Realisasi diajukan ke atasan." if submit else "Realisasi disimpan.",
        )
    elif aksi == "nilai":
        capaian, penilaian = posted["capaian"], posted["penilaian"]
        if not all([form.is_valid() for form in [*capaian, penilaian]]):  # noqa: C419
            return "nilai"
        c = penilaian.cleaned_data
        _run(
            request,
            lambda: ev.evaluation_decide(
                evaluasi_id=pk,
                user=user,
                capaian={
                    form.rhk.pk: (form.cleaned_data["capaian"], form.cleaned_data["umpan"])
                    for form in capaian
                },
                perilaku=penilaian.perilaku(),
                rating_hasil_kerja=c["rating_hasil_kerja"],
                rating_perilaku=c["rating_perilaku"],
            ),
            "Penilaian disimpan; predikat ditetapkan.",
        )
    elif aksi == "terima":
        _run(
            request,
            lambda: ev.evaluation_accept(evaluasi_id=pk, user=user),
            "Hasil evaluasi diterima.",
        )
    elif aksi == "keberatan":
        form = posted["keberatan"]
        if not form.is_valid():
            return "keberatan"
        _run(
            request,
            lambda: ev.objection_file(
                evaluasi_id=pk, user=user, alasan=form.cleaned_data["alasan"]
            ),
            "Keberatan diajukan.",
        )
    elif aksi == "putus_keberatan":
        form = posted["putus_keberatan"]
        if not form.is_valid():
            return "putus_keberatan"
        c = form.cleaned_data
        _run(
            request,
            lambda: ev.objection_resolve(
                evaluasi_id=pk,
                user=user,
                dikabulkan=c["dikabulkan"],
                keputusan=c["keputusan"],
                rating_hasil_kerja=c["rating_hasil_kerja"],
                rating_perilaku=c["rating_perilaku"],
            ),
            "Keputusan atas keberatan disimpan.",
        )
    else:
        messages.error(request, "Aksi tidak dikenal.")
    return redirect("skp:evaluasi", pk)


@login_required
def evaluasi(request, pk):
    """The evaluation page; an invalid form comes back with its messages next to the fields and
    everything that was typed (a refused evidence file or a missing rating wipes nothing)."""
    evaluasi = evaluasi_detail(request.user, pk)
    rencana, user = evaluasi.rencana, request.user
    forms = _evaluasi_forms(evaluasi)
    if request.method == "POST":
        posted = _evaluasi_forms(evaluasi, request.POST, request.FILES)
        outcome = _evaluasi_post(request, evaluasi, posted)
        if not isinstance(outcome, str):
            return outcome
        if outcome == "nilai":
            forms["capaian"], forms["penilaian"] = posted["capaian"], posted["penilaian"]
        else:
            forms[outcome] = posted[outcome]
        messages.error(request, "Periksa kembali isian yang ditandai.")
    realisasi = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    for row in realisasi.values():
        row.tautan_aman = ev.safe_link(row.bukti_tautan)
    realisasi_form = {form.indikator.pk: form for form in forms["realisasi"]}
    capaian_form = {form.rhk.pk: form for form in forms["capaian"]}
    umpan = {u.rhk_id: u for u in evaluasi.umpan_balik.all()}
    saran_rhk, saran_perilaku = decision_suggestions(evaluasi)
    # The annual evaluation starts from the last decided periodic one (PermenPANRB 6/2022).
    awal = (
        latest_periodic_decision(evaluasi)
        if evaluasi.periode_kinerja.tahunan and not evaluasi.rating_hasil_kerja
        else None
    )
    awal_capaian = {u.rhk_id: u.capaian for u in awal.umpan_balik.all()} if awal else {}
    awal_perilaku = {p.nilai: p.rating for p in awal.perilaku.all()} if awal else {}
    for rhk in rencana.rhk.all():
        rhk.umpan = umpan.get(rhk.pk)
        rhk.saran = saran_rhk.get(rhk.pk)
        rhk.pilihan = awal_capaian.get(rhk.pk) or rhk.saran
        rhk.form = capaian_form.get(rhk.pk)
        for indikator in rhk.indikator.all():
            indikator.realisasi = realisasi.get(indikator.pk)
            indikator.form = realisasi_form.get(indikator.pk)
    penilaian = forms["penilaian"]
    perilaku = {p.nilai: p.rating for p in evaluasi.perilaku.all()}
    rows = []
    for i, value in enumerate(ev.BERAKHLAK):
        score, suggested = saran_perilaku.get(value, (None, None))
        field = penilaian[f"perilaku_{i}"]
        chosen = field.value() if penilaian.is_bound else None
        rows.append(
            (
                i,
                value,
                chosen or perilaku.get(value) or awal_perilaku.get(value) or suggested or "",
                score,
                field,
            )
        )
    saran_hasil_kerja = suggest_hasil_kerja(
        [(rhk.jenis == "utama", rhk.saran) for rhk in rencana.rhk.all() if rhk.saran]
    )
    return render(
        request,
        "evaluasi/evaluasi_kinerja.html",
        {
            "evaluasi": evaluasi,
            "rencana": rencana,
            "pemilik": sk.is_owner(user, rencana),
            "penilai": sk.is_penilai(user, rencana),
            "pemutus_keberatan": sk.is_atasan_penilai(user, rencana),
            "status": StatusEvaluasi,
            "rating_choices": Rating.choices,
            "perilaku": rows,
            "penilaian_form": penilaian,
            "rating_hasil_kerja_dipilih": (
                penilaian["rating_hasil_kerja"].value()
                if penilaian.is_bound
                else (awal.rating_hasil_kerja if awal else saran_hasil_kerja)
            ),
            "rating_perilaku_dipilih": (
                penilaian["rating_perilaku"].value()
                if penilaian.is_bound
                else (awal.rating_perilaku if awal else "")
            ),
            "awal": awal,
            "riwayat_tahun": (
                year_history(evaluasi)
                if evaluasi.periode_kinerja.tahunan
                and (sk.is_owner(user, rencana) or sk.is_penilai(user, rencana))
                else []
            ),
            "keberatan_form": forms["keberatan"],
            "putusan_form": forms["putus_keberatan"],
            "saran_hasil_kerja": saran_hasil_kerja,
            "batas_keberatan": ev.objection_deadline(evaluasi)
            if evaluasi.diputuskan_pada
            else None,
            "keberatan": getattr(evaluasi, "keberatan", None)
            if evaluasi.status in (StatusEvaluasi.KEBERATAN, StatusEvaluasi.FINAL)
            else None,
            "riwayat": evaluasi.riwayat.select_related("oleh")[:30],
            "perencanaan": planning_context(rencana, user),
        },
    )


@login_required
def evaluasi_pdf(request, pk):
    evaluasi = evaluasi_detail(request.user, pk)

    instansi = PengaturanSitus.for_request(request).nama_instansi
    response = HttpResponse(
        evaluation_pdf(evaluasi, instansi=instansi), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="evaluasi-kinerja-{evaluasi.rencana.pegawai.nip}-{evaluasi.periode_kinerja_id}.pdf"'
    )
    return response


@login_required
def bukti(request, pk, indikator_id):
    """Evidence files are served only here, to those who may see the evaluation."""
    evaluasi = evaluasi_detail(request.user, pk)
    row = evaluasi.realisasi.filter(indikator_id=indikator_id).exclude(bukti_berkas="").first()
    if row is None:
        raise Http404
    return FileResponse(
        row.bukti_berkas.open("rb"),
        as_attachment=True,
        filename=row.bukti_berkas.name.rsplit("/", 1)[-1],
    )
