"""XML sitemaps: sitemap indexes are followed, Google News sitemaps give dates and titles up front."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response
from scrapy.utils.gz import gunzip

from crawlers.pagedates import parse_any
from crawlers.spiders.base import SourceSpider


def sitemap_body(response: Response) -> str | None:
    """The XML text of a sitemap response, gunzipped when needed; None when it is not XML."""
    body = response.body
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=50 * 1024 * 1024)
        except OSError:
            return None
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    return text if text.startswith("<") else None


def parse_sitemap(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(child sitemaps, URLs) of a sitemap index or URL set; each with ``loc`` and ``published``."""
    sel = Selector(text=text, type="xml")
    sel.remove_namespaces()
    children = [
        {
            "loc": (s.xpath("loc/text()").get() or "").strip(),
            "published": parse_any(s.xpath("lastmod/text()").get() or ""),
        }
        for s in sel.xpath("//sitemapindex/sitemap")
    ]
    urls = []
    for node in sel.xpath("//urlset/url"):
        date = node.xpath("news/publication_date/text()").get() or node.xpath("lastmod/text()").get() or ""
        urls.append(
            {
                "loc": (node.xpath("loc/text()").get() or "").strip(),
                "title": (node.xpath("news/title/text()").get() or "").strip(),
                "published": parse_any(date) if date.strip() else None,
            }
        )
    return children, urls


class SitemapSpider(SourceSpider):
    name = "sitemap"
    default_max_pages = 20  # sitemap files followed from an index

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield scrapy.Request(
                url,
                callback=self.parse_sitemap,
                errback=self.on_error,
                cb_kwargs={"depth": 0},
                dont_filter=True,
            )

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[Any]:
        text = sitemap_body(response)
        if text is None:
            self.stat("goftar/errors")
            self.logger.warning("not a sitemap: %s", response.url)
            return
        children, urls = parse_sitemap(text)
        # Newest child sitemaps first; the rest are skipped once they are older than max_age_days.
        children.sort(key=lambda c: c["published"].timestamp() if c["published"] else 0, reverse=True)
        for child in children[: self.max_pages]:
            if child["loc"] and depth < 2 and not self.too_old(child["published"]):
                yield scrapy.Request(
                    response.urljoin(child["loc"]),
                    callback=self.parse_sitemap,
                    errback=self.on_error,
                    cb_kwargs={"depth": depth + 1},
                )
        for entry in urls:
            if entry["loc"] and not self.too_old(entry["published"]):
                request = self.article_request(
                    entry["loc"], base=response.url, title=entry["title"], published=entry["published"]
                )
                if request is not None:
                    yield request
