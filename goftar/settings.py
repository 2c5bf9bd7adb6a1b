"""One settings object, read from the environment, with a declared table of defaults.

Every knob of Goftar is a row in ``SETTINGS``: its environment variable, default and help. The CLI's
``goftar settings`` prints this table; library code receives a ``Settings`` and never reads ``os.environ``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

# (field, environment variable, default, help)
SETTINGS: list[tuple[str, str, Any, str]] = [
    ("home", "GOFTAR_HOME", "./var", "data folder: SQLite store, crawl output, archives, digests"),
    ("es_url", "GOFTAR_ES_URL", "", "Elasticsearch URL; when set it replaces the embedded SQLite store"),
    ("es_api_key", "GOFTAR_ES_API_KEY", "", "Elasticsearch API key (never logged)"),
    ("es_prefix", "GOFTAR_ES_PREFIX", "goftar", "prefix of Elasticsearch index and alias names"),
    ("sources", "GOFTAR_SOURCES", "", "sources registry YAML; empty means the bundled default registry"),
    ("timezone", "GOFTAR_TZ", "Asia/Tehran", "time zone whose days the digest and deadlines use"),
    ("user_agent", "GOFTAR_USER_AGENT", "GoftarBot/0.1 (+https://github.com/goftar/goftar)", "crawler UA"),
    ("download_delay", "GOFTAR_DOWNLOAD_DELAY", 1.0, "seconds between requests to one site"),
    ("allow_private", "GOFTAR_ALLOW_PRIVATE", False, "let crawlers reach loopback/private addresses"),
    ("smtp_host", "GOFTAR_SMTP_HOST", "", "SMTP server for the digest; empty means write files only"),
    ("smtp_port", "GOFTAR_SMTP_PORT", 587, "SMTP port"),
    ("smtp_user", "GOFTAR_SMTP_USER", "", "SMTP user"),
    ("smtp_password", "GOFTAR_SMTP_PASSWORD", "", "SMTP password (never logged)"),
    ("smtp_starttls", "GOFTAR_SMTP_STARTTLS", True, "use STARTTLS"),
    ("digest_from", "GOFTAR_DIGEST_FROM", "goftar@localhost", "digest sender address"),
    ("digest_to", "GOFTAR_DIGEST_TO", "", "comma-separated digest recipients"),
    (
        "public_url",
        "GOFTAR_PUBLIC_URL",
        "",
        "public address of `goftar serve` (https://goftar.example.org): digests link archived copies there",
    ),
    ("search_budget", "GOFTAR_SEARCH_BUDGET", 5.0, "seconds one search may run before it is stopped (503)"),
    (
        "index_writer_process",
        "GOFTAR_INDEX_WRITER_PROCESS",
        True,
        "SQLite: write large batches in a child process while the next are prepared (a second core)",
    ),
    ("log_level", "GOFTAR_LOG_LEVEL", "INFO", "logging level"),
]

SECRET_FIELDS = frozenset({"es_api_key", "smtp_password"})


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


@dataclass(frozen=True)
class Settings:
    home: Path
    es_url: str
    es_api_key: str
    es_prefix: str
    sources: str
    timezone: str
    user_agent: str
    download_delay: float
    allow_private: bool
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    digest_from: str
    digest_to: str
    public_url: str
    search_budget: float
    index_writer_process: bool
    log_level: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read every setting from ``env`` (default ``os.environ``); keyword overrides win."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for name, var, default, _help in SETTINGS:
            raw = env.get(var)
            try:
                values[name] = default if raw in (None, "") else _coerce(raw, default)
            except ValueError as exc:
                raise ValueError(f"{var}={raw!r} is not a valid {type(default).__name__}: {exc}") from exc
        values.update(overrides)
        values["home"] = Path(values["home"]).expanduser()
        return cls(**values)

    def __post_init__(self) -> None:
        _check_public_url(self.public_url)

    # Derived paths: one place decides the layout of GOFTAR_HOME.
    @property
    def db_path(self) -> Path:
        return self.home / "goftar.sqlite3"

    @property
    def crawl_dir(self) -> Path:
        return self.home / "crawl"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def digest_dir(self) -> Path:
        return self.home / "digests"

    @property
    def backend(self) -> str:
        return "elasticsearch" if self.es_url else "sqlite"

    def archive_url(self, article: Mapping[str, Any]) -> str | None:
        """The address of an article's archived copy on the public web server (``/archive?ref=…``).

        ``article`` is an article ref as store documents carry it (``doc["article"]``, with ``archive``:
        "warc-file#offset"). None when ``GOFTAR_PUBLIC_URL`` is unset or the article was not archived:
        a digest read outside the server has no other way to reach the copy.
        """
        ref = article.get("archive")
        if not self.public_url or not ref:
            return None
        return f"{self.public_url.rstrip('/')}/archive?ref={quote(str(ref), safe='')}"

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict with secrets masked: safe to log or print."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = "***" if f.name in SECRET_FIELDS and value else str(value)
        # A URL may carry credentials (https://user:pass@host): keep the host, mask the rest.
        out["es_url"] = re.sub(r"//[^/@]+@", "//***@", out["es_url"])
        return out


def _check_public_url(value: str) -> None:
    """Refuse a GOFTAR_PUBLIC_URL that would make broken links: it must be an absolute http(s) address."""
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"GOFTAR_PUBLIC_URL={value!r} is not an http(s) address of the web server: "
            "use one like https://goftar.example.org (a path is fine, a query is not)"
        )
