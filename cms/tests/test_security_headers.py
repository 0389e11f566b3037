"""Security headers on every kind of page, and CSRF refusal on every state-changing public form."""

import pytest
from django.test import Client


def test_every_kind_of_page_carries_the_security_headers(client, demo):
    for path in ("/", "/akun/masuk/", "/penilaian/", "/sehat/", "/admin/login/", "/tidak-ada/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "object-src 'none'" in policy, path
        if not path.startswith("/admin/"):
            script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
            assert "'unsafe-inline'" not in script, path  # the public site runs no inline script
        assert response["X-Frame-Options"] == "DENY", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path


@pytest.mark.parametrize(
    "path",
    ["/akun/masuk/", "/akun/aktivasi/", "/akun/lupa-sandi/", "/penilaian/1/simpan/",
     "/penilaian/1/", "/penilaian/1/kirim/", "/admin/login/"],
)  # fmt: skip
def test_posts_without_a_csrf_token_are_refused_before_any_view_runs(db, path):
    response = Client(enforce_csrf_checks=True).post(path, {"username": "x", "password": "y"})
    assert response.status_code == 403
