"""In-app notifications (pemberitahuan) with an email copy (kernel: imports no app).

An app says *who* is told *what* (`notify`); this module stores one `Pemberitahuan` row per
recipient and, after the transaction commits, a django-q2 job mails it (text + HTML, utf-8,
Indonesian, an absolute link on settings.WAGTAILADMIN_BASE_URL, times in WIB). The list is
`/akun/pemberitahuan/` (cms/accounts); the unread count sits in the site header.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from django_q.tasks import async_task

JUDUL_MAX = 200
TEKS_MAX = 1000
_WITHOUT_EMAIL = ContextVar("pemberitahuan_tanpa_email", default=False)


@contextmanager
def without_email():
    """Within this block `notify` writes the in-app rows but queues no email: for the demo loader,
    whose workflow steps are replayed for made-up addresses. Yields None; raises nothing."""
    token = _WITHOUT_EMAIL.set(True)
    try:
        yield
    finally:
        _WITHOUT_EMAIL.reset(token)


class Pemberitahuan(models.Model):
    """One notification for one user: a title, a short text and the page it is about (a path)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penerima",
        on_delete=models.CASCADE,
        related_name="pemberitahuan",
    )
    judul = models.CharField("judul", max_length=JUDUL_MAX)
    teks = models.TextField("teks", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", default=timezone.now)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)

    class Meta:
        verbose_name = "pemberitahuan"
        verbose_name_plural = "pemberitahuan"
        ordering = ["-dibuat_pada", "-pk"]
        # The header's unread count on every page: penerima = ? AND dibaca_pada IS NULL.
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="pemberitahuan_belum")]

    def __str__(self):
        return f"{self.judul} → {self.penerima}"


def waktu_wib(moment) -> str:
    """`moment` (an aware datetime) in Asia/Jakarta, Indonesian, e.g. "1 Desember 2026 05.20 WIB".
    Raises nothing for None (returns "")."""
    if moment is None:
        return ""
    with override("id"):
        return f"{date_format(timezone.localtime(moment), 'j F Y H.i')} WIB"


def notify(users, *, judul: str, teks: str, tautan: str, now=None) -> list[Pemberitahuan]:
    """Tell each of `users` (User objects; None and repeats are skipped, as are inactive accounts):
    one Pemberitahuan row each, created now (`now`, an aware datetime, defaults to the current
    time), and an email queued for after the transaction commits (sent only to users with an
    address; none inside `without_email`). `judul`/`teks` are cut to their column lengths; `tautan` is a site path ("/skp/7/").
    Returns the created rows. Raises nothing for a user without email."""
    now = now or timezone.now()
    seen, rows = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Pemberitahuan(
                penerima=user,
                judul=judul[:JUDUL_MAX],
                teks=teks[:TEKS_MAX],
                tautan=tautan,
                dibuat_pada=now,
            )
        )
    for row in rows:
        row.save()
        if row.penerima.email and not _WITHOUT_EMAIL.get():
            transaction.on_commit(
                lambda pk=row.pk: async_task("cms.tasks.notification_mail_task", pk),
                robust=True,
            )
    return rows


def notification_mail_send(pemberitahuan_id: int) -> bool:
    """Email notification `pemberitahuan_id` to its recipient: multipart/alternative (text and
    HTML, utf-8), subject = judul, with the absolute link and the time in WIB. Returns False (no
    email) when the row is gone or the user has no address, True when sent. Raises SMTP errors
    (the job retries)."""
    row = Pemberitahuan.objects.select_related("penerima").filter(pk=pemberitahuan_id).first()
    if row is None or not row.penerima.email:
        return False
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "p": row,
        "nama": row.penerima.get_full_name() or row.penerima.get_username(),
        "waktu": waktu_wib(row.dibuat_pada),
        "tautan_url": f"{base}{row.tautan}" if row.tautan else "",
        "daftar_url": f"{base}/akun/pemberitahuan/",
    }
    message = EmailMultiAlternatives(
        subject=row.judul,
        body=render_to_string("cms/email/pemberitahuan.txt", context),
        to=[row.penerima.email],
    )
    message.encoding = "utf-8"
    message.attach_alternative(
        render_to_string("cms/email/pemberitahuan.html", context), "text/html"
    )
    message.send()
    return True


def notifications_of(user):
    """The Pemberitahuan queryset of `user` (newest first); none for an anonymous user."""
    if not user.is_authenticated:
        return Pemberitahuan.objects.none()
    return Pemberitahuan.objects.filter(penerima=user).order_by("-dibuat_pada", "-pk")


def unread_count(user) -> int:
    """How many of `user`'s notifications are unread: one COUNT query on the (penerima,
    dibaca_pada) index; 0 without a query for an anonymous user."""
    if not user.is_authenticated:
        return 0
    return Pemberitahuan.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def notifications_mark_read(user, ids=None, now=None) -> int:
    """Mark `user`'s unread notifications read (only those in `ids` when given; never another
    user's). Returns how many were marked. Raises nothing."""
    rows = Pemberitahuan.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(dibaca_pada=now or timezone.now())
