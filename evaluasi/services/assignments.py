"""Rater assignments (docs/aturan.md §5): generated from the roster (self, atasan, peers, reports),
then added or removed by hand — and frozen once the period opens.

Generation is idempotent: a re-run adds what is missing and never removes or duplicates. Everything is
computed from one read of the active roster as tuples, then written with one bulk insert.

The freeze (issue 15): in *draf* admins change assignments freely; from *dibuka* on every change —
by hand, by import, by generation — needs a reason and is written to `RiwayatPenugasan`; from
*ditutup* on nothing changes. A rater must follow from the roster (or the admin records why not), an
admin never adds their own pegawai as a rater, and the refusals never reveal whether a NIP outside
the admin's scope exists.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from cms.errors import ActionRefused
from evaluasi.models import (
    AksiPenugasan,
    Hubungan,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
    RiwayatPenugasan,
    StatusPeriode,
)
from evaluasi.nip import nip_normalise
from evaluasi.selectors import assignments_of_ratees_in_scope, unit_scope_for
from evaluasi.selectors.assessments import pegawai_of


@dataclass
class GenerationResult:
    """Assignments created and already present, and the number of ratees, of one generation run."""

    created: int
    existing: int
    ratees: int


def _in_scope_ids(periode: PeriodePenilaian, active: dict[int, tuple]) -> set[int]:
    units = list(periode.untuk_opd.values_list("path", flat=True))
    if not units:
        return set(active)
    return {pk for pk, (_, path) in active.items() if any(path.startswith(u) for u in units)}


@transaction.atomic
def assignments_generate(*, periode_id: int, user=None, alasan: str = "") -> GenerationResult:
    """Add the roster's assignments the period lacks. In *draf* freely; once *dibuka* only with a
    reason, every added assignment recorded in `RiwayatPenugasan` (by `user`, None: the command);
    refused from *ditutup* on (`AssignmentRefused`). Returns a GenerationResult (created, existing,
    ratees)."""
    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    alasan = change_allowed(periode, alasan)
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
    if periode.status != StatusPeriode.DRAF:
        # Every generated pair is between active pegawai: one read, no huge IN list.
        nips = dict(Pegawai.objects.filter(aktif=True).values_list("pk", "nip")) if new else {}
        RiwayatPenugasan.objects.bulk_create(
            (
                _record(periode, p.penilai_id, p.dinilai_id, p.hubungan, AksiPenugasan.DITAMBAH,
                        user=user, alasan=alasan, nips=nips)
                for p in new
            ),
            batch_size=5000,
        )  # fmt: skip
    return GenerationResult(created=len(new), existing=len(existing), ratees=len(ratees))


EDITABLE = (StatusPeriode.DRAF, StatusPeriode.DIBUKA)
NOT_EDITABLE = "Penugasan hanya dapat diubah selama periode berstatus draf atau dibuka."
FROZEN = (
    "Periode sudah dibuka sehingga penugasan dibekukan: perubahan hanya dapat dilakukan dengan "
    "alasan yang dicatat di riwayat periode. Isi alasannya."
)
UNKNOWN_RATEE = "NIP {nip} tidak ditemukan di antara pegawai dalam unit kewenangan Anda."
UNKNOWN_RATER = (
    "NIP {nip} tidak ditemukan di antara pegawai dalam unit kewenangan Anda maupun atasan, rekan, "
    "atau bawahan pegawai yang dinilai."
)
SELF_RATER = (
    "Anda tidak dapat menambahkan diri Anda sendiri sebagai penilai; mintalah admin lain bila "
    "penugasan ini memang diperlukan."
)
SELF_RATEE = (
    "Anda tidak dapat mengatur penilai untuk diri Anda sendiri; mintalah admin lain bila "
    "penugasan ini memang diperlukan."
)
ROSTER_RULE = {
    Hubungan.ATASAN: "penilai bukan atasan langsung pegawai yang dinilai",
    Hubungan.REKAN: "penilai tidak memiliki atasan yang sama dengan pegawai yang dinilai",
    Hubungan.BAWAHAN: "atasan penilai bukan pegawai yang dinilai",
}


class AssignmentRefused(ActionRefused):
    """A change of rater assignments is refused; the message is shown to the admin as is."""


def change_allowed(periode: PeriodePenilaian, alasan: str = "") -> str:
    """The cleaned reason if `periode`'s assignments may change now, else `AssignmentRefused`.

    *draf*: always (the reason may be blank); *dibuka*: only with a non-blank reason (the freeze);
    later: never."""
    if periode.status not in EDITABLE:
        raise AssignmentRefused(NOT_EDITABLE)
    alasan = (alasan or "").strip()
    if periode.status != StatusPeriode.DRAF and not alasan:
        raise AssignmentRefused(FROZEN)
    return alasan


def roster_supports(penilai: Pegawai, dinilai: Pegawai, hubungan: str) -> bool:
    """Whether the roster gives `penilai` this relationship to `dinilai`: diri = the same person,
    atasan = the ratee's atasan, bawahan = reports to the ratee, rekan = shares the ratee's atasan."""
    if hubungan == Hubungan.DIRI:
        return penilai.pk == dinilai.pk
    if penilai.pk == dinilai.pk:
        return False
    if hubungan == Hubungan.ATASAN:
        return dinilai.atasan_id is not None and dinilai.atasan_id == penilai.pk
    if hubungan == Hubungan.BAWAHAN:
        return penilai.atasan_id is not None and penilai.atasan_id == dinilai.pk
    if hubungan == Hubungan.REKAN:
        return penilai.atasan_id is not None and penilai.atasan_id == dinilai.atasan_id
    return False


def _check_relation(penilai: Pegawai, dinilai: Pegawai, hubungan: str) -> None:
    if hubungan not in Hubungan.values:
        raise AssignmentRefused("Hubungan harus diri, atasan, rekan, atau bawahan.")
    if (hubungan == Hubungan.DIRI) != (penilai.pk == dinilai.pk):
        raise AssignmentRefused(
            "Hubungan 'diri' hanya untuk penilai dan dinilai yang sama, dan sebaliknya."
        )
    if not (penilai.aktif and dinilai.aktif):
        raise AssignmentRefused("Penilai dan yang dinilai harus pegawai aktif.")


def assignment_check(
    *,
    penilai: Pegawai | None,
    dinilai: Pegawai | None,
    nip_penilai: str,
    nip_dinilai: str,
    hubungan: str,
    scope,
    own: Pegawai | None,
    alasan: str = "",
) -> bool:
    """Check one assignment an admin asks for; return whether it lies outside the roster (allowed
    only with `alasan`), else raise `AssignmentRefused`.

    `penilai` / `dinilai` are whatever the NIPs found anywhere (None: no such NIP); `scope` is the
    admin's `UnitScope`, `own` the admin's own pegawai, who may be neither rater nor ratee of an
    assignment the admin makes. A ratee outside the scope, and a rater outside it unless the roster
    gives them exactly this relationship to the ratee, get the same message as an unknown NIP, so
    the screen never tells whether a NIP exists elsewhere in the province (docs/privasi.md)."""
    if dinilai is None or not scope.allows_unit(dinilai.unit_kerja):
        raise AssignmentRefused(UNKNOWN_RATEE.format(nip=nip_dinilai or "(kosong)"))
    inside = penilai is not None and scope.allows_unit(penilai.unit_kerja)
    related = penilai is not None and penilai.aktif and roster_supports(penilai, dinilai, hubungan)
    if penilai is None or not (inside or related):
        raise AssignmentRefused(UNKNOWN_RATER.format(nip=nip_penilai or "(kosong)"))
    if own is not None and penilai.pk == own.pk:
        raise AssignmentRefused(SELF_RATER)
    if own is not None and dinilai.pk == own.pk:
        raise AssignmentRefused(SELF_RATEE)
    _check_relation(penilai, dinilai, hubungan)
    if related:
        return False
    if not (alasan or "").strip():
        label = Hubungan(hubungan).label.lower()
        raise AssignmentRefused(
            f"Hubungan '{label}' tidak sesuai roster: {ROSTER_RULE[hubungan]}. Isi alasan bila "
            "penugasan ini tetap diperlukan; alasan dicatat di riwayat periode."
        )
    return True


def _record(periode, penilai_id, dinilai_id, hubungan, aksi, *, user, alasan, nips, luar=False):
    return RiwayatPenugasan(
        periode=periode,
        aksi=aksi,
        penilai_id=penilai_id,
        dinilai_id=dinilai_id,
        nip_penilai=nips.get(penilai_id, ""),
        nip_dinilai=nips.get(dinilai_id, ""),
        hubungan=hubungan,
        di_luar_roster=luar,
        status_periode=periode.status,
        oleh=user if user is not None and user.is_authenticated else None,
        alasan=alasan,
    )


def _own_pegawai(user) -> Pegawai | None:

    return pegawai_of(user) if user is not None else None


@transaction.atomic
def assignment_add(
    *, periode_id: int, nip_penilai: str, nip_dinilai: str, hubungan: str, user, alasan: str = ""
) -> Penugasan:
    """Add one assignment by hand (NIPs as typed, normalised) and record it in the history.

    Refused (`AssignmentRefused`, Indonesian) when the period is frozen without a reason or closed,
    when either NIP is not one the admin may assign (one message, whether or not it exists), when
    the rater is the admin's own pegawai, or when the roster does not support the relationship and
    no reason is given (docs/aturan.md §5). Returns the new Penugasan."""

    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    alasan = change_allowed(periode, alasan)
    nip_penilai, nip_dinilai = nip_normalise(nip_penilai), nip_normalise(nip_dinilai)
    found = {
        p.nip: p
        for p in Pegawai.objects.select_related("unit_kerja").filter(
            nip__in=[n for n in (nip_penilai, nip_dinilai) if n]
        )
    }
    penilai, dinilai = found.get(nip_penilai), found.get(nip_dinilai)
    luar = assignment_check(
        penilai=penilai, dinilai=dinilai, nip_penilai=nip_penilai, nip_dinilai=nip_dinilai,
        hubungan=hubungan, scope=unit_scope_for(user), own=_own_pegawai(user), alasan=alasan,
    )  # fmt: skip
    penugasan, created = Penugasan.objects.get_or_create(
        periode=periode, penilai=penilai, dinilai=dinilai, defaults={"hubungan": hubungan}
    )
    if not created:
        raise AssignmentRefused("Penugasan ini sudah ada.")
    _record(
        periode, penilai.pk, dinilai.pk, hubungan, AksiPenugasan.DITAMBAH, user=user,
        alasan=alasan, nips={penilai.pk: penilai.nip, dinilai.pk: dinilai.nip}, luar=luar,
    ).save()  # fmt: skip
    return penugasan


@transaction.atomic
def assignment_remove(*, penugasan_id: int, user, alasan: str = "") -> None:
    """Remove an assignment nobody has started (answered or submitted ones never go); once the
    period is open only with a reason, recorded in the history. Returns None.

    Raises AssignmentRefused when the assignment is not in `user`'s scope (the same message as an
    unknown id), the period no longer allows changes or needs `alasan`, or answering has started."""

    periode_id = (
        assignments_of_ratees_in_scope(user)
        .filter(pk=penugasan_id)
        .values_list("periode_id", flat=True)
    ).first()
    if periode_id is None:
        raise AssignmentRefused("Penugasan tidak ditemukan.")
    periode = PeriodePenilaian.objects.select_for_update().get(pk=periode_id)
    penugasan = (
        assignments_of_ratees_in_scope(user)
        .select_for_update(of=("self",))
        .filter(pk=penugasan_id)
        .first()
    )
    if penugasan is None:
        raise AssignmentRefused("Penugasan tidak ditemukan.")
    alasan = change_allowed(periode, alasan)
    if penugasan.dikirim or penugasan.dimulai or penugasan.jawaban.exists():
        raise AssignmentRefused("Penugasan yang sudah mulai diisi tidak dapat dihapus.")
    _record(
        periode, penugasan.penilai_id, penugasan.dinilai_id, penugasan.hubungan,
        AksiPenugasan.DIHAPUS, user=user, alasan=alasan,
        nips={penugasan.penilai_id: penugasan.penilai.nip, penugasan.dinilai_id: penugasan.dinilai.nip},
    ).save()  # fmt: skip
    penugasan.delete()
