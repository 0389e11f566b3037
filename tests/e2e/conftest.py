"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Run with `make test-e2e` (its own pytest invocation: the live server flushes the database).
Screenshots go to artifacts/screenshots/ (git-ignored).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def login_asn(page, live_server, nip):
    """Log `page` in through the public login form as the demo pegawai `nip`."""
    from evaluasi.demo import DEMO_PASSWORD

    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("NIP", exact=True).fill(nip)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def phone_page_as(browser, live_server, nip):
    """A new phone-width page of its own browser context, logged in as the demo pegawai `nip`
    (for tests where two people act side by side)."""
    page = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    page.set_default_timeout(10_000)
    login_asn(page, live_server, nip)
    return page


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)
        # Serialized rollback restores what migrations created (Wagtail's root page and default
        # locale) after the live server's flush, so each test starts from a migrated site.
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "locale": "id-ID",
        "timezone_id": "Asia/Jakarta",
    }


@pytest.fixture
def demo_site():
    from cms.demo import demo_load

    return demo_load()


@pytest.fixture(autouse=True)
def _fail_fast(page):
    page.set_default_timeout(10_000)


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def csp_violations(page):
    """Console messages reporting Content-Security-Policy violations, collected during the test."""
    messages = []
    page.on(
        "console",
        lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return messages
