from wagtail import hooks

from .viewsets import KepegawaianGroup, PenilaianGroup


@hooks.register("register_admin_viewset")
def register_kepegawaian():
    return KepegawaianGroup()


@hooks.register("register_admin_viewset")
def register_penilaian():
    return PenilaianGroup()
