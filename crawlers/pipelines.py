"""Item pipelines, in order: drop exact duplicates and link near ones, archive the response, write the
item as an ``Article.to_json()`` line, and only then remember the URL.

Crash safety rests on that last order: a URL is marked seen (so later runs skip it) only after its line
is in the output file, so a crawl killed at any moment never loses an article it will not fetch again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, TextIO

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
    """Copies of a release are linked to its first copy through ``duplicate_of``.

    An exact copy from the same source (one release under two URLs of one site) is dropped. A copy
    from another outlet, exact or near, is kept with ``duplicate_of`` set to the first copy's canonical
    URL: researchers want to see that three agencies carried the release, and the store's
    ``merge_near_duplicates`` makes their commitments one story with several sources.
    """

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
        if owner and owner[0] != url:
            self._stat("goftar/duplicates_exact")
            if owner[1] == source:
                self.store.mark_seen(url, source, status="duplicate", content_hash=key)
                raise DropItem(f"exact duplicate of {owner[0]}: {url}")
            adapter["duplicate_of"] = owner[0]
            return item
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
        # The hash points at the group's first copy, so a later exact copy links to it, not to a copy.
        self.store.add_hash(key, adapter["duplicate_of"] or url, source)
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
    """Remember the article's URL(s) so later runs do not fetch it again (runs after ``ArticlePipeline``)."""

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
    """Validate against the domain model and append ``Article.to_json()`` to the part file of the source.

    Each line is flushed to the operating system before the item moves on to ``SeenPipeline``: a killed
    process keeps every flushed line, so a URL is never marked seen without its article on disk.
    """

    _RAW_FIELDS = ("response_url", "status", "headers", "body")

    def __init__(self, output: Path | None = None) -> None:
        self.output = output
        self._fh: TextIO | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticlePipeline:
        output = crawler.settings.get("GOFTAR_OUTPUT")
        return cls(Path(output) if output else None)

    def process_item(self, item: Any) -> Any:
        data = {k: v for k, v in ItemAdapter(item).asdict().items() if k not in self._RAW_FIELDS}
        try:
            doc = Article(**data).to_json()
        except ValidationError as exc:
            raise DropItem(f"invalid article {data.get('url')}: {exc.errors()[0]['msg']}") from exc
        if self.output is not None:
            if self._fh is None:
                self.output.parent.mkdir(parents=True, exist_ok=True)
                self._fh = self.output.open("a", encoding="utf-8")  # noqa: SIM115 (closed in close_spider)
            self._fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            self._fh.flush()
        return doc

    def close_spider(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
