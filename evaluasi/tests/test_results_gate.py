"""The results gate and the per-figure threshold (docs/privasi.md): no output lets anyone work out
one rater's answers by reading it before and after that rater's submission, and every figure shown
once results are computed rests on at least the threshold of rekan/bawahan answers."""

import re
from io import BytesIO
from zipfile import ZipFile

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from cms.accounts.services import account_for_pegawai
from cms.roles import ADMIN_BKD, ADMIN_OPD
from evaluasi.models import (
    EksporDokumen,
    EvaluasiKinerja,
    JawabanTerbuka,
    LingkupAdmin,
    PeriodePenilaian,
    Pernyataan,
    UnitKerja,
)
from evaluasi.selectors.reports import report_for
from evaluasi.services.aggregation import aggregate
from evaluasi.services.periods import period_transition
from evaluasi.tests.factories import EvaluasiKinerjaFactory, PegawaiFactory, TahunKinerjaFactory
from evaluasi.tests.ratings import rate


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _cells(content: bytes) -> list[list]:
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _text(response) -> str:
    """A page's text without what changes on every request (CSRF tokens, nonces)."""
    html = response.content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", html)


@pytest.fixture
def world(opd, periode_dibuka):
    """A ratee with atasan, self and three submitted rekan (a fourth pending), an SKP evaluation
    the atasan decides, a second award candidate, an Admin OPD of the unit and an Admin BKD."""
    boss = PegawaiFactory(unit_kerja=opd, nama="Atasan Langsung")
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss, nama="Pegawai Dinilai")
    rival = PegawaiFactory(unit_kerja=opd, atasan=boss, nama="Aaa Pesaing")
    peers = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(7)]
    rate(periode_dibuka, ratee, ratee, "diri", 5)
    rate(periode_dibuka, boss, ratee, "atasan", 4)
    for peer, value in zip(peers[:3], (2, 3, 4), strict=True):
        rate(periode_dibuka, peer, ratee, "rekan", value)
    for peer in peers[4:7]:
        rate(periode_dibuka, peer, rival, "rekan", 3)
    question = periode_dibuka.instrumen.pertanyaan_terbuka.first()
    for tugas in ratee.penugasan_dinilai.filter(hubungan="rekan"):
        JawabanTerbuka.objects.create(
            penugasan=tugas, pertanyaan=question, teks=f"Saran {tugas.pk}"
        )
    for person in (ratee, rival):  # the year's annual evaluation, Baik (award candidates)
        EvaluasiKinerjaFactory(
            rencana__pegawai=person,
            periode_kinerja=TahunKinerjaFactory(tahun=periode_dibuka.tahun).tahunan,
            predikat="baik",
            rating_hasil_kerja="sesuai",
        )
    for p in (boss, ratee):
        account_for_pegawai(p)
        p.refresh_from_db()
    opd_admin = User.objects.create_user("admin-opd", password="x", is_staff=True)
    opd_admin.groups.add(Group.objects.get(name=ADMIN_OPD))
    LingkupAdmin.objects.create(user=opd_admin, unit_kerja=opd)
    bkd = User.objects.create_user("admin-bkd", password="x", is_staff=True)
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    return {
        "periode": periode_dibuka,
        "boss": boss,
        "ratee": ratee,
        "fourth": peers[3],
        "admin_opd": opd_admin,
        "admin_bkd": bkd,
        "evaluasi": EvaluasiKinerja.objects.get(rencana__pegawai=ratee),
    }


def _outputs(client, w) -> dict:
    """Every output that carries 360-derived data, for each role that can ask for it."""
    p, ratee = w["periode"], w["ratee"]
    report = f"/penilaian/hasil/{p.pk}/{ratee.pk}/"
    seen = {}

    def page(key, url):
        response = client.get(url)
        seen[key] = (response.status_code, _text(response) if response.status_code == 200 else "")

    def pdf(key, url):
        response = client.get(url)
        seen[key] = (
            response.status_code,
            _pdf_text(response.content) if response.status_code == 200 else "",
        )

    for role in ("admin_bkd", "admin_opd"):
        client.force_login(w[role])
        page(f"{role} laporan", report)
        pdf(f"{role} laporan pdf", report + "pdf/")
        board = client.get(f"/admin/penilaian/periode/{p.pk}/dasbor/")
        seen[f"{role} dasbor"] = (
            board.context["rating"],
            [(a.pk, mine, province) for a, mine, province in board.context["aspek"]],
            board.context["keseluruhan"].dinilai,
        )
        workbook = client.get(f"/admin/penilaian/periode/{p.pk}/dasbor.xlsx")
        # Completion columns (assigned, sent, %) may change: they are status, not answers.
        seen[f"{role} dasbor xlsx"] = [row[:1] + row[4:] for row in _cells(workbook.content)]
        before = set(EksporDokumen.objects.values_list("pk", flat=True))
        client.post(f"/admin/penilaian/periode/{p.pk}/dasbor/")
        seen[f"{role} zip"] = sorted(
            (name, _pdf_text(archive.read(name)))
            for ekspor in EksporDokumen.objects.exclude(pk__in=before).exclude(berkas="")
            for archive in [ZipFile(ekspor.berkas.open("rb"))]
            for name in archive.namelist()
        )
        awards = client.get(f"/admin/penilaian/periode/{p.pk}/penghargaan/")
        seen[f"{role} penghargaan"] = [e.rencana.pegawai_id for e in awards.context["kandidat"]]
    client.force_login(w["boss"].user)
    page("atasan laporan", report)
    decision = client.get(f"/skp/evaluasi/{w['evaluasi'].pk}/")
    # (index, BerAKHLAK value, pre-selected rating, 360 score) per row
    seen["atasan saran perilaku"] = [row[:4] for row in decision.context["perilaku"]]
    client.force_login(w["ratee"].user)
    page("asn laporan", f"/penilaian/hasil/{p.pk}/")
    pdf("asn laporan pdf", f"/penilaian/hasil/{p.pk}/pdf/")
    client.logout()
    return seen


@pytest.mark.parametrize("status", ["dibuka", "ditutup"])
def test_no_output_changes_with_one_submission_before_results_are_computed(client, world, status):
    """Read everything, let the fourth rekan submit (and the nightly refresh run), read again:
    while the period is open or closed, nothing that carries answers differs (or it is refused).
    On the previous code the ZIP, the dashboard workbook, the SKP suggestions and the award
    ranking each gave `4·new − 3·old`."""
    w = world
    periode = w["periode"]
    aggregate(periode_id=periode.pk)
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=status)
    before = _outputs(client, w)
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    rate(periode, w["fourth"], w["ratee"], "rekan", 1)
    aggregate(periode_id=periode.pk)
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status=status)
    after = _outputs(client, w)
    changed = [key for key in before if before[key] != after[key]]
    assert changed == []
    assert before["admin_bkd laporan"][0] == 404 and before["admin_bkd zip"] == []
    assert before["atasan saran perilaku"] and all(
        not row[3] for row in before["atasan saran perilaku"]
    )


def test_figures_appear_once_computed_and_only_from_then(client, world):
    """The same outputs do show the results once the period is *hasil dihitung* (admins) and
    *dipublikasikan* (ASN, atasan): the gate opens at the documented moment, not never."""
    w = world
    periode = w["periode"]
    for step in ("ditutup",):
        period_transition(periode_id=periode.pk, to=step, user=w["admin_bkd"])
    aggregate(periode_id=periode.pk)
    period_transition(periode_id=periode.pk, to="hasil_dihitung", user=w["admin_bkd"])
    computed = _outputs(client, w)
    assert computed["admin_bkd laporan"][0] == 200 and computed["admin_opd zip"]
    assert computed["asn laporan"][0] == 404 and computed["atasan laporan"][0] == 404
    period_transition(periode_id=periode.pk, to="dipublikasikan", user=w["admin_bkd"])
    published = _outputs(client, w)
    assert published["asn laporan"][0] == 200 and published["atasan laporan"][0] == 200
    # The SKP suggestions read a published period of the year: here, this one.
    assert any(row[3] for row in published["atasan saran perilaku"])


def test_results_cannot_be_computed_while_a_submission_is_not_counted(world):
    """*Hasil dihitung* fixes what admins read; a submission after the last aggregation (a late
    one accepted while closed) would change it afterwards, so the step is refused until a new
    aggregation ran."""
    from evaluasi.services.periods import PeriodRefused

    w = world
    periode = w["periode"]
    aggregate(periode_id=periode.pk)
    period_transition(periode_id=periode.pk, to="ditutup", user=w["admin_bkd"])
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dibuka")
    rate(periode, w["fourth"], w["ratee"], "rekan", 1)
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="ditutup")
    with pytest.raises(PeriodRefused, match="setelah penghitungan terakhir"):
        period_transition(periode_id=periode.pk, to="hasil_dihitung", user=w["admin_bkd"])
    aggregate(periode_id=periode.pk)
    period_transition(periode_id=periode.pk, to="hasil_dihitung", user=w["admin_bkd"])


def _computed(w):
    periode = w["periode"]
    aggregate(periode_id=periode.pk)
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="dipublikasikan")
    return report_for(w["admin_bkd"], periode.pk, w["ratee"].pk)


def test_an_optional_statement_answered_by_one_rekan_shows_no_figure(client, world):
    """Four rekan (a shown group), but only one answered an optional statement: its 'Penilai
    lain' figure would be that colleague's exact answer, so it is withheld and says why."""
    w = world
    periode = w["periode"]
    optional = Pernyataan.objects.filter(aspek__instrumen=periode.instrumen).first()
    Pernyataan.objects.filter(pk=optional.pk).update(wajib=False)
    Pernyataan.objects.filter(pk=optional.pk).update(untuk_atasan=False)
    # The three rekan already submitted answered it; remove theirs so only the fourth remains.
    from evaluasi.models import Jawaban

    Jawaban.objects.filter(
        pernyataan=optional, penugasan__hubungan__in=["rekan", "atasan"]
    ).delete()
    rate(periode, w["fourth"], w["ratee"], "rekan", 1)
    report = _computed(w)
    row = next(r for r in report.pernyataan if r[0].pk == optional.pk)
    assert row[2] is None and row[3] == "kurang dari 3 penilai"
    shown = [r for r in report.pernyataan if r[0].pk != optional.pk]
    assert shown and all(r[2] is not None and not r[3] for r in shown)
    client.force_login(w["admin_bkd"])
    html = client.get(f"/penilaian/hasil/{periode.pk}/{w['ratee'].pk}/").content.decode()
    assert "kurang dari 3 penilai" in html


def test_a_comment_list_below_the_threshold_is_withheld_and_says_why(client, world):
    """Three rekan are a shown group, but only one wrote on the question: the list is withheld
    (on the page and in the PDF) instead of showing one colleague's words; self never appears
    among the colleagues' comments."""
    w = world
    periode = w["periode"]
    question = periode.instrumen.pertanyaan_terbuka.first()
    JawabanTerbuka.objects.filter(penugasan__dinilai=w["ratee"]).exclude(
        pk=JawabanTerbuka.objects.filter(penugasan__dinilai=w["ratee"]).first().pk
    ).delete()
    own = w["ratee"].penugasan_dinilai.get(hubungan="diri")
    JawabanTerbuka.objects.create(penugasan=own, pertanyaan=question, teks="Catatan diri sendiri")
    report = _computed(w)
    assert report.komentar == [] and report.komentar_ditahan == [question.teks]
    client.force_login(w["admin_bkd"])
    url = f"/penilaian/hasil/{periode.pk}/{w['ratee'].pk}/"
    html = client.get(url).content.decode()
    assert "Saran " not in html and "Catatan diri sendiri" not in html
    assert "kurang dari 3 penilai yang menjawab" in html
    pdf = _pdf_text(client.get(url + "pdf/").content)
    assert "Saran " not in pdf and "kurang dari 3 penilai" in pdf


def _unit_with_people(parent, kode, n, periode, boss):
    unit = UnitKerja.objects.create(kode=kode, nama=f"Unit {kode}", jenis="bidang", induk=parent)
    for _ in range(n):
        ratee = PegawaiFactory(unit_kerja=unit, atasan=boss)
        raters = [PegawaiFactory(unit_kerja=unit) for _ in range(3)]
        for rater in raters:
            rate(periode, rater, ratee, "rekan", 3)
    return unit


def test_no_two_dashboard_figures_differ_by_fewer_than_the_threshold(client, opd, periode_dibuka):
    """A unit with two child units of 3 ratees each and one ratee working directly in it:
    showing the unit's average beside both children's would give that one person's average by
    subtraction. One child is withheld instead (the larger figure, the unit's, stays), so the
    unit minus the shown child still covers four people."""
    boss = PegawaiFactory(unit_kerja=opd)
    first = _unit_with_people(opd, "C1", 3, periode_dibuka, boss)
    second = _unit_with_people(opd, "C2", 3, periode_dibuka, boss)
    alone = PegawaiFactory(unit_kerja=opd, atasan=boss)
    for rater in [PegawaiFactory(unit_kerja=opd) for _ in range(3)]:
        rate(periode_dibuka, rater, alone, "rekan", 1)
    aggregate(periode_id=periode_dibuka.pk)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    bkd = User.objects.create_user("bkd", password="x", is_staff=True)
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    client.force_login(bkd)
    base = f"/admin/penilaian/periode/{periode_dibuka.pk}"
    rows = {row[0]: row for row in _cells(client.get(f"{base}/dasbor.xlsx?unit={opd.pk}").content)}
    aspects = slice(5 + 3, None)  # unit, assigned, sent, %, with results, 3 ratings, aspects

    def shown(name, columns=aspects):
        values = rows[name][columns]
        assert all(v in ("", None) for v in values) or all(
            isinstance(v, int | float) for v in values
        )
        return all(isinstance(v, int | float) for v in values)

    assert shown(opd.nama) and shown(opd.nama, slice(5, 8))  # the unit, ratings included
    assert [shown(first.nama), shown(second.nama)].count(True) == 1
    page = client.get(f"{base}/dasbor/?unit={opd.pk}")
    assert all(m is not None and p is not None for _, m, p in page.context["aspek"])
    hidden = first if not shown(first.nama) else second
    child_page = client.get(f"{base}/dasbor/?unit={hidden.pk}").content.decode()
    assert "ditahan: selisih &lt; 3 pegawai" in child_page  # withheld on its own page too


def test_dashboard_queries_do_not_grow_with_the_number_of_units(client, opd, periode_dibuka):
    boss = PegawaiFactory(unit_kerja=opd)
    bkd = User.objects.create_user("bkd", password="x", is_staff=True)
    bkd.groups.add(Group.objects.get(name=ADMIN_BKD))
    client.force_login(bkd)
    url = f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor/?unit={opd.pk}"

    def queries() -> int:
        aggregate(periode_id=periode_dibuka.pk)
        PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="dibuka")
        return len(captured)

    _unit_with_people(opd, "K1", 1, periode_dibuka, boss)
    few = queries()
    for i in range(2, 21):
        _unit_with_people(opd, f"K{i}", 1, periode_dibuka, boss)
    assert queries() == few


def _tree_people(parents, direct, node) -> int:
    return direct.get(node, 0) + sum(
        _tree_people(parents, direct, c) for c, p in parents.items() if p == node
    )


def _tree_covered(parents, direct, shown, node) -> int:
    """People of `node`'s subtree inside the largest shown units strictly below it."""
    return sum(
        _tree_people(parents, direct, c) if c in shown else _tree_covered(parents, direct, shown, c)
        for c, p in parents.items()
        if p == node
    )


def test_shown_cells_leave_no_small_difference_on_random_trees():
    """For every shown unit, what its figure holds beyond the largest shown units below it is
    nobody or at least the threshold: then every shown figure is a sum of disjoint regions of at
    least the threshold, and no difference of shown figures isolates fewer people."""
    import random

    from evaluasi.selectors.unit_rollup import PROVINCE, shown_cells

    rng = random.Random(15)
    for _ in range(300):
        size = rng.randint(1, 25)
        parents = {u: rng.choice([None, *range(1, u)]) for u in range(1, size + 1)}
        direct = {u: rng.choice([0, 0, 1, 1, 2, 3, 5]) for u in parents}
        threshold = rng.choice([3, 4, 5])
        shown = shown_cells(parents, direct, threshold)
        for node in shown:
            people = _tree_people(parents, direct, node)
            rest = people - _tree_covered(parents, direct, shown, node)
            assert people > 0 and (rest == 0 or rest >= threshold), (parents, direct)
        # The province is shown whenever the people rated reach the threshold at all.
        if _tree_people(parents, direct, PROVINCE) >= threshold:
            assert PROVINCE in shown, (parents, direct, threshold)


def test_the_nightly_refresh_leaves_open_periods_alone(world):
    """Results of an open period could not be read; computing them nightly only made a
    before/after pair for whoever could read them. Closed periods are refreshed."""
    from evaluasi.models import AgregasiHasil, HasilPerilaku
    from evaluasi.tasks import aggregation_nightly_task

    periode = world["periode"]
    assert aggregation_nightly_task() == 0
    assert not AgregasiHasil.objects.exists() and not HasilPerilaku.objects.exists()
    PeriodePenilaian.objects.filter(pk=periode.pk).update(status="ditutup")
    assert aggregation_nightly_task() == 1
    assert HasilPerilaku.objects.filter(periode=periode).exists()
