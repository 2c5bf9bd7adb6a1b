"""Storage and search: one interface (``index.base.Store``), two backends."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goftar.settings import Settings
    from index.base import Store


def open_store(settings: Settings, *, search_budget: float | None = None) -> Store:
    """The configured backend: Elasticsearch when ``GOFTAR_ES_URL`` is set, else SQLite under GOFTAR_HOME.

    ``search_budget``: seconds one search may run before the store stops it (``SearchTimeout``);
    default ``GOFTAR_SEARCH_BUDGET``.
    """
    budget = settings.search_budget if search_budget is None else search_budget
    if settings.es_url:
        from index.elastic import ElasticStore

        store = ElasticStore.from_settings(settings)
        store.search_budget = budget
        return store
    from index.sqlite import SqliteStore

    return SqliteStore.open(
        settings.db_path,
        timezone=settings.timezone,
        search_budget=budget,
        bulk_writer=settings.index_writer_process,
    )
