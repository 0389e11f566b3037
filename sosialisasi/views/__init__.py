"""Public workshop views: confirming a registration request, the registrant's own page, cancelling
it (asked first), calendar files (registering itself is `WorkshopPage.register`)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cms.errors import ActionRefused, refusal_shown

from ..calendar import workshop_ics
from ..models import Pendaftaran, StatusPendaftaran, WorkshopPage
from ..registration_links import registration_id_from, registration_url
from ..selectors import waiting_position
from ..services.certificates import certificate_pdf
from ..services.registration_requests import (
    confirm_data,
    registration_confirm,
)
from ..services.registrations import (
    registration_cancel,
)


@require_http_methods(["GET", "POST"])
def registration_confirm_view(request, token):
    """The link mailed to the person a registration request named. GET only shows what will
    happen (mail scanners open links); the POST registers and opens the status page."""
    try:
        data = confirm_data(token)
        workshop = WorkshopPage.objects.live().get(pk=data["w"])
    except (ActionRefused, WorkshopPage.DoesNotExist):
        return render(
            request,
            "sosialisasi/pendaftaran_tautan_salah.html",
            {"pesan": "Tautan konfirmasi tidak valid atau sudah kedaluwarsa."},
            status=404,
        )
    error = ""
    if request.method == "POST":
        try:
            result = registration_confirm(token=token)
        except ActionRefused as refused:
            error = refused.message
        else:
            return redirect(registration_url(result.pendaftaran))
    return render(
        request,
        "sosialisasi/pendaftaran_konfirmasi.html",
        {"w": workshop, "data": data, "error": error},
        status=400 if error else 200,
    )


def _from_token(token) -> Pendaftaran:
    try:
        pk = registration_id_from(token)
    except ActionRefused as refused:  # LinkInvalid: the message says why
        raise Http404(refused.message) from None
    try:
        return Pendaftaran.objects.select_related("workshop").get(pk=pk)
    except Pendaftaran.DoesNotExist:
        raise Http404 from None


def _status_page_or_404(request, token):
    """(registration, None), or (None, the "link not valid" page) for a bad token."""
    try:
        return _from_token(token), None
    except Http404 as missing:
        return None, render(
            request,
            "sosialisasi/pendaftaran_tautan_salah.html",
            {"pesan": str(missing)},
            status=404,
        )


def _cancellable(pendaftaran: Pendaftaran) -> bool:
    # Once marked present the registration holds a certificate: only the organiser may undo it.
    return (
        pendaftaran.status != StatusPendaftaran.DIBATALKAN
        and not pendaftaran.hadir
        and pendaftaran.workshop.pendaftaran_status() != "selesai"
    )


@require_GET
def registration_status(request, token):
    """The registrant's own page. It only reads: cancelling is a separate step
    (`registration_cancel_view`)."""
    pendaftaran, invalid = _status_page_or_404(request, token)
    if invalid:
        return invalid
    # The link never expires (registration_links); once the workshop is over the page is
    # read-only: the status and the certificate, no cancelling and no meeting link.
    selesai = pendaftaran.workshop.pendaftaran_status() == "selesai"
    context = {
        "p": pendaftaran,
        "w": pendaftaran.workshop,
        "posisi": waiting_position(pendaftaran),
        "terkonfirmasi": pendaftaran.status == StatusPendaftaran.TERKONFIRMASI and not selesai,
        "selesai": selesai,
        "bisa_batal": _cancellable(pendaftaran),
    }
    return render(request, "sosialisasi/pendaftaran_status.html", context)


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token):
    """Cancelling one's own registration, in two steps: GET says what will happen (who gets the
    seat, in general terms) and asks; only the POST of that page cancels
    (`registrations.registration_cancel`) and returns to the status page."""
    pendaftaran, invalid = _status_page_or_404(request, token)
    if invalid:
        return invalid
    status_url = reverse("sosialisasi:pendaftaran", args=[token])
    if not _cancellable(pendaftaran):
        if request.method == "POST":  # a page loaded before attendance or the event's end
            messages.info(
                request,
                "Pendaftaran ini tidak dapat dibatalkan lagi: sudah dibatalkan, Anda sudah "
                "tercatat hadir, atau workshop sudah selesai.",
            )
        return redirect(status_url)
    if request.method == "POST":
        try:
            registration_cancel(pendaftaran_id=pendaftaran.pk)
        except ActionRefused as refused:  # marked present while the page was open
            refusal_shown(request, refused)
            return redirect(status_url)
        messages.success(
            request,
            "Pendaftaran Anda dibatalkan. Anda dapat mendaftar lagi selama pendaftaran masih dibuka.",
        )
        return redirect(status_url)
    return render(
        request,
        "sosialisasi/pendaftaran_batal.html",
        {
            "p": pendaftaran,
            "w": pendaftaran.workshop,
            "posisi": waiting_position(pendaftaran),
            "terkonfirmasi": pendaftaran.status == StatusPendaftaran.TERKONFIRMASI,
            "status_url": status_url,
        },
    )


def registration_calendar(request, token):
    pendaftaran, invalid = _status_page_or_404(request, token)
    if invalid:
        return invalid
    # The online link goes to confirmed registrants, and only until the workshop is over.
    private = (
        pendaftaran
        if pendaftaran.status == StatusPendaftaran.TERKONFIRMASI
        and pendaftaran.workshop.pendaftaran_status() != "selesai"
        else None
    )
    response = HttpResponse(
        workshop_ics([pendaftaran.workshop], private_for=private),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="workshop.ics"'
    return response


def registration_certificate(request, token):
    pendaftaran, invalid = _status_page_or_404(request, token)
    if invalid:
        return invalid
    try:
        pdf = certificate_pdf(pendaftaran)
    except ActionRefused as refused:  # NotAttended
        raise Http404(refused.message) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="sertifikat-{pendaftaran.kode_sertifikat}.pdf"'
    )
    return response


def certificate_verify(request, kode):
    pendaftaran = (
        Pendaftaran.objects.select_related("workshop")
        .filter(kode_sertifikat=kode.upper(), hadir=True)
        .first()
    )
    return render(
        request,
        "sosialisasi/sertifikat_verifikasi.html",
        {"p": pendaftaran, "kode": kode},
        status=200 if pendaftaran else 404,
    )
