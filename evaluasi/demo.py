"""Demo roster and demo accounts for `manage.py load_demo` (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.roles import ADMIN_BKD as ADMIN_BKD_GROUP
from cms.roles import ADMIN_OPD as ADMIN_OPD_GROUP

from .demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, GURU_DEMO, KEPALA_SMAN2
from .models import LingkupAdmin, Pegawai, UnitKerja
from .services.roster_import import roster_import_file

DEMO_ROSTER = Path(settings.BASE_DIR) / "fixtures" / "demo" / "roster-demo.xlsx"
DEMO_PASSWORD = "demo-lampung-2026"  # noqa: S105 - demo only, documented in README

# (label, roster row, group, unit scope for Admin OPD)
DEMO_ACCOUNTS = [
    ("Guru (ASN)", GURU_DEMO, None, None),
    ("Kepala sekolah (atasan)", KEPALA_SMAN2, None, None),
    ("Admin OPD Dinas Pendidikan", ADMIN_OPD_DISDIK, ADMIN_OPD_GROUP, "DISDIK"),
    ("Admin BKD", ADMIN_BKD, ADMIN_BKD_GROUP, None),
]


def roster_demo_load(note) -> None:
    outcome = roster_import_file(DEMO_ROSTER, filename=DEMO_ROSTER.name, dry_run=False)
    if not outcome.ok:
        raise RuntimeError(f"Demo roster failed to import: {outcome.message} {outcome.errors[:3]}")
    created = outcome.counts["pegawai_baru"]
    note(
        f"roster demo ({created} pegawai baru, {outcome.counts['pegawai_tetap']} tetap)",
        created > 0,
    )
    User = get_user_model()
    for label, row, group_name, scope in DEMO_ACCOUNTS:
        pegawai = Pegawai.objects.get(nip=row[0])
        user, created = User.objects.get_or_create(
            username=pegawai.nip,
            defaults={"email": pegawai.email, "first_name": pegawai.nama[:150]},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if pegawai.user_id != user.pk:
            pegawai.user = user
            pegawai.save(update_fields=["user"])
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        if scope:
            LingkupAdmin.objects.get_or_create(
                user=user, defaults={"unit_kerja": UnitKerja.objects.get(kode=scope)}
            )
        note(f"akun demo {label}: {user.username}", created)


INSTRUMENTS_DIR = Path(settings.BASE_DIR) / "fixtures" / "instrumen"


def instruments_demo_load(note) -> None:
    """The two shipped instruments (BerAKHLAK; Disiplin, Kualitas Kerja, Kolaborasi)."""
    from .services.instruments import instrument_load

    for path in sorted(INSTRUMENTS_DIR.glob("*.json")):
        instrumen, created = instrument_load(path)
        note(f"instrumen {instrumen.nama}", created)


DEMO_PERIOD = "Penilaian Perilaku Kerja 2026 (demo)"


def assessment_demo_load(note) -> None:
    """An open BerAKHLAK period for the demo roster: some assignments submitted, some half done.

    The demo guru's own assignments are left untouched except a half-filled self-assessment, so
    the inbox shows every state. Answers are seeded, so each load gives the same picture.
    """
    import random
    from datetime import timedelta

    from django.utils import timezone

    from .models import (
        Instrumen,
        Jawaban,
        Penugasan,
        PeriodePenilaian,
        Pernyataan,
        RiwayatPeriode,
        StatusPeriode,
    )
    from .services.assignments import assignments_generate

    if PeriodePenilaian.objects.filter(nama=DEMO_PERIOD).exists():
        note(f"periode {DEMO_PERIOD}", False)
        return
    instrumen = Instrumen.objects.filter(nama__contains="BerAKHLAK").order_by("-versi").first()
    now = timezone.now()
    periode = PeriodePenilaian.objects.create(
        nama=DEMO_PERIOD,
        tahun=now.year,
        instrumen=instrumen,
        dibuka_pada=now - timedelta(days=7),
        ditutup_pada=now + timedelta(days=21),
        status=StatusPeriode.DIBUKA,
    )
    Instrumen.objects.filter(pk=instrumen.pk).update(dibekukan=True)
    RiwayatPeriode.objects.create(periode=periode, dari=StatusPeriode.DRAF, ke=StatusPeriode.DIBUKA)
    assignments_generate(periode_id=periode.pk)

    statements = list(
        Pernyataan.objects.filter(aspek__instrumen=instrumen).values_list(
            "pk", "untuk_diri", "untuk_atasan", "untuk_rekan", "untuk_bawahan"
        )
    )
    relation_index = {"diri": 1, "atasan": 2, "rekan": 3, "bawahan": 4}
    rng = random.Random(2026)
    guru = GURU_DEMO[0]
    answers, submitted, started = [], [], []
    for tugas in Penugasan.objects.filter(periode=periode).select_related("penilai").order_by("pk"):
        shown = [row[0] for row in statements if row[relation_index[tugas.hubungan]]]
        if tugas.penilai.nip == guru:
            share = 0.5 if tugas.hubungan == "diri" else 0
        else:
            roll = rng.random()
            share = 1 if roll < 0.6 else 0.5 if roll < 0.8 else 0
        if not share:
            continue
        leaning = rng.choice((3, 4, 4, 5))  # each rater has a tendency, not pure noise
        for pk in shown[: round(len(shown) * share)]:
            value = max(1, min(5, leaning + rng.choice((-1, 0, 0, 1))))
            answers.append(Jawaban(penugasan=tugas, pernyataan_id=pk, nilai=value))
        (submitted if share == 1 else started).append(tugas.pk)
    Jawaban.objects.bulk_create(answers, batch_size=2000)
    Penugasan.objects.filter(pk__in=started).update(dimulai=now - timedelta(days=2))
    Penugasan.objects.filter(pk__in=submitted).update(
        dimulai=now - timedelta(days=3), dikirim=now - timedelta(days=1)
    )
    note(f"periode {DEMO_PERIOD} ({len(submitted)} terkirim, {len(started)} sedang diisi)", True)
