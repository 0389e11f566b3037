"""Account activation for ASN: an account is tied to a roster pegawai and named by their NIP.

Activation is for accounts that have never had a password: once the ASN has set one, the roster
email (which an admin can change) no longer opens the account; a forgotten password is reset by
the account's own email (`User.email`, set at creation). Links are built from the public base URL
(settings.WAGTAILADMIN_BASE_URL), never from a request's Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from django_q.tasks import async_task

from evaluasi.models import Pegawai


@transaction.atomic
def account_for_pegawai(pegawai: Pegawai):
    """The pegawai's login (username = NIP), created without a password on first need."""
    if pegawai.user_id:
        return pegawai.user
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=pegawai.nip,
        defaults={"email": pegawai.email, "first_name": pegawai.nama[:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    pegawai.user = user
    pegawai.save(update_fields=["user"])
    return user


def public_base_url() -> str:
    """The site's public address for links in emails (settings.WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def public_link_context() -> dict:
    """`protocol` and `domain` for Django's password-reset email, from the public base URL."""
    parts = urlsplit(public_base_url())
    return {
        "protocol": parts.scheme,
        "domain": parts.netloc + parts.path,
        "site_name": parts.netloc,
    }


def can_activate(pegawai: Pegawai) -> bool:
    """True while the pegawai has no account or an account that never had a password."""
    return not (pegawai.user_id and pegawai.user.has_usable_password())


def activation_link(user, *, base_url: str) -> str:
    """The absolute set-password link for `user` (Django's one-time token, valid for
    PASSWORD_RESET_TIMEOUT) under `base_url` (the public base URL; "" gives a path). Raises nothing."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:activate", args=[uid, token])


def activation_email_send(pegawai: Pegawai, *, base_url: str = "") -> bool:
    """Mail a set-password link to the roster email; False (nothing sent) for an active account."""
    if not can_activate(pegawai):
        return False
    user = account_for_pegawai(pegawai)
    if user.email != pegawai.email:  # the address that activates is the one that resets later
        user.email = pegawai.email
        user.save(update_fields=["email"])
    context = {
        "pegawai": pegawai,
        "link": activation_link(user, base_url=base_url or public_base_url()),
    }
    send_mail(
        subject="Aktivasi akun Penilaian Kinerja ASN Provinsi Lampung",
        message=render_to_string("accounts/email/aktivasi.txt", context),
        from_email=None,
        recipient_list=[pegawai.email],
    )
    return True


def activation_request(*, nip: str, email: str, base_url: str = "") -> bool:
    """Mail an activation link when NIP and email match an active pegawai whose account has never
    had a password; say nothing otherwise (the caller answers the same in every case)."""
    pegawai = Pegawai.objects.filter(nip=nip, aktif=True).select_related("user").first()
    if pegawai is None or not pegawai.email or pegawai.email.lower() != email.strip().lower():
        return False
    return activation_email_send(pegawai, base_url=base_url)


def activation_request_queue(*, nip: str, email: str) -> None:
    """Queue one anonymous activation request (`activation_request` runs in a job).

    `nip` (normalised, 18 digits) and `email` (as typed) are looked up and mailed by the job, so the
    answer page comes after the same work whether or not they match: neither the page nor its
    timing reveals who is in the roster. Returns None; raises nothing of its own.
    """
    async_task("cms.tasks.activation_request_task", nip, email, task_name="aktivasi")


def password_reset_queue(*, email: str, form_class: str, templates: dict) -> None:
    """Queue one password-reset request (`password_reset_send` runs in a job, for the same reason
    as `activation_request_queue`). `form_class`: dotted path of the PasswordResetForm subclass;
    `templates`: its email_template_name, subject_template_name and html_email_template_name.
    Returns None; raises nothing of its own."""
    async_task(
        "cms.tasks.password_reset_task", email, form_class, templates, task_name="lupa-sandi"
    )


def activation_links_queue(*, pegawai_ids: list[int], user) -> None:
    """Queue the bulk activation links (the admin's "Kirim tautan aktivasi") as a background task.

    Args:
        pegawai_ids: primary keys of the `Pegawai` to send to (the caller passes only rows in
            its scope); `activation_links_send` skips the inactive and those without an email.
        user: the requesting admin (names the task).

    Returns:
        None; the task runs `activation_links_send` with the public base URL
        (settings.WAGTAILADMIN_BASE_URL), never the request's Host.

    Raises:
        Nothing of its own.
    """
    async_task(
        "cms.tasks.activation_links_task",
        pegawai_ids,
        "",  # the public base URL (settings.WAGTAILADMIN_BASE_URL), never the request's Host
        task_name=f"aktivasi-massal-{user.pk}",
    )


def activation_links_send(*, pegawai_ids: list[int], base_url: str = "") -> int:
    """Bulk activation for admins: every active pegawai with an email and no password yet."""
    sent = 0
    queryset = (
        Pegawai.objects.filter(pk__in=pegawai_ids, aktif=True)
        .exclude(email="")
        .select_related("user")
    )
    for pegawai in queryset.iterator(chunk_size=500):
        sent += activation_email_send(pegawai, base_url=base_url)
    return sent


def password_reset_send(
    *,
    email: str,
    form_class: str,
    email_template_name: str,
    subject_template_name: str,
    html_email_template_name: str | None = None,
) -> None:
    """Mail a reset link to every active account with this email and a usable password (Django's
    PasswordResetForm rules; `form_class` is its dotted path), links on the public base URL.

    Run as a job so a reset request takes the same time whether or not the address has an account.
    """

    form = import_string(form_class)({"email": email})
    if not form.is_valid():
        return
    parts = urlsplit(public_base_url())
    form.save(
        domain_override=parts.netloc,
        use_https=parts.scheme == "https",
        email_template_name=email_template_name,
        subject_template_name=subject_template_name,
        html_email_template_name=html_email_template_name,
        extra_email_context=public_link_context(),
    )
