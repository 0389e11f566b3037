"""Attacks on anonymity (docs/aturan.md §5): what a ratee, their atasan or a unit admin could try
to learn about one rekan's or bawahan's answers, and why each learns nothing below the threshold."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from evaluasi.models import HasilPerilaku, JawabanTerbuka, Penugasan, PeriodePenilaian
from evaluasi.selectors.reports import report_for, statement_table
from evaluasi.selectors.results import ratee_comments
from evaluasi.services.aggregation import aggregate
from evaluasi.services.answers import AnswerRefused, answers_save, late_submission_accept
from evaluasi.tests.factories import PegawaiFactory
from evaluasi.tests.ratings import rate, rater_statements, result_rows


@pytest.fixture
def circle(opd, periode_dibuka):
    """A ratee with their atasan and three rekan (shown), and an Admin BKD."""
    from django.contrib.auth.models import Group, User

    boss = PegawaiFactory(unit_kerja=opd)
    ratee = PegawaiFactory(unit_kerja=opd, atasan=boss)
    peers = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(5)]
    rate(periode_dibuka, boss, ratee, "atasan", 4)
    for peer, value in zip(peers[:3], (2, 3, 4), strict=True):
        rate(periode_dibuka, peer, ratee, "rekan", value)
    admin = User.objects.create_user("bkd", password="x", is_staff=True)
    admin.groups.add(Group.objects.get(name="Admin BKD"))
    return boss, ratee, peers, admin


def _visible(periode, ratee):
    """Every figure a reader of the report can see, from the stored results and the report's reads."""
    hasil = HasilPerilaku.objects.get(periode=periode, dinilai=ratee)
    return (
        [row[2:] for row in result_rows(dinilai=ratee)],
        (hasil.skor, hasil.skor_diri, hasil.selisih, hasil.aspek_kuat, hasil.aspek_kembang),
        sorted((row[0].pk, *row[1:]) for row in statement_table(periode, ratee, hasil).values()),
        ratee_comments(periode, ratee),
    )


def test_withheld_responses_move_no_figure_and_no_comment(periode_dibuka, circle):
    """Two bawahan (below the threshold of 3) answer at the extremes and write comments: no mean,
    score, statement row or comment a reader sees changes — only the count of withheld responses."""
    boss, ratee, peers, admin = circle
    aggregate(periode_id=periode_dibuka.pk)
    before = _visible(periode_dibuka, ratee)
    question = periode_dibuka.instrumen.pertanyaan_terbuka.first()
    for report in [PegawaiFactory(unit_kerja=ratee.unit_kerja, atasan=ratee) for _ in range(2)]:
        tugas = rate(periode_dibuka, report, ratee, "bawahan", 1)
        JawabanTerbuka.objects.create(penugasan=tugas, pertanyaan=question, teks="Rahasia bawahan")
    aggregate(periode_id=periode_dibuka.pk)
    assert _visible(periode_dibuka, ratee) == before
    assert HasilPerilaku.objects.get(dinilai=ratee).disembunyikan == 2


def test_no_second_version_of_a_visible_report_after_a_late_response(
    client, periode_dibuka, circle
):
    """Differencing: with results visible (hasil dihitung), accepting a fourth rekan's late answers
    would let a reader subtract the two versions. The late window closes when results are computed."""
    boss, ratee, peers, admin = circle
    late = Penugasan.objects.create(
        periode=periode_dibuka, penilai=peers[3], dinilai=ratee, hubungan="rekan"
    )
    answers_save(
        penugasan_id=late.pk,
        pegawai_id=peers[3].pk,
        data={f"p_{s.pk}": "1" for s in rater_statements(periode_dibuka, "rekan")},
    )
    aggregate(periode_id=periode_dibuka.pk)
    page = f"/admin/penilaian/penugasan/{late.pk}/hapus/"
    client.force_login(admin)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="ditutup")
    assert "Terima kiriman terlambat" in client.get(page).content.decode()
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    shown = _visible(periode_dibuka, ratee)
    assert "Terima kiriman terlambat" not in client.get(page).content.decode()

    with pytest.raises(AnswerRefused, match="selisih hasil"):
        late_submission_accept(penugasan_id=late.pk, user=admin)
    late.refresh_from_db()
    assert late.dikirim is None
    assert _visible(periode_dibuka, ratee) == shown


def test_comment_order_is_neither_time_nor_rater_order(periode_dibuka, circle, opd):
    """The same three comments, written in opposite orders for two ratees, read back in one order."""
    boss, ratee, peers, admin = circle
    other = PegawaiFactory(unit_kerja=opd, atasan=boss)
    for rater, value in zip(peers[:3], (2, 3, 4), strict=True):
        rate(periode_dibuka, rater, other, "rekan", value)
    question = periode_dibuka.instrumen.pertanyaan_terbuka.first()
    texts = ["Pertama ditulis", "Kedua ditulis", "Ketiga ditulis"]
    for person, order in ((ratee, texts), (other, texts[::-1])):
        for rater, text in zip(peers[:3], order, strict=True):
            tugas = Penugasan.objects.get(penilai=rater, dinilai=person)
            JawabanTerbuka.objects.create(penugasan=tugas, pertanyaan=question, teks=text)
    first = ratee_comments(periode_dibuka, ratee)[0][question.pk]
    second = ratee_comments(periode_dibuka, other)[0][question.pk]
    assert sorted(first) == sorted(texts) and first == second


def test_report_and_pdf_carry_no_response_times(client, periode_dibuka, circle):
    """Submission times could be matched against who was seen at their desk: none is shown."""
    boss, ratee, peers, admin = circle
    moment = datetime(2026, 3, 17, 13, 37, tzinfo=ZoneInfo("Asia/Jakarta"))
    Penugasan.objects.filter(dinilai=ratee).update(dikirim=moment, dimulai=moment)
    aggregate(periode_id=periode_dibuka.pk)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="dipublikasikan")
    client.force_login(admin)
    page = client.get(f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/").content.decode()
    assert "Laporan penilaian 360" in page
    assert not re.search(r"13[.:]37|17 Mar|2026-03-17", page)
    pdf = client.get(f"/penilaian/hasil/{periode_dibuka.pk}/{ratee.pk}/pdf/")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert text and not re.search(r"13[.:]37|17 Mar|2026-03-17", text)
    report = report_for(admin, periode_dibuka.pk, ratee.pk)
    assert report.hasil.dihitung.date() == timezone.now().date()  # the run's time, not a rater's


def test_exports_carry_no_response_times(client, periode_dibuka, circle):
    """The completion and dashboard workbooks hold counts, never a rater's time of response."""
    from io import BytesIO

    from openpyxl import load_workbook

    boss, ratee, peers, admin = circle
    aggregate(periode_id=periode_dibuka.pk)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="dipublikasikan")
    client.force_login(admin)
    for url in (
        f"/admin/penilaian/periode/{periode_dibuka.pk}/kelengkapan.xlsx",
        f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor.xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [
            value
            for sheet in load_workbook(BytesIO(response.content)).worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        ]
        assert cells, url
        assert not any(isinstance(v, datetime) for v in cells), url
        assert not any(isinstance(v, str) and re.search(r"\d{1,2}[.:]\d{2}", v) for v in cells)
