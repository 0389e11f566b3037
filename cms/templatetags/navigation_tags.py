from django import template
from wagtail.models import Site

from cms.selectors import menu_pages

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current_path = getattr(context.get("page"), "url_path", "")
    items = [
        {"page": item, "current": current_path.startswith(item.url_path)}
        for item in menu_pages(site=site)
    ]
    is_home = bool(site) and current_path == site.root_page.url_path
    return {"items": items, "is_home": is_home}
