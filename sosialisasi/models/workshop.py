"""Workshops: event pages and their registrations (capacity, waiting list, attendance)."""

from urllib.parse import quote_plus

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import GuideStreamBlock
from cms.errors import ActionRefused, refusal_shown
from cms.ratelimit import client_ip, rate_limited
from sosialisasi.calendar import workshop_ics
from sosialisasi.registration_links import registration_url

from .forms import FormulirPage
from .pages import TopikSerializer
from .workshop_form import WorkshopPageForm


class ModeWorkshop(models.TextChoices):
    TATAP_MUKA = "tatap_muka", "Tatap muka"
    DARING = "daring", "Daring"
    HYBRID = "hybrid", "Hybrid"


class WorkshopIndexPage(RoutablePageMixin, Page):
    pengantar = models.TextField("pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("pengantar")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["sosialisasi.WorkshopPage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar workshop"

    def get_context(self, request, *args, **kwargs):
        # Page models read selectors when serving; the selectors import these models.
        from sosialisasi.selectors import workshops_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(workshops_listing(self, request.GET))
        return context

    @path("kalender/", name="kalender")
    def calendar_feed(self, request):

        # Page models read selectors when serving; the selectors import these models.
        from sosialisasi.selectors import workshops_upcoming

        response = HttpResponse(
            workshop_ics(workshops_upcoming(limit=200)), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="workshop.ics"'
        return response


class WorkshopPage(RoutablePageMixin, Page):
    ringkasan = models.TextField("ringkasan", max_length=400)
    body = StreamField(GuideStreamBlock(), verbose_name="isi", blank=True)
    mulai = models.DateTimeField("mulai (WIB)")
    selesai = models.DateTimeField("selesai (WIB)")
    mode = models.CharField(
        "mode", max_length=12, choices=ModeWorkshop.choices, default=ModeWorkshop.TATAP_MUKA
    )
    tempat = models.CharField("tempat", max_length=200, blank=True)
    alamat = models.TextField("alamat", blank=True)
    # Never rendered publicly, indexed, or exposed by the API: only confirmed registrants see it.
    tautan_daring = models.URLField(
        "tautan pertemuan daring",
        blank=True,
        help_text="Hanya ditampilkan kepada peserta terkonfirmasi.",
    )
    kapasitas = models.PositiveIntegerField("kapasitas", default=0, help_text="0 = tanpa batas.")
    pendaftaran_dibuka = models.DateTimeField("pendaftaran dibuka")
    pendaftaran_ditutup = models.DateTimeField("pendaftaran ditutup")
    untuk_opd = ParentalManyToManyField(
        "evaluasi.UnitKerja",
        verbose_name="khusus untuk OPD",
        blank=True,
        related_name="+",
        help_text="Kosongkan agar terbuka untuk semua ASN.",
    )
    topik = ParentalManyToManyField(
        "cms.Topik", verbose_name="topik", blank=True, related_name="workshop"
    )
    jam_pelajaran = models.PositiveSmallIntegerField("jam pelajaran (JP)", default=0)

    content_panels = Page.content_panels + [
        FieldPanel("ringkasan"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("mulai"), FieldPanel("selesai")]),
                FieldPanel("jam_pelajaran"),
                FieldPanel("mode"),
            ],
            heading="Jadwal",
        ),
        MultiFieldPanel(
            [FieldPanel("tempat"), FieldPanel("alamat"), FieldPanel("tautan_daring")],
            heading="Tempat",
        ),
        MultiFieldPanel(
            [
                FieldPanel("kapasitas"),
                FieldRowPanel(
                    [FieldPanel("pendaftaran_dibuka"), FieldPanel("pendaftaran_ditutup")]
                ),
                FieldPanel("untuk_opd"),
            ],
            heading="Pendaftaran",
        ),
        FieldPanel("topik", widget=forms.CheckboxSelectMultiple),
        InlinePanel("narasumber", label="Narasumber", heading="Narasumber"),
        InlinePanel("materi", label="Materi", heading="Materi (tampil setelah workshop selesai)"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("ringkasan"),
        index.SearchField("body"),
        index.SearchField("tempat"),
        index.FilterField("mulai"),
    ]
    api_fields = [
        APIField("ringkasan"),
        APIField("body"),
        APIField("mulai"),
        APIField("selesai"),
        APIField("mode"),
        APIField("tempat"),
        APIField("alamat"),
        APIField("kapasitas"),
        APIField("sisa_kursi"),
        APIField("pendaftaran_dibuka"),
        APIField("pendaftaran_ditutup"),
        APIField("topik", serializer=TopikSerializer(many=True)),
    ]

    parent_page_types = ["sosialisasi.WorkshopIndexPage"]
    subpage_types = ["sosialisasi.FormulirPage"]
    # Its capacity field says how many waiting people a new capacity promotes, before saving.
    base_form_class = WorkshopPageForm

    class Meta:
        verbose_name = "workshop"
        verbose_name_plural = "workshop"

    @property
    def deskripsi_meta(self) -> str:
        return self.search_description or self.ringkasan

    @property
    def tautan_peta(self) -> str:
        query = ", ".join(part for part in (self.tempat, self.alamat.replace("\n", ", ")) if part)
        return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else ""

    @property
    def terkonfirmasi(self) -> int:
        return self.pendaftaran.filter(status=StatusPendaftaran.TERKONFIRMASI).count()

    def kursi_dan_antrean(self) -> tuple[int, int]:
        """(confirmed, waiting) registrations, one query: what the capacity field's preview counts."""
        counts = self.pendaftaran.aggregate(
            terkonfirmasi=models.Count("id", filter=Q(status=StatusPendaftaran.TERKONFIRMASI)),
            menunggu=models.Count("id", filter=Q(status=StatusPendaftaran.DAFTAR_TUNGGU)),
        )
        return counts["terkonfirmasi"], counts["menunggu"]

    def seats_left(self, confirmed: int, waiting: int) -> int:
        """Seats a newcomer could still get with `confirmed` and `waiting` registrations: none
        while anyone waits, since a freed seat goes to the waiting list first (fair queue,
        services.registrations)."""
        return 0 if waiting else max(0, self.kapasitas - confirmed)

    @property
    def sisa_kursi(self) -> int | None:
        """Seats left for a newcomer (seats_left); None when the workshop has no cap."""
        if not self.kapasitas:
            return None
        if not hasattr(self, "_sisa_kursi"):
            self._sisa_kursi = self.seats_left(*self.kursi_dan_antrean())
        return self._sisa_kursi

    @property
    def opd_sasaran(self) -> list:
        """The OPDs this workshop is reserved for (UnitKerja, by name; [] = open to everyone).
        Reads `untuk_opd.all()`, so a listing's `prefetch_related("untuk_opd")` serves it."""
        return sorted(self.untuk_opd.all(), key=lambda unit: unit.nama)

    @property
    def opd_sasaran_nama(self) -> str:
        """The audience OPDs' names as one phrase ("A", "A dan B", "A, B dan C"); "" for all."""
        names = [unit.nama for unit in self.opd_sasaran]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + " dan " + names[-1]

    @property
    def sasaran_teks(self) -> str:
        """Who may register, as the listing and the page say it before any form."""
        names = self.opd_sasaran_nama
        return f"Khusus ASN {names}" if names else "Terbuka untuk semua ASN dan umum"

    def untuk_pegawai(self, pegawai) -> bool:
        """Whether roster `pegawai` (or None: someone outside the roster) is in the audience: no
        OPD chosen, or their unit lies in the subtree of one of the chosen OPDs."""
        units = self.opd_sasaran
        return not units or (
            pegawai is not None
            and any(pegawai.unit_kerja.path.startswith(unit.path) for unit in units)
        )

    def alasan_di_luar_sasaran(self, pegawai) -> str:
        """Why `pegawai` (None: no roster entry) may not register; "" when they may."""
        if self.untuk_pegawai(pegawai):
            return ""
        if pegawai is None:
            return (
                f"Workshop ini khusus untuk pegawai {self.opd_sasaran_nama}; hanya ASN yang "
                "tercatat di OPD tersebut yang dapat mendaftar."
            )
        return (
            f"Workshop ini khusus untuk pegawai {self.opd_sasaran_nama}; unit Anda "
            f"{pegawai.unit_kerja.nama} tidak termasuk."
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pegawai = getattr(request.user, "pegawai", None) if request.user.is_authenticated else None
        mine = (
            self.pendaftaran.filter(registrations_owned_q(pegawai, request.user)).first()
            if pegawai
            else None
        )
        context.update(
            status_pendaftaran=self.pendaftaran_status(),
            di_luar_sasaran=self.alasan_di_luar_sasaran(pegawai) if pegawai else "",
            pegawai=pegawai,
            pendaftaran_saya=mine,
            narasumber=list(self.narasumber.select_related("foto")),
            topik=list(self.topik.all()),
            materi=list(self.materi.select_related("dokumen"))
            if self.pendaftaran_status() == "selesai"
            else [],
            # The evaluation questionnaire appears once the workshop is over.
            formulir=self.get_children().live().type(FormulirPage).first()
            if self.pendaftaran_status() == "selesai"
            else None,
        )
        if mine is not None:
            context["status_url"] = registration_url(mine)
        return context

    @path("")
    def detail(self, request, registration_form=None, *, status=200):
        """The page; `registration_form` a bound form to show again, `status` the response's
        code (a refused POST is not a 200)."""
        # The form's NIP field comes from evaluasi's forms, which need every model loaded first.
        from sosialisasi.forms import RegistrationForm

        response = self.render(
            request,
            context_overrides={
                "registration_form": registration_form
                or RegistrationForm(opd_sasaran=self.opd_sasaran_nama),
            },
        )
        response.status_code = status
        return response

    @path("daftar/", name="daftar")
    def register(self, request):
        """POST: one click for a logged-in ASN, the form for everyone else (as Wagtail's form
        pages handle their POST in the page, through the registration services).

        A visitor's form never acts on the person a NIP or email names: it queues one request
        (services.registration_requests) and answers with the same page in every case. A refused
        POST shows the page again with what was typed and what to do (never a redirect that
        clears the form).
        """
        # Services import these models, so the page reaches them when it serves, not at import.
        from sosialisasi.forms import RegistrationForm
        from sosialisasi.services.registration_requests import registration_request
        from sosialisasi.services.registrations import (
            STATUS_MESSAGES,
            RegistrationRefused,
            registration_create,
        )

        if request.method != "POST":
            # The address a refused form leaves in the bar: reopened (a restored tab, a shared
            # link), it leads back to the workshop and its form rather than a blank 405.
            return redirect(f"{self.url}#daftar")
        pegawai = getattr(request.user, "pegawai", None) if request.user.is_authenticated else None
        form = (
            None
            if pegawai is not None
            else RegistrationForm(request.POST, opd_sasaran=self.opd_sasaran_nama)
        )

        def refused(refusal: ActionRefused, status: int):
            if form is not None:
                form.is_valid()  # cleaned, so the refusal joins its errors beside what was typed
            refusal_shown(request, refusal, form=form)
            return self.detail(request, registration_form=form, status=status)

        if rate_limited(
            "daftar-ip",
            client_ip(request),
            limit=settings.WORKSHOP_REGISTRATIONS_PER_IP,
            window_seconds=3600,
        ):
            return refused(
                RegistrationRefused(
                    "Terlalu banyak pendaftaran dari jaringan Anda. Coba kirim lagi dalam satu jam."
                ),
                429,
            )
        if form is not None:
            if not form.is_valid():
                return self.detail(request, registration_form=form, status=400)
            state = self.pendaftaran_status()
            if state != "buka":
                message = STATUS_MESSAGES[state]
                if state == "belum":  # what to do: the data stays here until it opens
                    opens = date_format(timezone.localtime(self.pendaftaran_dibuka), "j F Y H.i")
                    message += f" Pendaftaran dibuka {opens} WIB; isian Anda tetap di formulir ini."
                return refused(RegistrationRefused(message), 400)
            registration_request(workshop_id=self.pk, **form.request_data())
            return redirect(self.url + "daftar/terkirim/")
        try:
            result = registration_create(
                workshop_id=self.pk, user=request.user, nip=pegawai.nip, email=pegawai.email
            )
        except ActionRefused as refusal:
            return refused(refusal, 400)
        if not result.created:
            messages.info(
                request, "Anda sudah terdaftar di workshop ini; berikut status pendaftaran Anda."
            )
        return redirect(registration_url(result.pendaftaran))

    @path("daftar/terkirim/", name="daftar_terkirim")
    def registration_sent(self, request):
        return render(request, "sosialisasi/pendaftaran_terkirim.html", {"page": self})

    def pendaftaran_status(self, now=None) -> str:
        """ "belum" (not open yet), "buka", "tutup" (closed), or "selesai" (the event is over)."""
        now = now or timezone.now()
        if now >= self.selesai:
            return "selesai"
        if now < self.pendaftaran_dibuka:
            return "belum"
        if now > self.pendaftaran_ditutup:
            return "tutup"
        return "buka"


class Narasumber(Orderable):
    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="narasumber")
    nama = models.CharField("nama", max_length=150)
    peran = models.CharField("peran", max_length=200, blank=True)
    foto = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("nama"), FieldPanel("peran"), FieldPanel("foto")]

    class Meta(Orderable.Meta):
        verbose_name = "narasumber"
        verbose_name_plural = "narasumber"


class MateriWorkshop(Orderable):
    """Handouts and slides, published on the page once the workshop is over."""

    page = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="materi")
    dokumen = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="dokumen", on_delete=models.CASCADE, related_name="+"
    )
    judul = models.CharField("judul", max_length=200, blank=True)

    panels = [FieldPanel("dokumen"), FieldPanel("judul")]

    class Meta(Orderable.Meta):
        verbose_name = "materi"
        verbose_name_plural = "materi"


class StatusPendaftaran(models.TextChoices):
    TERKONFIRMASI = "terkonfirmasi", "Terkonfirmasi"
    DAFTAR_TUNGGU = "daftar_tunggu", "Daftar tunggu"
    DIBATALKAN = "dibatalkan", "Dibatalkan"


class SebabPromosi(models.TextChoices):
    """What gave a waiting registration its seat (services/registrations.py, the fair queue)."""

    PEMBATALAN_PESERTA = "pembatalan_peserta", "Pembatalan oleh peserta"
    PEMBATALAN_ADMIN = "pembatalan_admin", "Pembatalan oleh admin"
    PENAMBAHAN_KAPASITAS = "penambahan_kapasitas", "Penambahan kapasitas"
    PROMOSI_MANUAL = "promosi_manual", "Promosi manual"


def registrations_owned_q(pegawai, user=None) -> Q:
    """The registrations that are `pegawai`'s own (a roster Pegawai; `user` their account, if
    any): linked to them, made while logged in as `user`, or made without an account with their
    NIP and confirmed at their own email. A NIP typed before it was in the roster with another
    email is a stranger's claim, not theirs (docs/privasi.md "Identitas: NIP bukan kunci")."""
    owned = Q(pegawai=pegawai)
    if pegawai.email:
        owned |= Q(
            nip=pegawai.nip, user__isnull=True, pegawai__isnull=True, email__iexact=pegawai.email
        )
    if user is not None and user.is_authenticated:
        owned |= Q(user=user)
    return owned


class Pendaftaran(models.Model):
    workshop = models.ForeignKey(
        WorkshopPage, verbose_name="workshop", on_delete=models.CASCADE, related_name="pendaftaran"
    )
    pegawai = models.ForeignKey(
        "evaluasi.Pegawai",
        verbose_name="pegawai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pendaftaran_workshop",
    )
    nip = models.CharField("NIP", max_length=18, blank=True)
    nama = models.CharField("nama", max_length=200)
    instansi = models.CharField("instansi", max_length=255, blank=True)
    email = models.EmailField("email")
    no_hp = models.CharField("nomor HP", max_length=20, blank=True)
    status = models.CharField("status", max_length=16, choices=StatusPendaftaran.choices)
    dibuat = models.DateTimeField("mendaftar", default=timezone.now, db_index=True)
    diubah = models.DateTimeField("diubah", auto_now=True)
    hadir = models.BooleanField("hadir", default=False)
    hadir_pada = models.DateTimeField("hadir pada", null=True, blank=True)
    pengingat_terkirim = models.DateTimeField(
        "pengingat terkirim", null=True, blank=True, editable=False
    )
    # When the certificate email went out (services/attendance.py): each attendee gets it once.
    sertifikat_dikirim = models.DateTimeField(
        "sertifikat dikirim", null=True, blank=True, editable=False
    )
    kode_sertifikat = models.CharField(
        "kode sertifikat", max_length=14, unique=True, null=True, blank=True, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How a seat came from the waiting list; empty for a seat confirmed at registration.
    dipromosikan_karena = models.CharField(
        "dipromosikan karena",
        max_length=24,
        choices=SebabPromosi.choices,
        blank=True,
        editable=False,
    )
    dipromosikan_pada = models.DateTimeField(
        "dipromosikan pada", null=True, blank=True, editable=False
    )
    alasan_promosi = models.TextField("alasan promosi manual", blank=True, editable=False)
    # The admin whose action freed the seat or promoted by hand (none for a registrant's own
    # cancellation or a published capacity).
    dipromosikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dipromosikan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "pendaftaran"
        verbose_name_plural = "pendaftaran"
        ordering = ["dibuat", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "nip"], condition=~Q(nip=""), name="pendaftaran_satu_per_nip"
            ),
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=Q(nip=""),
                name="pendaftaran_satu_per_email_tanpa_nip",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "dibuat"])]

    def __str__(self):
        return f"{self.nama} – {self.workshop.title} ({self.get_status_display()})"
