"""Which status and caching headers a redirect answers with (RFC 9110 15.4, RFC 9111 5.2).

- A tracked link (the default) answers 302 Found with `private`: a browser
  may keep it for a minute, a shared cache (CDN, proxy) must not store it,
  so every visitor's first click reaches the service and can be counted.
- A permanent link answers 301 with `public, max-age=86400`: browsers and
  CDNs may answer repeat clicks for a day without asking. Explicit freshness
  overrides the heuristic caching a 301 would otherwise get.
- A link that expires is never cached past its expiry.
- An unknown code answers 404 with `no-store`: a 404 is heuristically
  cacheable, and a cached one would hide a link created a moment later.
"""

from __future__ import annotations

import math
from datetime import datetime

from examples.system_design.url_shortener.store import Link

TRACKED_MAX_AGE = 60  # seconds a browser may reuse a tracked redirect
PERMANENT_MAX_AGE = 86_400  # a day, for browsers and CDNs alike
NOT_FOUND_CACHE_CONTROL = "no-store"


# --8<-- [start:policy]
def redirect_for(link: Link, now: datetime) -> tuple[int, dict[str, str]]:
    """The status code and headers that send a client on to `link.url`."""
    if link.permanent:
        cache_control = f"public, max-age={PERMANENT_MAX_AGE}"
        return 301, {"Location": link.url, "Cache-Control": cache_control}
    max_age = TRACKED_MAX_AGE
    if link.expires_at is not None:
        seconds_left = math.floor((link.expires_at - now).total_seconds())
        max_age = min(max_age, seconds_left)
    cache_control = f"private, max-age={max_age}" if max_age > 0 else "no-store"
    return 302, {"Location": link.url, "Cache-Control": cache_control}


# --8<-- [end:policy]
