"""What every source spider shares: the source, the seen-URL store, article requests and extraction."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawlers.extract import extract_page
from crawlers.items import ArticleItem
from crawlers.seen import SeenStore, canonical_url
from crawlers.state import seen_path
from goftar.model import Source

log = logging.getLogger(__name__)


class SourceSpider(scrapy.Spider):
    """Base class: built with ``source=<Source>``; subclasses implement ``start``."""

    name = "source"
    default_max_pages = 5

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        kwargs["name"] = f"{self.name}:{source.name}"
        super().__init__(*args, **kwargs)
        self.source = source
        self.allowed_domains = source.allowed_domains or sorted(
            {urlsplit(u).hostname or "" for u in source.start_urls} - {""}
        )
        self.store: SeenStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.store = SeenStore.shared(seen_path(crawler.settings))
        return spider

    # --- helpers for subclasses -------------------------------------------------------------
    @property
    def max_pages(self) -> int:
        return self.source.max_pages or self.default_max_pages

    def too_old(self, published: datetime | None) -> bool:
        if published is None or self.source.max_age_days is None:
            return False
        return published < datetime.now(UTC) - timedelta(days=self.source.max_age_days)

    def is_seen(self, url: str) -> bool:
        return self.store is not None and self.store.is_seen(url)

    def article_request(self, url: str, base: str = "", **hints: Any) -> scrapy.Request | None:
        """A request for an article page, or None when it was fetched in this or an earlier run."""
        url = urljoin(base, url.strip())
        if self.store is not None and not self.store.claim(url):
            self.stat("goftar/skipped_seen")
            return None
        # dont_filter: claim() already deduplicates, and Scrapy's duplicate filter would silently swallow
        # the second hop of a redirect loop instead of letting REDIRECT_MAX_TIMES report it as a failure.
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"hints": hints},
            dont_filter=True,
        )

    def stat(self, key: str, count: int = 1) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(key, count)

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request; robots.txt refusals are politeness, not failures."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.stat("goftar/robots_forbidden")
            return
        self.stat("goftar/errors")
        message = f"{url}: {failure.getErrorMessage() or failure.type.__name__}"
        if self.crawler.stats:
            self.crawler.stats.set_value("goftar/last_error", message[:300])
        log.warning("failed %s", message)

    # --- article pages ----------------------------------------------------------------------
    def parse_article(self, response: Response, hints: dict[str, Any] | None = None) -> Iterator[ArticleItem]:
        hints = hints or {}
        if not isinstance(response, TextResponse):
            self._empty(response, "not a text response")
            return
        page = extract_page(response.text, response.url, self.source)
        if page is None:
            self._empty(response, "no article body")
            return
        if self.too_old(page.published or hints.get("published")):
            self.stat("goftar/too_old")
            if self.store is not None:  # it will not get younger: do not fetch it again
                self.store.mark_seen(response.url, self.source.name, status="old")
            return
        canonical = canonical_url(self.canonical_link(response) or response.url)
        yield ArticleItem(
            url=response.url,
            canonical_url=canonical,
            source=self.source.name,
            title=page.title or hints.get("title") or "",
            raw_text=page.body,
            published=page.published or hints.get("published"),
            author=page.author,
            lead=page.lead,
            tags=page.tags,
            source_tags=dict(self.source.tags),
            **self.raw(response),
        )

    def raw(self, response: Response) -> dict[str, Any]:
        """The raw-response fields of an item, for the WARC archive."""
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.headers.items()
            for v in values
        ]
        return {
            "response_url": response.url,
            "status": response.status,
            "headers": headers,
            "body": response.body,
        }

    def canonical_link(self, response: TextResponse) -> str | None:
        """``<link rel=canonical>`` when it stays on the same host (some CMSs point it elsewhere)."""
        href = response.xpath('//link[@rel="canonical"]/@href').get()
        if not href:
            return None
        url = response.urljoin(href.strip())
        return url if urlsplit(url).hostname == urlsplit(response.url).hostname else None

    def _empty(self, response: Response, why: str) -> None:
        self.stat("goftar/empty")
        log.info("empty extraction (%s): %s", why, response.url)
        if self.store is not None:
            self.store.mark_seen(response.url, self.source.name, status="empty")
