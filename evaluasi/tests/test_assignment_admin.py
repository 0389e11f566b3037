"""Admin side of assignments: generation, manual add/remove, Excel import, completion, reminders."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule
from openpyxl import load_workbook

from cms.roles import ADMIN_BKD, ADMIN_OPD
from evaluasi.models import (
    LingkupAdmin,
    PengingatPenilaian,
    Penugasan,
    PeriodePenilaian,
)
from evaluasi.services.answers import answers_save
from evaluasi.services.assignments import assignments_generate
from evaluasi.services.rater_reminders import rater_reminders_send
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.workbooks import assignment_workbook


def _admin(group, unit=None, name="admin"):
    user = User.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group))
    if unit:
        LingkupAdmin.objects.create(user=user, unit_kerja=unit)
    return user


def _open(periode):
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    periode.refresh_from_db()


def test_only_admin_bkd_generates_and_the_screen_counts_small_groups(client, world):
    periode = world["periode"]
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    refused = client.post(f"/admin/penilaian/periode/{periode.pk}/buat-penugasan/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's denial
    assert not Penugasan.objects.exists()

    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    client.post(f"/admin/penilaian/periode/{periode.pk}/buat-penugasan/")
    # 2 units × (5 self + 4 atasan + 4×2 rekan + 3 bawahan) = 40
    assert Penugasan.objects.filter(periode=periode).count() == 40
    page = client.get(f"/admin/penilaian/periode/{periode.pk}/status/").content.decode()
    # Every staff member has 2 rekan (< 3): 8 below threshold; bosses have 3 bawahan: 0.
    assert "<strong>8</strong> pegawai untuk kelompok rekan kerja" in page
    assert "<strong>0</strong> untuk kelompok bawahan" in page


def test_manual_add_is_scoped_and_answered_assignments_cannot_be_removed(client, world):
    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)  # before opening: assignments freeze then
    _open(periode)
    boss, staff = world["people"]["SUB1"]
    outsider_boss, outsiders = world["people"]["OPD2"]
    # In OPD2 but reporting to the SUB1 boss: a roster rekan of SUB1's staff from outside the scope.
    crossing = PegawaiFactory(unit_kerja=world["other"], atasan=boss)
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))

    refused = client.post(
        "/admin/penilaian/penugasan/tambah/",
        {
            "periode": periode.pk,
            "nip_penilai": staff[0].nip,
            "nip_dinilai": outsiders[0].nip,
            "hubungan": "rekan",
            "alasan": "Mitra kerja",
        },
    )
    assert "tidak ditemukan di antara pegawai dalam unit kewenangan Anda" in (
        refused.content.decode()
    )
    added = client.post(
        "/admin/penilaian/penugasan/tambah/",
        {
            "periode": periode.pk,
            "nip_penilai": crossing.nip,
            "nip_dinilai": staff[0].nip,
            "hubungan": "rekan",
            "alasan": "Rekan baru dari unit lain",
        },
    )
    assert added.status_code == 302
    assert Penugasan.objects.filter(penilai=crossing, dinilai=staff[0], hubungan="rekan").exists()

    listing = client.get("/admin/penilaian/penugasan/").content.decode()
    assert outsiders[1].nip not in listing and crossing.nip in listing  # OPD2 ratees hidden

    started, fresh = Penugasan.objects.filter(dinilai=boss, hubungan="bawahan")[:2]
    answers_save(penugasan_id=started.pk, pegawai_id=started.penilai_id, data={})  # nothing yet
    first = periode.instrumen.aspek.first().pernyataan.first()
    answers_save(
        penugasan_id=started.pk, pegawai_id=started.penilai_id, data={f"p_{first.pk}": "4"}
    )
    client.post(f"/admin/penilaian/penugasan/{started.pk}/hapus/", {"alasan": "Salah orang"})
    assert Penugasan.objects.filter(pk=started.pk).exists()
    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/", {"alasan": "Salah orang"})
    assert not Penugasan.objects.filter(pk=fresh.pk).exists()
    foreign = Penugasan.objects.filter(dinilai=outsiders[1]).first()
    assert client.post(f"/admin/penilaian/penugasan/{foreign.pk}/hapus/").status_code == 404
    assert Penugasan.objects.filter(pk=foreign.pk).exists()


def test_import_previews_without_writing_then_confirms_once(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    outsider_boss, outsiders = world["people"]["OPD2"]
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    upload = assignment_workbook(
        [
            [int(staff[1].nip), staff[0].nip, "rekan"],  # a number: Excel lost digits
            [staff[1].nip, staff[0].nip, "Rekan Kerja"],
            [staff[1].nip, outsiders[0].nip, "rekan"],  # ratee outside scope
            ["199999999999999999", staff[0].nip, "rekan"],  # unknown NIP
            [staff[2].nip, staff[0].nip, "teman"],  # unknown relation
            [staff[0].nip, staff[0].nip, "rekan"],  # self but not "diri"
            [staff[1].nip, staff[0].nip, "rekan"],  # duplicate row
        ]
    )
    preview = client.post(
        "/admin/penilaian/penugasan/impor/", {"periode": periode.pk, "berkas": upload}
    )
    page = preview.content.decode()
    assert (
        "<strong>1</strong> penugasan baru" in page
        and "1 sudah ada" in page
        and "<strong>5</strong> baris bermasalah" in page
    )
    assert f"NIP {outsiders[0].nip} tidak ditemukan" in page
    assert "NIP 199999999999999999 tidak ditemukan" in page
    assert "format kolom NIP sebagai Teks" in page
    assert not Penugasan.objects.exists()

    client.post("/admin/penilaian/penugasan/impor/konfirmasi/")
    client.post("/admin/penilaian/penugasan/impor/konfirmasi/")  # double click
    assert list(Penugasan.objects.values_list("penilai_id", "dinilai_id", "hubungan")) == [
        (staff[1].pk, staff[0].pk, "rekan")
    ]


def test_completion_is_scoped_rolled_up_and_exported(client, world):
    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)  # before opening: assignments freeze then
    _open(periode)
    boss, staff = world["people"]["SUB1"]
    Penugasan.objects.filter(penilai=staff[0]).update(
        dimulai=timezone.now(), dikirim=timezone.now()
    )
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))

    page = client.get(f"/admin/penilaian/periode/{periode.pk}/kelengkapan/").content.decode()
    mine = Penugasan.objects.filter(penilai__unit_kerja=world["sub"])
    sent = mine.filter(dikirim__isnull=False).count()
    assert f"<strong>{sent} dari {mine.count()}</strong>" in page
    assert "Bidang Uji" in page and "Dinas Lain" not in page

    response = client.get(f"/admin/penilaian/periode/{periode.pk}/kelengkapan.xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == {p.nip for p in [boss, *staff]}
    assert next(r for r in rows if r[0] == staff[0].nip)[5] == mine.filter(penilai=staff[0]).count()

    # Asking for a unit outside the scope falls back to the admin's own subtree.
    other = client.get(
        f"/admin/penilaian/periode/{periode.pk}/kelengkapan/?unit={world['other'].pk}"
    )
    assert "Dinas Lain" not in other.content.decode()


def test_reminders_respect_cadence_cap_and_submission(world, settings):
    periode = world["periode"]
    PeriodePenilaian.objects.filter(pk=periode.pk).update(maks_pengingat=2, pengingat_setiap_hari=3)
    assignments_generate(periode_id=periode.pk)  # before opening: assignments freeze then
    _open(periode)
    boss, staff = world["people"]["SUB1"]
    Penugasan.objects.filter(penilai=staff[0]).update(dikirim=timezone.now())
    raters = Penugasan.objects.values("penilai").distinct().count()

    now = timezone.now()
    first = rater_reminders_send(now=now)
    assert first.sent == raters - 1 == len(mail.outbox)
    assert staff[0].email not in {m.to[0] for m in mail.outbox}
    assert "/penilaian/" in mail.outbox[0].body

    assert rater_reminders_send(now=now + timedelta(days=1)).sent == 0  # cadence
    assert rater_reminders_send(now=now + timedelta(days=3, minutes=1)).sent == raters - 1
    assert rater_reminders_send(now=now + timedelta(days=7)).sent == 0  # cap of 2 reached
    assert set(PengingatPenilaian.objects.values_list("jumlah", flat=True)) == {2}
    # The daily job that calls this exists after migrate.
    assert Schedule.objects.get(name="Pengingat penilaian 360").func == (
        "evaluasi.tasks.rater_reminders_task"
    )


def test_send_now_reminds_only_the_unfinished_in_the_chosen_unit(client, world):
    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)  # before opening: assignments freeze then
    _open(periode)
    boss, staff = world["people"]["SUB1"]
    Penugasan.objects.filter(penilai=staff[0]).update(dikirim=timezone.now())
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    client.post(f"/admin/penilaian/periode/{periode.pk}/pengingat/")  # sync queue in tests
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in [boss, *staff[1:]])


def test_period_list_links_every_period_screen(client, world):
    from evaluasi.viewsets.penilaian_periode import PERIOD_SCREENS

    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    page = client.get("/admin/penilaian/periode/").content.decode()
    pk = world["periode"].pk
    for label, _name, _ in PERIOD_SCREENS:
        assert label in page
    assert (
        f"/admin/penilaian/periode/{pk}/dasbor/" in page
        and f"/admin/penilaian/periode/{pk}/penghargaan/" in page
    )


def test_an_assignments_screens_answer_old_addresses_stale_forms_and_head(client, world):
    """The assignment's screen moved from `<pk>/` to `<pk>/hapus/` and late acceptance to its own
    POST route (issue 17): the old address still leads there, reopening the acceptance address
    shows the screen, a form from a page loaded before the move never removes, and HEAD works as
    GET on the admin screens (link checkers, download managers)."""
    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)
    _open(periode)
    mine = Penugasan.objects.filter(periode=periode, dinilai__unit_kerja=world["sub"]).first()
    foreign = Penugasan.objects.filter(periode=periode, dinilai__unit_kerja=world["other"])
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    screen = f"/admin/penilaian/penugasan/{mine.pk}/hapus/"

    old = client.get(f"/admin/penilaian/penugasan/{mine.pk}/")
    assert old.status_code == 302 and old["Location"] == screen
    reopened = client.get(f"/admin/penilaian/penugasan/{mine.pk}/terima-terlambat/")
    assert reopened.status_code == 302 and reopened["Location"] == screen
    outside = f"/admin/penilaian/penugasan/{foreign.first().pk}/terima-terlambat/"
    assert client.get(outside).status_code == 404

    stale = client.post(screen, {"aksi": "terima_terlambat", "alasan": "Salah orang"}, follow=True)
    assert Penugasan.objects.filter(pk=mine.pk).exists()
    assert "Halaman ini sudah diperbarui" in stale.content.decode()

    assert client.head(screen).status_code == 200
    assert client.head(f"/admin/penilaian/periode/{periode.pk}/kelengkapan.xlsx").status_code == 200
