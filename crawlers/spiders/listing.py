"""Listing pages («آرشیو اخبار», a section front page): article links, then the next page, until the page
limit, a page whose entries are older than ``max_age_days``, or a page with nothing new (incremental)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawlers.pagedates import parse_any
from crawlers.spiders.base import SourceSpider
from nlp.normalize import to_ascii_digits

_NEXT_WORDS = ("بعدی", "صفحه بعد", "بعد", "قدیمی‌تر", "قدیمی تر", "next", "older", "»", "›", ">>")
_SKIP_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|rar|css|js|xml)$", re.I)
_SKIP_PATH = re.compile(r"/(?:tags?|category|categories|search|login|register|author|page)(?:/|$)", re.I)


def looks_like_article(url: str, listing_url: str) -> bool:
    """A same-site link whose path looks like one article: a long numeric id or a slug, not a section."""
    parts, here = urlsplit(url), urlsplit(listing_url)
    if parts.hostname != here.hostname or parts.path.rstrip("/") == here.path.rstrip("/"):
        return False
    path = parts.path
    if _SKIP_EXT.search(path) or _SKIP_PATH.search(path) or "page=" in parts.query:
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if re.match(r"(?:page|index|archive|list)\b", last, re.I):
        return False
    return (
        bool(re.search(r"\d{3,}", last))
        or last.count("-") >= 2
        or (path.count("/") >= 2 and last.endswith((".html", ".htm")))
    )


def article_links(response: TextResponse, selector: str | None) -> list[str]:
    """Article URLs on a listing page: the source's ``links`` selector, or a same-site heuristic that
    ignores navigation, header and footer links."""
    if selector:
        nodes = response.xpath(selector) if selector.startswith(("/", "(")) else response.css(selector)
        hrefs = [n.attrib.get("href") or n.xpath("@href|.//a/@href").get() or "" for n in nodes]
        return list(dict.fromkeys(response.urljoin(h) for h in hrefs if h))
    hrefs = response.xpath("//a[not(ancestor::nav or ancestor::header or ancestor::footer)]/@href").getall()
    urls = (
        response.urljoin(h.strip()) for h in hrefs if h.strip() and not h.startswith(("#", "javascript:"))
    )
    return list(dict.fromkeys(u for u in urls if looks_like_article(u, response.url)))


def next_page(response: TextResponse, selector: str | None, page: int) -> str | None:
    """The next listing page: the ``next`` selector, rel=next, a «بعدی» link, or the link numbered page+1."""
    if selector:
        nodes = response.xpath(selector) if selector.startswith(("/", "(")) else response.css(selector)
        href = nodes.attrib.get("href") if nodes else None
        return response.urljoin(href) if href else None
    href = response.xpath('//a[@rel="next"]/@href | //link[@rel="next"]/@href').get()
    if href:
        return response.urljoin(href)
    for anchor in response.xpath("//a[@href]"):
        text = " ".join(anchor.xpath(".//text()").getall()).strip().lower()
        if text in _NEXT_WORDS or to_ascii_digits(text) == str(page + 1) and _in_pager(anchor):
            return response.urljoin(anchor.attrib["href"])
    return None


def _in_pager(anchor: Any) -> bool:
    return bool(anchor.xpath('ancestor::*[contains(@class, "pag") or contains(@class, "pager")]'))


def listing_dates(response: TextResponse) -> list[datetime]:
    """Dates shown next to entries (``<time>``, or elements with «date» in their class)."""
    texts = response.xpath("//time/@datetime").getall() or [
        " ".join(n.xpath(".//text()").getall()) for n in response.xpath('//*[contains(@class, "date")]')
    ]
    return [d for d in (parse_any(t) for t in texts if t.strip()) if d is not None]


class ListingSpider(SourceSpider):
    name = "listing"

    # "Nothing new on this page: stop paging" is only safe when the previous crawl paged to the end; after
    # a crawl that was killed, the next pages may hold articles it never reached, so page on.
    _stop_when_nothing_new = True

    async def start(self) -> AsyncIterator[Any]:
        if self.store is not None:
            for url in self.source.start_urls:
                self._stop_when_nothing_new &= self.store.has_mark(_done_key(url))
                self.store.set_mark(_done_key(url), on=False)  # set again only if this crawl finishes
        for url in self.source.start_urls:
            yield scrapy.Request(
                url,
                callback=self.parse_listing,
                errback=self.on_error,
                cb_kwargs={"page": 1},
                dont_filter=True,
            )

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.stat("goftar/errors")
            return
        links = article_links(response, self.source.selectors.get("links"))
        if not links:
            self.stat("goftar/empty")
            self.logger.warning("no article links on listing page %s", response.url)
            return
        requests = [r for r in (self.article_request(u) for u in links) if r is not None]
        yield from requests
        if page >= self.max_pages:
            return
        if not requests and self._stop_when_nothing_new:
            self.logger.info("nothing new on %s: stop paging", response.url)
            return
        dates = listing_dates(response)
        if dates and all(self.too_old(d) for d in dates):
            self.logger.info(
                "entries on %s are older than %s days: stop paging", response.url, self.source.max_age_days
            )
            return
        url = next_page(response, self.source.selectors.get("next"), page)
        if url:
            yield scrapy.Request(
                url, callback=self.parse_listing, errback=self.on_error, cb_kwargs={"page": page + 1}
            )

    def closed(self, reason: str) -> None:
        if self.store is not None and reason == "finished":
            for url in self.source.start_urls:
                self.store.set_mark(_done_key(url))


def _done_key(url: str) -> str:
    return f"listing-paged:{url}"
