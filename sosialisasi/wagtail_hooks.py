from wagtail import hooks

from .services.editorial import editorial_setup


@hooks.register("after_create_page")
def setup_editorial_workflow(request, page):
    """A new socialisation landing page gets the moderation workflow and Editor permissions."""
    from .models import SosialisasiIndexPage

    if isinstance(page.specific, SosialisasiIndexPage):
        editorial_setup(index_page=page)
