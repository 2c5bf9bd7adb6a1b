"""Single article pages given directly (``goftar crawl https://…/news/123``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from crawlers.spiders.base import SourceSpider


class ArticleSpider(SourceSpider):
    name = "article"

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            request = self.article_request(url)
            if request is not None:
                yield request
