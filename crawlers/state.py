"""Where crawl state lives, read from the Scrapy settings the runner fills from ``goftar.settings``."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings


def seen_path(settings: BaseSettings) -> Path:
    """``GOFTAR_HOME/crawl/seen.sqlite3``: seen URLs, feed validators and dedup hashes."""
    return Path(settings.get("GOFTAR_HOME", "./var")) / "crawl" / "seen.sqlite3"


def archive_dir(settings: BaseSettings) -> Path:
    return Path(settings.get("GOFTAR_ARCHIVE_DIR") or Path(settings.get("GOFTAR_HOME", "./var")) / "archive")
