"""A fixed-window request counter in the shared cache (Redis in production), and the one function
that names the client of a request.

Login lockouts are django-axes' job; this covers the other endpoints that mail or write on an
anonymous request (activation, password reset, workshop registration, autosave). Axes keys its
lockouts on the same `client_ip` (settings.AXES_CLIENT_IP_CALLABLE), so a lockout and a rate limit
always count the same person.
"""

from django.conf import settings
from django.core.cache import cache
from ipware import get_client_ip


def rate_limited(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for `key` in `scope`; True when it is over `limit` in the current window."""
    cache_key = f"rl:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return False
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return False
    return hits > limit


def client_ip(request) -> str:
    """The address of the client that sent `request`, as a string ("" when there is none).

    settings.TRUSTED_PROXY_COUNT (env TRUSTED_PROXY_COUNT, default 0) is the number of reverse
    proxies in front of the application, each of which appends the address it received the request
    from to X-Forwarded-For (nginx's `$proxy_add_x_forwarded_for`, docs/operasi.md):

    - 0: no proxy; X-Forwarded-For is whatever the client typed and is ignored: REMOTE_ADDR.
    - n: the n-th address from the right of X-Forwarded-For, the one the outermost trusted proxy
      saw. Anything further left was sent by the client and is never believed, so a forged
      header cannot pick the key of somebody else's lockout. A chain shorter than n (a request
      that bypassed the proxies) falls back to REMOTE_ADDR.

    django-ipware resolves the chain (its `proxy_count` counts the proxies listed in the header,
    i.e. all but the last one, whose address is REMOTE_ADDR).
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote
