"""Roster email changes made by admins: recorded, and the old address is told.

An admin who controls a pegawai's roster email must not quietly become that person: every change
is a `PerubahanEmail` row (who, when, old, new) and a notice to the old address, sent after the
change commits. What else protects the account is in docs/operasi.md section 11.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_q.tasks import async_task

from evaluasi.models import Pegawai, PerubahanEmail


def pegawai_email_change_record(
    *, pegawai: Pegawai | None, email_lama: str, email_baru: str, oleh, sumber: str, nip: str = ""
) -> PerubahanEmail | None:
    """Record one change of `pegawai.email` (or of an account's email: `pegawai` may be None for
    an account without a roster entry, then `nip` is blank) by the admin `oleh`; None when nothing
    changed. `sumber` is a `PerubahanEmail.Sumber`. The notice to `email_lama` (if any) is queued
    on commit.
    """
    email_lama, email_baru = (email_lama or "").strip(), (email_baru or "").strip()
    if email_lama.lower() == email_baru.lower():
        return None
    row = PerubahanEmail.objects.create(
        pegawai=pegawai,
        nip=pegawai.nip if pegawai is not None else nip,
        email_lama=email_lama,
        email_baru=email_baru,
        diubah_oleh=oleh if oleh is not None and oleh.is_authenticated else None,
        nama_pengubah=(oleh.get_username() if oleh is not None else "")[:150],
        sumber=sumber,
    )
    if email_lama:
        transaction.on_commit(lambda: async_task("evaluasi.tasks.email_change_notice_task", row.pk))
    return row


def account_email_change_record(*, user, email_lama: str, oleh) -> PerubahanEmail | None:
    """Record a change of a login account's email made in Wagtail's user admin (the address a
    password reset goes to), like a roster email change: logged, the old address told."""
    pegawai = Pegawai.objects.filter(user=user).first()
    return pegawai_email_change_record(
        pegawai=pegawai, email_lama=email_lama, email_baru=user.email, oleh=oleh,
        sumber=PerubahanEmail.Sumber.ADMIN, nip=user.get_username()[:18],
    )  # fmt: skip


def pegawai_email_changes_record_bulk(
    *, changes: list[tuple[int, str, str, str]], oleh, sumber: str
) -> int:
    """Record many changes at once (roster import): `changes` holds (pegawai_id, nip, old, new).

    One insert per batch, one job on commit for all the notices; returns how many were recorded.
    """
    name = (oleh.get_username() if oleh is not None else "")[:150]
    rows = [
        PerubahanEmail(
            pegawai_id=pegawai_id,
            nip=nip,
            email_lama=old or "",
            email_baru=new or "",
            diubah_oleh=oleh,
            nama_pengubah=name,
            sumber=sumber,
        )
        for pegawai_id, nip, old, new in changes
        if (old or "").strip().lower() != (new or "").strip().lower()
    ]
    created = PerubahanEmail.objects.bulk_create(rows, batch_size=500)
    ids = [row.pk for row in created if row.email_lama]
    if ids:
        transaction.on_commit(lambda: async_task("evaluasi.tasks.email_change_notices_task", ids))
    return len(created)


def email_change_notice_send(perubahan_id: int) -> bool:
    """Mail the old address that its roster email was replaced (once); True when sent."""
    row = PerubahanEmail.objects.select_related("pegawai").get(pk=perubahan_id)
    if not row.email_lama or row.pemberitahuan_terkirim:
        return False
    send_mail(
        subject="Email Anda di data kepegawaian telah diubah",
        message=render_to_string("evaluasi/email/perubahan_email.txt", {"r": row}),
        from_email=None,
        recipient_list=[row.email_lama],
    )
    PerubahanEmail.objects.filter(pk=row.pk).update(pemberitahuan_terkirim=timezone.now())
    return True
