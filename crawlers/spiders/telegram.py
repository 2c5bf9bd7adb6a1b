"""Public Telegram channel previews (``https://t.me/s/<channel>``): each post's text, time, link and views,
paging backwards with ``?before=<oldest post id>`` until the page limit or a page with nothing new."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse

from crawlers.items import ArticleItem
from crawlers.pagedates import parse_iso
from crawlers.seen import canonical_url
from crawlers.spiders.base import SourceSpider

_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def post_text(node: Selector) -> str:
    """A post's text with its line breaks; emoji and ZWNJ kept as written."""
    markup = _BR.sub("\n", node.get() or "")
    text = html.unescape(_TAG.sub("", markup))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def parse_views(text: str | None) -> int | None:
    """«1.2K» → 1200, «3M» → 3000000, «845» → 845."""
    if not text:
        return None
    match = re.fullmatch(r"([\d.]+)\s*([KkMm]?)", text.strip())
    if not match:
        return None
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match[2].lower()]
    return int(float(match[1]) * scale)


def channel_posts(sel: Selector, page_url: str) -> Iterator[dict[str, Any]]:
    """Posts on a channel preview page, oldest first as Telegram renders them."""
    for message in sel.css(".tgme_widget_message[data-post]"):
        post = message.attrib["data-post"]
        text_node = message.css(".tgme_widget_message_text")
        link = message.css("a.tgme_widget_message_date::attr(href)").get() or f"https://t.me/{post}"
        stamp = (
            message.css(".tgme_widget_message_date time::attr(datetime)").get()
            or message.css("time::attr(datetime)").get()
        )
        post_id = post.rsplit("/", 1)[-1]
        yield {
            "id": int(post_id) if post_id.isdigit() else None,
            "link": link,
            "text": post_text(text_node[0]) if text_node else "",
            "published": parse_iso(stamp) if stamp else None,
            "views": parse_views(message.css(".tgme_widget_message_views::text").get()),
        }


class TelegramSpider(SourceSpider):
    name = "telegram"
    default_max_pages = 3

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield scrapy.Request(
                url,
                callback=self.parse_channel,
                errback=self.on_error,
                cb_kwargs={"page": 1, "base": _without_query(url)},
                dont_filter=True,
            )

    def parse_channel(self, response: Response, page: int, base: str) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.stat("goftar/errors")
            return
        posts = list(channel_posts(Selector(text=response.text), response.url))
        if not posts:
            self.stat("goftar/empty")
            self.logger.warning("no posts on %s", response.url)
            return
        new = 0
        for post in posts:
            item = self._item(post, response)
            if item is not None:
                new += 1
                yield item
        ids = [p["id"] for p in posts if p["id"] is not None]
        if new and ids and min(ids) > 1 and page < self.max_pages:
            yield scrapy.Request(
                f"{base}?before={min(ids)}",
                callback=self.parse_channel,
                errback=self.on_error,
                cb_kwargs={"page": page + 1, "base": base},
            )

    def _item(self, post: dict[str, Any], response: TextResponse) -> ArticleItem | None:
        link = post["link"]
        if self.store is not None and not self.store.claim(link):
            self.stat("goftar/skipped_seen")
            return None
        if not post["text"]:
            self.stat("goftar/telegram_no_text")  # photo or sticker posts: nothing to read
            return None
        if self.too_old(post["published"]):
            return None
        first_line = post["text"].split("\n", 1)[0]
        return ArticleItem(
            url=link,
            canonical_url=canonical_url(link),
            source=self.source.name,
            title=first_line[:200],
            raw_text=post["text"],
            published=post["published"],
            views=post["views"],
            source_tags=dict(self.source.tags),
            **self.raw(response),
        )


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
