"""Wagtail API v2 router: /api/v2/pages/, /api/v2/images/, /api/v2/documents/.

Only live, public pages are served (PagesAPIViewSet filters drafts and private pages itself), and
only documents outside view-restricted collections. See docs/api.md.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from sosialisasi.selectors import documents_public


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents in view-restricted collections are never listed or served by the API."""

    def get_queryset(self):

        return documents_public().order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
