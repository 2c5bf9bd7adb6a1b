"""One spider per source kind; all yield ``crawlers.items.ArticleItem``."""

from __future__ import annotations

from crawlers.spiders.article import ArticleSpider
from crawlers.spiders.base import SourceSpider
from crawlers.spiders.feed import FeedSpider
from crawlers.spiders.listing import ListingSpider
from crawlers.spiders.sitemap import SitemapSpider
from crawlers.spiders.telegram import TelegramSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    "feed": FeedSpider,
    "sitemap": SitemapSpider,
    "listing": ListingSpider,
    "telegram": TelegramSpider,
    "article": ArticleSpider,
}

__all__ = [
    "SPIDERS",
    "ArticleSpider",
    "FeedSpider",
    "ListingSpider",
    "SitemapSpider",
    "SourceSpider",
    "TelegramSpider",
]
