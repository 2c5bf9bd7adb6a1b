"""Scrapy settings of the Goftar crawler, and the per-source overrides the runner applies.

Politeness defaults: robots.txt obeyed, AutoThrottle on, two concurrent requests per site, retries with
backoff, 30 s timeout, 5 MB size cap, and a User-Agent naming the project and its contact URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goftar.model import Source
from goftar.settings import Settings

BOT_NAME = "goftar"
SPIDER_MODULES = ["crawlers.spiders"]
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"  # Persian as text in the JSON lines, not \uXXXX escapes
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
DOWNLOADER_MIDDLEWARES = {
    "crawlers.safety.PrivateAddressMiddleware": 50,  # before robots.txt, so not even robots is fetched
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.politeness.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.DedupPipeline": 100,
    "crawlers.pipelines.ArchivePipeline": 200,
    "crawlers.pipelines.ArticlePipeline": 900,  # writes the line ...
    "crawlers.pipelines.SeenPipeline": 950,  # ... before the URL is marked seen (crash safety)
}
LOG_LEVEL = "INFO"


def base_settings() -> dict[str, Any]:
    """The module-level settings above as a dict."""
    return {k: v for k, v in globals().items() if k.isupper()}


def source_settings(
    settings: Settings, source: Source, feed_path: Path, *, allow_private: bool
) -> dict[str, Any]:
    """Scrapy settings for crawling one source: the base, the operator's settings, the source's overrides."""
    out = base_settings()
    delay = float(source.politeness.get("download_delay", settings.download_delay))
    out.update(
        {
            "USER_AGENT": settings.user_agent,
            "DOWNLOAD_DELAY": delay,
            # Politeness off (delay 0, as in tests and the benchmark) also turns AutoThrottle and backoff off.
            "AUTOTHROTTLE_ENABLED": delay > 0,
            "AUTOTHROTTLE_START_DELAY": max(delay, 0.1),
            "GOFTAR_RETRY_BACKOFF": delay,
            "CONCURRENT_REQUESTS_PER_DOMAIN": int(
                source.politeness.get("concurrency", 2 if delay > 0 else 16)
            ),
            "DOWNLOAD_TIMEOUT": float(source.politeness.get("timeout", DOWNLOAD_TIMEOUT)),
            "RETRY_TIMES": int(source.politeness.get("retries", RETRY_TIMES)),
            "DOWNLOAD_MAXSIZE": int(source.politeness.get("max_bytes", DOWNLOAD_MAXSIZE)),
            "GOFTAR_ALLOW_PRIVATE": allow_private or source.allow_private or settings.allow_private,
            "GOFTAR_HOME": str(settings.home),
            "GOFTAR_ARCHIVE_DIR": str(settings.archive_dir),
            "GOFTAR_SOURCE": _safe_name(source.name),
            "LOG_LEVEL": settings.log_level,
            # ArticlePipeline writes this file itself, line by line and flushed (not a buffered feed
            # export), so that nothing is marked seen before its article is on disk.
            "GOFTAR_OUTPUT": str(feed_path),
        }
    )
    return out


def _safe_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:60] or "source"
