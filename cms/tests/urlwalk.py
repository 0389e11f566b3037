"""Walking the URL configuration: every route with its name, and paths built from its parameters.

Shared by the authorization matrix (who may open what) and the scope sweep (what an Admin OPD sees
on every screen it may open).
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# `<int:pk>`, `<pk>`, `<slug:app_label>` and Wagtail's regex groups `(?P<pk>[^/]+)`.
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def routes(patterns=None, prefix="", namespace=None):
    """(name or None, route, view module) of every URL pattern, walked from the resolver."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace and (f"{namespace}:{p.namespace}" if namespace else p.namespace)
            yield from routes(p.url_patterns, prefix + str(p.pattern), ns or namespace)
        elif isinstance(p, URLPattern):
            view = getattr(p.callback, "view_class", p.callback)
            name = p.name and (f"{namespace}:{p.name}" if namespace else p.name)
            yield name, prefix + str(p.pattern), view.__module__


def parameters(route: str) -> list[tuple[str, str]]:
    """(name, converter) of the route's parameters, in order; regex groups count as "int"."""
    return [
        (m["name"] or m["group"], m["converter"] or ("int" if m["group"] else "str"))
        for m in PARAMETER.finditer(route)
    ]


def fill(route: str, values: dict) -> str:
    """The path of `route` with each parameter replaced by `values[name]`."""
    path = PARAMETER.sub(lambda m: str(values[m["name"] or m["group"]]), route)
    return "/" + path.replace("^", "").replace("$", "")


def admin_routes():
    """(name, route) of every route under /admin/ — Wagtail's own included — but the login."""
    for name, route, _module in routes():
        if route.startswith("admin/") and not route.startswith("admin/login"):
            yield name, route


def placeholder(converter: str) -> str:
    return "1" if converter == "int" else "x"


def admin_paths():
    """Every admin path with placeholder arguments (1 for numbers, x for the rest)."""
    for _name, route in admin_routes():
        yield fill(route, {name: placeholder(conv) for name, conv in parameters(route)})


def outcome(response) -> str:
    """A refusal ("deny"): 4xx, or Wagtail's redirect to its dashboard or a login page."""
    if response.status_code in (400, 401, 403, 404, 405):
        return "deny"
    if response.status_code in (301, 302):
        location = response["Location"]
        if location == "/admin/" or "masuk" in location or "login" in location:
            return "deny"
    return "allow"
