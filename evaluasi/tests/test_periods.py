"""Periods (services/periods.py): they move forward one step at a time, only by Admin BKD, and
opening one freezes its instrument (the admin then offers a new version)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from cms.roles import ADMIN_OPD
from evaluasi.models import Instrumen, PeriodePenilaian, RiwayatPeriode
from evaluasi.services.periods import PeriodRefused, period_transition


def test_opening_a_period_freezes_its_instrument_and_admin_offers_a_new_version(
    periode, admin_bkd, admin_client
):
    period_transition(periode_id=periode.pk, to="dibuka", user=admin_bkd)
    instrumen = Instrumen.objects.get(pk=periode.instrumen_id)
    assert instrumen.dibekukan
    response = admin_client.get(f"/admin/penilaian/instrumen/edit/{instrumen.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/{instrumen.pk}/versi-baru/"
    )
    admin_client.post(
        f"/admin/penilaian/instrumen/{instrumen.pk}/versi-baru/", {"nama": instrumen.nama}
    )
    assert Instrumen.objects.filter(nama=instrumen.nama, versi=2, dibekukan=False).exists()


def test_period_moves_forward_one_step_at_a_time_and_logs(periode, admin_bkd):
    for status in ("dibuka", "ditutup", "hasil_dihitung", "dipublikasikan"):
        period_transition(periode_id=periode.pk, to=status, user=admin_bkd)
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "dipublikasikan"
    assert RiwayatPeriode.objects.filter(periode=periode).count() == 4
    with pytest.raises(PeriodRefused):
        period_transition(periode_id=periode.pk, to="draf", user=admin_bkd)


def test_skipping_steps_and_reopening_without_reason_are_refused(periode, admin_bkd):
    with pytest.raises(PeriodRefused):
        period_transition(periode_id=periode.pk, to="ditutup", user=admin_bkd)
    period_transition(periode_id=periode.pk, to="dibuka", user=admin_bkd)
    period_transition(periode_id=periode.pk, to="ditutup", user=admin_bkd)
    with pytest.raises(PeriodRefused, match="alasan"):
        period_transition(periode_id=periode.pk, to="dibuka", user=admin_bkd)
    period_transition(
        periode_id=periode.pk,
        to="dibuka",
        user=admin_bkd,
        alasan="Server gangguan di hari terakhir",
    )
    assert RiwayatPeriode.objects.filter(
        periode=periode, ke="dibuka", alasan__startswith="Server"
    ).exists()


def test_only_admin_bkd_moves_a_period(periode, db):
    opd = User.objects.create_user("opd", password="x")
    opd.groups.add(Group.objects.get(name=ADMIN_OPD))
    asn = User.objects.create_user("asn", password="x")
    for user in (opd, asn):
        with pytest.raises(PeriodRefused):
            period_transition(periode_id=periode.pk, to="dibuka", user=user)
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "draf"


def test_threshold_is_at_least_3_and_locked_once_open(periode, admin_bkd):
    periode.ambang_anonimitas = 2
    with pytest.raises(ValidationError):
        periode.full_clean()
    periode.ambang_anonimitas = 4
    periode.full_clean()
    periode.save()
    period_transition(periode_id=periode.pk, to="dibuka", user=admin_bkd)
    opened = PeriodePenilaian.objects.get(pk=periode.pk)
    opened.ambang_anonimitas = 5
    with pytest.raises(ValidationError, match="terkunci"):
        opened.full_clean()


def test_admin_opd_cannot_move_a_period_through_the_admin_screen(periode, client):
    opd = User.objects.create_user("opd2", password="x")
    opd.groups.add(Group.objects.get(name=ADMIN_OPD))
    client.force_login(opd)
    response = client.post(f"/admin/penilaian/periode/{periode.pk}/status/", {"ke": "dibuka"})
    assert response.status_code in (302, 403)
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "draf"
    assert not RiwayatPeriode.objects.filter(periode=periode).exists()
