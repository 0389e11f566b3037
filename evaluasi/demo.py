"""Demo roster and demo accounts for `manage.py load_demo` (idempotent)."""

import random
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.accounts.services import account_for_pegawai
from cms.roles import ADMIN_BKD as ADMIN_BKD_GROUP
from cms.roles import ADMIN_OPD as ADMIN_OPD_GROUP

from .demo_roster import ADMIN_BKD, ADMIN_OPD_DISDIK, GURU_DEMO, KEPALA_SMAN2
from .models import (
    AsnBerprestasiPage,
    EvaluasiKinerja,
    Instrumen,
    Jawaban,
    JawabanTerbuka,
    LingkupAdmin,
    Pegawai,
    Penghargaan,
    Penugasan,
    PeriodeKinerja,
    PeriodePenilaian,
    Periodisasi,
    Pernyataan,
    RencanaKerja,
    RiwayatPeriode,
    StatusPeriode,
    TahunKinerja,
    UnitKerja,
)
from .services import evaluations as ev
from .services import skp as sk
from .services.aggregation import aggregate
from .services.assignments import assignments_generate
from .services.instruments import instrument_load
from .services.roster_import import roster_import_file
from .services.scale_seed import answers_seed
from .services.skp_kalender import periods_fill

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

    for path in sorted(INSTRUMENTS_DIR.glob("*.json")):
        instrumen, created = instrument_load(path)
        note(f"instrumen {instrumen.nama}", created)


DEMO_PERIOD = "Penilaian Perilaku Kerja 2026 (demo)"


def assessment_demo_load(note) -> None:
    """An open BerAKHLAK period for the demo roster: some assignments submitted, some half done.

    The demo guru's own assignments are left untouched except a half-filled self-assessment, so
    the inbox shows every state. Answers are seeded, so each load gives the same picture.
    """

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
    )
    assignments_generate(periode_id=periode.pk)  # in draf: assignments freeze once it opens
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=StatusPeriode.DIBUKA)
    periode.refresh_from_db()
    Instrumen.objects.filter(pk=instrumen.pk).update(dibekukan=True)
    RiwayatPeriode.objects.create(periode=periode, dari=StatusPeriode.DRAF, ke=StatusPeriode.DIBUKA)

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


def skp_year_demo_load(tahun: int) -> TahunKinerja:
    """The demo's performance year: quarterly (Dinas Pendidikan evaluates per triwulan), with
    the annual evaluation's window open around today so the walkthrough can evaluate now."""
    tahun_kinerja, _ = TahunKinerja.objects.get_or_create(
        tahun=tahun, defaults={"periodisasi": Periodisasi.TRIWULANAN}
    )
    periods_fill(tahun_kinerja)
    now = timezone.now()
    PeriodeKinerja.objects.filter(tahun_kinerja=tahun_kinerja, jenis="tahunan").update(
        dibuka_pada=now - timedelta(days=7), ditutup_pada=now + timedelta(days=60)
    )
    return tahun_kinerja


def skp_demo_load(note) -> None:
    """Dinas Pendidikan end to end: the SMAN 2 teachers' SKPs from the guru template, approved by
    their kepala sekolah, evaluated with realisasi, and decided with a spread of predicates.

    The demo guru account is left without an SKP so a visitor can walk through drafting one.
    """

    periode = PeriodePenilaian.objects.filter(nama=DEMO_PERIOD).first()
    kepala = Pegawai.objects.get(nip=KEPALA_SMAN2[0])
    if periode is None:
        note("SKP demo Dinas Pendidikan", False)
        return
    tahun_kinerja = skp_year_demo_load(periode.tahun)
    if RencanaKerja.objects.filter(tahun_kinerja=tahun_kinerja).exists():
        note("SKP demo Dinas Pendidikan", False)
        return
    annual = tahun_kinerja.tahunan
    kepala_user = account_for_pegawai(kepala)
    teachers = list(
        Pegawai.objects.filter(atasan=kepala, aktif=True).exclude(nip=GURU_DEMO[0]).order_by("nip")
    )
    # (realisasi as a share of each target, perilaku rating) -> a spread of predicates
    outcomes = [
        (1.1, "di_atas"),
        (1.0, "sesuai"),
        (1.05, "sesuai"),
        (0.8, "sesuai"),
        (1.0, "di_bawah"),
    ]
    evaluated = 0
    for index, guru in enumerate(teachers):
        user = account_for_pegawai(guru)
        rencana = sk.skp_start(pegawai=guru, tahun_kinerja_id=tahun_kinerja.pk, user=user)
        sk.skp_apply_template(rencana_id=rencana.pk, user=user, slug="guru")
        sk.skp_submit(rencana_id=rencana.pk, user=user)
        sk.skp_approve(rencana_id=rencana.pk, user=kepala_user)
        if index >= len(outcomes):
            continue
        share, perilaku = outcomes[index]
        evaluasi = ev.evaluation_start(
            rencana_id=rencana.pk, periode_kinerja_id=annual.pk, user=user
        )
        capaian = {}
        for rhk in rencana.rhk.all():
            for indikator in rhk.indikator.all():
                if indikator.target_angka is not None:
                    target = float(indikator.target_angka)
                    # A lower-is-better indicator (waktu) beats its target by coming in under it.
                    angka = str(
                        round(target / share, 1)
                        if indikator.lebih_rendah
                        else round(target * share)
                    )
                    ev.realisasi_save(
                        evaluasi_id=evaluasi.pk, user=user, indikator_id=indikator.pk, angka=angka
                    )
                else:
                    ev.realisasi_save(
                        evaluasi_id=evaluasi.pk,
                        user=user,
                        indikator_id=indikator.pk,
                        teks="Tercapai sesuai jadwal.",
                    )
            rating = "di_atas" if share > 1 else "sesuai" if share == 1 else "di_bawah"
            capaian[rhk.pk] = (rating, "Terima kasih atas kerja kerasnya.")
        ev.realisasi_submit(evaluasi_id=evaluasi.pk, user=user)
        hasil = ev.suggestion_for(evaluasi, {pk: r for pk, (r, _) in capaian.items()})
        ev.evaluation_decide(
            evaluasi_id=evaluasi.pk, user=kepala_user, capaian=capaian,
            perilaku=dict.fromkeys(ev.BERAKHLAK, perilaku),
            rating_hasil_kerja=hasil, rating_perilaku=perilaku,
        )  # fmt: skip
        ev.evaluation_accept(evaluasi_id=evaluasi.pk, user=user)
        evaluated += 1
    note(f"SKP demo Dinas Pendidikan ({len(teachers)} guru, {evaluated} dievaluasi)", True)


def awards_demo_load(home, note) -> None:
    """The ASN Berprestasi page with one recognised teacher (the demo's Sangat Baik evaluation)."""

    page = AsnBerprestasiPage.objects.first()
    if page is None:
        page = AsnBerprestasiPage(
            title="ASN Berprestasi",
            slug="asn-berprestasi",
            pengantar="<p>ASN yang hasil kerjanya berdampak nyata bagi masyarakat Lampung.</p>",
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    best = (
        EvaluasiKinerja.objects.filter(periode_kinerja__jenis="tahunan", predikat="sangat_baik")
        .select_related("rencana__pegawai")
        .first()
    )
    periode = PeriodePenilaian.objects.filter(nama=DEMO_PERIOD).first()
    if best is None or periode is None:
        note("halaman ASN Berprestasi", False)
        return
    _, created = Penghargaan.objects.get_or_create(
        periode=periode,
        pegawai=best.rencana.pegawai,
        defaults={
            "kutipan": (
                "Rata-rata nilai asesmen kelas XI yang diampunya naik dari 72 menjadi 88, "
                "melampaui target 80, dan modul ajar berdiferensiasinya dibagikan kepada "
                "guru-guru di Bandar Lampung."
            ),
            "dipublikasikan": True,
        },
    )
    note(f"halaman ASN Berprestasi ({best.rencana.pegawai.nama})", created)


PUBLISHED_DEMO_PERIOD = "Penilaian Perilaku Kerja 2025 (demo)"


def published_results_demo_load(note) -> None:
    """Last year's period, closed, aggregated and published, so every demo ASN has a report.

    The demo guru's colleagues rate "Berorientasi Pelayanan" lower, so her report recommends the
    upcoming BerAKHLAK webinar, and they leave a few unattributed comments.
    """

    if PeriodePenilaian.objects.filter(nama=PUBLISHED_DEMO_PERIOD).exists():
        note(f"periode {PUBLISHED_DEMO_PERIOD}", False)
        return
    instrumen = Instrumen.objects.filter(nama__contains="BerAKHLAK").order_by("-versi").first()
    zone = timezone.get_current_timezone()
    periode = PeriodePenilaian.objects.create(
        nama=PUBLISHED_DEMO_PERIOD, tahun=2025, instrumen=instrumen,
        dibuka_pada=datetime(2025, 10, 1, 8, tzinfo=zone), ditutup_pada=datetime(2025, 10, 31, 16, tzinfo=zone),
    )  # fmt: skip
    assignments_generate(periode_id=periode.pk)  # in draf: assignments freeze once it opens
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=StatusPeriode.DIPUBLIKASIKAN)
    periode.refresh_from_db()
    Instrumen.objects.filter(pk=instrumen.pk).update(dibekukan=True)
    steps = [StatusPeriode.DRAF, StatusPeriode.DIBUKA, StatusPeriode.DITUTUP]
    steps += [StatusPeriode.HASIL_DIHITUNG, StatusPeriode.DIPUBLIKASIKAN]
    RiwayatPeriode.objects.bulk_create(
        RiwayatPeriode(periode=periode, dari=a, ke=b)
        for a, b in zip(steps, steps[1:], strict=False)
    )
    answers_seed(periode_id=periode.pk)
    # Submissions spread over the fill window, so the unit dashboard shows a completion curve.
    assignments = list(Penugasan.objects.filter(periode=periode).only("pk"))
    for index, tugas in enumerate(assignments):
        tugas.dikirim = periode.dibuka_pada + timedelta(
            days=min(29, index * 30 // len(assignments))
        )
        tugas.dimulai = tugas.dikirim - timedelta(hours=2)
    Penugasan.objects.bulk_update(assignments, ["dikirim", "dimulai"], batch_size=500)
    guru = Pegawai.objects.get(nip=GURU_DEMO[0])
    received = Penugasan.objects.filter(periode=periode, dinilai=guru).exclude(hubungan="diri")
    service = instrumen.aspek.order_by("sort_order").first()
    Jawaban.objects.filter(penugasan__in=received, pernyataan__aspek=service).update(nilai=2)
    Jawaban.objects.filter(penugasan__in=received).exclude(pernyataan__aspek=service).update(
        nilai=4
    )
    first, second = instrumen.pertanyaan_terbuka.order_by("sort_order")[:2]
    # Three rekan write on each question: a comment list is shown only from the anonymity
    # threshold (3) of rekan/bawahan writers up (docs/privasi.md).
    texts = {
        first: [
            "Sangat sabar mendampingi siswa yang tertinggal.",
            "Materi ajar selalu siap dan rapi.",
            "Selalu hadir tepat waktu di kelas.",
        ],
        second: [
            "Balasan kepada orang tua siswa kadang terlambat; perlu jadwal tetap.",
            "Bisa lebih terbuka menerima masukan dari wali murid.",
            "Perlu lebih sering berbagi materi dengan guru lain.",
        ],
    }
    peers = list(received.filter(hubungan="rekan")[:3])
    JawabanTerbuka.objects.bulk_create(
        JawabanTerbuka(penugasan=tugas, pertanyaan=question, teks=text)
        for question, written in texts.items()
        for tugas, text in zip(peers, written, strict=False)
    )
    ratees = aggregate(periode_id=periode.pk)
    note(f"periode {PUBLISHED_DEMO_PERIOD} (dipublikasikan, {ratees} laporan)", True)
