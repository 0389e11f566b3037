"""Fixtures shared by every test package (unit tests and tests/e2e)."""

import pytest


@pytest.fixture
def demo(db):
    """The demo site as `make run` builds it, from fixtures/."""
    from cms.demo import demo_load

    return demo_load()


@pytest.fixture
def home_page(demo):
    from cms.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached settings must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
