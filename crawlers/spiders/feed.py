"""RSS 2.0 / RSS 1.0 / Atom feeds, fetched conditionally (ETag / Last-Modified) so unchanged feeds cost
a 304 and nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.pagedates import parse_any
from crawlers.spiders.base import SourceSpider


def feed_entries(body: str) -> Iterator[dict[str, Any]]:
    """(link, title, published) of each RSS item or Atom entry in a feed document."""
    sel = Selector(text=body, type="xml")
    sel.remove_namespaces()
    for item in sel.xpath("//item"):
        link = item.xpath("link/text()").get() or item.xpath("guid[not(@isPermaLink='false')]/text()").get()
        date = item.xpath("pubDate/text()").get() or item.xpath("date/text()").get()
        yield {
            "link": (link or "").strip(),
            "title": (item.xpath("title/text()").get() or "").strip(),
            "published": parse_any(date) if date else None,
        }
    for entry in sel.xpath("//entry"):
        link = (
            entry.xpath("link[@rel='alternate']/@href").get()
            or entry.xpath("link[not(@rel)]/@href").get()
            or entry.xpath("link/@href").get()
        )
        date = entry.xpath("published/text()").get() or entry.xpath("updated/text()").get()
        yield {
            "link": (link or "").strip(),
            "title": (entry.xpath("title/text()").get() or "").strip(),
            "published": parse_any(date) if date else None,
        }


class FeedSpider(SourceSpider):
    name = "feed"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (feed URL, ETag, Last-Modified) of feeds parsed in this crawl, stored when it finishes.
        self._validators: list[tuple[str, str | None, str | None]] = []

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            headers = {}
            etag, modified = self.store.validators(url) if self.store else (None, None)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            yield scrapy.Request(
                url,
                headers=headers,
                callback=self.parse_feed,
                errback=self.on_error,
                meta={"handle_httpstatus_list": [304]},
                dont_filter=True,
            )

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.stat("goftar/not_modified")
            return
        entries = list(feed_entries(response.text)) if hasattr(response, "text") else []
        # A truncated feed parses (lxml recovers) into items without links: as useless as no items.
        entries = [entry for entry in entries if entry["link"]]
        if not entries:
            self.stat("goftar/errors")
            self.logger.warning("no entries in feed %s", response.url)
            return
        for entry in entries:
            if not entry["link"] or self.too_old(entry["published"]):
                continue
            request = self.article_request(
                entry["link"], base=response.url, title=entry["title"], published=entry["published"]
            )
            if request is not None:
                yield request
        first_url = (response.meta.get("redirect_urls") or [response.url])[0]
        self._validators.append((first_url, _header(response, b"ETag"), _header(response, b"Last-Modified")))

    def closed(self, reason: str) -> None:
        """Store the feeds' validators once the crawl finished, every listed article fetched and written.

        Stored earlier, a crawl killed before its articles arrived would make the next run's conditional
        request answer 304, and the articles not yet collected would never be.
        """
        if self.store is None or reason != "finished":
            return
        for url, etag, modified in self._validators:
            self.store.set_validators(url, etag, modified)
        self.store.flush()


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
