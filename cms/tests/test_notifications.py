"""Notifications (cms/notifications.py): the list at /akun/pemberitahuan/ (the owner's own, newest
first, marked read), the unread count in the header (one query, none for anonymous users), and the
email (multipart/alternative, utf-8, absolute link, times in WIB)."""

import email
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.notifications import Pemberitahuan, notify, unread_count

URL = "/akun/pemberitahuan/"


@pytest.fixture
def people(site_home):
    ani = User.objects.create_user("ani", email="ani@contoh.go.id", first_name="Ani")
    budi = User.objects.create_user("budi", email="budi@contoh.go.id", first_name="Budi")
    return ani, budi


def _notify(user, judul, minutes_ago=0, **extra):
    now = timezone.now() - timedelta(minutes=minutes_ago)
    return notify([user], judul=judul, teks="Teks singkat", tautan="/skp/1/", now=now, **extra)[0]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if "cms_pemberitahuan" in q["sql"]]


def test_anonymous_is_sent_to_login_and_sees_no_count(people, client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    assert client.post(URL).status_code == 302
    assert _count_queries(client, "/") == []
    assert "Pemberitahuan" not in client.get("/").content.decode()


def test_each_user_sees_only_their_own_newest_first(people, client):
    ani, budi = people
    _notify(ani, "Lama milik Ani", minutes_ago=30)
    _notify(ani, "Baru milik Ani", minutes_ago=1)
    _notify(budi, "Rahasia Budi")
    client.force_login(ani)
    html = client.get(URL).content.decode()
    assert html.index("Baru milik Ani") < html.index("Lama milik Ani")
    assert "Rahasia Budi" not in html
    assert 'href="/skp/1/"' in html and "WIB" in html


def test_unread_count_in_the_header_and_marked_read_on_open(people, client):
    ani, budi = people
    for i in range(3):
        _notify(ani, f"Butir {i}")
    _notify(budi, "Milik Budi")
    client.force_login(ani)
    assert (
        '<span class="badge" aria-label="3 belum dibaca">3</span>'
        in client.get("/akun/").content.decode()
    )
    first = client.get(URL).content.decode()
    assert first.count("<strong>Baru</strong>") == 3  # shown as new this once
    assert unread_count(ani) == 0 and unread_count(budi) == 1
    second = client.get(URL).content.decode()
    assert "<strong>Baru</strong>" not in second and 'class="badge"' not in second


def test_only_the_shown_page_is_marked_read_and_the_button_marks_all(people, client):
    ani, budi = people
    for i in range(25):
        _notify(ani, f"Butir {i}", minutes_ago=i)
    _notify(budi, "Milik Budi")
    client.force_login(ani)
    html = client.get(URL).content.decode()
    assert "Halaman 1 dari 2" in html and html.count('class="card') == 20
    assert unread_count(ani) == 5
    response = client.post(URL)
    assert response.status_code == 302 and response["Location"] == URL
    assert unread_count(ani) == 0 and unread_count(budi) == 1  # never another user's


def test_the_header_count_is_one_query_however_many(people, client):
    ani, _ = people
    client.force_login(ani)
    _notify(ani, "Satu")
    one = _count_queries(client, "/akun/")
    for i in range(40):
        _notify(ani, f"Butir {i}")
    many = _count_queries(client, "/akun/")
    assert len(one) == len(many) == 1 and "COUNT" in many[0].upper()


def test_notify_skips_none_repeats_and_inactive(people, django_capture_on_commit_callbacks):
    ani, budi = people
    budi.is_active = False
    budi.save()
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify([ani, None, ani, budi], judul="J", teks="T", tautan="/skp/1/")
    assert [r.penerima for r in rows] == [ani]
    assert [m.to for m in mail.outbox] == [["ani@contoh.go.id"]]


def test_no_email_leaves_before_the_transaction_commits(people, django_capture_on_commit_callbacks):
    ani, _ = people
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([ani], judul="J", teks="T", tautan="/skp/1/")
    assert not mail.outbox and len(callbacks) == 1


def test_the_email_is_multipart_utf8_with_an_absolute_link_and_wib_time(
    people, settings, django_capture_on_commit_callbacks
):
    ani, _ = people
    settings.WAGTAILADMIN_BASE_URL = "https://kinerja.lampungprov.go.id"
    moment = datetime(2026, 11, 30, 22, 20, tzinfo=UTC)  # 1 Desember 2026 05.20 WIB
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [ani],
            judul="SKP Anda dikembalikan untuk diperbaiki",
            teks='Catatan: target "<85%" & satuan jam belum tepat.',
            tautan="/skp/7/",
            now=moment,
        )
    (sent,) = mail.outbox
    message = email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "SKP Anda dikembalikan untuk diperbaiki"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    plain, rich = text.get_content(), html.get_content()
    assert 'Catatan: target "<85%" & satuan jam belum tepat.' in plain
    assert "&amp;" not in plain and "&quot;" not in plain and "&lt;" not in plain
    assert "&lt;85%" in rich  # the HTML part escapes what it shows
    assert "https://kinerja.lampungprov.go.id/skp/7/" in plain
    assert 'href="https://kinerja.lampungprov.go.id/skp/7/"' in rich
    assert "1 Desember 2026 05.20 WIB" in plain and "1 Desember 2026 05.20 WIB" in rich
    assert Pemberitahuan.objects.get().dibuat_pada == moment


def test_no_address_no_email_but_the_item(people, django_capture_on_commit_callbacks):
    ani, _ = people
    User.objects.filter(pk=ani.pk).update(email="")
    ani.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify([ani], judul="J", teks="T", tautan="/skp/1/")
    assert Pemberitahuan.objects.filter(penerima=ani).count() == 1 and not mail.outbox


def test_the_demo_tells_people_in_the_app_but_mails_no_made_up_address(
    db, django_capture_on_commit_callbacks
):
    from cms.demo import demo_load

    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    assert Pemberitahuan.objects.exists() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):  # outside the demo: mailed again
        notify([User.objects.filter(email__gt="").first()], judul="J", teks="T", tautan="/")
    assert len(mail.outbox) == 1
