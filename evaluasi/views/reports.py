"""The 360 report page: the ASN's own, or a report the atasan / admin may read (else 404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from evaluasi.charts import grouped_bars_svg, radar_svg
from evaluasi.selectors.assessments import pegawai_of
from evaluasi.selectors.reports import recommendations_for, report_for


def _render(request, report):
    low, high = report.skala
    axes = [line.aspek.nama for line in report.aspek]
    others_label = "Semua penilai lain"
    radar = radar_svg(
        axes,
        {
            "diri": [line.diri for line in report.aspek],
            "orang_lain": [line.orang_lain for line in report.aspek],
        },
        low=low,
        high=high,
        labels={"diri": "Diri sendiri", "orang_lain": others_label},
        title="Diri sendiri dibanding penilai lain per aspek: "
        + "; ".join(
            f"{line.aspek.nama} {line.diri or '-'} / {line.orang_lain or '-'}"
            for line in report.aspek
        ),
    )
    bars = grouped_bars_svg(
        [
            (line.aspek.nama, {k: line.mean(k) for k, _, _ in report.kelompok})
            for line in report.aspek
        ],
        [(k, label) for k, label, _ in report.kelompok],
        high=high,
        title="Rata-rata per aspek menurut kelompok penilai",
    )
    return render(
        request,
        "evaluasi/laporan.html",
        {
            "r": report,
            "radar": radar,
            "batang": bars,
            "rekomendasi": recommendations_for(report),
            "milik_sendiri": pegawai_of(request.user) == report.pegawai,
        },
    )


@login_required
def own_report(request, periode_id):
    own = pegawai_of(request.user)
    if own is None:
        raise Http404
    return _render(request, report_for(request.user, periode_id, own.pk))


@login_required
def report(request, periode_id, pegawai_id):
    return _render(request, report_for(request.user, periode_id, pegawai_id))
