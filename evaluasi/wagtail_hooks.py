from wagtail import hooks

from .viewsets import KepegawaianGroup


@hooks.register("register_admin_viewset")
def register_kepegawaian():
    return KepegawaianGroup()
