"""Persistent crawl state in one SQLite file: seen URLs, feed validators (ETag/Last-Modified), content hashes.

Reruns consult it before fetching, so an unchanged site costs one conditional request per feed and no
article fetches. URLs are stored canonicalised (tracking parameters stripped, query sorted, no fragment).
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "yclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "ref_url",
        "from",
        "si",
        "cmpid",
    }
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY, source TEXT, first_seen TEXT, status TEXT, content_hash TEXT
);
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS hashes (hash TEXT PRIMARY KEY, url TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS minhashes (url TEXT PRIMARY KEY, signature BLOB, source TEXT);
CREATE TABLE IF NOT EXISTS bands (band TEXT, url TEXT, PRIMARY KEY (band, url));
CREATE TABLE IF NOT EXISTS marks (key TEXT PRIMARY KEY);
"""


def canonical_url(url: str) -> str:
    """A stable form of ``url``: lower-case host, no fragment or default port, tracking params dropped,
    query sorted, so the same article reached from a feed and from a listing is one entry."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    netloc = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in {("http", 80), ("https", 443)}:
        netloc += f":{parts.port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    rebuilt = urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


class SeenStore:
    """The crawl state database. One connection per process (the Scrapy reactor is single-threaded)."""

    _shared: dict[Path, SeenStore] = {}
    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # Writes are batched into transactions committed every few hundred writes or seconds, and at
        # the end of a crawl (flush): a killed crawl loses at most those, which are simply fetched again.
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at checkpoints, never corrupt
        self.db.executescript(_SCHEMA)
        # URLs taken by some spider in this process: the spiders of all sources run at once, so an
        # article in both a feed and a listing must be claimed before either has stored it.
        self._claimed: set[str] = set()
        self._pending = 0
        self._last_commit = time.monotonic()
        atexit.register(self.flush)

    def flush(self) -> None:
        """Commit pending writes."""
        self.db.commit()
        self._pending, self._last_commit = 0, time.monotonic()

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= 500 or time.monotonic() - self._last_commit > 5.0:
            self.flush()

    @classmethod
    def shared(cls, path: Path) -> SeenStore:
        """One store per file per process, shared by the crawlers of all sources in a run."""
        path = path.resolve()
        with cls._lock:
            if path not in cls._shared:
                cls._shared[path] = cls(path)
            return cls._shared[path]

    def is_seen(self, url: str) -> bool:
        row = self.db.execute("SELECT 1 FROM seen WHERE url = ?", (canonical_url(url),)).fetchone()
        return row is not None

    def claim(self, url: str) -> bool:
        """True for the first caller in this process to ask for a URL not seen in earlier runs."""
        key = canonical_url(url)
        if key in self._claimed or self.is_seen(key):
            return False
        self._claimed.add(key)
        return True

    def mark_seen(self, url: str, source: str, status: str = "ok", content_hash: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO seen(url, source, first_seen, status, content_hash) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET status = excluded.status, "
            "content_hash = COALESCE(excluded.content_hash, seen.content_hash)",
            (canonical_url(url), source, datetime.now(UTC).isoformat(), status, content_hash),
        )
        self._wrote()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (canonical_url(url),)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if not etag and not last_modified:
            return
        self.db.execute(
            "INSERT OR REPLACE INTO validators(url, etag, last_modified) VALUES (?, ?, ?)",
            (canonical_url(url), etag, last_modified),
        )
        self._wrote()

    def hash_owner(self, digest: str) -> tuple[str, str] | None:
        """(url, source) of the first article seen with this exact-text digest."""
        row = self.db.execute("SELECT url, source FROM hashes WHERE hash = ?", (digest,)).fetchone()
        return (row[0], row[1]) if row else None

    def add_hash(self, digest: str, url: str, source: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO hashes(hash, url, source) VALUES (?, ?, ?)", (digest, url, source)
        )
        self._wrote()

    def near_candidates(self, bands: list[str]) -> list[tuple[str, bytes]]:
        """(url, signature bytes) of stored texts sharing at least one LSH band key."""
        marks = ",".join("?" * len(bands))
        return list(
            self.db.execute(
                f"SELECT DISTINCT m.url, m.signature FROM bands b JOIN minhashes m ON m.url = b.url "
                f"WHERE b.band IN ({marks})",
                bands,
            ).fetchall()
        )

    def add_minhash(self, url: str, signature: bytes, bands: list[str], source: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO minhashes(url, signature, source) VALUES (?, ?, ?)",
            (url, signature, source),
        )
        self.db.executemany("INSERT OR IGNORE INTO bands(band, url) VALUES (?, ?)", [(b, url) for b in bands])
        self._wrote()

    def set_mark(self, key: str, on: bool = True) -> None:
        """Set or clear a named flag (e.g. "this listing was paged to the end"), committed at once."""
        sql = "INSERT OR IGNORE INTO marks(key) VALUES (?)" if on else "DELETE FROM marks WHERE key = ?"
        self.db.execute(sql, (key,))
        self.flush()

    def has_mark(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM marks WHERE key = ?", (key,)).fetchone() is not None

    def count_seen(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])
