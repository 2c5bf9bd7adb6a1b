"""Load test of the search API: N concurrent clients for D seconds on loopback against a SQLite store.

Serves ``goftar.api.create_app`` with uvicorn in a child process (as ``goftar serve`` does) over a copy
of an existing store (``--db``, e.g. one built by ``benchmarks/search.py``) or a store it builds with
that benchmark's generator (``--build N`` commitments), then runs ``--clients`` asyncio clients, each
sending the next request as soon as the previous one answered, over a fixed mix of realistic queries.

    nice .venv/bin/python benchmarks/load.py --db /tmp/goftar-bench/bench-100000.sqlite3 \\
        --clients 50 --duration 60 --label 'per-thread readers'

``--distinct`` gives every request a published-from day of its own (the mix's queries, each narrowed
to a different day), so no answer comes from the store's result cache: what new queries cost.

Reports throughput, p50/p95/p99/max latency and errors (non-200 answers and transport failures) to
``benchmarks/results/load.json`` and ``load.md``. Not part of CI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUERIES: list[dict[str, str]] = [
    {"q": "مترو"},
    {"q": "«پایان سال»"},
    {"q": "اتوبوس", "sort": "date"},
    {"q": "پارک", "polarity": "commit"},
    {"q": "بودجه OR اعتبار", "size": "50"},
    {"q": "ایستگاه -مترو"},
    {"deadline_from": "1404/01/01", "deadline_to": "1404/06/31", "sort": "deadline"},
    {"q": "شهرداری", "page": "3"},
    {"type": "statement", "q": "گفت"},
    {"q": "آسفالت", "published_from": "1403/01/01"},
]


def _copy_store(source: Path, home: Path) -> Path:
    """A private copy (the backup API copies a live WAL database consistently); the API opens this."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "goftar.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def _build_store(n: int, home: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import search  # the search benchmark's corpus generator and indexer

    corpus = home / f"corpus-arrival-{n}.jsonl"
    if not corpus.exists():
        search.generate(corpus, n)
    home.mkdir(parents=True, exist_ok=True)
    search.build(home / "goftar.sqlite3", corpus, n)
    return home / "goftar.sqlite3"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GOFTAR_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("GOFTAR_ES_URL", None)
    code = (
        "import uvicorn; from goftar.api import create_app; from goftar.settings import Settings; "
        f"uvicorn.run(create_app(Settings.from_env()), host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/counts", timeout=60).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the API server did not start")


def _distinct(params: dict[str, str], i: int) -> dict[str, str]:
    """The query with a published-from day of its own: no two requests share a cached result."""
    day = date(2021, 3, 21) + timedelta(days=i % 1500)
    return {**params, "published_from": day.isoformat()}


async def _client(
    base: str, index: int, stop: float, out: list[tuple[float, str]], distinct: bool = False
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as http:
        i = index
        while time.monotonic() < stop:
            params = QUERIES[i % len(QUERIES)]
            if distinct:
                params = _distinct(params, i * 7919)
            i += 1
            started = time.perf_counter()
            try:
                response = await http.get("/api/search", params=params)
                outcome = "ok" if response.status_code == 200 else f"http {response.status_code}"
            except httpx.HTTPError as exc:
                outcome = type(exc).__name__
            out.append((time.perf_counter() - started, outcome))


async def _load(base: str, clients: int, duration: float, distinct: bool = False) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    stop = time.monotonic() + duration
    await asyncio.gather(*(_client(base, i, stop, out, distinct) for i in range(clients)))
    return out


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, int(round(p / 100 * (len(sorted_ms) - 1))))]


def summarise(samples: list[tuple[float, str]], duration: float) -> dict[str, Any]:
    ok = sorted(s * 1000 for s, outcome in samples if outcome == "ok")
    every = sorted(s * 1000 for s, _ in samples)
    return {
        "requests": len(samples),
        "ok": len(ok),
        "errors": dict(Counter(outcome for _, outcome in samples if outcome != "ok")),
        "throughput_rps": round(len(ok) / duration, 1),
        "latency_ms": {p: round(_percentile(every, float(p[1:])), 1) for p in ("p50", "p95", "p99")}
        | {"max": round(every[-1], 1) if every else None},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing SQLite store (copied, never modified)")
    parser.add_argument(
        "--in-place", action="store_true", help="serve --db itself (a scratch store) instead of a copy"
    )
    parser.add_argument("--build", type=int, help="build a store of this many commitments instead")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--label", default="", help="names the run in the results table (one row per label)")
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="give every request its own published-from day, so no answer comes from the result cache",
    )
    args = parser.parse_args()
    if not args.db and not args.build:
        parser.error("give --db PATH or --build N")
    home = args.work or Path(tempfile.mkdtemp(prefix="goftar-load-"))
    if args.db and args.in_place:
        home.mkdir(parents=True, exist_ok=True)
        db = home / "goftar.sqlite3"
        db.unlink(missing_ok=True)
        db.symlink_to(args.db.resolve())
    else:
        db = _copy_store(args.db, home) if args.db else _build_store(args.build, home)
    port = _free_port()
    server = _start_server(home, port)
    try:
        counts = httpx.get(f"http://127.0.0.1:{port}/api/counts", timeout=60).json()
        load_before = os.getloadavg()[0]
        samples = asyncio.run(_load(f"http://127.0.0.1:{port}", args.clients, args.duration, args.distinct))
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "label": args.label,
        "store": {
            "path": str(db),
            "commitments": counts.get("commitments"),
            "articles": counts.get("articles"),
            "bytes": db.stat().st_size,
        },
        "clients": args.clients,
        "duration_s": args.duration,
        "queries": "distinct (no cache hits)" if args.distinct else "the ten queries, repeated",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average at start {load_before:.1f}",
        **summarise(samples, args.duration),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    runs = _merge_runs(args.out / "load.json", result)
    (args.out / "load.json").write_text(
        json.dumps({"runs": runs}, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    (args.out / "load.md").write_text(_markdown(runs), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _merge_runs(path: Path, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The runs in ``load.json`` (one per label, store size and query kind); ``result`` replaces its own."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    runs = saved.get("runs", [saved] if saved.get("store") else [])

    def key(run: dict[str, Any]) -> tuple[Any, ...]:
        return run.get("label", ""), run["store"]["commitments"], run.get("queries", "")

    kept = [r for r in runs if key(r) != key(result)]
    return sorted([*kept, result], key=lambda r: (r["store"]["commitments"], r.get("label", "")))


def _queries_note(run: dict[str, Any]) -> str:
    return " (distinct queries: no cache hits)" if run.get("queries", "").startswith("distinct") else ""


def _markdown(runs: list[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        lat = r["latency_ms"]
        errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "none"
        rows.append(
            f"| {r.get('label', '')}{_queries_note(r)} | "
            f"{r['store']['commitments']:,} ({r['store']['bytes'] / 1e6:.0f} MB) | "
            f"{r['clients']} | {r['duration_s']:.0f} | {r['requests']} | {r['throughput_rps']} | "
            f"{lat['p50']} | {lat['p95']} | {lat['p99']} | {lat['max']} | {errors} | {r['machine']} |"
        )
    return (
        "# Search API under load\n\n"
        "`benchmarks/load.py`: closed-loop clients (each sends its next request as soon as the last one\n"
        "answered) over a fixed mix of ten queries, on loopback, against one uvicorn worker serving a copy\n"
        "of a SQLite store built by `benchmarks/search.py`. Latency is per request, errors are non-200\n"
        "answers and transport failures. With `--distinct` every request is a query of its own (the mix's\n"
        "queries, each narrowed to a different published-from day), so none is answered from the result\n"
        "cache.\n\n"
        "| run | store (commitments) | clients | seconds | requests | req/s | p50 ms | p95 ms | p99 ms | "
        "max ms | errors | machine |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )


if __name__ == "__main__":
    main()
