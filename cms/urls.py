import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from evaluasi.selectors.roster import unit_scope_for
from sosialisasi.views import certificate_verify

from .accounts.views import AdminPasswordResetView
from .admin_scoping import scoped_site_history_view
from .api import api_router
from .health import health
from .storage import PUBLIC_MEDIA_PREFIXES
from .views import public_media, robots_txt, search

# Wagtail's site history report, limited to what the user may see (docs/privasi.md, "Layar bawaan
# Wagtail"): Admin BKD and superusers everything, everyone else page entries and their own actions.
SiteHistoryView = scoped_site_history_view(lambda user: unit_scope_for(user).everything)

urlpatterns = [
    # Ahead of Wagtail's own: the same view, rate-limited like /akun/lupa-sandi/.
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Ahead of Wagtail's own, same paths (its URL names reverse to these): scoped site history.
    path("admin/reports/site-history/", require_admin_access(SiteHistoryView.as_view())),
    path(
        "admin/reports/site-history/results/",
        require_admin_access(SiteHistoryView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cari/", search, name="search"),
    path("akun/", include("cms.accounts.urls")),
    path("pendaftaran/", include("sosialisasi.urls")),
    path("penilaian/", include("evaluasi.urls")),
    path("skp/", include("evaluasi.urls_skp")),
    path("sertifikat/<str:kode>/", certificate_verify, name="sertifikat_verifikasi"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sehat/", health, name="sehat"),
]

# What the development server serves under /media/ — like the proxy in docs/operasi.md §9: only
# the public folders of MEDIA_ROOT (Wagtail images, renditions, avatars), each confined to its own
# folder. Private files live outside MEDIA_ROOT and have no URL (cms/storage.py).
public_media_urlpatterns = [
    re_path(
        r"^{}(?P<folder>{})/(?P<path>.*)$".format(
            re.escape(settings.MEDIA_URL.lstrip("/")),
            "|".join(re.escape(prefix.rstrip("/")) for prefix in PUBLIC_MEDIA_PREFIXES),
        ),
        public_media,
    )
]
if settings.DEBUG:
    urlpatterns += public_media_urlpatterns

urlpatterns += [path("", include(wagtail_urls))]
