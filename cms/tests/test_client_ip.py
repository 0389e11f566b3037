"""The real client address behind the reverse proxy: one function (cms.ratelimit.client_ip) for
django-axes and every rate limit, trusting exactly TRUSTED_PROXY_COUNT proxies (issue 16, #4)."""

import pytest
from django.core import mail
from django.test import RequestFactory

from cms.ratelimit import client_ip
from evaluasi.demo import DEMO_PASSWORD
from evaluasi.demo_roster import GURU_DEMO
from evaluasi.models import Pegawai

PROXY = "127.0.0.1"  # nginx on the same host, as docs/operasi.md describes
ATTACKER = "198.51.100.7"
GURU_AT_HOME = "203.0.113.5"


def _via_proxy(client_address: str, forged: str = "") -> dict:
    """What the app sees when nginx forwards a request from `client_address`, which itself sent
    `X-Forwarded-For: forged` (nginx appends the address it saw)."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        # No proxy configured: the header is the client's own words and is ignored.
        (0, {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": GURU_AT_HOME}, ATTACKER),
        (0, {"REMOTE_ADDR": ATTACKER}, ATTACKER),
        # One proxy: the right-most entry is the one nginx wrote.
        (1, _via_proxy(GURU_AT_HOME), GURU_AT_HOME),
        # A forged entry from an untrusted client stays on the left and is not believed.
        (1, _via_proxy(ATTACKER, forged=GURU_AT_HOME), ATTACKER),
        (1, _via_proxy(ATTACKER, forged=f"1.2.3.4, {GURU_AT_HOME}"), ATTACKER),
        (1, _via_proxy(ATTACKER, forged="bukan-alamat"), ATTACKER),
        # Two proxies (load balancer, then nginx): the second entry from the right.
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{GURU_AT_HOME}, {ATTACKER}, 10.0.0.2"},
            ATTACKER,
        ),
        # A request that reached the app without passing the proxies: no chain to read.
        (1, {"REMOTE_ADDR": ATTACKER}, ATTACKER),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": GURU_AT_HOME}, PROXY),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, meta, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_axes_lockout_behind_the_proxy_locks_the_attacker_not_the_owner(roster, client, settings):
    """Five wrong passwords for someone's NIP from elsewhere, even with a forged header naming
    the owner's address, do not stop the owner from logging in."""
    settings.TRUSTED_PROXY_COUNT = 1
    nip = GURU_DEMO[0]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/akun/masuk/",
            {"username": nip, "password": "salah"},
            **_via_proxy(ATTACKER, forged=GURU_AT_HOME),
        )
    locked = client.post(
        "/akun/masuk/", {"username": nip, "password": DEMO_PASSWORD}, **_via_proxy(ATTACKER)
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    owner = client.post(
        "/akun/masuk/", {"username": nip, "password": DEMO_PASSWORD}, **_via_proxy(GURU_AT_HOME)
    )
    assert owner.status_code == 302
    assert client.session["_auth_user_id"]

    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_rate_limits_behind_the_proxy_count_each_client_separately(roster, client, settings):
    """One office exhausting the per-address reset limit leaves the rest of the province alone."""
    settings.TRUSTED_PROXY_COUNT = 1
    email = Pegawai.objects.get(nip=GURU_DEMO[0]).email
    for _ in range(settings.ACTIVATION_RATE_PER_IP):
        client.post("/akun/lupa-sandi/", {"email": email}, **_via_proxy(ATTACKER))
    assert (
        client.post("/akun/lupa-sandi/", {"email": email}, **_via_proxy(ATTACKER)).status_code
        == 429
    )
    # A forged header does not let the same client borrow someone else's allowance.
    forged = client.post(
        "/akun/lupa-sandi/", {"email": email}, **_via_proxy(ATTACKER, forged=GURU_AT_HOME)
    )
    assert forged.status_code == 429
    sent = len(mail.outbox)
    elsewhere = client.post("/akun/lupa-sandi/", {"email": email}, **_via_proxy(GURU_AT_HOME))
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == sent + 1
