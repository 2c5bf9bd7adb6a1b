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
        if self.store is not None:
            # Validators are stored only after a feed parsed: a broken feed is fetched in full next time.
            first_url = (response.meta.get("redirect_urls") or [response.url])[0]
            self.store.set_validators(
                first_url, _header(response, b"ETag"), _header(response, b"Last-Modified")
            )


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
