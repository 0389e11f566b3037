"""Read-side queries for socialisation content; every one runs a fixed number of queries."""

from django.db.models import Prefetch
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import Topik

from .models import PanduanPage


def latest_guides(*, limit: int = 3):
    return list(
        PanduanPage.objects.live()
        .public()
        .order_by("-first_published_at")
        .prefetch_related("topik")[:limit]
    )


def guides_by_topic() -> list[tuple[Topik, list[PanduanPage]]]:
    """Topics that have live guides, each with its guides (two queries in all)."""
    guides = PanduanPage.objects.live().public().order_by("title")
    topics = Topik.objects.prefetch_related(
        Prefetch("panduan", queryset=guides, to_attr="live_guides")
    )
    return [(topic, topic.live_guides) for topic in topics if topic.live_guides]


def guides_for_topics(topic_ids, *, limit: int = 5):
    """Guides on any of the given topics (used to point weak aspects at guides)."""
    return list(
        PanduanPage.objects.live()
        .public()
        .filter(topik__in=topic_ids)
        .distinct()
        .order_by("title")[:limit]
    )


def _restricted_collection_ids() -> set[int]:
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    ids = set()
    for path in restricted:
        ids.update(Collection.objects.filter(path__startswith=path).values_list("id", flat=True))
    return ids


def documents_public(*, query: str = "", collection_id: str = ""):
    """Documents outside view-restricted collections, newest first, optionally searched by title."""
    Document = get_document_model()
    documents = Document.objects.exclude(
        collection_id__in=_restricted_collection_ids()
    ).select_related("collection")
    if collection_id.isdigit():
        documents = documents.filter(collection_id=int(collection_id))
    if query:
        documents = documents.filter(title__icontains=query)
    return documents.order_by("-created_at")


def document_categories():
    """Collections (below the root) that hold public documents: the library's categories."""
    restricted = _restricted_collection_ids()
    return list(
        Collection.objects.filter(depth__gt=1)
        .exclude(id__in=restricted)
        .filter(id__in=get_document_model().objects.values("collection_id"))
        .order_by("path")
    )
