"""Articles whose extraction or indexing failed are kept and tried again on the next run, never dropped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from goftar import pipeline, retry
from goftar.model import Article, Extraction
from goftar.settings import Settings
from index import open_store
from index.base import IndexReport, SearchQuery, Store

PROMISE = "شهردار تهران گفت: برنامه ریزی کردیم تا ۱۰ مهر ماه افراد بالای ۱۸ سال را در تهران واکسینه کنیم."
OTHER = "معاون حمل و نقل شهرداری گفت: خط ۷ مترو تا پایان سال ۱۴۰۰ به ایستگاه میدان صنعت می‌رسد."


def _articles() -> list[Article]:
    when = datetime(2021, 9, 17, 8, 0, tzinfo=UTC)
    return [
        Article(
            url=f"https://pana.ir/n/{i}",
            canonical_url=f"https://pana.ir/n/{i}",
            source="pana",
            raw_text=text,
            published=when,
        )
        for i, text in enumerate([PROMISE, OTHER], 1)
    ]


def _crawl_file(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(a.model_dump_json() + "\n" for a in _articles()), encoding="utf-8")
    return path


class RefusingStore:
    """A store that, like Elasticsearch answering 429 past its retries, writes an article but refuses its
    commitments, ``times`` times (forever with ``None``), for articles whose URL ends with ``suffix``."""

    def __init__(self, store: Store, suffix: str, times: int | None) -> None:
        self.store, self.suffix, self.times = store, suffix, times

    def upsert(self, items: list[tuple[Article, Extraction]]) -> IndexReport:
        refused = [(a, e) for a, e in items if a.url.endswith(self.suffix) and self.times != 0]
        if not refused:
            return self.store.upsert(items)
        if self.times is not None:
            self.times -= 1
        kept = [(a, e) for a, e in items if (a, e) not in refused]
        partial = [(a, e.model_copy(update={"commitments": []})) for a, e in refused]
        report = self.store.upsert(kept + partial)
        report.failed += [(c.id, "429 Too Many Requests") for _a, e in refused for c in e.commitments]
        return report

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def _vaccine_hits(store: Store) -> int:
    return store.search(SearchQuery(text="واکسینه")).total


def test_a_refused_write_is_kept_and_indexed_on_the_next_run(settings: Settings, tmp_path: Path) -> None:
    store = open_store(settings)
    try:
        flaky = RefusingStore(store, "/n/1", times=1)
        report = pipeline.ingest_file(_crawl_file(tmp_path), flaky, retry_dir=pipeline.retry_dir(settings))
        assert [a.url for a, _why in report.retry] == ["https://pana.ir/n/1"]
        assert "429" in report.retry[0][1]
        assert _vaccine_hits(store) == 0  # the article row is there, its commitment is not
        assert len(list(pipeline.retry_dir(settings).glob("retry-1-*.jsonl"))) == 1

        again = pipeline.recover_pending(settings, flaky)
        assert again.indexed == 1 and not again.retry
        assert _vaccine_hits(store) == 1
        assert not list(pipeline.retry_dir(settings).iterdir())
        before = store.counts()
        pipeline.recover_pending(settings, flaky)  # nothing left to retry: nothing changes
        assert store.counts() == before
    finally:
        store.close()


def test_an_article_that_keeps_failing_is_filed_with_its_reason(settings: Settings, tmp_path: Path) -> None:
    store = open_store(settings)
    try:
        flaky = RefusingStore(store, "/n/1", times=None)
        pipeline.ingest_file(_crawl_file(tmp_path), flaky, retry_dir=pipeline.retry_dir(settings))
        for attempt in range(2, retry.RETRY_LIMIT + 1):
            assert len(list(pipeline.retry_dir(settings).glob(f"retry-{attempt - 1}-*.jsonl"))) == 1
            pipeline.recover_pending(settings, flaky)
        pipeline.recover_pending(settings, flaky)
    finally:
        store.close()
    assert not list(pipeline.retry_dir(settings).iterdir())
    (filed,) = list(pipeline.failed_dir(settings).iterdir())
    (line,) = filed.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["article"]["url"] == "https://pana.ir/n/1"
    assert record["article"]["raw_text"] == PROMISE  # the text itself is kept, not only its address
    assert "429" in record["reason"]


def test_an_extraction_that_raised_is_tried_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.process

    def broken_once(article: Article) -> tuple[Article, Extraction]:
        if article.url.endswith("/n/1"):
            monkeypatch.setattr(pipeline, "process", real)
            raise MemoryError("out of memory while tagging")
        return real(article)

    monkeypatch.setattr(pipeline, "process", broken_once)
    store = open_store(settings)
    try:
        report = pipeline.ingest_file(_crawl_file(tmp_path), store, retry_dir=pipeline.retry_dir(settings))
        assert report.indexed == 1 and "MemoryError" in report.retry[0][1]
        assert _vaccine_hits(store) == 0
        pipeline.recover_pending(settings, store)
        assert _vaccine_hits(store) == 1
    finally:
        store.close()
