from django.urls import path
from wagtail import hooks

from .accounts.admin_views import bulk_activation


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [path("akun/aktivasi-massal/", bulk_activation, name="aktivasi_massal")]
