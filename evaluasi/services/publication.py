"""When Admin BKD publishes a period, every ASN with a result is told their report is ready."""

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse

from evaluasi.models import HasilPerilaku, PeriodePenilaian

BATCH = 500


def results_published_notify(*, periode_id: int) -> int:
    """Email every ratee with results in period `periode_id` (and an email address) that their 360
    report is ready, with a link to it; sent in batches of BATCH over one SMTP connection.
    Returns the number of emails sent. Raises PeriodePenilaian.DoesNotExist for an unknown id,
    and SMTP errors (the task is then retried)."""
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("evaluasi:hasil", args=[periode.pk])
    recipients = (
        HasilPerilaku.objects.filter(periode=periode)
        .exclude(dinilai__email="")
        .values_list("dinilai__nama", "dinilai__email")
    )
    sent, batch = 0, []
    connection = get_connection()
    for nama, email in recipients.iterator(chunk_size=BATCH):
        body = render_to_string(
            "evaluasi/email/laporan_siap.txt", {"nama": nama, "periode": periode, "url": url}
        )
        batch.append((f"Laporan penilaian 360 Anda siap — {periode.nama}", body, None, [email]))
        if len(batch) >= BATCH:
            sent += send_mass_mail(batch, connection=connection)
            batch = []
    if batch:
        sent += send_mass_mail(batch, connection=connection)
    return sent
