"""Certificates of attendance (PDF, fpdf2) with a public verification URL."""

import io
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_q.tasks import async_task
from fpdf import FPDF
from wagtail.models import Site

from cms.errors import ActionRefused
from cms.pdf import HIJAU, latin1
from cms.site_settings import PengaturanSitus
from cms.storage import private_storage
from evaluasi.selectors import unit_scope_for
from sosialisasi.models import Pendaftaran, WorkshopPage
from sosialisasi.selectors import attendees_visible_to


class NotAttended(ActionRefused):
    """A certificate is asked for someone not marked present."""

    default_message = "Sertifikat hanya untuk peserta yang hadir."


def verification_url(kode: str) -> str:
    """The absolute public URL (WAGTAILADMIN_BASE_URL) where certificate code `kode` is verified."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "sertifikat_verifikasi", args=[kode]
    )


def _site_settings() -> PengaturanSitus:
    site = Site.objects.filter(is_default_site=True).first()
    return PengaturanSitus.for_site(site) if site else PengaturanSitus()


def certificate_pdf(
    pendaftaran: Pendaftaran, *, pengaturan: PengaturanSitus | None = None
) -> bytes:
    """The attendance certificate of `pendaftaran` as PDF bytes (A4 landscape), signed as
    `pengaturan` (PengaturanSitus; the default site's when None) says, with its verification code
    and URL. Raises NotAttended (an ActionRefused) when the registrant was not marked present."""
    if not pendaftaran.hadir or not pendaftaran.kode_sertifikat:
        raise NotAttended
    workshop = pendaftaran.workshop
    pengaturan = pengaturan or _site_settings()
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_title(f"Sertifikat {workshop.title}")
    pdf.add_page()
    pdf.set_draw_color(*HIJAU)
    pdf.set_line_width(2)
    pdf.rect(8, 8, 281, 194)
    pdf.set_y(22)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(
        0, 8, latin1(pengaturan.nama_instansi.upper()), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "B", 30)
    pdf.set_text_color(*HIJAU)
    pdf.cell(0, 20, "SERTIFIKAT", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 9, "diberikan kepada", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 13, latin1(pendaftaran.nama), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    if pendaftaran.nip:
        pdf.cell(0, 7, f"NIP {pendaftaran.nip}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(
        0,
        8,
        latin1(f"sebagai peserta yang telah mengikuti {workshop.title}"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    with translation.override("id"):
        date = date_format(timezone.localtime(workshop.mulai), "j F Y")
    hours = f", {workshop.jam_pelajaran} jam pelajaran" if workshop.jam_pelajaran else ""
    pdf.cell(0, 8, latin1(f"pada tanggal {date}{hours}."), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(170, 150)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        110, 6, latin1(pengaturan.penandatangan_jabatan), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_xy(170, 172)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(
        110, 6, latin1(pengaturan.penandatangan_nama), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    if pengaturan.penandatangan_nip:
        pdf.set_x(170)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(110, 6, f"NIP {pengaturan.penandatangan_nip}", align="C")
    pdf.set_xy(18, 170)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(
        140,
        5,
        latin1(
            f"Kode verifikasi: {pendaftaran.kode_sertifikat}\nPeriksa keaslian: {verification_url(pendaftaran.kode_sertifikat)}"
        ),
    )
    return bytes(pdf.output())


def certificates_archive_path(workshop_id: int, *, user) -> str | None:
    """The private-storage name of the certificate ZIP `user` builds and downloads: one archive per
    (workshop, scope) — `semua.zip` for Admin BKD, `unit-<root id>.zip` for an Admin OPD (shared
    only by admins with the same scope root). None: the user has no scope, so no archive at all."""

    scope = unit_scope_for(user)
    if scope.everything:
        return f"sertifikat/workshop-{workshop_id}/semua.zip"
    if scope.root is None:
        return None
    return f"sertifikat/workshop-{workshop_id}/unit-{scope.root.pk}.zip"


def certificates_queue(*, workshop_id: int, user) -> None:
    """Queue the certificates of a workshop's attendees in `user`'s unit scope, zipped into that
    scope's archive (`certificates_archive_path`), as a background task.

    Args:
        workshop_id: the `WorkshopPage`'s primary key.
        user: the requesting account; the task reads its scope again as it runs.

    Returns:
        None; the task runs `certificates_generate`.

    Raises:
        Nothing of its own.
    """
    async_task(
        "sosialisasi.tasks.certificates_task",
        workshop_id,
        user.pk,
        task_name=f"sertifikat-{workshop_id}-{user.pk}",
    )


def certificates_generate(*, workshop_id: int, user) -> int:
    """The certificates of the workshop's attendees inside `user`'s scope
    (`selectors.attendees_visible_to`) in one ZIP in the private storage (`STORAGES["private"]`,
    no URL) under `certificates_archive_path(workshop_id, user=user)`, downloaded only through
    `viewsets.workshop_checkin.WorkshopCertificatesView` by a user with that same path; run as a
    background job.
    Returns the number of certificates (0 and no archive for a user without a scope)."""

    path = certificates_archive_path(workshop_id, user=user)
    if path is None:
        return 0
    WorkshopPage.objects.get(pk=workshop_id)  # a deleted workshop fails the job loudly
    attendees = attendees_visible_to(user, workshop_id=workshop_id)
    pengaturan = _site_settings()
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for pendaftaran in attendees:
            name = f"sertifikat-{pendaftaran.kode_sertifikat}.pdf"
            archive.writestr(name, certificate_pdf(pendaftaran, pengaturan=pengaturan))
            count += 1
    storage = private_storage()
    if storage.exists(path):
        storage.delete(path)
    storage.save(path, ContentFile(buffer.getvalue()))
    return count
