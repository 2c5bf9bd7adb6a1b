"""Item pipelines, in order: drop exact duplicates and link near ones, archive the response, remember the
URL, and finally turn the item into ``Article.to_json()`` for the JSON-lines feed export."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import numpy as np
from itemadapter import ItemAdapter
from pydantic import ValidationError
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.archive import WarcArchive
from crawlers.dedup import NEAR_JACCARD, band_keys, exact_key, minhash, similarity
from crawlers.seen import SeenStore
from crawlers.state import archive_dir, seen_path
from goftar.model import Article

log = logging.getLogger(__name__)


class DedupPipeline:
    """Exact copies (same normalised text, any URL, any source) are dropped; near copies are kept with
    ``duplicate_of`` set to the first copy's canonical URL."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store = SeenStore.shared(seen_path(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        text, url, source = adapter["raw_text"], adapter["canonical_url"], adapter["source"]
        key = exact_key(text)
        owner = self.store.hash_owner(key)
        if owner and owner != url:
            self.store.mark_seen(url, source, status="duplicate", content_hash=key)
            self._stat("goftar/duplicates_exact")
            raise DropItem(f"exact duplicate of {owner}: {url}")
        signature = minhash(text)
        bands = band_keys(signature)
        best: tuple[float, str] | None = None
        for other_url, blob in self.store.near_candidates(bands):
            score = similarity(signature, np.frombuffer(blob, dtype=np.uint64))
            if other_url != url and score >= NEAR_JACCARD and (best is None or score > best[0]):
                best = (score, other_url)
        if best is not None:
            adapter["duplicate_of"] = best[1]
            self._stat("goftar/duplicates_near")
            log.info("near duplicate (%.2f): %s ~ %s", best[0], url, best[1])
        self.store.add_hash(key, url, source)
        if adapter["duplicate_of"] is None:  # link every copy to the first, not to each other
            self.store.add_minhash(url, signature.tobytes(), bands, source)
        return item

    def _stat(self, key: str) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(key)


class ArchivePipeline:
    """Write the raw response to the run's WARC file and keep the ``file#offset`` on the item."""

    def __init__(self, crawler: Crawler) -> None:
        self.archive = WarcArchive(
            archive_dir(crawler.settings), prefix=crawler.settings.get("GOFTAR_SOURCE", "goftar")
        )
        self._written: dict[str, str] = {}  # a Telegram page holds many posts: archive it once

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body: bytes = adapter["body"]
        if body:
            key = adapter["response_url"] + hashlib.sha1(body).hexdigest()
            if key not in self._written:
                self._written[key] = self.archive.write(
                    adapter["response_url"], adapter["status"], adapter["headers"], body
                )
            adapter["archive"] = self._written[key]
        adapter["body"] = b""
        return item

    def close_spider(self) -> None:
        self.archive.close()


class SeenPipeline:
    """Remember the article's URL(s) so later runs do not fetch it again."""

    def __init__(self, crawler: Crawler) -> None:
        self.store = SeenStore.shared(seen_path(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        digest = exact_key(adapter["raw_text"])
        for url in {adapter["url"], adapter["canonical_url"]}:
            self.store.mark_seen(url, adapter["source"], content_hash=digest)
        return item

    def close_spider(self) -> None:
        self.store.flush()


class ArticlePipeline:
    """Validate against the domain model and emit ``Article.to_json()`` (what ``crawl`` writes)."""

    _RAW_FIELDS = ("response_url", "status", "headers", "body")

    def process_item(self, item: Any) -> Any:
        data = {k: v for k, v in ItemAdapter(item).asdict().items() if k not in self._RAW_FIELDS}
        try:
            return Article(**data).to_json()
        except ValidationError as exc:
            raise DropItem(f"invalid article {data.get('url')}: {exc.errors()[0]['msg']}") from exc
