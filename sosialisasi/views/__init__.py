"""Public workshop views: register, the registrant's own page, calendar files."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cms.ratelimit import client_ip, rate_limited

from ..forms import RegistrationForm
from ..models import Pendaftaran, StatusPendaftaran
from ..services.calendar import workshop_ics
from ..services.registration_links import (
    LinkExpired,
    LinkInvalid,
    registration_id_from,
    registration_url,
)
from ..services.registrations import registration_cancel, registration_create, waiting_position


def _pegawai_of(user):
    return getattr(user, "pegawai", None) if user.is_authenticated else None


def workshop_register(request, workshop):
    """POST on a workshop page: one click for a logged-in ASN, the form for everyone else."""
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
    if form is not None and not form.is_valid():
        return workshop.detail(request, registration_form=form)
    data = {"nip": pegawai.nip, "email": pegawai.email} if pegawai else form.cleaned_data
    try:
        result = registration_create(workshop_id=workshop.pk, user=request.user, **data)
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return workshop.detail(request, registration_form=form)
        messages.error(request, " ".join(error.messages))
        return redirect(workshop.url)
    if not result.created:
        messages.info(
            request, "Anda sudah terdaftar di workshop ini; berikut status pendaftaran Anda."
        )
    return redirect(registration_url(result.pendaftaran))


def _from_token(token) -> Pendaftaran:
    try:
        pk = registration_id_from(token)
    except LinkInvalid:
        raise Http404("Tautan tidak valid.") from None
    except LinkExpired:
        raise Http404("Tautan sudah kedaluwarsa.") from None
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
    from ..services.certificates import NotAttended, certificate_pdf

    pendaftaran = _from_token(token)
    try:
        pdf = certificate_pdf(pendaftaran)
    except NotAttended:
        raise Http404("Sertifikat hanya untuk peserta yang hadir.") from None
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
