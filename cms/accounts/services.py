"""Account activation for ASN: an account is tied to a roster pegawai and named by their NIP."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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


def activation_link(user, *, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:activate", args=[uid, token])


def activation_email_send(pegawai: Pegawai, *, base_url: str) -> None:
    user = account_for_pegawai(pegawai)
    context = {
        "pegawai": pegawai,
        "link": activation_link(user, base_url=base_url),
        "sudah_aktif": user.has_usable_password(),
    }
    send_mail(
        subject="Aktivasi akun Penilaian Kinerja ASN Provinsi Lampung",
        message=render_to_string("accounts/email/aktivasi.txt", context),
        from_email=None,
        recipient_list=[pegawai.email],
    )


def activation_request(*, nip: str, email: str, base_url: str) -> bool:
    """Mail an activation link when NIP and email match an active pegawai; say nothing otherwise."""
    pegawai = Pegawai.objects.filter(nip=nip, aktif=True).select_related("user").first()
    if pegawai is None or not pegawai.email or pegawai.email.lower() != email.strip().lower():
        return False
    activation_email_send(pegawai, base_url=base_url)
    return True


def activation_links_send(*, pegawai_ids: list[int], base_url: str) -> int:
    """Bulk activation for admins: every active pegawai with an email and no password yet."""
    sent = 0
    queryset = (
        Pegawai.objects.filter(pk__in=pegawai_ids, aktif=True)
        .exclude(email="")
        .select_related("user")
    )
    for pegawai in queryset.iterator(chunk_size=500):
        if pegawai.user_id and pegawai.user.has_usable_password():
            continue
        activation_email_send(pegawai, base_url=base_url)
        sent += 1
    return sent
