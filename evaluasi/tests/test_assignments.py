"""Assignment generation from the roster, edge cases included."""

import pytest
from django.core.management import call_command

from evaluasi.models import Pegawai, Penugasan, UnitKerja
from evaluasi.selectors.completion import below_threshold
from evaluasi.services.assignments import assignments_generate
from evaluasi.tests.factories import PegawaiFactory


def _pairs(periode, ratee):
    return sorted(
        (p.hubungan, p.penilai_id) for p in Penugasan.objects.filter(periode=periode, dinilai=ratee)
    )


def test_self_atasan_capped_peers_and_reports(opd, periode):
    boss = PegawaiFactory(unit_kerja=opd)
    staff = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(5)]
    assignments_generate(periode_id=periode.pk)

    relations = [h for h, _ in _pairs(periode, staff[0])]
    assert relations.count("diri") == 1 and relations.count("atasan") == 1
    assert relations.count("rekan") == 2  # capped at maks_rekan
    assert [h for h, _ in _pairs(periode, boss)] == ["bawahan"] * 3 + [
        "diri"
    ]  # no atasan; 3 of 5 reports


def test_rerun_adds_nothing_and_keeps_the_sample(opd, periode):
    boss = PegawaiFactory(unit_kerja=opd)
    staff = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(6)]
    first = assignments_generate(periode_id=periode.pk)
    before = _pairs(periode, staff[2])
    again = assignments_generate(periode_id=periode.pk)
    assert first.created > 0 and again.created == 0
    assert _pairs(periode, staff[2]) == before


def test_inactive_pegawai_neither_rate_nor_are_rated(opd, periode):
    boss = PegawaiFactory(unit_kerja=opd)
    active = PegawaiFactory(unit_kerja=opd, atasan=boss)
    gone = PegawaiFactory(unit_kerja=opd, atasan=boss, aktif=False)
    assignments_generate(periode_id=periode.pk)
    assert not Penugasan.objects.filter(dinilai=gone).exists()
    assert not Penugasan.objects.filter(penilai=gone).exists()
    assert [h for h, _ in _pairs(periode, active)] == ["atasan", "diri"]  # the only peer is gone


def test_atasan_outside_the_period_scope_still_rates(opd, periode):
    other = UnitKerja.objects.create(kode="OPD2", nama="Dinas Lain", jenis="opd", induk=opd.induk)
    boss = PegawaiFactory(unit_kerja=other)
    staff = PegawaiFactory(unit_kerja=opd, atasan=boss)
    periode.untuk_opd.set([opd])
    periode.save()  # ParentalManyToMany: written on save
    assignments_generate(periode_id=periode.pk)
    assert ("atasan", boss.pk) in _pairs(periode, staff)
    assert not Penugasan.objects.filter(
        dinilai=boss
    ).exists()  # the boss is not assessed in this period


def test_someone_as_their_own_atasan_cannot_be_stored_and_gets_only_self(opd, periode):
    from django.db import IntegrityError, transaction

    odd = PegawaiFactory(unit_kerja=opd)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pegawai.objects.filter(pk=odd.pk).update(atasan=odd.pk)  # the database refuses it
    assignments_generate(periode_id=periode.pk)
    assert _pairs(periode, odd) == [("diri", odd.pk)]


def test_command_reports_ratees_below_threshold(opd, periode, capsys):
    boss = PegawaiFactory(unit_kerja=opd)
    [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(2)]  # each has 1 peer < threshold 3
    call_command("generate_assignments", str(periode.pk))
    out = capsys.readouterr().out
    assert "penugasan baru" in out
    assert below_threshold(periode_id=periode.pk) == {"rekan": 2, "bawahan": 1}
    assert "Di bawah ambang anonimitas (rekan): 2 pegawai" in out


def test_a_unit_with_one_peer_gets_that_peer_and_is_flagged_below_threshold(opd, periode):
    boss = PegawaiFactory(unit_kerja=opd)
    pair = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(2)]
    assignments_generate(periode_id=periode.pk)
    assert _pairs(periode, pair[0]) == sorted(
        [("atasan", boss.pk), ("diri", pair[0].pk), ("rekan", pair[1].pk)]
    )
    # Both have one rekan (< 3); the boss has two bawahan (< 3).
    assert below_threshold(periode_id=periode.pk) == {"rekan": 2, "bawahan": 1}
