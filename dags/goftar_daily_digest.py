"""goftar_daily_digest: every morning at 07:00 Tehran, the analysts' digest of the day before.

Writes HTML, text, JSON and PDF to ``GOFTAR_HOME/digests`` and mails it (SMTP from the ``goftar_smtp``
Airflow connection, else the ``GOFTAR_SMTP_*`` environment). Trigger with ``day`` (Jalali «۱۴۰۵/۰۸/۳۰»
or Gregorian ``2026-11-21``) to rebuild any past day; ``send`` and ``resend`` control the mail.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, Param, dag, task

DIGEST_WRITTEN = Asset("goftar://digests/daily", group="goftar")

DEFAULT_ARGS = {
    "owner": "goftar",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(minutes=20),
}


@dag(
    dag_id="goftar_daily_digest",
    schedule="0 7 * * *",  # evaluated in the start_date's time zone: 07:00 Asia/Tehran
    start_date=pendulum.datetime(2026, 1, 1, tz="Asia/Tehran"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["goftar", "digest"],
    params={
        "day": Param(
            "",
            type="string",
            title="Day to (re)build",
            description="Jalali (۱۴۰۵/۰۸/۳۰) or Gregorian (2026-11-21); empty: the day before the run.",
        ),
        "send": Param(True, type="boolean", description="Mail the digest after writing it."),
        "resend": Param(False, type="boolean", description="Mail it even if this day was mailed before."),
    },
    doc_md=__doc__,
)
def goftar_daily_digest() -> None:
    @task
    def resolve_day(params=None, data_interval_end=None) -> str:  # noqa: ANN001
        from goftar.scheduled import digest_day, task_settings

        return digest_day((params or {}).get("day"), data_interval_end, task_settings()).isoformat()

    @task(outlets=[DIGEST_WRITTEN])
    def write(day: str) -> dict:
        from datetime import date

        from goftar.scheduled import build_and_write_digest, task_settings

        return build_and_write_digest(task_settings(), date.fromisoformat(day))

    @task
    def deliver(written: dict, params=None) -> dict:  # noqa: ANN001
        from datetime import date

        from goftar.scheduled import SMTP_CONN_ID, deliver_digest, task_settings

        params = params or {}
        if not params.get("send", True):
            return {"day": written["day"], "sent": False, "reason": "send=false"}
        settings = task_settings(smtp_conn_id=SMTP_CONN_ID)
        return deliver_digest(settings, date.fromisoformat(written["day"]), resend=bool(params.get("resend")))

    deliver(write(resolve_day()))


goftar_daily_digest()
