"""Public workshop views: register, the registrant's own page, calendar files."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cms.errors import ActionRefused, refusal_shown
from cms.ratelimit import client_ip, rate_limited

from ..forms import RegistrationForm
from ..models import Pendaftaran, StatusPendaftaran, WorkshopPage
from ..services.calendar import workshop_ics
from ..services.registration_links import registration_id_from, registration_url
from ..services.registration_requests import (
    confirm_data,
    registration_confirm,
    registration_request,
)
from ..services.registrations import (
    STATUS_MESSAGES,
    registration_cancel,
    registration_create,
    waiting_position,
)


def _pegawai_of(user):
    return getattr(user, "pegawai", None) if user.is_authenticated else None


def workshop_register(request, workshop):
    """POST on a workshop page: one click for a logged-in ASN, the form for everyone else.

    A visitor's form never acts on the person a NIP or email names: it queues one job
    (services.registration_requests) and answers with the same page in every case.
    """
    pegawai = _pegawai_of(request.user)
    form = None if pegawai else RegistrationForm(request.POST)
    if rate_limited(
        "daftar-ip",
        client_ip(request),
        limit=settings.WORKSHOP_REGISTRATIONS_PER_IP,
        window_seconds=3600,
    ):
        messages.error(
            request, "Terlalu banyak pendaftaran dari jaringan Anda. Coba lagi dalam satu jam."
        )
        return redirect(workshop.url)
    if form is not None:
        return _visitor_register(request, workshop, form)
    try:
        result = registration_create(
            workshop_id=workshop.pk, user=request.user, nip=pegawai.nip, email=pegawai.email
        )
    except ActionRefused as refused:
        refusal_shown(request, refused)
        return redirect(workshop.url)
    if not result.created:
        messages.info(
            request, "Anda sudah terdaftar di workshop ini; berikut status pendaftaran Anda."
        )
    return redirect(registration_url(result.pendaftaran))


def _visitor_register(request, workshop, form):
    """Only what does not depend on who the NIP/email belongs to is answered here: the shape of
    the input, the registration window, and a workshop for certain OPDs asked without a NIP."""
    if not form.is_valid():
        return workshop.detail(request, registration_form=form)
    state = workshop.pendaftaran_status()
    if state != "buka":
        messages.error(request, STATUS_MESSAGES[state])
        return redirect(workshop.url)
    if not form.cleaned_data["nip"] and workshop.untuk_opd.exists():
        form.add_error(
            "nip", "Workshop ini khusus untuk pegawai OPD tertentu; isi NIP Anda untuk mendaftar."
        )
        return workshop.detail(request, registration_form=form)
    registration_request(workshop_id=workshop.pk, **form.cleaned_data)
    return redirect(workshop.url + "daftar/terkirim/")


def registration_request_sent(request, workshop):
    return render(request, "sosialisasi/pendaftaran_terkirim.html", {"page": workshop})


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
    except ActionRefused as refused:  # LinkInvalid, LinkExpired: the message says which
        raise Http404(refused.message) from None
    try:
        return Pendaftaran.objects.select_related("workshop").get(pk=pk)
    except Pendaftaran.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def registration_status(request, token):
    try:
        pendaftaran = _from_token(token)
    except Http404 as missing:
        return render(
            request,
            "sosialisasi/pendaftaran_tautan_salah.html",
            {"pesan": str(missing)},
            status=404,
        )
    if request.method == "POST" and request.POST.get("aksi") == "batal":
        registration_cancel(pendaftaran_id=pendaftaran.pk)
        messages.success(request, "Pendaftaran Anda dibatalkan.")
        return redirect(request.path)
    context = {
        "p": pendaftaran,
        "w": pendaftaran.workshop,
        "posisi": waiting_position(pendaftaran),
        "terkonfirmasi": pendaftaran.status == StatusPendaftaran.TERKONFIRMASI,
        "bisa_batal": pendaftaran.status != StatusPendaftaran.DIBATALKAN
        and pendaftaran.workshop.pendaftaran_status() != "selesai",
    }
    return render(request, "sosialisasi/pendaftaran_status.html", context)


def registration_calendar(request, token):
    pendaftaran = _from_token(token)
    private = pendaftaran if pendaftaran.status == StatusPendaftaran.TERKONFIRMASI else None
    response = HttpResponse(
        workshop_ics([pendaftaran.workshop], private_for=private),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="workshop.ics"'
    return response


def registration_certificate(request, token):
    from ..services.certificates import certificate_pdf

    pendaftaran = _from_token(token)
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
