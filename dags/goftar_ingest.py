"""goftar_ingest: every hour, crawl each source group, extract and index what is new.

One mapped task per source group (``group`` tag of the sources registry, else ``organisation``, else the
source name), so a slow or broken site delays only its own group. The crawl file is keyed by the data
interval and ingestion by content hash: retries and backfills neither duplicate nor drop articles.
The last task marks the ``STORE_UPDATED`` asset, which the digest and maintenance DAGs can follow.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

STORE_UPDATED = Asset("goftar://store/articles", group="goftar")

DEFAULT_ARGS = {
    "owner": "goftar",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(minutes=45),
}


@dag(
    dag_id="goftar_ingest",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 1, 1, tz="Asia/Tehran"),
    catchup=False,
    max_active_runs=1,  # two runs crawling the same sites at once would only double the load on them
    dagrun_timeout=timedelta(minutes=55),
    default_args=DEFAULT_ARGS,
    tags=["goftar", "ingest"],
    doc_md=__doc__,
)
def goftar_ingest() -> None:
    @task
    def source_groups() -> list[str]:
        from goftar.scheduled import source_groups, task_settings

        return source_groups(task_settings())

    @task(max_active_tis_per_dagrun=2)  # the machine has few cores; Scrapy runs in a child process
    def ingest(group: str, data_interval_start=None, data_interval_end=None) -> dict:  # noqa: ANN001
        from goftar.scheduled import ingest_group, task_settings

        return ingest_group(task_settings(), group, data_interval_start, data_interval_end)

    @task(outlets=[STORE_UPDATED])
    def mark_store_updated(reports: list[dict]) -> dict:
        totals = {key: sum(r[key] for r in reports) for key in ("seen", "indexed", "skipped", "commitments")}
        return {"groups": len(reports), **totals}

    mark_store_updated(ingest.expand(group=source_groups()))


goftar_ingest()
