"""Public pages for the SKP: "SKP Saya" (the pegawai), "Bawahan Saya" (the atasan), one SKP with
its workflow, one evaluation with realisasi, the atasan's decision and objections, and the PDF.

Every page reads through `evaluasi.selectors.skp` (404 outside what the user may see) and every
POST goes to a service that checks the actor again; refusals come back as messages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from evaluasi.models import (
    AspekIndikator,
    JenisRHK,
    Pendekatan,
    RencanaHasilKerja,
    StatusEvaluasi,
)
from evaluasi.predikat import Rating, suggest_hasil_kerja
from evaluasi.selectors.assessments import pegawai_of
from evaluasi.selectors.skp import (
    annual_periods,
    decision_suggestions,
    evaluasi_detail,
    evaluation_periods,
    own_plans,
    rencana_detail,
    reports_overview,
)
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.services.skp_document import evaluation_pdf

INDICATOR_ROWS = 3


def _pegawai_or_404(request):
    pegawai = pegawai_of(request.user)
    if pegawai is None:
        raise Http404
    return pegawai


def _run(request, action, success: str):
    try:
        action()
    except sk.SkpRefused as refused:
        messages.error(request, str(refused))
        return False
    if success:
        messages.success(request, success)
    return True


@login_required
def skp_saya(request):
    pegawai = _pegawai_or_404(request)
    if request.method == "POST":
        result = {}

        def start():
            result["rencana"] = sk.skp_start(
                pegawai=pegawai, periode_id=int(request.POST.get("periode", 0)), user=request.user
            )

        if _run(request, start, ""):
            return redirect("skp:detail", result["rencana"].pk)
        return redirect("skp:saya")
    plans = list(own_plans(pegawai))
    started = {p.periode_id for p in plans}
    return render(
        request,
        "evaluasi/skp_saya.html",
        {
            "pegawai": pegawai,
            "rencana_list": plans,
            "periode_baru": [p for p in annual_periods() if p.pk not in started],
        },
    )


@login_required
def bawahan_saya(request):
    pegawai = _pegawai_or_404(request)
    return render(
        request,
        "evaluasi/bawahan_saya.html",
        {"pegawai": pegawai, "bawahan": reports_overview(pegawai)},
    )


def _indicator_rows(post) -> list[dict]:
    return [
        {
            "teks": post.get(f"ind{i}_teks", ""),
            "aspek": post.get(f"ind{i}_aspek", AspekIndikator.KUANTITAS),
            "target_angka": post.get(f"ind{i}_target", "").replace(",", ".").strip() or None,
            "satuan": post.get(f"ind{i}_satuan", ""),
            "target_teks": post.get(f"ind{i}_target_teks", ""),
        }
        for i in range(INDICATOR_ROWS)
    ]


@login_required
def skp_detail(request, pk):
    rencana = rencana_detail(request.user, pk)
    user, post = request.user, request.POST
    if request.method == "POST":
        actions = {
            "tambah_rhk": (
                lambda: sk.rhk_add(
                    rencana_id=rencana.pk,
                    user=user,
                    jenis=post.get("jenis", ""),
                    teks=post.get("teks", ""),
                    rhk_atasan_id=int(post["rhk_atasan"])
                    if post.get("rhk_atasan", "").isdigit()
                    else None,
                    indikator=_indicator_rows(post),
                ),
                "RHK ditambahkan.",
            ),
            "hapus_rhk": (
                lambda: sk.rhk_delete(rhk_id=int(post.get("rhk", 0)), user=user),
                "RHK dihapus.",
            ),
            "pendekatan": (
                lambda: sk.skp_approach_set(
                    rencana_id=rencana.pk, user=user, pendekatan=post.get("pendekatan", "")
                ),
                "Pendekatan SKP disimpan.",
            ),
            "salin": (
                lambda: sk.skp_copy_previous(rencana_id=rencana.pk, user=user),
                "RHK tahun sebelumnya disalin.",
            ),
            "templat": (
                lambda: sk.skp_apply_template(
                    rencana_id=rencana.pk, user=user, slug=post.get("templat", "")
                ),
                "Templat diterapkan; sesuaikan target dengan kondisi Anda.",
            ),
            "ajukan": (
                lambda: sk.skp_submit(rencana_id=rencana.pk, user=user),
                "SKP diajukan ke atasan.",
            ),
            "kembalikan": (
                lambda: sk.skp_return(
                    rencana_id=rencana.pk, user=user, catatan=post.get("catatan", "")
                ),
                "SKP dikembalikan dengan catatan.",
            ),
            "setujui": (
                lambda: sk.skp_approve(rencana_id=rencana.pk, user=user),
                "SKP disetujui dan dikunci.",
            ),
            "mulai_evaluasi": (
                lambda: sk_evaluation_start(request, rencana),
                "",
            ),
        }
        action = actions.get(post.get("aksi"))
        if action is None:
            messages.error(request, "Aksi tidak dikenal.")
        else:
            result = {}
            done = _run(request, lambda: result.setdefault("value", action[0]()), action[1])
            if done and post.get("aksi") == "mulai_evaluasi":
                return redirect("skp:evaluasi", result["value"].pk)
        return redirect("skp:detail", rencana.pk)
    atasan_rhk = RencanaHasilKerja.objects.filter(
        rencana__pegawai_id=rencana.pegawai.atasan_id,
        rencana__periode__tahun=rencana.periode.tahun,
    )
    return render(
        request,
        "evaluasi/skp_detail.html",
        {
            "rencana": rencana,
            "pemilik": sk.is_owner(user, rencana),
            "penilai": sk.is_penilai(user, rencana),
            "rhk_atasan": atasan_rhk,
            "templat": sk.skp_templates(),
            "jenis_rhk": JenisRHK.choices,
            "pendekatan": Pendekatan.choices,
            "aspek_indikator": AspekIndikator.choices,
            "baris_indikator": range(INDICATOR_ROWS),
            "periode_evaluasi": evaluation_periods(rencana.periode.tahun),
            "riwayat": rencana.riwayat.select_related("oleh")[:30],
        },
    )


def sk_evaluation_start(request, rencana):
    return ev.evaluation_start(
        rencana_id=rencana.pk, periode_id=int(request.POST.get("periode", 0)), user=request.user
    )


def _decision(evaluasi, post):
    capaian = {
        rhk.pk: (post.get(f"capaian_{rhk.pk}", ""), post.get(f"umpan_{rhk.pk}", ""))
        for rhk in evaluasi.rencana.rhk.all()
    }
    perilaku = {v: post.get(f"perilaku_{i}", "") for i, v in enumerate(ev.BERAKHLAK)}
    return capaian, perilaku


@login_required
def evaluasi(request, pk):
    evaluasi = evaluasi_detail(request.user, pk)
    rencana, user, post = evaluasi.rencana, request.user, request.POST
    if request.method == "POST":
        aksi = post.get("aksi")
        if aksi == "realisasi":
            save_all = lambda: ev.realisasi_form_save(  # noqa: E731
                evaluasi_id=evaluasi.pk,
                user=user,
                data=post,
                files=request.FILES,
                submit=bool(post.get("ajukan")),
            )
            _run(
                request,
                save_all,
                "Realisasi disimpan."
                if not post.get("ajukan")
                else "Realisasi diajukan ke atasan.",
            )
        elif aksi == "nilai":
            capaian, perilaku = _decision(evaluasi, post)
            _run(
                request,
                lambda: ev.evaluation_decide(
                    evaluasi_id=evaluasi.pk, user=user, capaian=capaian, perilaku=perilaku,
                    rating_hasil_kerja=post.get("rating_hasil_kerja", ""),
                    rating_perilaku=post.get("rating_perilaku", ""),
                ),
                "Penilaian disimpan; predikat ditetapkan.",
            )  # fmt: skip
        elif aksi == "terima":
            _run(
                request,
                lambda: ev.evaluation_accept(evaluasi_id=evaluasi.pk, user=user),
                "Hasil evaluasi diterima.",
            )
        elif aksi == "keberatan":
            _run(
                request,
                lambda: ev.objection_file(
                    evaluasi_id=evaluasi.pk, user=user, alasan=post.get("alasan", "")
                ),
                "Keberatan diajukan.",
            )
        elif aksi == "putus_keberatan":
            _run(
                request,
                lambda: ev.objection_resolve(
                    evaluasi_id=evaluasi.pk, user=user, dikabulkan=post.get("dikabulkan") == "1",
                    keputusan=post.get("keputusan", ""),
                    rating_hasil_kerja=post.get("rating_hasil_kerja", ""),
                    rating_perilaku=post.get("rating_perilaku", ""),
                ),
                "Keputusan atas keberatan disimpan.",
            )  # fmt: skip
        return redirect("skp:evaluasi", evaluasi.pk)
    realisasi = {r.indikator_id: r for r in evaluasi.realisasi.all()}
    umpan = {u.rhk_id: u for u in evaluasi.umpan_balik.all()}
    for rhk in rencana.rhk.all():
        rhk.umpan = umpan.get(rhk.pk)
        for indikator in rhk.indikator.all():
            indikator.realisasi = realisasi.get(indikator.pk)
    saran_rhk, saran_perilaku = decision_suggestions(evaluasi)
    for rhk in rencana.rhk.all():
        rhk.saran = saran_rhk.get(rhk.pk)
    perilaku = {p.nilai: p.rating for p in evaluasi.perilaku.all()}
    rows = []
    for i, value in enumerate(ev.BERAKHLAK):
        score, suggested = saran_perilaku.get(value, (None, None))
        rows.append((i, value, perilaku.get(value) or suggested or "", score))
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
            "saran_hasil_kerja": suggest_hasil_kerja(
                [(rhk.jenis == "utama", rhk.saran) for rhk in rencana.rhk.all() if rhk.saran]
            ),
            "batas_keberatan": ev.objection_deadline(evaluasi)
            if evaluasi.diputuskan_pada
            else None,
            "keberatan": getattr(evaluasi, "keberatan", None)
            if evaluasi.status in (StatusEvaluasi.KEBERATAN, StatusEvaluasi.FINAL)
            else None,
            "riwayat": evaluasi.riwayat.select_related("oleh")[:30],
        },
    )


@login_required
def evaluasi_pdf(request, pk):
    evaluasi = evaluasi_detail(request.user, pk)
    from cms.models import PengaturanSitus

    instansi = PengaturanSitus.for_request(request).nama_instansi
    response = HttpResponse(
        evaluation_pdf(evaluasi, instansi=instansi), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="evaluasi-kinerja-{evaluasi.rencana.pegawai.nip}-{evaluasi.periode_id}.pdf"'
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
