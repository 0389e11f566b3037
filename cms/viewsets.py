"""The kernel's Wagtail admin: the "Topik" snippet menu (registered in `wagtail_hooks`)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .topics import Topik


class TopikViewSet(SnippetViewSet):
    model = Topik
    icon = "tag"
    menu_label = "Topik"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["nama", "slug", "urutan"]
    search_fields = ["nama"]
