"""The client's address behind a reverse proxy, for django-axes (BEHIND_PROXY).

Behind a proxy every request reaches the app from the proxy's address, so locking out
"this username from this address" after repeated failures would lock the username out
for everyone. Each proxy appends the address it received the request from to
X-Forwarded-For, so the client is the entry the first of our trusted proxies (PROXY_COUNT
of them) wrote: the PROXY_COUNT-th from the right. Everything left of it came from the
client and may be forged; it is never read. django-ipware, which axes would otherwise
use, is not installed: these few lines do the one thing needed.

Without BEHIND_PROXY this is not used and axes reads REMOTE_ADDR, so a forged
X-Forwarded-For changes nothing.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def forwarded_client_ip(request: HttpRequest) -> str | None:
    """The address our outermost trusted proxy saw the request come from.

    A request that did not pass through all the proxies (too few entries) or whose entry
    is not an address is counted under REMOTE_ADDR: it shares its lockouts with every such
    request rather than escaping them.
    """
    remote = request.META.get("REMOTE_ADDR")
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < settings.PROXY_COUNT:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-settings.PROXY_COUNT].strip()))
    except ValueError:
        return remote
