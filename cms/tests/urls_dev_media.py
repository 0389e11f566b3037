"""The site's URLs as the development server has them (DEBUG on): `/media/` serves only the
public folders (cms/urls.py `public_media_urlpatterns`)."""

from cms.urls import public_media_urlpatterns
from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [*public_media_urlpatterns, *site_urlpatterns]
