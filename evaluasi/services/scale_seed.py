"""A synthetic province for benchmarks: units and pegawai written with bulk inserts.

Shape per unit: a head (reporting to the parent unit's head), four team leads under the head, and
the remaining staff spread over the leads — so peers, direct reports and caps all come into play.
Only for empty scratch databases (benchmarks, `seed_scale`); never run against real data.
"""

import random

from django.db import transaction

from evaluasi.demo_roster import RosterFaker
from evaluasi.models import JenisUnit, Pegawai, StatusKepegawaian, UnitKerja
from evaluasi.services.units import unit_paths_rebuild

LEADS_PER_UNIT = 4


@transaction.atomic
def roster_seed(*, pegawai: int, units: int, seed: int = 60_000) -> tuple[int, int]:
    rng = random.Random(seed)
    fake = RosterFaker(seed=seed)
    root = UnitKerja.objects.create(kode="SKALA", nama="Provinsi Skala", jenis=JenisUnit.PEMDA)
    opd_count = max(1, min(40, units // 50))
    opds = UnitKerja.objects.bulk_create(
        UnitKerja(kode=f"S{i:04d}", nama=f"OPD Skala {i}", jenis=JenisUnit.OPD, induk=root)
        for i in range(1, opd_count + 1)
    )
    rest = UnitKerja.objects.bulk_create(
        UnitKerja(
            kode=f"S{i:04d}",
            nama=f"Bidang Skala {i}",
            jenis=JenisUnit.BIDANG,
            induk=opds[i % opd_count],
        )
        for i in range(opd_count + 1, units)
    )
    unit_paths_rebuild()
    all_units = [root, *opds, *rest]

    nips: set[str] = set()

    def person(unit, atasan_id=None):
        while True:
            nip = fake.nip(gender=rng.choice((1, 2)))
            if nip not in nips:
                nips.add(nip)
                break
        return Pegawai(
            nip=nip,
            nama=f"Pegawai {len(nips)}",
            status=StatusKepegawaian.PNS,
            golongan="III/a",
            unit_kerja=unit,
            atasan_id=atasan_id,
            email=f"p{len(nips)}@skala.example",
        )

    # Heads level by level (root, OPDs, the rest) so each can point at its parent unit's head.
    head_of = {}
    for level in ([root], opds, rest):
        heads = Pegawai.objects.bulk_create(
            [person(u, head_of.get(u.induk_id)) for u in level], batch_size=5000
        )
        head_of.update({u.pk: h.pk for u, h in zip(level, heads, strict=True)})
    leads = Pegawai.objects.bulk_create(
        [person(u, head_of[u.pk]) for u in all_units for _ in range(LEADS_PER_UNIT)],
        batch_size=5000,
    )
    lead_ids: dict[int, list[int]] = {}
    for lead in leads:
        lead_ids.setdefault(lead.unit_kerja_id, []).append(lead.pk)
    staff = []
    remaining = pegawai - len(nips)
    for index in range(max(0, remaining)):
        unit = all_units[index % len(all_units)]
        staff.append(person(unit, rng.choice(lead_ids[unit.pk])))
        if len(staff) >= 5000:
            Pegawai.objects.bulk_create(staff)
            staff = []
    Pegawai.objects.bulk_create(staff)
    return len(all_units), len(nips)
