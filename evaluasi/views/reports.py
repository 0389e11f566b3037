"""The 360 report page: the ASN's own, or a report the atasan / admin may read (else 404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from cms.site_settings import PengaturanSitus
from evaluasi.charts import report_charts
from evaluasi.selectors.assessments import pegawai_of
from evaluasi.selectors.reports import recommendations_for, report_for
from evaluasi.services.report_document import report_pdf


def _render(request, report):
    charts = report_charts(report)
    return render(
        request,
        "evaluasi/laporan.html",
        {
            "r": report,
            "radar": charts["radar"],
            "batang": charts["batang"],
            "rekomendasi": recommendations_for(report),
            "milik_sendiri": pegawai_of(request.user) == report.pegawai,
        },
    )


def _own_report(request, periode_id):
    """The signed-in ASN's own report; 404 for an account without a roster entry."""
    own = pegawai_of(request.user)
    if own is None:
        raise Http404
    return report_for(request.user, periode_id, own.pk)


@login_required
def own_report(request, periode_id):
    return _render(request, _own_report(request, periode_id))


@login_required
def report(request, periode_id, pegawai_id):
    return _render(request, report_for(request.user, periode_id, pegawai_id))


def _pdf(request, report):

    instansi = PengaturanSitus.for_request(request).nama_instansi
    response = HttpResponse(report_pdf(report, instansi=instansi), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="laporan-360-{report.pegawai.nip}-{report.periode.pk}.pdf"'
    )
    return response


@login_required
def own_report_pdf(request, periode_id):
    return _pdf(request, _own_report(request, periode_id))


@login_required
def report_pdf_view(request, periode_id, pegawai_id):
    return _pdf(request, report_for(request.user, periode_id, pegawai_id))
