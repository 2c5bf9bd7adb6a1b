"""The small vocabulary of errors library code raises; the CLI maps each to a one-line message."""

from __future__ import annotations


class GoftarError(Exception):
    """Base class: the message says what went wrong and what the user can do about it."""


class ConfigError(GoftarError):
    """A setting, sources file or argument is invalid."""


class SourceError(ConfigError):
    """A sources registry entry is invalid (the message names the file, line and field)."""


class CrawlError(GoftarError):
    """A crawl could not run at all (not: one page failed — that is logged and skipped)."""


class StoreError(GoftarError):
    """The store could not be opened or written."""


class ModelError(GoftarError):
    """A bundled model or lexicon is missing or unreadable (rebuild it with the command in the message)."""
