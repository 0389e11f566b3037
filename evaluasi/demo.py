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
