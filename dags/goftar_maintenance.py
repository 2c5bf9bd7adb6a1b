"""goftar_maintenance: weekly upkeep of the store and the raw files.

Recomputes commitment statuses (open → due → overdue) as of today in Tehran, merges near-duplicate
stories (copies of one release, the same speaker's restatements) and rebuilds the search index
(SQLite: FTS tables rebuilt in one transaction; Elasticsearch: a new versioned index, then the alias
switch), and prunes raw WARC archives and crawl files past the retention policy.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, dag, task

DEFAULT_ARGS = {
    "owner": "goftar",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
}


@dag(
    dag_id="goftar_maintenance",
    schedule="0 3 * * 5",  # Friday 03:00 Tehran: the quietest hour of the Iranian weekend
    start_date=pendulum.datetime(2026, 1, 1, tz="Asia/Tehran"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["goftar", "maintenance"],
    params={
        "archive_days": Param(
            180, type="integer", minimum=1, description="Keep WARC archives this many days."
        ),
        "crawl_days": Param(
            30, type="integer", minimum=1, description="Keep crawl JSON-lines this many days."
        ),
    },
    doc_md=__doc__,
)
def goftar_maintenance() -> None:
    @task
    def recompute_statuses() -> int:
        # As of today, not of the run's interval: every ingest sets them as of today too, and a
        # catch-up run of an old interval must not turn them back to that day's.
        from goftar.scheduled import recompute_statuses, task_settings

        return recompute_statuses(task_settings())

    @task
    def merge_near_duplicates() -> dict:
        from goftar.scheduled import run_store_maintenance, task_settings

        return run_store_maintenance(task_settings(), "merge_near_duplicates")

    @task
    def reindex() -> dict:
        from goftar.scheduled import run_store_maintenance, task_settings

        return run_store_maintenance(task_settings(), "reindex")

    @task
    def prune_raw_files(params=None, data_interval_end=None) -> dict:  # noqa: ANN001
        from goftar.scheduled import prune_raw, task_settings

        params = params or {}
        return prune_raw(
            task_settings(),
            data_interval_end,
            int(params.get("archive_days", 180)),
            int(params.get("crawl_days", 30)),
        )

    # Statuses first (merging needs them current), the index rebuilt from the merged stories.
    recompute_statuses() >> merge_near_duplicates() >> reindex()
    prune_raw_files()


goftar_maintenance()
