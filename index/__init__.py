"""Storage and search: one interface (``index.base.Store``), two backends."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goftar.settings import Settings
    from index.base import Store


def open_store(settings: Settings) -> Store:
    """The configured backend: Elasticsearch when ``GOFTAR_ES_URL`` is set, else SQLite under GOFTAR_HOME."""
    if settings.es_url:
        from index.elastic import ElasticStore

        return ElasticStore.from_settings(settings)
    from index.sqlite import SqliteStore

    return SqliteStore.open(settings.db_path, timezone=settings.timezone)
