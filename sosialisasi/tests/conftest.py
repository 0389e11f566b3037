import pytest


@pytest.fixture
def sosialisasi(demo, settings, tmp_path_factory):
    """The demo site (which includes the socialisation section), as `make run` builds it."""
    from sosialisasi.models import SosialisasiIndexPage

    return SosialisasiIndexPage.objects.get()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
