"""A teacher fills in a 360 assessment on a 360-px phone: half, reload, the rest, submit."""

from playwright.sync_api import expect

from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Jawaban, Penugasan


def test_asn_answers_half_reloads_finishes_and_submits(
    live_server, demo_site, page, screenshot, csp_violations
):
    page.set_viewport_size({"width": 360, "height": 780})
    # How many peers the guru rates depends on the period's seeded sample: count, don't assume.
    mine = Penugasan.objects.filter(penilai__nip=GURU_DEMO[0], periode__status="dibuka")
    assigned, done = mine.count(), mine.filter(dikirim__isnull=False).count()
    tugas = mine.filter(hubungan="rekan", dikirim__isnull=True, dimulai__isnull=True).first()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.get_by_role("link", name="Penilaian Saya").click()
    expect(page.get_by_text(f"{done} dari {assigned} selesai")).to_be_visible()
    screenshot("penilaian-inbox-ponsel")
    page.locator(f'a[href="/penilaian/{tugas.pk}/"]').click()
    expect(page.get_by_text("Penilaian Anda anonim")).to_be_visible()

    groups = page.locator("fieldset.butir")
    total = groups.count()
    half = total // 2
    # The first answer with the keyboard alone: Tab onto the group, arrows move the choice.
    groups.nth(0).locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(groups.nth(0).locator("input:checked")).to_have_value("3")
    for index in range(1, half):
        groups.nth(index).locator('input[value="4"]').check()
    expect(page.locator("#autosave-status")).to_contain_text("Tersimpan")
    expect(page.locator("#kemajuan-teks")).to_contain_text(f"{half} dari {total}")
    screenshot("penilaian-form-ponsel", full_page=False)
    page.wait_for_function(
        f"() => document.querySelectorAll('input:checked').length === {half}"
        " && document.querySelector('#autosave-status').textContent.startsWith('Tersimpan')"
    )
    page.wait_for_timeout(300)  # let the last in-flight save land before reloading

    page.reload()
    expect(page.locator("input[type=radio]:checked")).to_have_count(half)
    expect(groups.nth(0).locator("input:checked")).to_have_value("3")
    assert Jawaban.objects.filter(penugasan=tugas).count() == half

    for index in range(half, total):
        groups.nth(index).locator('input[value="5"]').check()
    page.get_by_label("Apa yang perlu ditingkatkan?").fill("Berbagi materi ajar lebih sering.")
    page.get_by_role("button", name="Periksa dan kirim").click()
    expect(page.get_by_role("heading", name="Kirim penilaian?")).to_be_visible()
    screenshot("penilaian-konfirmasi-ponsel")
    page.get_by_role("button", name="Ya, kirim penilaian").click()
    expect(page.get_by_text("telah dikirim")).to_be_visible()
    expect(page.get_by_text(f"{done + 1} dari {assigned} selesai")).to_be_visible()
    screenshot("penilaian-terkirim-ponsel")

    tugas.refresh_from_db()
    assert tugas.dikirim is not None
    assert Jawaban.objects.filter(penugasan=tugas).count() == total
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    assert csp_violations == []


def test_autosave_survives_a_dropped_connection_and_retries(
    live_server, demo_site, page, screenshot
):
    """Offline for a moment: the page says so, keeps the answer, and saves it when back online."""
    mine = Penugasan.objects.filter(penilai__nip=GURU_DEMO[0], periode__status="dibuka")
    tugas = mine.filter(dikirim__isnull=True, dimulai__isnull=True).first()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP").fill(GURU_DEMO[0])
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/penilaian/{tugas.pk}/")
    groups = page.locator("fieldset.butir")

    page.context.set_offline(True)
    groups.nth(0).locator('input[value="4"]').check()
    expect(page.locator("#autosave-status")).to_contain_text("Koneksi terputus")
    screenshot("penilaian-koneksi-terputus", full_page=False)
    assert not Jawaban.objects.filter(penugasan=tugas).exists()

    page.context.set_offline(False)
    # The retry comes after 2 s (then 4, 8 … up to 30): no click needed.
    expect(page.locator("#autosave-status")).to_contain_text("Tersimpan", timeout=15_000)
    saved = Jawaban.objects.filter(penugasan=tugas)
    assert list(saved.values_list("nilai", flat=True)) == [4]
