"""The rater's form: autosave and resume, submit once, the deadline, and nobody else's assignment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluasi.models import Jawaban, JawabanTerbuka, Penugasan, PeriodePenilaian, Pernyataan
from evaluasi.services.answers import AnswerIncomplete, AnswerRefused, assignment_submit
from evaluasi.services.assignments import assignments_generate
from evaluasi.tests.factories import PegawaiFactory


@pytest.fixture
def team(opd, periode_dibuka):
    boss = PegawaiFactory(unit_kerja=opd)
    staff = [PegawaiFactory(unit_kerja=opd, atasan=boss) for _ in range(3)]
    # The period is already open: generating now is a recorded change with a reason (the freeze).
    assignments_generate(periode_id=periode_dibuka.pk, alasan="Penugasan awal pengujian")
    return boss, staff


def _statements(periode, hubungan="rekan"):
    return list(
        Pernyataan.objects.filter(
            aspek__instrumen=periode.instrumen, **{f"untuk_{hubungan}": True}
        ).order_by("aspek__sort_order", "sort_order")
    )


def _answers(statements, value=4):
    return {f"p_{s.pk}": str(value) for s in statements}


def test_autosave_then_resume_shows_the_saved_answers(client, team, periode_dibuka, asn_login):
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=boss)
    statements = _statements(periode_dibuka, "bawahan")
    http = asn_login(staff[0])

    half = _answers(statements[:10], 5)
    response = http.post(f"/penilaian/{tugas.pk}/simpan/", {**half, "t_999999": "x"})
    assert response.status_code == 200 and response.json()["terjawab"] == 10
    question = periode_dibuka.instrumen.pertanyaan_terbuka.first()
    http.post(f"/penilaian/{tugas.pk}/simpan/", {f"t_{question.pk}": "Sangat membantu tim."})

    page = http.get(f"/penilaian/{tugas.pk}/").content.decode()
    assert page.count("checked") == 10
    assert f'name="p_{statements[0].pk}" value="5" checked' in page
    assert "Sangat membantu tim." in page
    assert "<strong>10</strong> dari 21" in page
    tugas.refresh_from_db()
    assert tugas.dimulai is not None and tugas.dikirim is None


def test_autosave_flood_is_refused_with_429_and_nothing_written(
    client, team, periode_dibuka, asn_login, settings
):
    settings.AUTOSAVE_RATE_PER_MINUTE = 3
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=boss)
    statements = _statements(periode_dibuka, "bawahan")
    http = asn_login(staff[0])
    for s in statements[:3]:
        assert http.post(f"/penilaian/{tugas.pk}/simpan/", _answers([s])).status_code == 200
    flooded = http.post(f"/penilaian/{tugas.pk}/simpan/", _answers(statements[3:4]))
    assert flooded.status_code == 429 and "Terlalu banyak" in flooded.json()["pesan"]
    assert flooded["Retry-After"] == "30"
    assert Jawaban.objects.filter(penugasan=tugas).count() == 3
    # Another rater is not held back by this one's limit.
    other = Penugasan.objects.get(penilai=staff[1], dinilai=boss)
    from django.test import Client

    assert (
        asn_login(staff[1], Client())
        .post(f"/penilaian/{other.pk}/simpan/", _answers(statements[:1]))
        .status_code
        == 200
    )


def test_submit_needs_every_required_item_and_keeps_what_was_sent(team, periode_dibuka):
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=staff[0])
    statements = _statements(periode_dibuka, "diri")
    with pytest.raises(AnswerIncomplete) as missing:
        assignment_submit(
            penugasan_id=tugas.pk, pegawai_id=staff[0].pk, data=_answers(statements[:-2])
        )
    assert missing.value.missing_statements == [s.pk for s in statements[-2:]]
    assert Jawaban.objects.filter(penugasan=tugas).count() == len(statements) - 2  # not rolled back
    tugas.refresh_from_db()
    assert tugas.dikirim is None


def test_double_submit_is_harmless_and_then_read_only(client, team, periode_dibuka, asn_login):
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[1], dinilai=boss)
    http = asn_login(staff[1])
    http.post(
        f"/penilaian/{tugas.pk}/",
        {**_answers(_statements(periode_dibuka, "bawahan")), "aksi": "kirim"},
    )
    first = http.post(f"/penilaian/{tugas.pk}/kirim/")
    second = http.post(f"/penilaian/{tugas.pk}/kirim/", follow=True)
    assert first.status_code == 302
    assert "sudah dikirim sebelumnya" in second.content.decode()
    tugas.refresh_from_db()
    sent_at = tugas.dikirim
    assert sent_at is not None

    statement = _statements(periode_dibuka, "bawahan")[0]
    refused = http.post(f"/penilaian/{tugas.pk}/simpan/", {f"p_{statement.pk}": "1"})
    assert refused.status_code == 409 and "sudah dikirim" in refused.json()["pesan"]
    http.post(f"/penilaian/{tugas.pk}/", {f"p_{statement.pk}": "1", "aksi": "simpan"})
    assert Jawaban.objects.get(penugasan=tugas, pernyataan=statement).nilai == 4
    page = http.get(f"/penilaian/{tugas.pk}/").content.decode()
    assert "telah dikirim" in page and "disabled" in page and "autosave.js" not in page
    tugas.refresh_from_db()
    assert tugas.dikirim == sent_at


def test_incomplete_submit_marks_the_missing_items_without_js(
    client, team, periode_dibuka, asn_login
):
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=staff[1])
    statements = _statements(periode_dibuka)
    http = asn_login(staff[0])
    response = http.post(f"/penilaian/{tugas.pk}/", {**_answers(statements[1:]), "aksi": "kirim"})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("butir-kurang") == 1 and f'id="butir-{statements[0].pk}"' in page
    assert Jawaban.objects.filter(penugasan=tugas).count() == len(statements) - 1
    # Completing it leads to the confirmation page, and only its POST submits.
    response = http.post(f"/penilaian/{tugas.pk}/", {**_answers(statements[:1]), "aksi": "kirim"})
    assert response.status_code == 302 and response["Location"].endswith("/kirim/")
    assert Penugasan.objects.get(pk=tugas.pk).dikirim is None


@pytest.mark.parametrize("shift", ["closed_status", "after_deadline", "before_start"])
def test_no_saving_outside_the_fill_window(team, periode_dibuka, shift, client, asn_login):
    boss, staff = team
    now = timezone.now()
    changes = {
        "closed_status": {"status": "ditutup"},
        "after_deadline": {"ditutup_pada": now - timedelta(minutes=1)},
        "before_start": {"dibuka_pada": now + timedelta(hours=1)},
    }[shift]
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(**changes)
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=staff[0])
    statements = _statements(periode_dibuka, "diri")
    with pytest.raises(AnswerRefused, match="Masa pengisian"):
        assignment_submit(penugasan_id=tugas.pk, pegawai_id=staff[0].pk, data=_answers(statements))
    http = asn_login(staff[0])
    response = http.post(f"/penilaian/{tugas.pk}/simpan/", _answers(statements[:3]))
    assert response.status_code == 409
    assert not Jawaban.objects.filter(penugasan=tugas).exists()


def test_nobody_opens_or_saves_someone_elses_assignment(client, team, periode_dibuka, asn_login):
    boss, staff = team
    others = Penugasan.objects.exclude(penilai=staff[2])
    statements = _statements(periode_dibuka)
    http = asn_login(staff[2])
    for tugas in others:
        for url in (f"/penilaian/{tugas.pk}/", f"/penilaian/{tugas.pk}/kirim/"):
            assert http.get(url).status_code == 404
        assert http.post(f"/penilaian/{tugas.pk}/simpan/", _answers(statements)).status_code == 404
        assert http.post(f"/penilaian/{tugas.pk}/kirim/").status_code == 404
    with pytest.raises(AnswerRefused):
        assignment_submit(penugasan_id=others[0].pk, pegawai_id=staff[2].pk, data={})
    assert (
        not Jawaban.objects.exists()
        and not Penugasan.objects.filter(dikirim__isnull=False).exists()
    )
    client.logout()
    lapsed = client.post(f"/penilaian/{others[0].pk}/simpan/", _answers(statements))
    assert lapsed.status_code == 401 and "Sesi Anda berakhir" in lapsed.json()["pesan"]


def test_a_value_outside_the_scale_is_refused(team, periode_dibuka, client, asn_login):
    boss, staff = team
    tugas = Penugasan.objects.get(penilai=staff[0], dinilai=staff[0])
    statement = _statements(periode_dibuka, "diri")[0]
    http = asn_login(staff[0])
    response = http.post(f"/penilaian/{tugas.pk}/simpan/", {f"p_{statement.pk}": "9"})
    assert response.status_code == 409 and "tidak sah" in response.json()["pesan"]
    assert not Jawaban.objects.exists()


def test_inbox_lists_own_assignments_with_progress(client, team, periode_dibuka, asn_login):
    boss, staff = team
    http = asn_login(staff[0])
    mine = Penugasan.objects.filter(penilai=staff[0])
    done = mine.get(dinilai=staff[0])
    assignment_submit(
        penugasan_id=done.pk,
        pegawai_id=staff[0].pk,
        data=_answers(_statements(periode_dibuka, "diri")),
    )
    page = http.get("/penilaian/").content.decode()
    assert f"1 dari {mine.count()} selesai" in page
    for tugas in mine:
        assert f'href="/penilaian/{tugas.pk}/"' in page
    for tugas in Penugasan.objects.exclude(penilai=staff[0]):
        assert f'href="/penilaian/{tugas.pk}/"' not in page


def _submit_queries(team, periode, count: int) -> int:
    boss, staff = team
    tugas = Penugasan.objects.filter(penilai=staff[0], dikirim__isnull=True).first()
    data = _answers(_statements(periode, tugas.hubungan)[:count])
    question = periode.instrumen.pertanyaan_terbuka.first()
    data[f"t_{question.pk}"] = "Pertahankan."
    with CaptureQueriesContext(connection) as queries:
        assignment_submit(penugasan_id=tugas.pk, pegawai_id=staff[0].pk, data=data)
    assert Jawaban.objects.filter(penugasan=tugas).count() == count
    assert JawabanTerbuka.objects.filter(penugasan=tugas).count() == 1
    return len(queries)


def test_submission_runs_a_constant_small_number_of_queries(team, periode_dibuka):
    """A full 21-statement submission costs what a 4-statement one does (optional rest)."""
    Pernyataan.objects.filter(aspek__instrumen=periode_dibuka.instrumen).update(wajib=False)
    few = _submit_queries(team, periode_dibuka, 4)
    full = _submit_queries(team, periode_dibuka, 21)
    assert few == full <= 12


def test_inbox_queries_do_not_grow_with_assignments(client, team, periode_dibuka, asn_login, opd):
    boss, staff = team
    http = asn_login(boss)
    http.get("/penilaian/")  # warm per-process caches (site settings, menu)
    with CaptureQueriesContext(connection) as few:
        http.get("/penilaian/")
    for _ in range(6):
        extra = PegawaiFactory(unit_kerja=opd)
        Penugasan.objects.create(
            periode=periode_dibuka, penilai=boss, dinilai=extra, hubungan="rekan"
        )
    with CaptureQueriesContext(connection) as many:
        page = http.get("/penilaian/").content.decode()
    assert page.count('class="card inbox-item"') == Penugasan.objects.filter(penilai=boss).count()
    assert len(many) == len(few) <= 15, [q["sql"][:90] for q in many]
