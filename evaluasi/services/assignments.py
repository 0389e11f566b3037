"""Rater assignments generated from the roster (DESIGN.md §7): self, atasan, peers, direct reports.

Idempotent: a re-run adds what is missing and never removes or duplicates. Everything is computed from
one read of the active roster as tuples, then written with one bulk insert.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from evaluasi.models import Hubungan, Pegawai, Penugasan, PeriodePenilaian, StatusPeriode


@dataclass
class GenerationResult:
    created: int
    existing: int
    ratees: int


def _in_scope_ids(periode: PeriodePenilaian, active: dict[int, tuple]) -> set[int]:
    units = list(periode.untuk_opd.values_list("path", flat=True))
    if not units:
        return set(active)
    return {pk for pk, (_, path) in active.items() if any(path.startswith(u) for u in units)}


@transaction.atomic
def assignments_generate(*, periode_id: int) -> GenerationResult:
    periode = PeriodePenilaian.objects.get(pk=periode_id)
    # pk -> (atasan_id, unit path) for every active pegawai
    active = {
        pk: (atasan, path)
        for pk, atasan, path in Pegawai.objects.filter(aktif=True).values_list(
            "id", "atasan_id", "unit_kerja__path"
        )
    }
    ratees = _in_scope_ids(periode, active)
    reports = defaultdict(list)
    for pk, (atasan, _) in active.items():
        if atasan in active and atasan != pk:
            reports[atasan].append(pk)
    rng = random.Random(f"periode-{periode.pk}")  # the same sample on every re-run of this period

    wanted: list[tuple[int, int, str]] = []
    for ratee in sorted(ratees):
        atasan = active[ratee][0]
        wanted.append((ratee, ratee, Hubungan.DIRI))
        if atasan in active and atasan != ratee:
            wanted.append((atasan, ratee, Hubungan.ATASAN))
            peers = sorted(p for p in reports[atasan] if p != ratee)
            for peer in rng.sample(peers, min(periode.maks_rekan, len(peers))):
                wanted.append((peer, ratee, Hubungan.REKAN))
        own = sorted(reports.get(ratee, []))
        for report in rng.sample(own, min(periode.maks_bawahan, len(own))):
            wanted.append((report, ratee, Hubungan.BAWAHAN))

    existing = set(
        Penugasan.objects.filter(periode=periode).values_list("penilai_id", "dinilai_id")
    )
    new = [
        Penugasan(periode=periode, penilai_id=rater, dinilai_id=ratee, hubungan=relation)
        for rater, ratee, relation in wanted
        if (rater, ratee) not in existing
    ]
    Penugasan.objects.bulk_create(new, batch_size=5000, ignore_conflicts=True)
    return GenerationResult(created=len(new), existing=len(existing), ratees=len(ratees))


def below_threshold(*, periode_id: int) -> dict[str, int]:
    """How many ratees have fewer rekan / bawahan raters than the anonymity threshold (0 excluded)."""
    from django.db.models import Count

    periode = PeriodePenilaian.objects.get(pk=periode_id)
    result = {}
    for relation in (Hubungan.REKAN, Hubungan.BAWAHAN):
        counts = (
            Penugasan.objects.filter(periode=periode, hubungan=relation)
            .values("dinilai_id")
            .annotate(n=Count("id"))
            .filter(n__lt=periode.ambang_anonimitas)
        )
        result[str(relation)] = counts.count()
    return result


EDITABLE = (StatusPeriode.DRAF, StatusPeriode.DIBUKA)
NOT_EDITABLE = "Penugasan hanya dapat diubah selama periode berstatus draf atau dibuka."


class AssignmentRefused(Exception):
    """Shown to the admin as is."""


def _check_relation(penilai: Pegawai, dinilai: Pegawai, hubungan: str) -> None:
    if hubungan not in Hubungan.values:
        raise AssignmentRefused("Hubungan harus diri, atasan, rekan, atau bawahan.")
    if (hubungan == Hubungan.DIRI) != (penilai.pk == dinilai.pk):
        raise AssignmentRefused(
            "Hubungan 'diri' hanya untuk penilai dan dinilai yang sama, dan sebaliknya."
        )
    if not (penilai.aktif and dinilai.aktif):
        raise AssignmentRefused("Penilai dan yang dinilai harus pegawai aktif.")


def assignment_add(*, periode_id: int, penilai: Pegawai, dinilai: Pegawai, hubungan: str, user):
    """Add one assignment by hand. The ratee must be inside the admin's unit scope."""
    from evaluasi.selectors import unit_scope_for

    periode = PeriodePenilaian.objects.get(pk=periode_id)
    if periode.status not in EDITABLE:
        raise AssignmentRefused(NOT_EDITABLE)
    if not unit_scope_for(user).allows_unit(dinilai.unit_kerja):
        raise AssignmentRefused("Pegawai yang dinilai berada di luar unit kewenangan Anda.")
    _check_relation(penilai, dinilai, hubungan)
    penugasan, created = Penugasan.objects.get_or_create(
        periode=periode, penilai=penilai, dinilai=dinilai, defaults={"hubungan": hubungan}
    )
    if not created:
        raise AssignmentRefused("Penugasan ini sudah ada.")
    return penugasan


@transaction.atomic
def assignment_remove(*, penugasan_id: int, user) -> None:
    """Remove an assignment nobody has started; answered ones are never removed."""
    from evaluasi.selectors import penugasan_visible_to

    penugasan = (
        penugasan_visible_to(user).select_for_update(of=("self",)).filter(pk=penugasan_id).first()
    )
    if penugasan is None:
        raise AssignmentRefused("Penugasan tidak ditemukan.")
    if penugasan.periode.status not in EDITABLE:
        raise AssignmentRefused(NOT_EDITABLE)
    if penugasan.dikirim or penugasan.dimulai or penugasan.jawaban.exists():
        raise AssignmentRefused("Penugasan yang sudah mulai diisi tidak dapat dihapus.")
    penugasan.delete()
