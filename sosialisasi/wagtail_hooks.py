from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import SosialisasiIndexPage, WorkshopPage
from .services.editorial import editorial_setup
from .viewsets.workshop import PendaftaranViewSet


@hooks.register("after_create_page")
def setup_editorial_workflow(request, page):
    """A new socialisation landing page gets the moderation workflow and Editor permissions."""

    if isinstance(page.specific, SosialisasiIndexPage):
        editorial_setup(index_page=page)


@hooks.register("register_admin_viewset")
def register_registrations():
    return PendaftaranViewSet()


@hooks.register("register_page_listing_more_buttons")
def workshop_checkin_button(page, user, next_url=None):
    """From a workshop in the page explorer straight to its check-in screen."""

    if isinstance(page.specific_deferred, WorkshopPage) and user.has_perm(
        "sosialisasi.view_pendaftaran"
    ):
        yield Button(
            "Kelola pendaftaran",
            url=reverse("pendaftaran_workshop:manage", args=[page.pk]),
            icon_name="date",
            priority=59,
        )
        yield Button(
            "Presensi dan sertifikat",
            url=reverse("pendaftaran_workshop:checkin", args=[page.pk]),
            icon_name="tick",
            priority=60,
        )
