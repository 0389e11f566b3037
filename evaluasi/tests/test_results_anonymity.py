"""Answers are read back only as groups at or above the threshold (docs/aturan.md §5)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from evaluasi.models import AksesJawabanIndividual, Penugasan, Pernyataan
from evaluasi.selectors.results import individual_answers, ratee_result, visible_groups
from evaluasi.services.answers import assignment_submit
from evaluasi.tests.factories import PegawaiFactory


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {"diri": 1, "atasan": 1, "rekan": 3, "bawahan": 4},
            {"diri", "atasan", "rekan", "bawahan"},
        ),
        ({"rekan": 2, "bawahan": 3}, {"bawahan"}),  # rekan withheld, not merged into bawahan
        ({"rekan": 2, "bawahan": 1}, {"lainnya"}),  # two small groups merge to 3
        ({"rekan": 1, "bawahan": 1, "atasan": 1}, {"atasan"}),  # atasan never fills a merge
        ({"rekan": 2}, set()),
    ],
)
def test_visible_groups(counts, expected):
    assert set(visible_groups(counts, 3)) == expected


@pytest.fixture
def ratee_with_raters(opd, periode_dibuka):
    """A ratee with self, atasan, 2 rekan and 3 bawahan assignments, all created by hand."""
    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss)
    peers = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(3)]
    reports = [PegawaiFactory(unit_kerja=opd, atasan=ratee) for _ in range(3)]
    rows = (
        [(ratee, "diri"), (boss, "atasan")]
        + [(p, "rekan") for p in peers]
        + [(r, "bawahan") for r in reports]
    )
    for rater, relation in rows:
        Penugasan.objects.create(
            periode=periode_dibuka, penilai=rater, dinilai=ratee, hubungan=relation
        )
    return ratee, boss, peers, reports


def _submit(periode, rater, ratee, value, comment=""):
    tugas = Penugasan.objects.get(periode=periode, penilai=rater, dinilai=ratee)
    statements = Pernyataan.objects.filter(
        aspek__instrumen=periode.instrumen, **{f"untuk_{tugas.hubungan}": True}
    )
    data = {f"p_{s.pk}": str(value) for s in statements}
    question = periode.instrumen.pertanyaan_terbuka.first()
    data[f"t_{question.pk}"] = comment
    assignment_submit(penugasan_id=tugas.pk, pegawai_id=rater.pk, data=data)


def test_small_groups_are_withheld_and_drafts_never_count(periode_dibuka, ratee_with_raters):
    ratee, boss, peers, reports = ratee_with_raters
    _submit(periode_dibuka, ratee, ratee, 5, "saya")
    _submit(periode_dibuka, boss, ratee, 3, "atasan menulis")
    _submit(periode_dibuka, peers[0], ratee, 1, "rekan satu")
    _submit(periode_dibuka, peers[1], ratee, 1, "rekan dua")
    for i, report in enumerate(reports):
        _submit(periode_dibuka, report, ratee, 2 + i, f"bawahan {i}")
    # A third peer's draft (not submitted) must not bring rekan to the threshold.
    draft = Penugasan.objects.get(penilai=peers[2], dinilai=ratee)
    Penugasan.objects.filter(pk=draft.pk).update(dimulai=timezone.now())

    result = ratee_result(periode_dibuka, ratee)
    groups = {g.kelompok: g for g in result.kelompok}
    assert set(groups) == {"diri", "atasan", "bawahan"}
    assert groups["bawahan"].jumlah_penilai == 3
    # Independent computation: bawahan answered 2, 3, 4 on every statement -> mean 3.0 per aspect.
    assert set(groups["bawahan"].rerata_aspek.values()) == {3.0}
    assert set(groups["diri"].rerata_aspek.values()) == {5.0}
    assert result.disembunyikan == 2
    texts = [t for texts in result.komentar.values() for t in texts]
    assert "rekan satu" not in texts and "rekan dua" not in texts
    # Self is not among the colleagues' (unattributed) comments.
    assert sorted(texts) == sorted(["atasan menulis", "bawahan 0", "bawahan 1", "bawahan 2"])


def test_two_small_groups_merge_into_lainnya(periode_dibuka, ratee_with_raters):
    ratee, boss, peers, reports = ratee_with_raters
    _submit(periode_dibuka, peers[0], ratee, 2)
    _submit(periode_dibuka, peers[1], ratee, 4)
    _submit(periode_dibuka, reports[0], ratee, 3)
    _submit(periode_dibuka, boss, ratee, 5)
    result = ratee_result(periode_dibuka, ratee)
    groups = {g.kelompok: g for g in result.kelompok}
    assert set(groups) == {"atasan", "lainnya"}
    assert groups["lainnya"].jumlah_penilai == 3
    # Only statements every relationship answers are comparable; here all are shown to all three.
    assert set(groups["lainnya"].rerata_aspek.values()) == {3.0}


def test_individual_answers_only_for_superuser_with_explicit_permission(
    periode_dibuka, ratee_with_raters, client
):
    ratee, boss, peers, reports = ratee_with_raters
    _submit(periode_dibuka, boss, ratee, 4)
    root = User.objects.create_superuser("root", password="x")
    with pytest.raises(PermissionError):
        individual_answers(user=root, periode=periode_dibuka, dinilai=ratee, alasan="audit")
    client.force_login(root)
    url = f"/admin/penilaian/periode/{periode_dibuka.pk}/jawaban-individual/"
    denied = client.post(url, {"nip": ratee.nip, "alasan": "audit"})
    assert denied.status_code == 302 and not AksesJawabanIndividual.objects.exists()

    root.user_permissions.add(Permission.objects.get(codename="lihat_jawaban_individual"))
    root = User.objects.get(pk=root.pk)  # drop the permission cache
    client.force_login(root)
    page = client.post(url, {"nip": ratee.nip, "alasan": "Pemeriksaan keberatan no. 12"})
    assert boss.nama in page.content.decode()
    log = AksesJawabanIndividual.objects.get()
    assert (log.oleh, log.dinilai, log.alasan) == (root, ratee, "Pemeriksaan keberatan no. 12")
    assert client.post(url, {"nip": ratee.nip, "alasan": ""}).status_code == 200
    assert AksesJawabanIndividual.objects.count() == 1  # no reason, no access, no log
    assert (
        "Pemeriksaan keberatan no. 12" in client.get("/admin/penilaian/log-akses/").content.decode()
    )


def test_home_page_shows_the_open_period_and_own_progress(
    client, periode_dibuka, ratee_with_raters, asn_login, site_home
):
    ratee, boss, peers, reports = ratee_with_raters
    anonymous = client.get("/").content.decode()
    assert periode_dibuka.nama in anonymous and "Masuk dengan NIP" in anonymous
    _submit(periode_dibuka, peers[0], ratee, 3)
    page = asn_login(peers[0]).get("/").content.decode()
    assert "Anda: <strong>1 dari 1 selesai</strong>" in page
