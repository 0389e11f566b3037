"""Assignments freeze when a period opens (docs/aturan.md §5, issue 15 finding 4).

After `dibuka` every change of `Penugasan` — the add form, removal, the Excel import, generation from
the roster (screen and command) — needs a reason and lands in the period's history; a submitted
assignment is never removed. A rater must follow from the roster or carry a reason, an admin never
adds their own pegawai as a rater, a rater outside the admin's scope must be the ratee's roster
atasan/rekan/bawahan, and the add screens never tell an unknown NIP from one outside the scope.
"""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.roles import ADMIN_BKD, ADMIN_OPD
from evaluasi.models import (
    LingkupAdmin,
    Penugasan,
    PeriodePenilaian,
    RiwayatPenugasan,
)
from evaluasi.services.assignment_import import assignment_import_apply
from evaluasi.services.assignments import (
    AssignmentRefused,
    assignment_remove,
    assignments_generate,
)
from evaluasi.tests.factories import PegawaiFactory, new_nip
from evaluasi.tests.workbooks import assignment_workbook

ADD = "/admin/penilaian/penugasan/tambah/"
IMPORT = "/admin/penilaian/penugasan/impor/"
CONFIRM = "/admin/penilaian/penugasan/impor/konfirmasi/"


def _admin(group, unit=None, name="admin", pegawai=None):
    user = User.objects.create_user(name, password="x", first_name=name.title())
    user.groups.add(Group.objects.get(name=group))
    if unit:
        LingkupAdmin.objects.create(user=user, unit_kerja=unit)
    if pegawai is not None:
        pegawai.user = user
        pegawai.save(update_fields=["user"])
    return user


def _status(periode, status):
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=status)
    periode.refresh_from_db()


def _add(client, periode, penilai, dinilai, hubungan, alasan=None):
    data = {"periode": periode.pk, "hubungan": hubungan}
    data["nip_penilai"] = penilai if isinstance(penilai, str) else penilai.nip
    data["nip_dinilai"] = dinilai if isinstance(dinilai, str) else dinilai.nip
    if alasan is not None:
        data["alasan"] = alasan
    return client.post(ADD, data)


def _error(response) -> str:
    """The refusal shown on the add form (the form's error block), whitespace collapsed."""
    found = re.search(
        r'class="help-block help-critical"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    assert found, response.content.decode()[:2000]
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


# --- the freeze, on every path -------------------------------------------------------------------


def test_adding_by_hand_after_opening_needs_a_reason_and_is_recorded(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    _status(periode, "dibuka")
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))

    refused = _add(client, periode, staff[1], staff[0], "rekan")
    assert "dibekukan" in _error(refused)
    blank = _add(client, periode, staff[1], staff[0], "rekan", alasan="   ")
    assert "dibekukan" in _error(blank)
    assert not Penugasan.objects.exists() and not RiwayatPenugasan.objects.exists()

    added = _add(client, periode, staff[1], staff[0], "rekan", alasan="Rekan baru pindah tugas")
    assert added.status_code == 302
    assert Penugasan.objects.filter(penilai=staff[1], dinilai=staff[0], hubungan="rekan").exists()
    record = RiwayatPenugasan.objects.get()
    assert (record.periode, record.aksi, record.penilai, record.dinilai, record.hubungan) == (
        periode,
        "ditambah",
        staff[1],
        staff[0],
        "rekan",
    )
    assert record.alasan == "Rekan baru pindah tugas" and record.oleh.username == "opd"
    assert (record.nip_penilai, record.nip_dinilai, record.status_periode) == (
        staff[1].nip,
        staff[0].nip,
        "dibuka",
    )

    # The period status screen shows the history, with who, what and why.
    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    page = client.get(f"/admin/penilaian/periode/{periode.pk}/status/").content.decode()
    assert "Riwayat penugasan" in page and "Rekan baru pindah tugas" in page
    assert staff[1].nip in page and staff[0].nip in page and "Opd" in page


def test_nothing_changes_after_the_period_closes_even_with_a_reason(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    _status(periode, "draf")
    assignments_generate(periode_id=periode.pk)
    _status(periode, "ditutup")
    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    before = Penugasan.objects.count()
    fresh = Penugasan.objects.filter(dinilai=boss, hubungan="bawahan").first()
    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/", {"alasan": "Salah orang"})
    client.post(f"/admin/penilaian/periode/{periode.pk}/buat-penugasan/", {"alasan": "Lengkapi"})
    with pytest.raises(AssignmentRefused):
        assignments_generate(periode_id=periode.pk, alasan="Lengkapi")
    assert Penugasan.objects.count() == before and not RiwayatPenugasan.objects.exists()


def test_removing_after_opening_needs_a_reason_and_a_submitted_one_never_goes(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    assignments_generate(periode_id=periode.pk)  # in draf, as it should be
    _status(periode, "dibuka")
    admin = _admin(ADMIN_OPD, world["opd"], "opd")
    client.force_login(admin)
    fresh, other, sent = Penugasan.objects.filter(dinilai=boss, hubungan="bawahan")[:3]
    Penugasan.objects.filter(pk=sent.pk).update(dimulai=timezone.now(), dikirim=timezone.now())

    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/")
    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/", {"alasan": " "})
    client.post(f"/admin/penilaian/penugasan/{other.pk}/hapus/")
    assert Penugasan.objects.filter(pk__in=[fresh.pk, other.pk]).count() == 2
    with pytest.raises(AssignmentRefused, match="dibekukan"):
        assignment_remove(penugasan_id=fresh.pk, user=admin)

    client.post(f"/admin/penilaian/penugasan/{sent.pk}/hapus/", {"alasan": "Bukan bawahannya"})
    assert Penugasan.objects.filter(pk=sent.pk).exists()
    page = client.get(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/").content.decode()
    assert 'name="alasan"' in page  # the screen asks for the reason

    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/", {"alasan": "Sudah pensiun"})
    assert not Penugasan.objects.filter(pk=fresh.pk).exists()
    record = RiwayatPenugasan.objects.get()
    assert (record.aksi, record.penilai_id, record.dinilai_id, record.hubungan) == (
        "dihapus",
        fresh.penilai_id,
        boss.pk,
        "bawahan",
    )
    assert record.alasan == "Sudah pensiun" and record.oleh == admin


def test_removing_in_draft_needs_no_reason(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    assignments_generate(periode_id=periode.pk)
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    fresh = Penugasan.objects.filter(dinilai=boss, hubungan="bawahan").first()
    client.post(f"/admin/penilaian/penugasan/{fresh.pk}/hapus/")
    assert not Penugasan.objects.filter(pk=fresh.pk).exists()


def test_import_after_opening_needs_a_reason_and_is_recorded(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    _status(periode, "dibuka")
    admin = _admin(ADMIN_OPD, world["opd"], "opd")
    client.force_login(admin)
    rows = [[staff[1].nip, staff[0].nip, "rekan"], [staff[2].nip, staff[0].nip, "rekan"]]

    refused = client.post(IMPORT, {"periode": periode.pk, "berkas": assignment_workbook(rows)})
    assert "dibekukan" in refused.content.decode()
    client.post(CONFIRM)
    assert not Penugasan.objects.exists()
    with pytest.raises(AssignmentRefused, match="dibekukan"):
        assignment_import_apply(
            periode_id=periode.pk, rows=[(staff[1].pk, staff[0].pk, "rekan", "")], user=admin
        )
    assert not Penugasan.objects.exists()

    preview = client.post(
        IMPORT,
        {"periode": periode.pk, "berkas": assignment_workbook(rows), "alasan": "Rekan tambahan"},
    )
    assert "<strong>2</strong> penugasan baru" in preview.content.decode()
    client.post(CONFIRM)
    assert Penugasan.objects.filter(dinilai=staff[0], hubungan="rekan").count() == 2
    assert sorted(
        RiwayatPenugasan.objects.values_list("penilai_id", "aksi", "alasan", "oleh_id")
    ) == sorted(
        [(staff[1].pk, "ditambah", "Rekan tambahan", admin.pk),
         (staff[2].pk, "ditambah", "Rekan tambahan", admin.pk)]
    )  # fmt: skip


def test_generation_after_opening_needs_a_reason_on_every_path(client, world, capsys):
    periode = world["periode"]
    _status(periode, "dibuka")
    client.force_login(_admin(ADMIN_BKD, name="bkd"))

    client.post(f"/admin/penilaian/periode/{periode.pk}/buat-penugasan/")
    with pytest.raises(AssignmentRefused, match="dibekukan"):
        assignments_generate(periode_id=periode.pk)
    with pytest.raises(CommandError, match="alasan"):
        call_command("generate_assignments", str(periode.pk))
    assert not Penugasan.objects.exists()
    page = client.get(f"/admin/penilaian/periode/{periode.pk}/status/").content.decode()
    assert 'id="alasan-penugasan"' in page

    client.post(
        f"/admin/penilaian/periode/{periode.pk}/buat-penugasan/",
        {"alasan": "Periode terbuka tanpa penugasan"},
    )
    created = Penugasan.objects.filter(periode=periode).count()
    assert created == 40
    assert (
        RiwayatPenugasan.objects.filter(
            periode=periode, aksi="ditambah", alasan="Periode terbuka tanpa penugasan"
        ).count()
        == created
    )

    PegawaiFactory(unit_kerja=world["sub"], atasan=world["people"]["SUB1"][0])  # a newcomer
    call_command("generate_assignments", str(periode.pk), "--alasan", "Pegawai baru")
    added = RiwayatPenugasan.objects.filter(alasan="Pegawai baru")
    assert added.count() == Penugasan.objects.count() - created > 0


def test_generation_in_draft_needs_no_reason_and_writes_no_history(world):
    result = assignments_generate(periode_id=world["periode"].pk)
    assert result.created == 40 and not RiwayatPenugasan.objects.exists()


# --- the roster decides the relationship ---------------------------------------------------------


def test_a_rater_must_follow_from_the_roster_or_carry_a_reason(client, world):
    periode = world["periode"]  # draf: the check applies here too
    boss, staff = world["people"]["SUB1"]
    client.force_login(_admin(ADMIN_BKD, name="bkd"))

    for penilai, dinilai, hubungan in [
        (staff[1], staff[0], "bawahan"),  # a peer is not a subordinate
        (boss, staff[0], "rekan"),  # the boss is not a peer
        (staff[0], boss, "atasan"),  # nor is a subordinate the boss
        (boss, staff[0], "bawahan"),
    ]:
        refused = _add(client, periode, penilai, dinilai, hubungan)
        assert "tidak sesuai roster" in _error(refused) and "alasan" in _error(refused)
    assert not Penugasan.objects.exists()

    for penilai, dinilai, hubungan in [
        (staff[1], staff[0], "rekan"),
        (staff[0], boss, "bawahan"),
        (boss, staff[0], "atasan"),
        (staff[0], staff[0], "diri"),
    ]:
        assert _add(client, periode, penilai, dinilai, hubungan).status_code == 302
    assert Penugasan.objects.count() == 4
    assert not RiwayatPenugasan.objects.filter(di_luar_roster=True).exists()

    added = _add(client, periode, staff[2], staff[0], "bawahan", alasan="Koordinator kegiatan")
    assert added.status_code == 302
    record = RiwayatPenugasan.objects.get(di_luar_roster=True)
    assert (record.penilai, record.dinilai, record.alasan) == (
        staff[2],
        staff[0],
        "Koordinator kegiatan",
    )


def test_import_rows_outside_the_roster_need_a_reason_in_their_row(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    upload = assignment_workbook(
        [
            [staff[1].nip, staff[0].nip, "bawahan", ""],  # no reason: refused
            [staff[2].nip, staff[0].nip, "bawahan", "Koordinator tim"],
            [staff[3].nip, staff[0].nip, "rekan", ""],  # follows the roster
        ],
        alasan_column=True,
    )
    page = client.post(IMPORT, {"periode": periode.pk, "berkas": upload}).content.decode()
    assert "<strong>2</strong> penugasan baru" in page and "tidak sesuai roster" in page
    client.post(CONFIRM)
    assert sorted(Penugasan.objects.values_list("penilai_id", "hubungan")) == sorted(
        [(staff[2].pk, "bawahan"), (staff[3].pk, "rekan")]
    )
    assert RiwayatPenugasan.objects.get(di_luar_roster=True).alasan == "Koordinator tim"


# --- nobody rates by their own hand; an Admin OPD reaches only their subtree --------------------


def test_an_admin_never_adds_herself_as_a_rater(client, world):
    """The finding: an Admin OPD adds herself as bawahan of her atasan during the open period."""
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    herself = staff[0]
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd", pegawai=herself))
    for status in ("draf", "dibuka"):
        _status(periode, status)
        for dinilai, hubungan in [(boss, "bawahan"), (staff[1], "rekan"), (herself, "diri")]:
            refused = _add(client, periode, herself, dinilai, hubungan, alasan="Saya perlu")
            assert "diri Anda sendiri" in _error(refused)
        page = client.post(
            IMPORT,
            {
                "periode": periode.pk,
                "alasan": "Tambahan",
                "berkas": assignment_workbook([[herself.nip, boss.nip, "bawahan"]]),
            },
        ).content.decode()
        assert "diri Anda sendiri" in page and "<strong>0</strong> penugasan baru" in page
        client.post(CONFIRM)
    assert not Penugasan.objects.filter(penilai=herself).exists()

    # Nor through the confirm step with crafted rows.
    admin = User.objects.get(username="opd")
    with pytest.raises(AssignmentRefused, match="diri Anda sendiri"):
        assignment_import_apply(
            periode_id=periode.pk,
            rows=[(herself.pk, boss.pk, "bawahan", "x")],
            user=admin,
            alasan="Tambahan",
        )
    assert not Penugasan.objects.filter(penilai=herself).exists()


def test_a_rater_outside_the_scope_must_be_the_ratees_roster_relation(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    outsider_boss, outsiders = world["people"]["OPD2"]
    # Someone in OPD2 who reports to the SUB1 boss: a roster rekan of staff[0] from outside.
    crossing = PegawaiFactory(unit_kerja=world["other"], atasan=boss)
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))

    refused = _add(client, periode, outsiders[0], staff[0], "rekan", alasan="Mitra kerja")
    assert not Penugasan.objects.exists()
    assert outsiders[0].nama not in refused.content.decode()
    refused_import = client.post(
        IMPORT,
        {
            "periode": periode.pk,
            "berkas": assignment_workbook(
                [[outsiders[0].nip, staff[0].nip, "rekan", "Mitra"]], True
            ),
        },
    ).content.decode()
    assert "<strong>0</strong> penugasan baru" in refused_import
    admin = User.objects.get(username="opd")
    with pytest.raises(AssignmentRefused):
        assignment_import_apply(
            periode_id=periode.pk, rows=[(outsiders[0].pk, staff[0].pk, "rekan", "x")], user=admin
        )

    # The outsider who is the ratee's roster peer may be added — as what the roster says only.
    # With another relationship the roster relative is as unknown as anyone outside the scope:
    # the message must not confirm that this NIP exists (and is related) elsewhere.
    as_other = _add(client, periode, crossing, staff[0], "bawahan", alasan="Pengganti")
    unknown = _add(client, periode, outsiders[0], staff[0], "bawahan", alasan="Pengganti")
    assert _error(as_other).replace(crossing.nip, "#") == _error(unknown).replace(
        outsiders[0].nip, "#"
    )
    assert _add(client, periode, crossing, staff[0], "rekan").status_code == 302
    assert list(Penugasan.objects.values_list("penilai_id", "dinilai_id", "hubungan")) == [
        (crossing.pk, staff[0].pk, "rekan")
    ]


def test_adding_never_tells_an_unknown_nip_from_one_outside_the_scope(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    outsider_boss, outsiders = world["people"]["OPD2"]
    nobody = new_nip()
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))

    def shown(response, nip):
        return _error(response).replace(nip, "<NIP>")

    # As the ratee.
    unknown = shown(_add(client, periode, staff[1], nobody, "rekan", alasan="x"), nobody)
    outside = shown(
        _add(client, periode, staff[1], outsiders[0], "rekan", alasan="x"), outsiders[0].nip
    )
    assert unknown == outside and "<NIP>" in unknown
    # As the rater.
    unknown = shown(_add(client, periode, nobody, staff[0], "rekan", alasan="x"), nobody)
    outside = shown(
        _add(client, periode, outsiders[0], staff[0], "rekan", alasan="x"), outsiders[0].nip
    )
    assert unknown == outside and "<NIP>" in unknown

    # And on import rows.
    page = client.post(
        IMPORT,
        {
            "periode": periode.pk,
            "berkas": assignment_workbook(
                [
                    [staff[1].nip, nobody, "rekan", "x"],
                    [staff[1].nip, outsiders[0].nip, "rekan", "x"],
                    [nobody, staff[0].nip, "rekan", "x"],
                    [outsiders[0].nip, staff[0].nip, "rekan", "x"],
                ],
                True,
            ),
        },
    ).content.decode()
    messages = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", page)
    text = {int(row): message for row, message in messages}
    assert text[2].replace(nobody, "<NIP>") == text[3].replace(outsiders[0].nip, "<NIP>")
    assert text[4].replace(nobody, "<NIP>") == text[5].replace(outsiders[0].nip, "<NIP>")
    assert outsiders[0].nama not in page


def test_the_history_shows_an_admin_only_changes_inside_their_scope(client, world):
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    outsider_boss, outsiders = world["people"]["OPD2"]
    _status(periode, "dibuka")
    client.force_login(_admin(ADMIN_BKD, name="bkd"))
    _add(client, periode, staff[1], staff[0], "rekan", alasan="Alasan di SUB1")
    _add(client, periode, outsiders[1], outsiders[0], "rekan", alasan="Alasan di OPD2")
    assert RiwayatPenugasan.objects.count() == 2

    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    page = client.get(f"/admin/penilaian/periode/{periode.pk}/status/").content.decode()
    history = page[page.index("Riwayat penugasan") :]
    assert "Alasan di SUB1" in history and staff[0].nip in history
    assert "Alasan di OPD2" not in page and outsiders[0].nip not in history


def test_an_admin_does_not_choose_their_own_raters(client, world):
    """Arranging one's own raters is as much a conflict of interest as rating by one's own hand:
    an admin may not add raters for their own pegawai, with a reason or without."""
    periode = world["periode"]
    boss, staff = world["people"]["SUB1"]
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd", pegawai=staff[0]))
    refused = _add(client, periode, staff[1], staff[0], "rekan", alasan="Teman dekat")
    assert "diri Anda sendiri" in _error(refused) and not Penugasan.objects.exists()


def test_the_below_threshold_count_covers_only_the_admins_units(world):
    """The status screen's "di bawah ambang" counts are about ratees: an Admin OPD counts their
    own units only (before, the province's count moved with other units' assignments)."""
    from evaluasi.selectors.completion import below_threshold
    from evaluasi.services.assignments import assignments_generate

    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)
    province = below_threshold(periode_id=periode.pk, user=_admin(ADMIN_BKD, name="bkd"))
    mine = below_threshold(periode_id=periode.pk, user=_admin(ADMIN_OPD, world["opd"], "opd"))
    theirs = below_threshold(periode_id=periode.pk, user=_admin(ADMIN_OPD, world["other"], "o2"))
    assert province["rekan"] == mine["rekan"] + theirs["rekan"] and mine["rekan"] == 4


def test_the_assignment_export_lists_the_admins_own_assignments(client, world):
    """?export=csv of the assignment list was a column of blank lines; it now carries the
    listing's columns, scoped like the list (no NIP of another OPD)."""
    from evaluasi.services.assignments import assignments_generate

    periode = world["periode"]
    assignments_generate(periode_id=periode.pk)
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    response = client.get("/admin/penilaian/penugasan/?export=csv")
    text = b"".join(response.streaming_content).decode()
    boss, staff = world["people"]["SUB1"]
    other_boss, others = world["people"]["OPD2"]
    assert "NIP penilai" in text and all(p.nip in text for p in staff)
    assert not any(p.nip in text for p in [other_boss, *others])


def test_the_assignment_list_is_searched_by_nip(client, world):
    """Searching the list by a rater's NIP finds their assignments (it was a 500 for a while)."""
    from evaluasi.services.assignments import assignments_generate

    assignments_generate(periode_id=world["periode"].pk)
    boss, staff = world["people"]["SUB1"]
    client.force_login(_admin(ADMIN_OPD, world["opd"], "opd"))
    response = client.get(f"/admin/penilaian/penugasan/?q={staff[0].nip}")
    assert response.status_code == 200 and staff[0].nama in response.content.decode()
