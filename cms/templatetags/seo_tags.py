import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jsonld(data) -> str:
    """A schema.org JSON-LD block; not executable, so the Content-Security-Policy allows it."""
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "deskripsi_meta", "") or page.search_description or ""
