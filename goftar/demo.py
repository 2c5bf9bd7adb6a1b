"""`goftar demo`: the whole pipeline, offline, on the bundled sample site.

Serve the sample municipality site on 127.0.0.1 → crawl it with the real spiders (its feed and its
listing, which overlap: the seen-URL store and content hashes keep one copy) → normalise, extract and
index into SQLite under GOFTAR_HOME → write today's digest → print the top hits for a sample query.
Running it again adds nothing: reruns fetch only what is new and upserts are keyed by content.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from goftar.errors import GoftarError
from goftar.model import Source
from goftar.settings import Settings
from index.base import SearchQuery, SearchResult

if TYPE_CHECKING:
    from goftar.pipeline import IngestReport


@dataclass
class DemoResult:
    articles: int
    indexed: int
    commitments_total: int
    digest_paths: list[Path]
    search: SearchResult


def demo_sources(base_url: str) -> list[Source]:
    """The sample site's feed and its listing pages, as two sources of one (fictional) municipality."""
    tags = {"city": "تهران", "organisation": "شهرداری تهران"}
    return [
        Source(
            name="sample-feed", kind="feed", start_urls=[f"{base_url}/rss.xml"], allow_private=True, tags=tags
        ),
        Source(
            name="sample-listing",
            kind="listing",
            start_urls=[f"{base_url}/news/"],
            allow_private=True,
            max_pages=5,
            tags=tags,
        ),
    ]


# The sample pages' canonical URLs contain the port, and article ids come from canonical URLs, so every
# run against one GOFTAR_HOME must use the same port: the first run picks it and records it there.
DEMO_PORT = 8765


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def demo_port(settings: Settings, requested: int | None = None) -> int:
    """The sample site's port for this GOFTAR_HOME: as requested, as recorded, or 8765/any free one."""
    state = settings.home / "demo.json"
    if requested is None and state.exists():
        return int(json.loads(state.read_text(encoding="utf-8"))["port"])
    port = requested or (DEMO_PORT if _port_is_free(DEMO_PORT) else 0)
    if port == 0:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
    settings.home.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"port": port}), encoding="utf-8")
    return port


def summary(report: IngestReport, counts: dict[str, int], db_path: Path) -> str:
    """The demo's one-line account of what this run added to the store at ``db_path`` (rich markup).

    A rerun collects nothing (the seen-URL store skips pages already fetched), so "indexed 0 articles
    (0 unchanged)" would hide that everything is already there: say so, with what the store holds.
    """
    held = f"{counts.get('commitments', 0)} commitments in {escape(str(db_path))}"
    failed = f"; failed: {len(report.failed)} (see the log)" if report.failed else ""
    if report.indexed == 0 and not report.failed:
        return f"[bold]nothing new:[/bold] {counts.get('articles', 0)} articles already indexed, {held}"
    return f"[bold]indexed[/bold] {report.indexed} articles ({report.skipped} unchanged), {held}{failed}"


@contextlib.contextmanager
def _serve(port: int) -> Iterator[str]:
    from goftar.sample_site import serve

    try:
        server = serve(port=port)
        base_url = server.__enter__()
    except OSError as exc:
        raise GoftarError(
            f"port {port} on 127.0.0.1 is busy ({exc.strerror}); free it, or use a new GOFTAR_HOME with "
            "--port (the sample articles' ids come from URLs that contain the port)"
        ) from exc
    try:
        yield base_url
    finally:
        server.__exit__(None, None, None)


def run_demo(
    settings: Settings, *, query: str = "واکسن", port: int | None = None, console: Console | None = None
) -> DemoResult:
    from goftar import pipeline
    from goftar.digest import build_digest, write_digest
    from goftar.render import hits_table
    from index import open_store

    console = console or Console()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    store = open_store(settings)
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            step = progress.add_task("crawling, extracting and indexing the sample site", total=None)
            with _serve(demo_port(settings, port)) as base_url:
                # pipeline.run, not crawl + ingest by hand: it is the crash-safe path `goftar run` takes.
                crawl, report = pipeline.run(
                    demo_sources(base_url),
                    settings,
                    store,
                    allow_private=True,
                    progress=lambda n: progress.advance(step, n),
                )
            progress.update(
                step,
                total=report.seen,
                completed=report.seen,
                description=f"collected {crawl.articles} new articles",
            )
            today = datetime.now(ZoneInfo(settings.timezone)).date()
            digest_step = progress.add_task("writing today's digest", total=1)
            paths = write_digest(build_digest(store, today, settings), settings.digest_dir)
            progress.advance(digest_step)
        result = store.search(SearchQuery(text=query, size=5))
        counts = store.counts()
    finally:
        store.close()
    total = counts.get("commitments", 0)
    # soft_wrap: the store's path stays on the line it belongs to, whole, so it can be copied.
    console.print(summary(report, counts, settings.db_path), soft_wrap=True)
    for path in paths:
        print(f"digest: {path}", flush=True)  # plain print: a wrapped path can't be copied or grepped
    console.print(f"[bold]search:[/bold] goftar search {query}")
    console.print(hits_table(result))
    return DemoResult(crawl.articles, report.indexed, total, paths, result)
