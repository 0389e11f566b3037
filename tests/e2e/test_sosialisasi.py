from playwright.sync_api import expect


def test_visitor_searches_opens_a_guide_and_downloads_its_document(
    live_server, demo_site, page, screenshot, csp_violations
):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Cari di situs").fill("rencana hasil kerja")
    page.get_by_role("searchbox", name="Cari di situs").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("hasil untuk")
    expect(page.locator(".search-results mark").first).to_be_visible()
    screenshot("sosialisasi-cari-ponsel")

    page.get_by_role("link", name="Apa itu SKP dan bagaimana menulis RHK yang baik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Apa itu SKP dan bagaimana menulis RHK yang baik"
    )
    expect(page.get_by_role("heading", name="Langkah menyusun SKP")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("sosialisasi-panduan-ponsel")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh lembar kerja penyusunan SKP (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert csp_violations == []
