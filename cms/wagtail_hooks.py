from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .accounts.admin_views import bulk_activation
from .models import Topik


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [path("akun/aktivasi-massal/", bulk_activation, name="aktivasi_massal")]


class TopikViewSet(SnippetViewSet):
    model = Topik
    icon = "tag"
    menu_label = "Topik"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["nama", "slug", "urutan"]
    search_fields = ["nama"]


register_snippet(TopikViewSet)
