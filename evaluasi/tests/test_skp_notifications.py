"""Who is told of each SKP workflow step (services/skp_notifications.py; docs/skp.md,
"Pemberitahuan"): exactly the people of the table, in the app and by email, through the real
workflow services. Everyone else in the world (the other teacher, an unrelated pegawai, the
Admin OPD of the unit when an atasan decides, the Admin OPD of another unit, Admin BKD, and the
actor) is told nothing."""

import email
from datetime import UTC, datetime
from email import policy

import pytest
from django.contrib.auth.models import User
from django.core import mail

from cms.notifications import Pemberitahuan
from evaluasi.models import Pegawai, RencanaKerja
from evaluasi.services import evaluations as ev
from evaluasi.services import skp as sk
from evaluasi.services import skp_notifications
from evaluasi.tests.skp_steps import approved_skp, decide, indicator_rows, submitted_evaluation


@pytest.fixture
def world(skp_world):
    """The shared `skp_world` (evaluasi/tests/conftest.py)."""
    return skp_world


def _draft(s):
    rencana = sk.skp_start(
        pegawai=s["guru"], tahun_kinerja_id=s["tahun_kinerja"].pk, user=s["guru"].user
    )
    sk.rhk_add(
        rencana_id=rencana.pk,
        user=s["guru"].user,
        jenis="utama",
        teks="Hasil belajar meningkat",
        indikator=indicator_rows(),
    )
    return rencana


def _submitted(s):
    rencana = _draft(s)
    sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    return rencana


def _realisasi_filled(s):
    rencana = approved_skp(s)
    evaluasi = ev.evaluation_start(
        rencana_id=rencana.pk, periode_kinerja_id=s["periode_kinerja"].pk, user=s["guru"].user
    )
    for rhk in rencana.rhk.all():
        for indikator in rhk.indikator.all():
            ev.realisasi_save(
                evaluasi_id=evaluasi.pk, user=s["guru"].user, indikator_id=indikator.pk, angka=3
            )
    return evaluasi


def _decided(s):
    evaluasi = submitted_evaluation(s)
    decide(evaluasi, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai")
    return evaluasi


def _objected(s):
    evaluasi = _decided(s)
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Belum dihitung.")
    return evaluasi


def _kepala_without_atasan(s):
    Pegawai.objects.filter(pk=s["kepala"].pk).update(atasan=None)


def _resolve(s, evaluasi, resolver):
    ev.objection_resolve(
        evaluasi_id=evaluasi.pk, user=s[resolver].user, dikabulkan=False, keputusan="Sudah sesuai."
    )


# event -> (the steps before it, the event itself, who is told)
CASES = {
    "skp diajukan": (
        _draft,
        lambda s, r: sk.skp_submit(rencana_id=r.pk, user=s["guru"].user),
        {"kepala"},
    ),
    "skp dikembalikan": (
        _submitted,
        lambda s, r: sk.skp_return(rencana_id=r.pk, user=s["kepala"].user, catatan="Target <85%"),
        {"guru"},
    ),
    "skp dikembalikan (catatan per RHK saja)": (
        _submitted,
        lambda s, r: sk.skp_return(
            rencana_id=r.pk,
            user=s["kepala"].user,
            catatan_rhk={r.rhk.first().pk: "Target terlalu rendah."},
        ),
        {"guru"},
    ),
    "skp disetujui": (
        _submitted,
        lambda s, r: sk.skp_approve(rencana_id=r.pk, user=s["kepala"].user),
        {"guru"},
    ),
    "pengajuan ditarik": (
        _submitted,
        lambda s, r: sk.skp_withdraw(rencana_id=r.pk, user=s["guru"].user),
        {"kepala"},
    ),
    "realisasi diajukan": (
        _realisasi_filled,
        lambda s, e: ev.realisasi_submit(evaluasi_id=e.pk, user=s["guru"].user),
        {"kepala"},
    ),
    "evaluasi dinilai": (
        submitted_evaluation,
        lambda s, e: decide(e, s["kepala"].user, ["sesuai", "sesuai"], hasil="sesuai"),
        {"guru"},
    ),
    "keberatan diajukan (atasan pejabat penilai memutuskan)": (
        _decided,
        lambda s, e: ev.objection_file(evaluasi_id=e.pk, user=s["guru"].user, alasan="Kurang."),
        {"kadis", "kepala"},
    ),
    "keberatan diajukan (tanpa atasan: Admin OPD memutuskan)": (
        lambda s: (_kepala_without_atasan(s), _decided(s))[1],
        lambda s, e: ev.objection_file(evaluasi_id=e.pk, user=s["guru"].user, alasan="Kurang."),
        {"admin_opd", "kepala"},
    ),
    "keberatan diputuskan (oleh atasan pejabat penilai)": (
        _objected,
        lambda s, e: _resolve(s, e, "kadis"),
        {"guru", "kepala"},
    ),
    "keberatan diputuskan (oleh Admin OPD)": (
        lambda s: (_kepala_without_atasan(s), _objected(s))[1],
        lambda s, e: _resolve(s, e, "admin_opd"),
        {"guru", "kepala"},
    ),
}
PEOPLE = ("kadis", "kepala", "guru", "guru2", "stranger", "admin_opd", "admin_opd_luar")


@pytest.mark.parametrize("event", list(CASES))
def test_each_event_tells_exactly_its_people(world, event, django_capture_on_commit_callbacks):
    s = world
    before, step, told = CASES[event]
    subject = before(s)
    Pemberitahuan.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        step(s, subject)

    users = {key: s[key].user.pk for key in PEOPLE}
    names = {pk: key for key, pk in users.items()}
    rows = list(Pemberitahuan.objects.all())
    received = [names.get(row.penerima_id, f"user {row.penerima_id}") for row in rows]
    assert sorted(received) == sorted(told), event  # once each, and nobody else
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        f"{key}@contoh.go.id" for key in told
    )
    link = rows[0].tautan
    assert link.startswith("/skp/") and all(row.tautan == link for row in rows)
    assert all(row.dibaca_pada is None and row.judul and row.teks for row in rows)


def test_the_link_opens_the_page_for_each_recipient(
    world, client, django_capture_on_commit_callbacks
):
    s = world
    evaluasi = _decided(s)
    Pemberitahuan.objects.all().delete()
    ev.objection_file(evaluasi_id=evaluasi.pk, user=s["guru"].user, alasan="Kurang.")
    for row in Pemberitahuan.objects.select_related("penerima"):
        client.force_login(row.penerima)
        assert client.get(row.tautan).status_code == 200, row.penerima


def test_no_account_or_no_email_is_never_an_error(world, django_capture_on_commit_callbacks):
    s = world
    User.objects.filter(pk=s["guru"].user_id).update(email="")
    Pegawai.objects.filter(pk=s["kepala"].pk).update(user=None)
    rencana = _draft(s)
    with django_capture_on_commit_callbacks(execute=True):
        sk.skp_submit(rencana_id=rencana.pk, user=s["guru"].user)
    assert not Pemberitahuan.objects.exists() and not mail.outbox  # the atasan has no account

    Pegawai.objects.filter(pk=s["kepala"].pk).update(user=s["kepala"].user)
    with django_capture_on_commit_callbacks(execute=True):
        sk.skp_return(rencana_id=rencana.pk, user=s["kepala"].user, catatan="Perbaiki target.")
    row = Pemberitahuan.objects.get()
    assert row.penerima == s["guru"].user and "Perbaiki target." in row.teks
    assert not mail.outbox  # the guru has no address: the in-app item only


def test_a_refused_step_tells_nobody(world, django_capture_on_commit_callbacks):
    s = world
    rencana = _submitted(s)
    Pemberitahuan.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(sk.SkpRefused):
        sk.skp_approve(rencana_id=rencana.pk, user=s["guru2"].user)
    assert not Pemberitahuan.objects.exists() and not mail.outbox


def test_times_in_the_text_are_wib(world):
    s = world
    rencana = _submitted(s)
    RencanaKerja.objects.filter(pk=rencana.pk).update(
        diajukan_pada=datetime(2026, 11, 30, 22, 20, tzinfo=UTC)
    )
    rencana = RencanaKerja.objects.select_related(
        "pegawai", "tahun_kinerja", "pejabat_penilai"
    ).get(pk=rencana.pk)
    (row,) = skp_notifications.skp_submitted(rencana, actor=s["guru"].user)
    assert "1 Desember 2026 05.20 WIB" in row.teks
    assert row.penerima == s["kepala"].user and row.tautan == f"/skp/{rencana.pk}/"


def test_the_actor_is_never_told_of_their_own_step(world):
    s = world
    rencana = _submitted(s)
    # A withdrawal recorded by the atasan themself (e.g. an operator acting as them): nobody.
    assert skp_notifications.skp_withdrawn(rencana, actor=s["kepala"].user) == []


def test_the_decision_email_gives_the_objection_deadline_in_wib(
    world, settings, django_capture_on_commit_callbacks
):
    s = world
    settings.WAGTAILADMIN_BASE_URL = "https://kinerja.lampungprov.go.id"
    evaluasi = _decided(s)
    mail.outbox.clear()
    deadline = datetime(2026, 11, 30, 22, 20, tzinfo=UTC)  # 1 Desember 2026 05.20 WIB
    with django_capture_on_commit_callbacks(execute=True):
        skp_notifications.evaluation_decided(evaluasi, actor=s["kepala"].user, batas=deadline)
    (sent,) = mail.outbox
    assert sent.to == ["guru@contoh.go.id"]
    message = email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert "paling lambat 1 Desember 2026 05.20 WIB" in plain
    assert f"https://kinerja.lampungprov.go.id/skp/evaluasi/{evaluasi.pk}/" in plain
    assert "&amp;" not in plain and "&#x27;" not in plain and "&quot;" not in plain


def test_a_return_with_comments_per_rhk_only_says_how_many_rhk_have_one(world):
    s = world
    rencana = _submitted(s)
    sk.skp_return(
        rencana_id=rencana.pk,
        user=s["kepala"].user,
        catatan_rhk={rencana.rhk.first().pk: "Target terlalu rendah."},
    )
    row = Pemberitahuan.objects.get(penerima=s["guru"].user)
    assert "catatan pada 1 RHK" in row.teks and "catatan: " not in row.teks
