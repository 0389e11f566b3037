"""Penilaian menu, the screens of one period: status and assignment overview, completion tracking
(scoped, tree-aware, XLSX, "send reminder now") and the audited individual-answers view for
superusers. Each is a `PeriodeScreen` built by the Periode viewset's `construct_view`."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import MenuItem

from cms.admin_scoping import AdminScreen
from cms.errors import ActionRefused, refusal_shown
from cms.site_settings import PengaturanSitus
from cms.spreadsheets import xlsx_table
from evaluasi.charts import dashboard_charts
from evaluasi.forms_periode import (
    AksesIndividualForm,
    AlasanForm,
    PenghargaanPilihForm,
    PenghargaanPublikasiForm,
    PredikatUnitForm,
    StatusPeriodeForm,
    first_error,
)
from evaluasi.models import (
    JenisEkspor,
    PeriodePenilaian,
    StatusPeriode,
    UnitKerja,
)
from evaluasi.predikat import PredikatOrganisasi, Rating
from evaluasi.selectors import (
    awards_visible_to,
    pegawai_visible_to,
    unit_scope_for,
    units_visible_to,
)
from evaluasi.selectors.assignment_history import assignment_history_visible_to
from evaluasi.selectors.awards import award_candidates
from evaluasi.selectors.completion import (
    assignment_counts_by_relationship,
    below_threshold,
    completion_by_rater,
    completion_by_unit,
    unfinished_raters_in_scope,
)
from evaluasi.selectors.dashboard import unit_dashboard
from evaluasi.selectors.distribution import exports_visible_to, predicate_distribution
from evaluasi.selectors.results import individual_answers, may_see_individual_answers
from evaluasi.selectors.results_gate import (
    results_gate_check,
    results_readable,
)
from evaluasi.services.aggregation import progress_key
from evaluasi.services.aggregation_jobs import aggregation_queue
from evaluasi.services.assignments import (
    EDITABLE,
    assignments_generate,
)
from evaluasi.services.awards import award_publish, award_select
from evaluasi.services.document_exports import documents_export_queue
from evaluasi.services.organisation import unit_predicate_set
from evaluasi.services.periods import FORWARD, REOPEN, may_move_periods, period_transition
from evaluasi.services.rater_reminders import rater_reminders_queue

# (label, URL name, icon) of the period's screens, in menu order
PERIOD_SCREENS = [
    ("Status dan penugasan", "periode:status", "calendar"),
    ("Kelengkapan pengisian", "periode:completion", "tasks"),
    ("Distribusi predikat", "periode:distribution", "table"),
    ("Dasbor hasil unit", "periode:dashboard", "view"),
    ("Penghargaan", "periode:awards", "pick"),
]


class PeriodeIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + [
            MenuItem(label, url=reverse(name, args=[instance.pk]), icon_name=icon, priority=5 + i)
            for i, (label, name, icon) in enumerate(PERIOD_SCREENS)
        ]


class PeriodeScreen(AdminScreen):
    """A screen of one period, for whom the Periode viewset's policy allows "view"."""

    permission_required = "view"


def _period(request, pk) -> PeriodePenilaian:
    return get_object_or_404(PeriodePenilaian.objects.select_related("instrumen"), pk=pk)


class PeriodeStatusView(PeriodeScreen):
    def handle(self, request, pk):
        periode = _period(request, pk)
        if request.method == "POST":
            form = StatusPeriodeForm(request.POST)
            if not form.is_valid():
                messages.error(request, first_error(form))
                return redirect(request.path)
            try:
                period_transition(
                    periode_id=periode.pk,
                    to=form.cleaned_data["ke"],
                    user=request.user,
                    alasan=form.cleaned_data["alasan"],
                )
                messages.success(request, "Status periode diperbarui.")
            except ActionRefused as refused:
                refusal_shown(request, refused)
            return redirect(request.path)
        nxt = FORWARD.get(periode.status)
        counts = assignment_counts_by_relationship(request.user, periode)
        return TemplateResponse(
            request,
            "evaluasi/admin/periode_status.html",
            {
                "periode": periode,
                "berikutnya": nxt,
                "berikutnya_label": nxt.label if nxt else "",
                "bisa_ubah_status": may_move_periods(request.user),
                "bisa_buka_lagi": periode.status == REOPEN[0],
                "bisa_buat_penugasan": periode.status in EDITABLE
                and may_move_periods(request.user),
                "jumlah_penugasan": counts,
                "total_penugasan": sum(counts.values()),
                "di_bawah_ambang": below_threshold(periode_id=periode.pk, user=request.user)
                if counts
                else {},
                "riwayat": periode.riwayat.select_related("oleh")[:50],
                "penugasan_dibekukan": periode.status != StatusPeriode.DRAF,
                "riwayat_penugasan": assignment_history_visible_to(request.user, periode)[:200],
                "agregasi": _jobs_with_progress(periode),
            },
        )


def _jobs_with_progress(periode):

    jobs = list(periode.agregasi.all()[:5])
    for job in jobs:
        job.progres = cache.get(progress_key(job.pk)) if job.status == "berjalan" else None
    return jobs


class PeriodeAggregateView(PeriodeScreen):
    """Queue a full aggregation of the period (Admin BKD)."""

    def handle(self, request, pk):

        periode = _period(request, pk)
        if request.method != "POST" or not may_move_periods(request.user):
            raise PermissionDenied
        aggregation_queue(periode_id=periode.pk)
        messages.success(
            request, "Penghitungan hasil dijadwalkan; kemajuannya tampil di halaman ini."
        )
        return redirect(reverse("periode:status", args=[periode.pk]))


class PeriodeGenerateView(PeriodeScreen):
    """Generate (or complete) the period's assignments from the roster: Admin BKD only. Once the
    period is open this needs a reason (the freeze) and every addition is recorded."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        if request.method != "POST" or not may_move_periods(request.user):
            raise PermissionDenied
        form = AlasanForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(reverse("periode:status", args=[periode.pk]))
        try:
            result = assignments_generate(
                periode_id=periode.pk, user=request.user, alasan=form.cleaned_data["alasan"]
            )
        except ActionRefused as refused:
            refusal_shown(request, refused)
        else:
            messages.success(
                request,
                f"{result.created} penugasan baru dibuat untuk {result.ratees} pegawai "
                f"({result.existing} sudah ada sebelumnya).",
            )
        return redirect(reverse("periode:status", args=[periode.pk]))


def _chosen_unit(request) -> UnitKerja | None:
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        return units_visible_to(request.user).filter(pk=unit_id).first()
    return None


class PeriodeCompletionView(PeriodeScreen):
    def handle(self, request, pk):
        periode = _period(request, pk)
        unit, total, rows = completion_by_unit(request.user, periode, _chosen_unit(request))
        raters = Paginator(completion_by_rater(request.user, periode, unit), 50)
        scope = unit_scope_for(request.user)
        trail = []
        node = unit
        while node is not None and scope.allows_unit(node):
            trail.insert(0, node)
            node = node.induk
        return TemplateResponse(
            request,
            "evaluasi/admin/kelengkapan.html",
            {
                "periode": periode,
                "unit": unit,
                "jejak": trail,
                "total": total,
                "baris": rows,
                "penilai": raters.get_page(request.GET.get("p")),
                "bisa_mengingatkan": periode.pengisian_berlangsung(),
                "query": request.GET.urlencode(),
            },
        )


class PeriodeCompletionXlsxView(PeriodeScreen):
    def handle(self, request, pk):
        periode = _period(request, pk)
        unit = _chosen_unit(request)
        rows = completion_by_rater(request.user, periode, unit)
        content = xlsx_table(
            "Kelengkapan",
            [
                "NIP",
                "Nama",
                "Unit kerja",
                "Ditugaskan",
                "Mulai diisi",
                "Terkirim",
                "Belum terkirim",
            ],
            (
                [
                    r["penilai__nip"],
                    r["penilai__nama"],
                    r["penilai__unit_kerja__nama"],
                    r["ditugaskan"],
                    r["dimulai"],
                    r["dikirim"],
                    r["sisa"],
                ]
                for r in rows.iterator()
            ),
            widths={"A": 22, "B": 36, "C": 40},
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="kelengkapan-periode-{periode.pk}.xlsx"'
        )
        return response


class PeriodeRemindView(PeriodeScreen):
    """Queue reminders now for the unfinished raters in the chosen subtree (cap still applies)."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        if request.method != "POST" or not request.user.has_perm("evaluasi.add_penugasan"):
            raise PermissionDenied
        unit = _chosen_unit(request)
        ids = unfinished_raters_in_scope(request.user, periode, unit)
        if ids:
            rater_reminders_queue(periode_id=periode.pk, pegawai_ids=ids)
            messages.success(
                request, f"Pengingat sedang dikirim ke {len(ids)} penilai yang belum selesai."
            )
        else:
            messages.info(request, "Semua penilai di unit ini sudah selesai.")
        back = reverse("periode:completion", args=[periode.pk])
        return redirect(f"{back}?unit={unit.pk}" if unit else back)


class PeriodeIndividualView(PeriodeScreen):
    """Who answered what for one ratee: superusers with the explicit permission, logged each time."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        if not may_see_individual_answers(request.user):
            raise PermissionDenied
        context = {"periode": periode, "hasil": None}
        if request.method == "POST":
            form = AksesIndividualForm(request.POST)
            dinilai = None
            if form.is_valid():
                alasan = form.cleaned_data["alasan"]
                dinilai = (
                    pegawai_visible_to(request.user).filter(nip=form.cleaned_data["nip"]).first()
                )
            if dinilai is None:
                messages.error(
                    request,
                    first_error(form)
                    if form.errors
                    else "Isi NIP pegawai yang dinilai dan alasan akses.",
                )
            else:
                context["dinilai"] = dinilai
                context["hasil"] = individual_answers(
                    user=request.user, periode=periode, dinilai=dinilai, alasan=alasan
                )
        return TemplateResponse(request, "evaluasi/admin/jawaban_individual.html", context)


class PeriodeDistributionView(PeriodeScreen):
    """Individual predicates per unit against the unit's predikat organisasi (warnings only)."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        unit = _chosen_unit(request)
        if request.method == "POST" and request.POST.get("aksi") == "ekspor":
            return _documents_export(request, periode, unit, JenisEkspor.EVALUASI)
        if request.method == "POST":
            form = PredikatUnitForm(request.POST, units=units_visible_to(request.user))
            valid = form.is_valid()
            target = form.cleaned_data.get("unit") if valid else None
            try:
                if not valid:
                    raise ActionRefused(first_error(form))
                unit_predicate_set(
                    unit=target, periode_id=periode.pk, predikat=form.cleaned_data["predikat"],
                    user=request.user,
                )  # fmt: skip
                messages.success(request, f"Predikat kinerja organisasi {target.nama} dicatat.")
            except ActionRefused as refused:
                refusal_shown(request, refused)
            back = reverse("periode:distribution", args=[periode.pk])
            return redirect(f"{back}?unit={target.pk}" if target else back)
        shown, whole, children = predicate_distribution(request.user, periode, unit)
        return TemplateResponse(
            request,
            "evaluasi/admin/distribusi.html",
            {
                "periode": periode,
                "unit": shown,
                "keseluruhan": whole,
                "anak": children,
                "pilihan_organisasi": PredikatOrganisasi.choices,
                "ekspor": exports_visible_to(request.user, periode).filter(
                    jenis=JenisEkspor.EVALUASI
                )[:5],
                "bisa_mencatat": request.user.has_perm("evaluasi.change_predikatunit"),
            },
        )


class PeriodeAwardsView(PeriodeScreen):
    """Ranked candidates per unit; Admin BKD selects awardees, writes citations, publishes."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        if request.method == "POST":
            try:
                if request.POST.get("aksi") == "pilih":
                    form = PenghargaanPilihForm(request.POST)
                    if not form.is_valid():
                        raise ActionRefused(first_error(form))
                    award_select(
                        periode_id=periode.pk, pegawai_id=form.cleaned_data["pegawai"],
                        kutipan=form.cleaned_data["kutipan"], user=request.user,
                    )  # fmt: skip
                    messages.success(request, "Penerima penghargaan dipilih.")
                else:
                    form = PenghargaanPublikasiForm(request.POST, periode=periode)
                    if not form.is_valid():
                        raise ActionRefused(first_error(form))
                    award_publish(
                        penghargaan_id=form.cleaned_data["penghargaan"].pk,
                        publish=form.cleaned_data["aksi"] == "publikasikan",
                        user=request.user,
                    )
                    messages.success(request, "Status publikasi diperbarui.")
            except ActionRefused as refused:
                refusal_shown(request, refused)
            return redirect(request.get_full_path())
        unit = _chosen_unit(request)
        return TemplateResponse(
            request,
            "evaluasi/admin/penghargaan.html",
            {
                "periode": periode,
                "unit": unit,
                "kandidat": award_candidates(request.user, periode, unit)[:100],
                "penghargaan": awards_visible_to(request.user).filter(periode=periode),
                "bisa_memilih": request.user.has_perm("evaluasi.add_penghargaan")
                and unit_scope_for(request.user).everything,
            },
        )


# the screen that lists each kind of export
EXPORT_PAGES = {
    JenisEkspor.EVALUASI: "periode:distribution",
    JenisEkspor.LAPORAN_360: "periode:dashboard",
}


def _documents_export(request, periode, unit, jenis):
    """Queue the ZIP of every document of this kind in the unit shown (the admin's own subtree at
    most)."""

    scope = unit_scope_for(request.user)
    unit = unit if unit is not None else (None if scope.everything else scope.root)
    if unit is None and not scope.everything:
        raise PermissionDenied
    documents_export_queue(
        periode_id=periode.pk,
        unit=unit,
        jenis=jenis,
        user=request.user,
        instansi=PengaturanSitus.for_request(request).nama_instansi,
    )
    page = EXPORT_PAGES[jenis]
    messages.success(request, "Dokumen sedang disusun; kemajuannya tampil di bawah.")
    back = reverse(page, args=[periode.pk])
    return redirect(f"{back}?unit={unit.pk}" if unit else back)


class PeriodeExportDownloadView(PeriodeScreen):
    def handle(self, request, pk, ekspor_id):
        periode = _period(request, pk)
        ekspor = get_object_or_404(
            exports_visible_to(request.user, periode).exclude(berkas=""), pk=ekspor_id
        )
        if ekspor.jenis == JenisEkspor.LAPORAN_360 and not results_readable(periode, admin=True):
            raise Http404
        return FileResponse(
            ekspor.berkas.open("rb"),
            as_attachment=True,
            filename=ekspor.berkas.name.rsplit("/", 1)[-1],
        )


class PeriodeDashboardView(PeriodeScreen):
    """Completion over time, ratings, predicates and aspect averages for the unit shown."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        if request.method == "POST":
            try:
                results_gate_check(periode, admin=True)
            except ActionRefused as refused:
                refusal_shown(request, refused)
                return redirect(request.get_full_path())
            return _documents_export(
                request, periode, _chosen_unit(request), JenisEkspor.LAPORAN_360
            )
        data = unit_dashboard(request.user, periode, _chosen_unit(request))
        data["ekspor"] = exports_visible_to(request.user, periode).filter(
            jenis=JenisEkspor.LAPORAN_360
        )[:5]
        if data["tersedia"]:
            data.update(dashboard_charts(data))
        return TemplateResponse(
            request, "evaluasi/admin/dasbor_unit.html", {"periode": periode, **data}
        )


def _blank_unless(shown: bool, values):
    return list(values) if shown else ["" for _ in values]


class PeriodeDashboardXlsxView(PeriodeScreen):
    """The dashboard as a workbook: completion always; 360 figures only where the page shows them
    (an empty cell where a figure is withheld or the results are not readable yet)."""

    def handle(self, request, pk):
        periode = _period(request, pk)
        data = unit_dashboard(request.user, periode, _chosen_unit(request))
        if not data["tersedia"]:
            raise PermissionDenied
        aspects = data["aspek_list"]
        rows = [
            [
                row.unit.nama if row.unit else "Seluruh unit",
                row.ditugaskan,
                row.dikirim,
                row.persen,
                row.dinilai if data["hasil_terbaca"] else "",
                *_blank_unless(bool(row.ratings), (row.ratings.get(r.value, 0) for r in Rating)),
                *(
                    round(value, 2) if (value := row.aspek_rerata(a.pk)) is not None else ""
                    for a in aspects
                ),
            ]
            for row in [data["keseluruhan"], *data["anak"]]
        ]
        content = xlsx_table(
            "Rekap unit",
            ["Unit", "Ditugaskan", "Terkirim", "% terkirim", "Pegawai dengan hasil"]
            + [f"Saran: {r.label}" for r in Rating]
            + [f"Rerata {a.nama}" for a in aspects],
            rows,
            widths={"A": 40},
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="rekap-unit-periode-{periode.pk}.xlsx"'
        )
        return response
