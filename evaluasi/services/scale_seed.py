"""A synthetic province for benchmarks: units and pegawai written with bulk inserts.

Shape per unit: a head (reporting to the parent unit's head), four team leads under the head, and
the remaining staff spread over the leads — so peers, direct reports and caps all come into play.
Only for empty scratch databases (benchmarks, `seed_scale`); never run against real data.
"""

import random

from django.db import connection, transaction
from django.utils import timezone

from evaluasi.demo_roster import RosterFaker
from evaluasi.models import (
    Jawaban,
    JenisUnit,
    Pegawai,
    Penugasan,
    PeriodePenilaian,
    Pernyataan,
    StatusKepegawaian,
    UnitKerja,
)

LEADS_PER_UNIT = 4


@transaction.atomic
def roster_seed(*, pegawai: int, units: int, seed: int = 60_000) -> tuple[int, int]:
    """Write a synthetic province for benchmarks into an empty scratch database: `units` units (a
    root, up to 40 OPDs, the rest bidang) and about `pegawai` pegawai (a head per unit,
    LEADS_PER_UNIT leads under the head, staff under the leads), reproducible from `seed`.
    Returns (units written, pegawai written). Never run against real data; raises IntegrityError
    when the codes already exist."""
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
    UnitKerja.objects.paths_rebuild()
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


def answers_seed(*, periode_id: int) -> int:
    """Every assignment of the period submitted with an answer to each statement its relationship
    sees — written by one INSERT … SELECT in the database (millions of rows in seconds).

    Values are a deterministic spread over 2–5 from the ids (mostly "sesuai", some "di atas"),
    not random noise per run.
    """

    periode = PeriodePenilaian.objects.get(pk=periode_id)
    now = timezone.now()
    Penugasan.objects.filter(periode=periode).update(dimulai=now, dikirim=now)
    q = connection.ops.quote_name
    jawaban, penugasan, pernyataan = (q(m._meta.db_table) for m in (Jawaban, Penugasan, Pernyataan))
    aspek = q(Pernyataan._meta.get_field("aspek").related_model._meta.db_table)
    shown = " OR ".join(
        f"(p.hubungan = '{relation}' AND s.untuk_{relation} = %s)"
        for relation in ("diri", "atasan", "rekan", "bawahan")
    )
    sql = (
        f"INSERT INTO {jawaban} (penugasan_id, pernyataan_id, nilai, diubah) "  # noqa: S608
        f"SELECT p.id, s.id, 2 + ((p.id * 7 + s.id * 13 + p.dinilai_id) %% 4), %s "
        f"FROM {penugasan} p JOIN {aspek} a ON a.instrumen_id = %s "
        f"JOIN {pernyataan} s ON s.aspek_id = a.id "
        f"WHERE p.periode_id = %s AND ({shown})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, periode.instrumen_id, periode.pk, True, True, True, True])
        return cursor.rowcount
