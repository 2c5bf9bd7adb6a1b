"""A local web site for the demo and the crawler tests: ``serve(root)`` yields its base URL.

The server is the standard library's threaded ``http.server``: no dependency, starts in milliseconds on
an ephemeral port, and handles the few concurrent requests of a crawler; it never faces the internet.

Beyond static files it does what real news sites do and tests need:
- dates relative to the day it is served, written into pages as ``{{iso:-1}}``, ``{{rfc822:0}}``,
  ``{{jalali:-3}}`` (۱۴۰۵/۰۸/۲۹ - ۰۸:۰۰) or ``{{jalali_long:0}}`` (شنبه ۳۰ آبان ۱۴۰۵), and ``{{base}}`` for
  absolute links;
- ETag / Last-Modified on every file, answering conditional requests with 304;
- a routes table (``_routes.json`` in the root) for special behaviours: fixed status, redirects, a
  declared charset (the file's bytes are served as stored, e.g. windows-1256), generated large bodies,
  and different files for different query strings (Telegram's ``?before=``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mimetypes
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from goftar.jalali import fa_digits, jalali_long, jalali_short

log = logging.getLogger(__name__)

DEMO_ROOT = Path(__file__).with_name("site")
TEHRAN = ZoneInfo("Asia/Tehran")
_TOKEN = re.compile(r"\{\{(base|iso|rfc822|jalali|jalali_long)(?::([+-]?\d+))?\}\}")
_TEXT_TYPES = (".html", ".htm", ".xml", ".txt", ".json")


def relative_time(days: int, now: datetime | None = None) -> datetime:
    """08:00 Tehran time ``days`` from today (never in the future: today's items are at most 'now')."""
    now = (now or datetime.now(UTC)).astimezone(TEHRAN)
    moment = now.replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return min(moment, now - timedelta(minutes=5))


def render_tokens(text: str, base: str, now: datetime | None = None) -> str:
    """Fill ``{{kind:days}}`` date tokens and ``{{base}}`` in a page."""

    def fill(match: re.Match[str]) -> str:
        kind, days = match[1], int(match[2] or 0)
        if kind == "base":
            return base
        moment = relative_time(days, now)
        if kind == "iso":
            return moment.isoformat()
        if kind == "rfc822":
            return format_datetime(moment.astimezone(UTC), usegmt=True)
        if kind == "jalali":
            return f"{jalali_short(moment.date())} - {fa_digits(f'{moment:%H:%M}')}"
        return jalali_long(moment.date())

    return _TOKEN.sub(fill, text)


def load_routes(root: Path) -> list[dict[str, Any]]:
    path = root / "_routes.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")))


def _content_type(path: Path) -> str:
    if path.suffix == ".xml":
        return "application/xml; charset=utf-8"
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or path.suffix == ".json" else guessed


class _Handler(BaseHTTPRequestHandler):
    root: Path
    routes: list[dict[str, Any]]
    server_version = "GoftarSampleSite/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (signature of the base class)
        log.debug("sample site: " + format, *args)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _base(self) -> str:
        address: Any = self.server.server_address  # (host, port) for the TCP servers we create
        return f"http://{address[0]!s}:{address[1]}"

    def _route(self, path: str, query: str) -> dict[str, Any] | None:
        params = dict(parse_qsl(query))
        for route in self.routes:
            if route["path"] != path:
                continue
            wanted = dict(parse_qsl(route.get("query", "")))
            if all(params.get(k) == v for k, v in wanted.items()):
                return route
        return None

    def _respond(self, head: bool) -> None:
        parts = urlsplit(self.path)
        route = self._route(parts.path, parts.query) or {}
        if "redirect" in route:
            self._send(route.get("status", 302), b"", "text/plain", head, {"Location": route["redirect"]})
            return
        if "generate_bytes" in route:
            body = _generated_page(int(route["generate_bytes"]))
            self._send(route.get("status", 200), body, "text/html; charset=utf-8", head)
            return
        rel = route.get("file") or parts.path.lstrip("/")
        target = (self.root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        if (
            not target.is_relative_to(self.root.resolve())
            or not target.is_file()
            or target.name.startswith("_")
        ):
            self._send(route.get("status", 404), b"<h1>404</h1>", "text/html; charset=utf-8", head)
            return
        body = target.read_bytes()
        content_type = route.get("content_type") or _content_type(target)
        if target.suffix in _TEXT_TYPES and "charset" not in route:
            body = render_tokens(body.decode("utf-8"), self._base()).encode("utf-8")
        self._send_cacheable(route.get("status", 200), body, content_type, head, target)

    def _send_cacheable(self, status: int, body: bytes, content_type: str, head: bool, target: Path) -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = datetime.fromtimestamp(int(target.stat().st_mtime), UTC)
        if status == 200 and self._not_modified(etag, modified):
            self._send(304, b"", content_type, True, {"ETag": etag})
            return
        headers = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
        self._send(status, body, content_type, head, headers)

    def _not_modified(self, etag: str, modified: datetime) -> bool:
        if_none = self.headers.get("If-None-Match")
        if if_none is not None:
            return etag in [t.strip() for t in if_none.split(",")] or if_none.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError):
                return modified <= parsedate_to_datetime(since)
        return False

    def _send(
        self, status: int, body: bytes, content_type: str, head: bool, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head and status != 304:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


def _generated_page(size: int) -> bytes:
    """An HTML page of ``size`` bytes (for the crawler's size cap)."""
    head = b"<html><head><title>big</title></head><body><p>"
    tail = b"</p></body></html>"
    filler = (" ".join(["شهرداری"] * 100) + " ").encode("utf-8")
    middle = (filler * (size // len(filler) + 1))[: max(0, size - len(head) - len(tail))]
    return head + middle + tail


@contextlib.contextmanager
def serve(root: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``root`` (default: the bundled demo site) in a background thread; yields the base URL."""
    root = Path(root) if root is not None else DEMO_ROOT
    handler = type("SampleSiteHandler", (_Handler,), {"root": root, "routes": load_routes(root)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="goftar-sample-site", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    try:
        yield f"http://{bound_host!s}:{bound_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
