"""Retries that back off: each retry of a site doubles that site's download delay (up to a ceiling),
so a struggling server gets breathing room instead of an immediate second hit."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware

log = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware plus per-site exponential backoff (``GOFTAR_RETRY_BACKOFF`` seconds base,
    ``GOFTAR_RETRY_BACKOFF_MAX`` ceiling; a base of 0 turns backoff off, as the tests and benchmark do)."""

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        base = self.crawler.settings.getfloat("GOFTAR_RETRY_BACKOFF", 1.0)
        if retry is not None and base > 0 and self.crawler.engine is not None:
            downloader = self.crawler.engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None:
                ceiling = self.crawler.settings.getfloat("GOFTAR_RETRY_BACKOFF_MAX", 60.0)
                slot.delay = min(ceiling, max(base, slot.delay * 2))
                log.debug("backing off %s: delay now %.1fs", request.url, slot.delay)
        return retry
