import os

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from cms.topics import Topik
from sosialisasi.selectors import documents_public

from .search_highlight import highlight_excerpt
from .selectors import page_search

RESULTS_PER_PAGE = 10
DOCUMENTS_SHOWN = 5


def _strings(value):
    """The prose in a StreamField's raw JSON, without rendering it (no queries).

    Block envelopes contribute only their value (not their id or type), and single tokens such as
    choice values ("h2", "info") are skipped.
    """
    if isinstance(value, str):
        if " " in value.strip():
            yield value
    elif isinstance(value, dict):
        if "type" in value and "value" in value:
            yield from _strings(value["value"])
            return
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _summary(page, query: str) -> str:
    """The page's summary, or the body text around the query when the summary lacks it."""
    summary = ""
    for attribute in (
        "deskripsi_meta",
        "search_description",
        "ringkasan",
        "pengantar",
        "hero_pengantar",
    ):
        summary = str(getattr(page, attribute, "") or "")
        if summary:
            break
    terms = [t for t in query.lower().split() if len(t) >= 2]
    if any(t in summary.lower() for t in terms):
        return summary
    body = getattr(page, "body", None)
    body_text = " ".join(_strings(list(body.raw_data))) if body is not None else ""
    if any(t in body_text.lower() for t in terms):
        return body_text
    return summary


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    paginator = Paginator(page_search(query=query), RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("halaman", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    results = [
        {
            "page": result,
            "type": result.specific_class._meta.verbose_name if result.specific_class else "",
            "excerpt": highlight_excerpt(_summary(result, query), query),
        }
        for result in page.object_list
    ]
    documents = list(documents_public(query=query)[:DOCUMENTS_SHOWN]) if query else []
    context = {
        "query": query,
        "results": page,
        "items": results,
        "paginator": paginator,
        "documents": documents,
        "topics": list(Topik.objects.all()) if query and not results and not documents else [],
    }
    return render(request, "search/search.html", context)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def public_media(request, folder, path):
    """Development server only (`DEBUG`, cms/urls.py): one public folder of MEDIA_ROOT, read at
    each request; `serve` confines `path` to that folder (`..` cannot leave it)."""
    return serve(request, path, document_root=os.path.join(settings.MEDIA_ROOT, folder))
