"""Pendaftaran workshop menu, extra screens: check-in (a phone-friendly list to tap attendees
in), QR scan, bulk certificates, cancelling a registration, promoting one out of queue order (with
a reason) and a workshop's bulk actions. Each is an
`AdminScreen` built by the viewset's `construct_view` (its permission policy, no per-view checks)."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cms.admin_scoping import AdminScreen
from cms.errors import ActionRefused, refusal_shown
from cms.storage import private_storage

from ..forms_checkin import HadirForm, KelolaForm, PromosiForm
from ..models import StatusPendaftaran, WorkshopPage
from ..registration_links import checkin_id_from
from ..selectors import (
    confirmed_registrations_visible_to,
    registrations_visible_to,
    registrations_with_queue_visible_to,
    workshops_visible_to,
)
from ..services.attendance import attendance_mark, certificates_release_queue, certificates_unsent
from ..services.bulk_email import registrations_email_queue
from ..services.certificates import certificates_archive_path, certificates_queue
from ..services.materials import materials_queue
from ..services.registrations import registration_cancel, registration_promote

SHOWN = 100


@dataclass(frozen=True)
class Mailing:
    """A workshop-wide email an organiser sends from "Kelola pendaftaran": who would receive it
    (a selector scoped to the admin), the job that sends it (it reads the same selector again),
    and what the admin is told."""

    recipients: Callable  # (user, workshop_id=) -> queryset
    queue: Callable  # (workshop_id=, user=) -> None
    none_left: str
    sent: str  # formatted with {count}


MAILINGS = {
    "materi": Mailing(
        recipients=confirmed_registrations_visible_to,
        queue=materials_queue,
        none_left="Tidak ada peserta terkonfirmasi dalam wewenang Anda; tidak ada email dikirim.",
        sent='Email "materi tersedia" sedang dikirim kepada {count} peserta terkonfirmasi '
        "dalam wewenang Anda.",
    ),
    # Attendees marked before the certificate email existed, or whose email failed.
    "sertifikat": Mailing(
        recipients=certificates_unsent,
        queue=certificates_release_queue,
        none_left="Semua peserta hadir dalam wewenang Anda sudah menerima email sertifikat; "
        "tidak ada email dikirim.",
        sent="Email sertifikat sedang dikirim kepada {count} peserta hadir dalam wewenang Anda "
        "yang belum menerimanya.",
    ),
}


def _mailing_sent(request, workshop: WorkshopPage, mailing: Mailing):
    count = mailing.recipients(request.user, workshop_id=workshop.pk).count()
    if not count:
        messages.warning(request, mailing.none_left)
    else:
        mailing.queue(workshop_id=workshop.pk, user=request.user)
        messages.success(request, mailing.sent.format(count=count))
    return redirect(request.path)


def _workshop(request, workshop_id) -> WorkshopPage:
    return get_object_or_404(workshops_visible_to(request.user), pk=workshop_id)


class WorkshopCheckinView(AdminScreen):
    """A phone-friendly list of a workshop's confirmed registrants to tap attendees in."""

    permission_required = "view"
    post_permission_required = "change"

    def handle(self, request, workshop_id):
        workshop = _workshop(request, workshop_id)
        registrations = registrations_visible_to(request.user).filter(
            workshop=workshop, status=StatusPendaftaran.TERKONFIRMASI
        )
        if request.method == "POST":
            form = HadirForm(request.POST, registrations=registrations)
            if not form.is_valid():  # not one of the confirmed registrants this admin sees
                raise Http404
            target = form.cleaned_data["pendaftaran"]
            try:
                marked = attendance_mark(pendaftaran_id=target.pk, hadir=form.cleaned_data["hadir"])
                messages.success(
                    request,
                    f"{marked.nama}: {'hadir' if marked.hadir else 'kehadiran dibatalkan'}.",
                )
            except ActionRefused as refused:
                refusal_shown(request, refused)
            return redirect(f"{request.path}?{urlencode({'q': form.cleaned_data['q']})}")
        query = request.GET.get("q", "").strip()
        shown = (
            registrations.filter(Q(nama__icontains=query) | Q(nip__startswith=query))
            if query
            else registrations
        )
        return TemplateResponse(
            request,
            "sosialisasi/admin/checkin.html",
            {
                "workshop": workshop,
                "query": query,
                "rows": list(shown.order_by("hadir", "nama")[:SHOWN]),
                "total": registrations.count(),
                "hadir": registrations.filter(hadir=True).count(),
                "archive_ready": _archive_ready(
                    certificates_archive_path(workshop.pk, user=request.user)
                ),
                "certificates_url": reverse(
                    "pendaftaran_workshop:certificates", args=[workshop.pk]
                ),
            },
        )


def _archive_ready(path: str | None) -> bool:
    return path is not None and private_storage().exists(path)


class WorkshopCertificatesView(AdminScreen):
    """POST: generate the certificates of the attendees in the admin's scope as a background job;
    GET: download that scope's ZIP (the path is the requester's own, so an archive built for
    another scope is never served)."""

    permission_required = "change"

    def handle(self, request, workshop_id):
        workshop = _workshop(request, workshop_id)
        path = certificates_archive_path(workshop.pk, user=request.user)
        if path is None:  # no unit scope: no certificates at all
            raise PermissionDenied
        if request.method == "POST":
            certificates_queue(workshop_id=workshop.pk, user=request.user)
            messages.success(
                request,
                "Sertifikat sedang dibuat di latar belakang. Muat ulang halaman ini untuk mengunduhnya.",
            )
            return redirect(reverse("pendaftaran_workshop:checkin", args=[workshop.pk]))
        if not self.user_has_permission("view") or not _archive_ready(path):
            raise PermissionDenied
        return FileResponse(
            private_storage().open(path, "rb"),
            as_attachment=True,
            filename=f"sertifikat-{workshop.slug}.zip",
        )


class PendaftaranScanView(AdminScreen):
    """The page a scanned QR code opens on an admin's phone: who it is, and one tap to check in."""

    permission_required = "view"
    post_permission_required = "change"

    def handle(self, request, token):
        try:
            pk = checkin_id_from(token)
        except ActionRefused as refused:  # LinkInvalid: "Kode QR tidak valid."
            raise Http404(refused.message) from None
        pendaftaran = get_object_or_404(registrations_visible_to(request.user), pk=pk)
        if request.method == "POST":
            try:
                attendance_mark(pendaftaran_id=pendaftaran.pk)
                messages.success(request, f"{pendaftaran.nama} tercatat hadir.")
            except ActionRefused as refused:
                refusal_shown(request, refused)
            return redirect(request.path)
        pendaftaran.refresh_from_db()
        return TemplateResponse(request, "sosialisasi/admin/scan.html", {"p": pendaftaran})


class PendaftaranCancelView(AdminScreen):
    """An admin cancels a registration (after confirming); the first waiting person is promoted,
    the cause recorded as "pembatalan oleh admin"."""

    permission_required = "change"

    def handle(self, request, pk):
        pendaftaran = get_object_or_404(registrations_visible_to(request.user), pk=pk)
        if request.method == "POST":
            registration_cancel(pendaftaran_id=pendaftaran.pk, admin=request.user)
            messages.success(
                request, f"Pendaftaran {pendaftaran.nama} dibatalkan; daftar tunggu diperbarui."
            )
            return redirect(reverse("pendaftaran_workshop:index"))
        return TemplateResponse(request, "sosialisasi/admin/batal.html", {"p": pendaftaran})


class PendaftaranPromoteView(AdminScreen):
    """An organiser confirms one waiting registration out of queue order: a form asks why (the
    reason is recorded and listed); refused when the reason is empty or no seat is free."""

    permission_required = "change"

    def handle(self, request, pk):
        pendaftaran = get_object_or_404(registrations_with_queue_visible_to(request.user), pk=pk)
        form = PromosiForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                promoted = registration_promote(
                    pendaftaran_id=pendaftaran.pk,
                    alasan=form.cleaned_data["alasan"],
                    admin=request.user,
                )
            except ActionRefused as refused:
                refusal_shown(request, refused, form=form)
            else:
                if promoted.status == pendaftaran.status:  # no longer waiting: nothing changed
                    messages.warning(
                        request,
                        f"{promoted.nama} tidak berada di daftar tunggu; tidak ada yang diubah.",
                    )
                else:
                    messages.success(
                        request,
                        f"{promoted.nama} dipromosikan dan menerima email konfirmasi; alasannya "
                        "dicatat.",
                    )
                return redirect(
                    f"{reverse('pendaftaran_workshop:index')}?workshop={pendaftaran.workshop_id}"
                )
        workshop = pendaftaran.workshop
        return TemplateResponse(
            request,
            "sosialisasi/admin/promosi.html",
            {
                "p": pendaftaran,
                "form": form,
                "menunggu": pendaftaran.status == StatusPendaftaran.DAFTAR_TUNGGU,
                # Whether a seat is free, not the workshop-wide count: that counts registrants
                # of other OPDs, which an Admin OPD does not see (cms/tests/test_scope_sweep.py).
                "ada_kursi": not workshop.kapasitas or workshop.terkonfirmasi < workshop.kapasitas,
            },
            status=400 if form.errors else 200,
        )


BULK_ACTIONS = {
    "hadir": "Tandai hadir",
    "batal": "Batalkan",
    "promosikan": "Naikkan dari daftar tunggu",
    "email": "Kirim email",
}


class WorkshopManageView(AdminScreen):
    """All registrations of one workshop with bulk actions (scoped to the admin's units)."""

    permission_required = "view"
    post_permission_required = "change"

    def handle(self, request, workshop_id):
        workshop = _workshop(request, workshop_id)
        registrations = (
            registrations_with_queue_visible_to(request.user)
            .filter(workshop=workshop)
            .order_by("status", "dibuat", "id")
        )
        if request.method == "POST":
            action = request.POST.get("aksi")
            if action in MAILINGS:
                return _mailing_sent(request, workshop, MAILINGS[action])
            form = KelolaForm(request.POST, registrations=registrations, actions=BULK_ACTIONS)
            if not form.is_valid():
                if "aksi" in form.errors or "pilih" in form.errors:
                    messages.error(request, "Pilih peserta dan tindakan lebih dulu.")
                else:
                    messages.error(request, next(e for es in form.errors.values() for e in es))
                return redirect(request.path)
            chosen = [r.pk for r in form.cleaned_data["pilih"]]
            if action == "email":
                subject, body = form.cleaned_data["subjek"], form.cleaned_data["pesan"]
                registrations_email_queue(pendaftaran_ids=chosen, subject=subject, body=body)
                messages.success(request, f"Email sedang dikirim kepada {len(chosen)} peserta.")
                return redirect(request.path)
            service = {
                "hadir": lambda pk: attendance_mark(pendaftaran_id=pk),
                "batal": lambda pk: registration_cancel(pendaftaran_id=pk, admin=request.user),
                "promosikan": lambda pk: registration_promote(
                    pendaftaran_id=pk, alasan=form.cleaned_data["alasan"], admin=request.user
                ),
            }[action]
            done, problems = 0, []
            for pk in chosen:
                try:
                    service(pk)
                    done += 1
                except ActionRefused as refused:
                    problems.append(refused.message)
            messages.success(request, f"{BULK_ACTIONS[action]}: {done} dari {len(chosen)} peserta.")
            for problem in sorted(set(problems)):
                messages.error(request, problem)
            return redirect(request.path)
        rows = list(registrations)
        return TemplateResponse(
            request,
            "sosialisasi/admin/kelola.html",
            {
                "workshop": workshop,
                "rows": rows,
                "actions": BULK_ACTIONS,
                "counts": {
                    label: sum(1 for r in rows if r.status == value)
                    for value, label in StatusPendaftaran.choices
                },
                "hadir": sum(1 for r in rows if r.hadir),
                "sertifikat_belum": sum(1 for r in rows if r.hadir and not r.sertifikat_dikirim),
                "checkin_url": reverse("pendaftaran_workshop:checkin", args=[workshop.pk]),
            },
        )
