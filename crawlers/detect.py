"""Guess what a bare URL is (feed, sitemap, listing, Telegram preview or single article) for ad-hoc crawls."""

from __future__ import annotations

import logging
import re
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from crawlers.safety import is_private_host
from goftar.errors import ConfigError

log = logging.getLogger(__name__)

KINDS = ("feed", "sitemap", "listing", "telegram", "article")
_SNIFF_BYTES = 256 * 1024
_ARTICLE_HINTS = re.compile(
    rb'og:type"\s+content="article"|"@type"\s*:\s*"(?:News)?Article"|<article[\s>]', re.I
)
_LINK = re.compile(rb"<a\s[^>]*href=", re.I)


def telegram_preview_url(url: str) -> str | None:
    """``https://t.me/s/<channel>`` for a t.me channel URL (``t.me/x`` or ``t.me/s/x``), else None."""
    parts = urlsplit(url)
    if parts.hostname not in ("t.me", "telegram.me"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] == ["s"]:
        segments = segments[1:]
    if not segments:
        return None
    return urlunsplit(("https", "t.me", f"/s/{segments[0]}", parts.query, ""))


def kind_from_url(url: str) -> str | None:
    """The kind when the URL alone says it; None when the page must be fetched to tell."""
    if telegram_preview_url(url):
        return "telegram"
    path = urlsplit(url).path.lower()
    if "sitemap" in path and (path.endswith(".xml") or path.endswith(".xml.gz")):
        return "sitemap"
    if re.search(r"(^|[/._-])(rss|atom|feed)s?([/._-]|$)", path):
        return "feed"
    return None


def kind_from_body(body: bytes, content_type: str = "") -> str:
    """Sniff a fetched body: XML feed, XML sitemap, an article page, or else a listing page."""
    head = body[:4096].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if "xml" in content_type and "html" not in content_type:
        return "feed"
    # An article page has article markup and few links relative to its size; a listing is mostly links.
    if _ARTICLE_HINTS.search(body) and len(_LINK.findall(body)) < 60:
        return "article"
    return "listing"


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but not to a private address unless allowed (the caller checked the first URL)."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        host = urlsplit(newurl).hostname or ""
        if not self.allow_private and is_private_host(host):
            raise ConfigError(f"{req.full_url} redirects to a private address ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def detect_kind(
    url: str,
    kind: str | None,
    *,
    allow_private: bool,
    user_agent: str = "GoftarBot/0.1",
    timeout: float = 20.0,
) -> tuple[str, str]:
    """(kind, start URL) for ``url``; ``kind`` overrides detection. Raises ConfigError for a bad kind
    or when the page must be fetched and cannot be."""
    if kind is not None:
        if kind not in KINDS:
            raise ConfigError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
        return kind, (telegram_preview_url(url) or url) if kind == "telegram" else url
    guessed = kind_from_url(url)
    if guessed:
        return guessed, telegram_preview_url(url) or url
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    opener = urllib.request.build_opener(_SafeRedirects(allow_private))
    try:
        # Read a bounded prefix: enough to sniff, never a 10 MB page.
        with opener.open(request, timeout=timeout) as response:
            body = response.read(_SNIFF_BYTES)
            content_type = response.headers.get("Content-Type", "")
    except OSError as exc:
        raise ConfigError(f"cannot fetch {url} to detect its kind ({exc}); pass --kind") from exc
    found = kind_from_body(body, content_type.lower())
    log.info("detected %s as %s", url, found)
    return found, url
