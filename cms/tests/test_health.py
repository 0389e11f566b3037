"""`/sehat/` answers for the database and the cache, and says which part failed."""

from django.test import override_settings


def test_health_reports_database_and_cache(client, db):
    response = client.get("/sehat/")
    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["basis_data"], body["cache"]) == ("ok", "ok", "ok")
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_cache_that_loses_writes_makes_it_503(client, db):
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        response = client.get("/sehat/")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("gagal") and response.json()["basis_data"] == "ok"


def test_asking_for_workers_without_a_running_cluster_is_503(client, db):
    response = client.get("/sehat/?pekerja=1")
    assert response.status_code == 503 and response.json()["pekerja"] == 0


def test_health_takes_no_writes(client, db):
    assert client.post("/sehat/").status_code == 405
