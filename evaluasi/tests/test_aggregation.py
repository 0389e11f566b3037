"""Aggregation against an independent computation on a small hand-made dataset."""

import pytest
from django.core.management import call_command

from evaluasi.models import (
    AgregasiHasil,
    HasilAspek,
    HasilPerilaku,
    Jawaban,
    Penugasan,
    Pernyataan,
)
from evaluasi.services.aggregation import aggregate
from evaluasi.services.answers import assignment_submit
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.ratings import rate, rater_statements, result_rows


@pytest.fixture
def team(opd, periode_dibuka):
    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss)
    return boss, ratee, [PegawaiFactory(unit_kerja=opd) for _ in range(6)]


def _groups(**filters) -> set[str]:
    return {row[3] for row in result_rows(**filters)}


def _aspect_means(periode, ratee, group):
    return {
        row[2]: row[4] for row in result_rows(periode=periode, dinilai=ratee) if row[3] == group
    }


def test_groups_weights_gap_and_optional_answers(periode_dibuka, team):
    boss, ratee, people = team
    periode = periode_dibuka
    optional = rater_statements(periode, "rekan")[0]
    Pernyataan.objects.filter(pk=optional.pk).update(wajib=False)
    rate(periode, ratee, ratee, "diri", 5)
    rate(periode, boss, ratee, "atasan", 4)
    for rater, value in zip(people[:3], (2, 3, 4), strict=True):
        rate(periode, rater, ratee, "rekan", value, skip={optional.pk} if value == 4 else ())
    for rater in people[3:5]:
        rate(periode, rater, ratee, "bawahan", 1)  # two bawahan: withheld
    draft = Penugasan.objects.create(
        periode=periode, penilai=people[5], dinilai=ratee, hubungan="rekan"
    )
    Jawaban.objects.create(penugasan=draft, pernyataan=optional, nilai=1)  # a draft never counts

    assert aggregate(periode_id=periode.pk) == 1
    result = HasilPerilaku.objects.get(periode=periode, dinilai=ratee)
    assert result.jumlah_per_hubungan == {"diri": 1, "atasan": 1, "rekan": 3, "bawahan": 2}
    assert result.disembunyikan == 2
    groups = _groups(dinilai=ratee)
    assert groups == {"diri", "atasan", "rekan", "orang_lain"}  # no bawahan, no lainnya

    # Independent computation. The optional statement's aspect: rekan answered 2 and 3 there.
    aspect = optional.aspek_id
    per_aspect = len([s for s in rater_statements(periode, "rekan") if s.aspek_id == aspect])
    rekan = (2 * per_aspect + 3 * per_aspect + 4 * (per_aspect - 1)) / (3 * per_aspect - 1)
    assert _aspect_means(periode, ratee, "rekan")[aspect] == pytest.approx(rekan, abs=1e-4)
    from evaluasi.selectors.reports import statement_table

    table = statement_table(periode, ratee, HasilPerilaku.objects.get(dinilai=ratee))
    # Only two rekan answered the optional statement: below the threshold, its others mean is
    # withheld (with the reason), though the rekan group itself is shown.
    assert table[optional.pk][1:] == [5, None, "kurang dari 3 penilai"]
    mandatory = next(s for s in rater_statements(periode, "rekan") if s.pk != optional.pk)
    assert table[mandatory.pk][1:] == [5, pytest.approx((4 + 2 + 3 + 4) / 4), ""]
    # Other aspects: atasan 4, rekan 3 -> weighted score (40·4 + 30·3) / 70 over equal-weight aspects.
    other_aspect = next(a for a in _aspect_means(periode, ratee, "rekan") if a != aspect)
    assert _aspect_means(periode, ratee, "orang_lain")[other_aspect] == pytest.approx(
        (4 + 2 + 3 + 4) / 4
    )
    weighted_rekan = sum(_aspect_means(periode, ratee, "rekan").values()) / 7
    assert result.skor == pytest.approx((40 * 4 + 30 * weighted_rekan) / 70, abs=1e-3)
    assert result.saran_rating == "sesuai"  # between 3.0 and 4.2
    others = sum(_aspect_means(periode, ratee, "orang_lain").values()) / 7
    assert result.selisih == pytest.approx(5 - others, abs=1e-3)
    assert len(result.aspek_kuat) == 3 and len(result.aspek_kembang) == 3
    assert result.aspek_kuat[0] != aspect and result.aspek_kembang[0] == aspect  # lowest mean


def test_strongest_and_weakest_aspects_follow_the_others_means_in_order(periode_dibuka, team):
    boss, ratee, people = team
    periode = periode_dibuka
    statements = rater_statements(periode, "rekan")
    aspects = sorted({s.aspek_id for s in statements})
    for r, rater in enumerate(people[:3]):
        tugas = Penugasan.objects.create(
            periode=periode, penilai=rater, dinilai=ratee, hubungan="rekan"
        )
        data = {f"p_{s.pk}": str((aspects.index(s.aspek_id) + r) % 5 + 1) for s in statements}
        assignment_submit(penugasan_id=tugas.pk, pegawai_id=rater.pk, data=data)
    aggregate(periode_id=periode.pk)

    # Independent: each aspect's mean over the three raters, ties broken by the aspect's id.
    means = {a: sum((i + r) % 5 + 1 for r in range(3)) / 3 for i, a in enumerate(aspects)}
    ranked = sorted(means, key=lambda a: (-means[a], a))
    result = HasilPerilaku.objects.get(dinilai=ratee)
    assert result.aspek_kuat == ranked[:3]
    assert result.aspek_kembang == [a for a in reversed(ranked) if a not in ranked[:3]][:3]


def test_two_small_groups_merge_into_lainnya_with_their_weight(periode_dibuka, team):
    boss, ratee, people = team
    periode = periode_dibuka
    rate(periode, boss, ratee, "atasan", 5)
    rate(periode, people[0], ratee, "rekan", 2)
    rate(periode, people[1], ratee, "rekan", 2)
    rate(periode, people[2], ratee, "bawahan", 2)
    aggregate(periode_id=periode.pk)
    groups = _groups(dinilai=ratee)
    assert groups == {"atasan", "lainnya", "orang_lain"}
    result = HasilPerilaku.objects.get(dinilai=ratee)
    assert result.skor == pytest.approx((40 * 5 + 30 * 2) / 70, abs=1e-3)
    assert result.skor_diri is None and result.selisih is None
    # Nobody answered as self: the counts name only the relationships that did.
    assert result.jumlah_per_hubungan == {"atasan": 1, "rekan": 2, "bawahan": 1}
    assert result.disembunyikan == 0


def test_results_leave_with_their_period(periode_dibuka, team):
    """The result tables have no database-level foreign keys; Django's on_delete still cleans."""
    boss, ratee, people = team
    for rater in people[:3]:
        rate(periode_dibuka, rater, ratee, "rekan", 4)
    aggregate(periode_id=periode_dibuka.pk)
    assert HasilAspek.objects.exists() and HasilPerilaku.objects.exists()
    periode_dibuka.delete()
    assert not HasilAspek.objects.exists() and not HasilPerilaku.objects.exists()


def test_rerun_is_idempotent_and_one_ratee_can_be_redone_alone(periode_dibuka, team):
    boss, ratee, people = team
    periode = periode_dibuka
    for rater in people[:3]:
        rate(periode, rater, ratee, "rekan", 4)
        rate(periode, ratee, rater, "rekan", 3)  # everyone else has a single rekan: withheld
    aggregate(periode_id=periode.pk)
    snapshot = [row[1:] for row in result_rows()]
    aggregate(periode_id=periode.pk)
    assert [row[1:] for row in result_rows()] == snapshot

    others_before = list(HasilPerilaku.objects.exclude(dinilai=ratee).values_list("pk", "dihitung"))
    rate(periode, boss, ratee, "atasan", 1)
    call_command("aggregate_results", periode.pk, nip=ratee.nip)
    assert "atasan" in _groups(dinilai=ratee)
    assert (
        list(HasilPerilaku.objects.exclude(dinilai=ratee).values_list("pk", "dihitung"))
        == others_before
    )
    job = AgregasiHasil.objects.get()
    assert (job.status, job.jumlah_dinilai, job.nip) == ("selesai", 1, ratee.nip)
    assert job.durasi is not None
    from django.core.cache import cache

    from evaluasi.services.aggregation import progress_key

    assert cache.get(progress_key(job.pk))[:3] == (3, 3, "Selesai")


def test_a_failure_midway_keeps_the_previous_results(periode_dibuka, team, berakhlak_copy):
    boss, ratee, people = team
    periode = periode_dibuka
    for rater in people[:3]:
        rate(periode, rater, ratee, "rekan", 4)
    aggregate(periode_id=periode.pk)
    before = result_rows()
    # Corrupt data: an answer to a statement of another instrument makes the run fail midway.
    stray = Pernyataan.objects.filter(aspek__instrumen=berakhlak_copy).first()
    Jawaban.objects.create(
        penugasan=Penugasan.objects.filter(dinilai=ratee).first(), pernyataan=stray, nilai=5
    )
    job = AgregasiHasil.objects.create(periode=periode)
    from evaluasi.services.aggregation_jobs import aggregation_job_run

    with pytest.raises(ValueError, match="di luar instrumen"):
        aggregation_job_run(job.pk)
    assert result_rows() == before
    job.refresh_from_db()
    assert job.status == "gagal"
    # Once the data is mended, the same connection runs again (the failed run left no
    # temporary table behind) and gives the same results.
    Jawaban.objects.filter(pernyataan=stray).delete()
    assert aggregate(periode_id=periode.pk) == 1
    assert [row[1:] for row in result_rows()] == [row[1:] for row in before]


@pytest.fixture
def berakhlak_copy(periode):
    from evaluasi.services.instruments import instrument_copy

    return instrument_copy(instrumen_id=periode.instrumen_id, nama="Salinan")


def test_closing_a_period_runs_the_final_aggregation_and_publishing_emails_ratees(
    client, periode_dibuka, team, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import User
    from django.core import mail

    boss, ratee, people = team
    ratee.email = "dinilai@contoh.go.id"
    ratee.save()
    for rater in people[:3]:
        rate(periode_dibuka, rater, ratee, "rekan", 4)
    admin = User.objects.create_superuser("root", password="x")
    client.force_login(admin)
    url = f"/admin/penilaian/periode/{periode_dibuka.pk}/status/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ke": "ditutup"})
    job = AgregasiHasil.objects.get()
    assert job.status == "selesai" and HasilPerilaku.objects.filter(dinilai=ratee).exists()
    assert "<td>Selesai</td>" in client.get(url).content.decode()
    client.post(url, {"ke": "hasil_dihitung"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ke": "dipublikasikan"})
    assert [m.to for m in mail.outbox] == [["dinilai@contoh.go.id"]]
    assert f"/penilaian/hasil/{periode_dibuka.pk}/" in mail.outbox[0].body


def test_seed_scale_builds_a_consistent_province_that_aggregates(db, capsys):
    from evaluasi.models import PeriodePenilaian

    call_command("seed_scale", pegawai=300, unit=20, raters=8)
    periode = PeriodePenilaian.objects.get(nama="Skala")
    expected = sum(
        len(rater_statements(periode, t.hubungan))
        for t in Penugasan.objects.filter(periode=periode)
    )
    assert Jawaban.objects.filter(penugasan__periode=periode).count() == expected
    assert not Penugasan.objects.filter(periode=periode, dikirim__isnull=True).exists()
    ratees = Penugasan.objects.filter(periode=periode).values("dinilai").distinct().count()
    assert aggregate(periode_id=periode.pk) == ratees == HasilPerilaku.objects.count()
    assert "300 pegawai" in capsys.readouterr().out


def test_an_admin_accepted_late_response_reaggregates_only_that_ratee(
    client, opd, periode_dibuka, team, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from cms.roles import ADMIN_OPD
    from evaluasi.models import LingkupAdmin, PeriodePenilaian
    from evaluasi.services.answers import AnswerRefused, answers_save, late_submission_accept

    boss, ratee, people = team
    periode = periode_dibuka
    other = PegawaiFactory(unit_kerja=opd)
    for rater in people[:3]:
        rate(periode, rater, ratee, "rekan", 4)
        rate(periode, rater, other, "rekan", 3)
    late = Penugasan.objects.create(
        periode=periode, penilai=people[3], dinilai=ratee, hubungan="rekan"
    )
    statements = rater_statements(periode, "rekan")
    answers_save(
        penugasan_id=late.pk,
        pegawai_id=people[3].pk,
        data={f"p_{s.pk}": "1" for s in statements[:-1]},
    )
    aggregate(periode_id=periode.pk)
    other_rows = list(HasilPerilaku.objects.filter(dinilai=other).values_list("pk", "dihitung"))
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="ditutup")

    from django.contrib.auth.models import User as AuthUser

    admin = AuthUser.objects.create_user("opd", password="x")
    admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=admin, unit_kerja=opd)
    with pytest.raises(AnswerRefused, match="belum lengkap"):
        late_submission_accept(penugasan_id=late.pk, user=admin)
    from evaluasi.models import JenisUnit, UnitKerja

    elsewhere = AuthUser.objects.create_user("lain", password="x")
    elsewhere.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(
        user=elsewhere,
        unit_kerja=UnitKerja.objects.create(
            kode="LAIN", nama="Lain", jenis=JenisUnit.OPD, induk=opd.induk
        ),
    )
    with pytest.raises(AnswerRefused, match="kewenangan"):
        late_submission_accept(penugasan_id=late.pk, user=elsewhere)
    Jawaban.objects.create(penugasan=late, pernyataan=statements[-1], nilai=1)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/penilaian/penugasan/{late.pk}/terima-terlambat/")
    late.refresh_from_db()
    assert late.dikirim is not None
    job = AgregasiHasil.objects.get()
    assert (job.nip, job.status, job.jumlah_dinilai) == (ratee.nip, "selesai", 1)
    assert HasilPerilaku.objects.get(dinilai=ratee).jumlah_per_hubungan["rekan"] == 4
    assert (
        list(HasilPerilaku.objects.filter(dinilai=other).values_list("pk", "dihitung"))
        == other_rows
    )


def test_retention_deletes_old_raw_answers_keeps_results_and_blocks_reaggregation(
    periode_dibuka, team, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from evaluasi.models import JawabanTerbuka, PeriodePenilaian, RiwayatPeriode
    from evaluasi.services.retention import answers_purge

    boss, ratee, people = team
    periode = periode_dibuka
    for rater in people[:3]:
        tugas = rate(periode, rater, ratee, "rekan", 4)
        JawabanTerbuka.objects.create(
            penugasan=tugas,
            pertanyaan=periode.instrumen.pertanyaan_terbuka.first(),
            teks="Komentar",
        )
    aggregate(periode_id=periode.pk)
    results = result_rows()
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dipublikasikan")
    published = RiwayatPeriode.objects.create(periode=periode, dari="ditutup", ke="dipublikasikan")
    RiwayatPeriode.objects.filter(pk=published.pk).update(
        waktu=timezone.now() - timedelta(days=365 * 3)
    )

    assert answers_purge(years=5) == []  # three years: kept
    preview = answers_purge(years=2, dry_run=True)
    expected = Jawaban.objects.filter(penugasan__periode=periode).count()
    assert [(p.jawaban, p.komentar) for p in preview] == [(expected, 3)]
    assert Jawaban.objects.filter(penugasan__periode=periode).exists()  # a dry run deletes nothing

    # The monthly scheduled job does it, with the configured number of years.
    from django_q.models import Schedule

    from evaluasi.tasks import answers_retention_task

    schedule = Schedule.objects.get(func="evaluasi.tasks.answers_retention_task")
    assert schedule.schedule_type == Schedule.MONTHLY
    settings.RETENSI_JAWABAN_TAHUN = 2
    assert answers_retention_task() == 1
    assert not Jawaban.objects.filter(penugasan__periode=periode).exists()
    assert not JawabanTerbuka.objects.filter(penugasan__periode=periode).exists()
    assert result_rows() == results
    assert answers_purge(years=2) == []  # idempotent
    with pytest.raises(ValueError, match="retensi"):
        aggregate(periode_id=periode.pk)
    assert result_rows() == results
    # The report still shows the kept results and says where the statement rows went.
    from django.contrib.auth.models import Group, User
    from django.test import Client

    admin = User.objects.create_user("bkd-retensi", password="x")
    admin.groups.add(Group.objects.get(name="Admin BKD"))
    http = Client()
    http.force_login(admin)
    page = http.get(f"/penilaian/hasil/{periode.pk}/{ratee.pk}/").content.decode()
    assert "<svg" in page and "sesuai kebijakan retensi data" in page
    assert "Komentar" not in page
    # The PDF says it too (it has no statement table to leave out silently).
    from io import BytesIO

    from pypdf import PdfReader

    pdf = http.get(f"/penilaian/hasil/{periode.pk}/{ratee.pk}/pdf/")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "kebijakan retensi data" in " ".join(text.split())
    assert "Komentar" not in text
