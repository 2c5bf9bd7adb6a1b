"""Crash safety: SIGKILL ``goftar run`` at seeded points of crawl, extraction and indexing, rerun it, and
check that the store holds exactly what a clean run holds (nothing lost, nothing duplicated) and that
the SQLite files pass ``PRAGMA integrity_check``.

Kill points are of two kinds: instrumented (``tests/crashkit/sitecustomize.py`` kills the process group
at the n-th call of a named function, in the CLI or in its Scrapy child) and timed (the test kills the
group after a seeded delay). ``GOFTAR_CRASH_SEED`` picks another set of points; the default is fixed so
that a failure reproduces. Runs are forked from a warm ``goftar`` (``tests/crashkit/forkserver.py``) so
that the cases do not each load the NLP models; the run itself, its Scrapy child and the kill are real.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from goftar.sample_site import serve

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "tests" / "fixtures" / "site"
CRASHKIT = REPO / "tests" / "crashkit"
SEED = int(os.environ.get("GOFTAR_CRASH_SEED", "9"))
ARTICLES = 9  # what the two fixture sources below yield
WORKERS = 2  # cases are independent (one GOFTAR_HOME each): two at a time halves the wall time

# (module:qualname, largest n that is always reached, kill after the call instead of before)
INSTRUMENTED: list[tuple[str, int, bool]] = [
    # crawl child: an item on its way through the pipelines, and the seen store's commits
    ("crawlers.pipelines:DedupPipeline.process_item", ARTICLES, False),
    ("crawlers.pipelines:ArchivePipeline.process_item", ARTICLES, True),
    ("crawlers.pipelines:ArticlePipeline.process_item", ARTICLES, False),
    ("crawlers.pipelines:ArticlePipeline.process_item", ARTICLES, True),  # line written, not yet seen
    ("crawlers.pipelines:SeenPipeline.process_item", ARTICLES, True),  # seen, not yet committed
    ("crawlers.seen:SeenStore.flush", 2, True),  # seen committed at the end of a source's crawl
    # the CLI: after the crawl, extraction, and indexing (inside and after the SQLite transaction)
    ("crawlers.runner:collect_parts", 1, False),
    ("crawlers.runner:collect_parts", 1, True),
    ("goftar.pipeline:record_health", 1, True),
    ("goftar.pipeline:process", ARTICLES, False),
    ("goftar.pipeline:process", ARTICLES, True),
    ("index.sqlite:write", ARTICLES, False),  # mid-transaction once n > 1
    ("index.sqlite:write", ARTICLES, True),
    ("index.sqlite:SqliteStore.upsert", 1, True),  # committed, crawl file not yet moved
    ("goftar.pipeline:_ingested", 1, False),
    ("goftar.pipeline:_ingested", 1, True),
]
TIMED = 4


@dataclass(frozen=True)
class Case:
    name: str
    kill_at: str = ""  # GOFTAR_KILL_AT for the first run
    delay: float = 0.0  # or: kill the process group after this many seconds

    def __str__(self) -> str:
        return self.name


def _cases() -> list[Case]:
    rng = random.Random(SEED)
    cases = []
    for target, most, after in INSTRUMENTED:
        nth = rng.randint(1, most)
        spec = f"{target}:{nth}" + (":after" if after else "")
        cases.append(Case(name=spec, kill_at=spec))
    for i in range(TIMED):
        cases.append(Case(name=f"timed-{i}", delay=round(rng.uniform(0.3, 0.9), 3)))
    return cases


def _sources_file(base: str, folder: Path) -> Path:
    path = folder / "sources.yaml"
    path.write_text(
        "sources:\n"
        f"  - {{name: atom, kind: feed, start_urls: ['{base}/feeds/atom.xml'], allow_private: true}}\n"
        f"  - {{name: listing, kind: listing, start_urls: ['{base}/listing/'], max_pages: 2,"
        " allow_private: true}\n",
        encoding="utf-8",
    )
    return path


class ForkServer:
    """``tests/crashkit/forkserver.py``: forks a warm ``goftar run`` per request (see its docstring)."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CRASHKIT), str(REPO)])}
        env.pop("GOFTAR_ES_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, str(CRASHKIT / "forkserver.py")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._answer().get("ready"), "the fork server did not start"

    def _answer(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        return json.loads(self.proc.stdout.readline() or "{}")

    def run(self, home: Path, sources: Path, *, kill_at: str = "", delay: float = 0.0) -> tuple[int, str]:
        """(exit status, log) of ``goftar run --sources SOURCES`` with GOFTAR_HOME=home."""
        assert self.proc.stdin is not None
        home.mkdir(parents=True, exist_ok=True)
        log = home.parent / "run.log"
        env = {
            "GOFTAR_HOME": str(home),
            "GOFTAR_DOWNLOAD_DELAY": "0",
            "GOFTAR_KILL_AT": kill_at,
            "GOFTAR_KILL_MARKER": str(home.parent / "killed") if kill_at else "",
        }
        request = {
            "argv": ["run", "--sources", str(sources)],
            "env": env,
            "kill_at": kill_at,
            "delay": delay,
            "log": str(log),
        }
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        code = int(self._answer()["returncode"])
        return code, log.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _snapshot(home: Path) -> dict[str, Any]:
    """What a user would compare: the stored records' ids and counts, and the files' integrity."""
    db = sqlite3.connect(home / "goftar.sqlite3")
    try:
        snap: dict[str, Any] = {
            table: sorted(r[0] for r in db.execute(f"SELECT id FROM {table}"))  # noqa: S608 (fixed names)
            for table in ("articles", "statements", "commitments")
        }
        # By article id (rowids may differ between runs); an orphaned entity would show as None.
        snap["entities"] = sorted(
            db.execute(
                "SELECT a.id, e.label, e.key FROM entities e LEFT JOIN articles a ON a.rowid = e.article_rowid"
            ).fetchall(),
            key=repr,
        )
        for fts in ("article_fts", "statement_fts", "commitment_fts"):
            snap[fts] = db.execute(f"SELECT count(*) FROM {fts}").fetchone()[0]  # noqa: S608
        snap["integrity"] = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    seen = sqlite3.connect(home / "crawl" / "seen.sqlite3")
    try:
        snap["seen_integrity"] = seen.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        seen.close()
    return snap


@pytest.fixture(scope="module")
def servers() -> Any:
    made = [ForkServer() for _ in range(WORKERS)]
    yield made
    for server in made:
        server.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("crash-site")
    with serve(SITE) as base:
        yield _sources_file(base, folder)


@pytest.fixture(scope="module")
def baseline(
    site: Path, servers: list[ForkServer], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("clean") / "home"
    started = time.monotonic()
    code, log = servers[0].run(home, site)
    assert code == 0, log[-2000:]
    snap = _snapshot(home)
    snap["seconds"] = time.monotonic() - started
    assert len(snap["articles"]) == ARTICLES and snap["commitments"], "the fixture crawl changed"
    assert snap["article_fts"] == ARTICLES
    return snap


def _crash_and_recover(
    case: Case, site: Path, folder: Path, clean_seconds: float, servers: queue.Queue[ForkServer]
) -> tuple[Case, str]:
    """Run the case; '' when the run was killed and its rerun succeeded, else what went wrong."""
    home = folder / "home"
    delay = case.delay * clean_seconds if case.delay else 0.0
    server = servers.get()
    try:
        code, log = server.run(home, site, kill_at=case.kill_at, delay=delay)
        if code != -signal.SIGKILL:
            return case, f"the first run was not killed (exit {code}): {log[-800:]}"
        if case.kill_at and not (folder / "killed").exists():
            return case, "the kill point was not reached"
        code, log = server.run(home, site)
        if code != 0:
            return case, f"the rerun failed (exit {code}): {log[-1500:]}"
    finally:
        servers.put(server)
    leftovers = list((home / "crawl" / "pending").glob("*"))
    if leftovers:
        return case, f"the rerun left pending crawl output: {leftovers}"
    return case, ""


def test_killed_runs_recover_to_exactly_the_clean_store(
    site: Path, baseline: dict[str, Any], servers: list[ForkServer], tmp_path: Path
) -> None:
    cases = _cases()
    assert len(cases) >= 20
    free: queue.Queue[ForkServer] = queue.Queue()
    for server in servers:
        free.put(server)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [
            pool.submit(_crash_and_recover, case, site, tmp_path / f"case-{i}", baseline["seconds"], free)
            for i, case in enumerate(cases)
        ]
        outcomes = [f.result() for f in futures]
    problems = [f"{case}: {why}" for case, why in outcomes if why]
    for i, case in enumerate(cases):
        if any(c is case and why for c, why in outcomes):
            continue
        snap = _snapshot(tmp_path / f"case-{i}" / "home")
        for key in ("articles", "statements", "commitments", "entities", "article_fts", "commitment_fts"):
            if snap[key] != baseline[key]:
                lost = (
                    set(map(str, baseline[key])) - set(map(str, snap[key]))
                    if isinstance(snap[key], list)
                    else ""
                )
                problems.append(f"{case}: {key} differ from the clean run (missing: {sorted(lost)[:5]})")
        if snap["integrity"] != "ok" or snap["seen_integrity"] != "ok":
            problems.append(f"{case}: integrity_check {snap['integrity']!r} / {snap['seen_integrity']!r}")
    assert not problems, "\n".join(problems)
