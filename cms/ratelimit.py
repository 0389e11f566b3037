"""A fixed-window request counter in the shared cache (Redis in production).

Login lockouts are django-axes' job; this covers the other endpoints that mail or write on an
anonymous request (activation, and later registration and autosave).
"""

from django.core.cache import cache


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
    # Behind the production proxy REMOTE_ADDR is the proxy; axes and this share the same view of it.
    return request.META.get("REMOTE_ADDR", "")
