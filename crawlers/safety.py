"""Refuse requests to loopback, private, link-local and reserved addresses unless explicitly allowed.

A crawler that follows links and redirects from the open web must not become a way to reach the
operator's own network (SSRF). The downloader middleware checks every request, and Scrapy sends each
redirect target through the middlewares again, so a redirect to ``127.0.0.1`` is refused as well.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from functools import lru_cache
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

log = logging.getLogger(__name__)


def _is_private_ip(value: str) -> bool:
    ip = ipaddress.ip_address(value.split("%", 1)[0])
    return not ip.is_global or ip.is_multicast


@lru_cache(maxsize=4096)
def is_private_host(host: str) -> bool:
    """True when ``host`` is, or resolves to, a non-public address (unresolvable names count as public:
    the download fails on its own, and we must not block crawling offline hosts' feeds by accident)."""
    host = host.strip("[]").lower()
    if host in {"localhost", "localhost.localdomain"} or host.endswith(".localhost"):
        return True
    try:
        return _is_private_ip(host)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return any(_is_private_ip(str(info[4][0])) for info in infos)


class PrivateAddressMiddleware:
    """Downloader middleware: drop requests to private addresses unless the spider's source allows them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.allow_private = crawler.settings.getbool("GOFTAR_ALLOW_PRIVATE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Any:
        host = request.url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.allow_private or not is_private_host(host):
            return None
        log.warning("refused %s: private or loopback address (allow it with --allow-private)", request.url)
        if self.crawler.stats:
            self.crawler.stats.inc_value("goftar/refused_private")
        raise IgnoreRequest(f"private address refused: {request.url}")
