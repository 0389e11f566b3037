"""The site's URLs plus `/media/` serving the whole of MEDIA_ROOT — what a proxy with
`location /media/ { alias MEDIA_ROOT; }` (or the old development route) would expose. A private
file must still be unreachable there."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import urlpatterns as site_urlpatterns


def whole_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", whole_media), *site_urlpatterns]
