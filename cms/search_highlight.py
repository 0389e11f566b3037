"""Highlighted excerpts for search results (the database backend returns no highlights)."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

EXCERPT = 220


def _terms(query: str) -> list[str]:
    return sorted(
        {t for t in re.split(r"\W+", query.lower()) if len(t) >= 2}, key=len, reverse=True
    )


def highlight_excerpt(text: str, query: str, *, length: int = EXCERPT) -> str:
    """An HTML-escaped excerpt around the first matching term, with every term in <mark>."""
    plain = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    terms = _terms(query)
    if not plain:
        return ""
    start = 0
    if terms:
        match = re.search("|".join(map(re.escape, terms)), plain, re.IGNORECASE)
        if match:
            start = max(0, match.start() - length // 3)
    excerpt = plain[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(plain) else ""
    html = escape(excerpt)
    if terms:
        pattern = re.compile(
            "(" + "|".join(re.escape(escape(t)) for t in terms) + ")", re.IGNORECASE
        )
        html = pattern.sub(r"<mark>\1</mark>", html)
    return mark_safe(prefix + html + suffix)  # noqa: S308 - built from escaped text
