from django.urls import path
from wagtail import hooks

from .services.email_changes import account_email_change_record
from .viewsets.kepegawaian import KepegawaianGroup, PegawaiViewSet
from .viewsets.kepegawaian_aktivasi import PegawaiBulkActivationView
from .viewsets.penilaian import PenilaianGroup


@hooks.register("register_admin_viewset")
def register_kepegawaian():
    return KepegawaianGroup()


@hooks.register("register_admin_viewset")
def register_penilaian():
    return PenilaianGroup()


@hooks.register("register_admin_urls")
def register_bulk_activation():
    """The Pegawai listing's "Kirim tautan aktivasi" screen, at its own path and URL name."""
    view = PegawaiViewSet().construct_view(PegawaiBulkActivationView)
    return [path("akun/aktivasi-massal/", view, name="aktivasi_massal")]


@hooks.register("before_edit_user")
def remember_account_email(request, user):
    """The account's email before Wagtail's user edit form changes it (see below)."""
    request.email_akun_sebelum = (user.pk, user.email)


@hooks.register("after_edit_user")
def record_account_email_change(request, user):
    """An admin who changes an account's email in Wagtail's user admin controls where its
    password resets go: recorded and told to the old address, like a roster email change."""

    before = getattr(request, "email_akun_sebelum", None)
    if before is not None and before[0] == user.pk:
        account_email_change_record(user=user, email_lama=before[1], oleh=request.user)
