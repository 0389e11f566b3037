"""Rencana pengembangan (services/skp_pengembangan.py, views/skp_pengembangan.py; docs/skp.md,
"Rencana pengembangan"): required only after Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang;
the pejabat penilai drafts it from the suggestions for the weakest aspects (the 360 report's
recommendation wiring), the pegawai agrees or asks for a change, both agreements are recorded,
the review is recorded at the review date; each step tells exactly the other side; the pegawai's
page reads as support; everyone else gets a 404."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cms.notifications import Pemberitahuan
from cms.topics import Topik
from evaluasi.models import Aspek, RencanaPengembangan, StatusPengembangan
from evaluasi.predikat import Predikat, needs_development_plan
from evaluasi.services import evaluations as ev
from evaluasi.services import skp_pengembangan as dev
from evaluasi.tests.skp_steps import submitted_evaluation

EVERYONE = ("kadis", "kepala", "guru", "guru2", "stranger")

# (rating hasil kerja, rating perilaku) -> predikat (the matrix, PermenPANRB 6/2022)
RATINGS = {
    Predikat.SANGAT_BAIK: ("di_atas", "di_atas"),
    Predikat.BAIK: ("sesuai", "sesuai"),
    Predikat.BUTUH_PERBAIKAN: ("di_bawah", "sesuai"),
    Predikat.KURANG: ("sesuai", "di_bawah"),
    Predikat.SANGAT_KURANG: ("di_bawah", "di_bawah"),
}
NEEDED = {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG}


def _decided(s, predikat=Predikat.SANGAT_KURANG):
    """The guru's evaluation decided by the kepala with `predikat`: the first RHK below when hasil
    kerja is below, Akuntabel below when perilaku is below (the other values sesuai)."""
    hasil, perilaku = RATINGS[predikat]
    evaluasi = submitted_evaluation(s)
    rhks = list(evaluasi.rencana.rhk.order_by("pk"))
    capaian = {rhk.pk: ("sesuai", "") for rhk in rhks}
    if hasil == "di_bawah":
        capaian[rhks[0].pk] = ("di_bawah", "Belum tercapai.")
    values = dict.fromkeys(ev.BERAKHLAK, "di_atas" if perilaku == "di_atas" else "sesuai")
    if perilaku == "di_bawah":
        values["Akuntabel"] = "di_bawah"
    ev.evaluation_decide(
        evaluasi_id=evaluasi.pk,
        user=s["kepala"].user,
        capaian=capaian,
        perilaku=values,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
    )
    evaluasi.refresh_from_db()
    assert evaluasi.predikat == predikat
    return evaluasi


@pytest.fixture
def pages(site_home, school):
    """A guide on Akuntabel's topic, a guide on developing competence (for a shortfall in hasil
    kerja), an unrelated guide, and an upcoming workshop on Akuntabel's topic."""
    from sosialisasi.models import (
        PanduanPage,
        SosialisasiIndexPage,
        WorkshopIndexPage,
        WorkshopPage,
    )

    perilaku = Topik.objects.create(nama="Perilaku Kerja / BerAKHLAK")
    kompetensi = Topik.objects.create(nama="Pengembangan Kompetensi")
    lain = Topik.objects.create(nama="Penghargaan")
    Aspek.objects.filter(nama="Akuntabel").update(topik=perilaku)
    index = SosialisasiIndexPage(title="Sosialisasi", slug="sosialisasi")
    site_home.add_child(instance=index)
    made = {}
    for key, title, topic in (
        ("akuntabel", "Menjadi ASN yang akuntabel", perilaku),
        ("kompetensi", "Merencanakan belajar mandiri", kompetensi),
        ("lain", "Tentang penghargaan ASN", lain),
    ):
        page = PanduanPage(title=title, slug=key, ringkasan="x", body="[]")
        index.add_child(instance=page)
        page.topik.set([topic])
        page.save_revision().publish()
        made[key] = page
    now = timezone.now()
    workshops = WorkshopIndexPage(title="Workshop", slug="workshop")
    site_home.add_child(instance=workshops)
    workshop = WorkshopPage(
        title="Klinik Integritas", slug="klinik-integritas", ringkasan="x", body="[]",
        mulai=now + timedelta(days=9), selesai=now + timedelta(days=9, hours=2), kapasitas=30,
        pendaftaran_dibuka=now - timedelta(days=1), pendaftaran_ditutup=now + timedelta(days=8),
    )  # fmt: skip
    workshops.add_child(instance=workshop)
    workshop.topik.set([perilaku])
    workshop.save_revision().publish()
    made["workshop"] = workshop
    return made


def _told(s, since: int) -> dict[str, int]:
    """Who of the school got how many notifications with a pk above `since`."""
    ids = {s[k].user_id: k for k in EVERYONE}
    counts: dict[str, int] = {}
    for user_id in Pemberitahuan.objects.filter(pk__gt=since).values_list("penerima", flat=True):
        key = ids.get(user_id, f"other {user_id}")
        counts[key] = counts.get(key, 0) + 1
    return counts


def _last_notification() -> int:
    return Pemberitahuan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("predikat", list(Predikat))
def test_rule_names_the_three_predicates(predikat):
    assert needs_development_plan(predikat) is (predikat in NEEDED)
    assert needs_development_plan("") is False


@pytest.mark.parametrize("predikat", list(Predikat))
def test_evaluation_page_shows_the_requirement_only_for_the_three_predicates(
    client, school, predikat
):
    evaluasi = _decided(school, predikat)
    client.force_login(school["kepala"].user)
    atasan = client.get(f"/skp/evaluasi/{evaluasi.pk}/").content.decode()
    client.force_login(school["guru"].user)
    pegawai = client.get(f"/skp/evaluasi/{evaluasi.pk}/").content.decode()
    assert ("Rencana pengembangan diperlukan" in atasan) is (predikat in NEEDED)
    assert ("Rencana pengembangan — dukungan untuk Anda" in pegawai) is (predikat in NEEDED)
    assert f"/skp/evaluasi/{evaluasi.pk}/pengembangan/" in atasan if predikat in NEEDED else True


def test_atasan_drafts_from_the_weakest_aspects_pegawai_agrees_review_recorded(
    client, school, pages
):
    s = school
    evaluasi = _decided(s, Predikat.SANGAT_KURANG)
    url = f"/skp/evaluasi/{evaluasi.pk}/pengembangan/"
    client.force_login(s["kepala"].user)
    page = client.get(url).content.decode()
    # Suggestions for Akuntabel (perilaku) and the RHK below (hasil kerja), nothing unrelated.
    assert "Akuntabel (perilaku kerja)" in page and "RHK: Hasil belajar meningkat" in page
    for key in ("akuntabel", "kompetensi", "workshop"):
        assert f'value="{pages[key].pk}"' in page, key
    assert pages["lain"].title not in page

    before = _last_notification()
    review_date = timezone.localdate() + timedelta(days=90)
    response = client.post(
        url,
        {
            "aksi": "susun",
            "tujuan": "Menyelesaikan koreksi tepat waktu; mengikuti klinik integritas.",
            "sumber": [pages["akuntabel"].pk, pages["workshop"].pk],
            "tanggal_tinjau": review_date.isoformat(),
        },
    )
    assert response.status_code == 302
    plan = RencanaPengembangan.objects.get(evaluasi=evaluasi)
    assert plan.status == StatusPengembangan.DRAF and plan.disusun_oleh == s["kepala"].user
    assert plan.disetujui_atasan_pada is not None and plan.disetujui_pegawai_pada is None
    assert plan.tanggal_tinjau == review_date
    assert {(x.halaman_id, x.jenis) for x in plan.sumber.all()} == {
        (pages["akuntabel"].pk, "panduan"),
        (pages["workshop"].pk, "workshop"),
    }
    assert _told(s, before) == {"guru": 1}

    # The pegawai reads goals and resources first, and asks for a change.
    client.force_login(s["guru"].user)
    page = client.get(url).content.decode()
    assert page.index("Menyelesaikan koreksi") < page.index("Menjadi ASN yang akuntabel")
    assert f'href="{pages["workshop"].url}#daftar"' in page
    before = _last_notification()
    client.post(url, {"aksi": "minta_ubah", "tanggapan": "Saya ingin ikut workshop daring."})
    plan.refresh_from_db()
    assert plan.tanggapan_pegawai == "Saya ingin ikut workshop daring."
    assert plan.disetujui_atasan_pada is None and plan.status == StatusPengembangan.DRAF
    assert _told(s, before) == {"kepala": 1}
    client.post(url, {"aksi": "setuju"})  # nothing waits for the pegawai now
    plan.refresh_from_db()
    assert plan.status == StatusPengembangan.DRAF

    # The atasan sends it again; the pegawai agrees: both agreements recorded.
    client.force_login(s["kepala"].user)
    assert "Saya ingin ikut workshop daring." in client.get(url).content.decode()
    before = _last_notification()
    client.post(
        url,
        {
            "aksi": "susun",
            "tujuan": "Menyelesaikan koreksi tepat waktu; klinik integritas daring.",
            "sumber": [pages["workshop"].pk, pages["kompetensi"].pk],
            "tanggal_tinjau": review_date.isoformat(),
        },
    )
    assert _told(s, before) == {"guru": 1}
    client.force_login(s["guru"].user)
    before = _last_notification()
    client.post(url, {"aksi": "setuju"})
    plan.refresh_from_db()
    assert plan.status == StatusPengembangan.DISEPAKATI
    assert plan.disetujui_atasan_pada and plan.disetujui_pegawai_pada
    assert _told(s, before) == {"kepala": 1}

    # The review: not before the date (the page says when), then recorded.
    client.force_login(s["kepala"].user)
    assert "Tinjauan dapat dicatat mulai" in client.get(url).content.decode()
    client.post(url, {"aksi": "tinjau", "hasil": "sebagian", "catatan": "Koreksi membaik."})
    plan.refresh_from_db()
    assert plan.status == StatusPengembangan.DISEPAKATI
    before = _last_notification()
    dev.development_plan_review(
        evaluasi_id=evaluasi.pk,
        user=s["kepala"].user,
        hasil="sebagian",
        catatan="Koreksi membaik; integritas dilanjutkan.",
        today=review_date,
    )
    plan.refresh_from_db()
    assert plan.status == StatusPengembangan.DITINJAU and plan.hasil_tinjauan == "sebagian"
    assert plan.ditinjau_oleh == s["kepala"].user and plan.ditinjau_pada is not None
    assert _told(s, before) == {"guru": 1}
    client.force_login(s["guru"].user)
    page = client.get(url).content.decode()
    assert "Tercapai sebagian" in page and "integritas dilanjutkan" in page
    actions = list(evaluasi.riwayat.values_list("aksi", flat=True))
    assert "rencana pengembangan disepakati" in actions
    assert "rencana pengembangan ditinjau: tercapai sebagian" in actions


def test_refusals(school, pages):
    s = school
    evaluasi = _decided(s, Predikat.BUTUH_PERBAIKAN)
    later = timezone.localdate() + timedelta(days=30)
    propose = {
        "evaluasi_id": evaluasi.pk,
        "tujuan": "Belajar.",
        "halaman_ids": [],
        "tanggal_tinjau": later,
    }
    for key in ("guru", "guru2", "kadis", "stranger"):
        with pytest.raises(dev.DevelopmentPlanRefused):
            dev.development_plan_propose(user=s[key].user, **propose)
    with pytest.raises(dev.DevelopmentPlanRefused, match="setelah hari ini"):
        dev.development_plan_propose(
            user=s["kepala"].user, **{**propose, "tanggal_tinjau": timezone.localdate()}
        )
    with pytest.raises(dev.DevelopmentPlanRefused, match="disarankan"):
        # Akuntabel is not below here: its guide is not among the suggestions.
        dev.development_plan_propose(
            user=s["kepala"].user, **{**propose, "halaman_ids": [pages["akuntabel"].pk]}
        )
    with pytest.raises(dev.DevelopmentPlanRefused, match="tujuan"):
        dev.development_plan_propose(user=s["kepala"].user, **{**propose, "tujuan": "  "})
    with pytest.raises(dev.DevelopmentPlanRefused, match="menunggu persetujuan"):
        dev.development_plan_agree(evaluasi_id=evaluasi.pk, user=s["guru"].user)
    dev.development_plan_propose(
        user=s["kepala"].user, **{**propose, "halaman_ids": [pages["kompetensi"].pk]}
    )
    for key in ("kepala", "guru2", "kadis"):
        with pytest.raises(dev.DevelopmentPlanRefused):
            dev.development_plan_agree(evaluasi_id=evaluasi.pk, user=s[key].user)
    with pytest.raises(dev.DevelopmentPlanRefused, match="setelah rencana pengembangan disepakati"):
        dev.development_plan_review(
            evaluasi_id=evaluasi.pk, user=s["kepala"].user, hasil="belum", catatan="x", today=later
        )
    dev.development_plan_agree(evaluasi_id=evaluasi.pk, user=s["guru"].user)
    with pytest.raises(dev.DevelopmentPlanRefused, match="sudah disepakati"):
        dev.development_plan_propose(user=s["kepala"].user, **propose)
    with pytest.raises(dev.DevelopmentPlanRefused):
        dev.development_plan_review(
            evaluasi_id=evaluasi.pk, user=s["guru"].user, hasil="belum", catatan="x", today=later
        )
    with pytest.raises(dev.DevelopmentPlanRefused, match="mulai"):
        dev.development_plan_review(
            evaluasi_id=evaluasi.pk, user=s["kepala"].user, hasil="belum", catatan="x"
        )
    with pytest.raises(dev.DevelopmentPlanRefused, match="catatan"):
        dev.development_plan_review(
            evaluasi_id=evaluasi.pk, user=s["kepala"].user, hasil="belum", catatan="", today=later
        )
    dev.development_plan_review(
        evaluasi_id=evaluasi.pk, user=s["kepala"].user, hasil="belum", catatan="x", today=later
    )
    with pytest.raises(dev.DevelopmentPlanRefused, match="sudah dicatat"):
        dev.development_plan_review(
            evaluasi_id=evaluasi.pk, user=s["kepala"].user, hasil="belum", catatan="x", today=later
        )


def test_no_plan_for_a_good_predikat(school):
    evaluasi = _decided(school, Predikat.BAIK)
    with pytest.raises(dev.DevelopmentPlanRefused, match="Butuh Perbaikan"):
        dev.development_plan_propose(
            evaluasi_id=evaluasi.pk,
            user=school["kepala"].user,
            tujuan="Belajar.",
            halaman_ids=[],
            tanggal_tinjau=timezone.localdate() + timedelta(days=30),
        )


def test_acceptance_and_objection_are_not_blocked_by_a_missing_plan(school):
    s = school
    evaluasi = _decided(s, Predikat.KURANG)
    ev.evaluation_accept(evaluasi_id=evaluasi.pk, user=s["guru"].user)
    other = _decided_for_guru2(s)
    ev.objection_file(evaluasi_id=other.pk, user=s["guru2"].user, alasan="Belum lengkap.")


def _decided_for_guru2(s):
    swapped = {**s, "guru": s["guru2"]}
    return _decided(swapped, Predikat.SANGAT_KURANG)


def test_a_refused_field_comes_back_next_to_it_with_what_was_typed(client, school):
    evaluasi = _decided(school, Predikat.SANGAT_KURANG)
    client.force_login(school["kepala"].user)
    page = client.post(
        f"/skp/evaluasi/{evaluasi.pk}/pengembangan/",
        {"aksi": "susun", "tujuan": "Tujuan yang saya ketik", "tanggal_tinjau": "2001-01-01"},
    ).content.decode()
    assert "Tanggal tinjau harus setelah hari ini." in page and "Tujuan yang saya ketik" in page
    assert not RencanaPengembangan.objects.exists()


def test_others_get_404_and_the_penilai_atasan_only_reads(client, school):
    s = school
    evaluasi = _decided(s, Predikat.SANGAT_KURANG)
    url = f"/skp/evaluasi/{evaluasi.pk}/pengembangan/"
    for key in ("guru2", "stranger"):
        client.force_login(s[key].user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"aksi": "setuju"}).status_code == 404
    client.force_login(User.objects.create_user("tanpa-pegawai"))
    assert client.get(url).status_code == 404
    client.force_login(s["kadis"].user)
    page = client.get(url)
    assert page.status_code == 200 and 'name="aksi"' not in page.content.decode()
    client.post(
        url,
        {
            "aksi": "susun",
            "tujuan": "x",
            "tanggal_tinjau": (timezone.localdate() + timedelta(days=9)).isoformat(),
        },
    )
    assert not RencanaPengembangan.objects.exists()


@pytest.mark.parametrize("predikat", sorted(NEEDED))
def test_the_pegawai_reads_support_never_sanction(client, school, pages, predikat):
    s = school
    evaluasi = _decided(s, predikat)
    dev.development_plan_propose(
        evaluasi_id=evaluasi.pk,
        user=s["kepala"].user,
        tujuan="Mendampingi Anda menuntaskan koreksi.",
        halaman_ids=[pages["kompetensi"].pk] if predikat != Predikat.KURANG else [],
        tanggal_tinjau=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(s["guru"].user)
    for url in (f"/skp/evaluasi/{evaluasi.pk}/pengembangan/", f"/skp/evaluasi/{evaluasi.pk}/"):
        page = client.get(url).content.decode()
        assert "Rencana pengembangan — dukungan untuk Anda" in page
        lowered = page.lower()
        for word in ("sanksi", "hukuman", "pelanggaran"):
            assert word not in lowered, (url, word)
    plan_page = client.get(f"/skp/evaluasi/{evaluasi.pk}/pengembangan/").content.decode()
    heading = plan_page.split("<h1>")[1].split("</h1>")[0]
    assert evaluasi.get_predikat_display() not in heading
    assert "callout-penting" not in plan_page and "alert-error" not in plan_page


def test_bawahan_saya_lists_evaluations_lacking_an_agreed_plan(client, school):
    s = school
    evaluasi = _decided(s, Predikat.SANGAT_KURANG)
    url = f"/skp/evaluasi/{evaluasi.pk}/pengembangan/"
    client.force_login(s["kepala"].user)
    assert (
        f'href="{url}">Rencana pengembangan belum disusun'
        in client.get("/skp/bawahan/").content.decode()
    )
    dev.development_plan_propose(
        evaluasi_id=evaluasi.pk,
        user=s["kepala"].user,
        tujuan="Belajar.",
        halaman_ids=[],
        tanggal_tinjau=timezone.localdate() + timedelta(days=30),
    )
    assert "menunggu persetujuan pegawai" in client.get("/skp/bawahan/").content.decode()
    dev.development_plan_agree(evaluasi_id=evaluasi.pk, user=s["guru"].user)
    assert url not in client.get("/skp/bawahan/").content.decode()


def test_a_review_date_is_at_most_a_year_away_and_a_resent_plan_says_updated(school):
    s = school
    evaluasi = _decided(s, Predikat.BUTUH_PERBAIKAN)
    today = timezone.localdate()

    def send(review):
        return dev.development_plan_propose(
            evaluasi_id=evaluasi.pk,
            user=s["kepala"].user,
            tujuan="Remedial terjadwal.",
            halaman_ids=[],
            tanggal_tinjau=review,
        )

    with pytest.raises(dev.DevelopmentPlanRefused, match="satu tahun"):
        send(date(9999, 12, 31))
    send(today + timedelta(days=90))
    send(today + timedelta(days=120))
    titles = list(
        Pemberitahuan.objects.filter(penerima=s["guru"].user, judul__contains="pengembangan")
        .order_by("pk")
        .values_list("judul", flat=True)
    )
    assert titles == ["Rencana pengembangan untuk Anda", "Rencana pengembangan Anda diperbarui"]
