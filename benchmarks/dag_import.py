"""How long the scheduler's DAG processor takes to parse each DAG file, and that parsing does no work.

Each measurement runs in a fresh interpreter: ``airflow.sdk`` (with its lazily loaded ``dag``, ``task``,
``Asset``, ``Param``) and ``pendulum`` are imported first (a DAG processor pays for them once), then the
DAG file is executed and timed.
It also lists which heavy modules the DAG file pulled in (there should be none: the tasks import the
library when they run).

    .venv/bin/python benchmarks/dag_import.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DAGS = sorted((REPO / "dags").glob("goftar_*.py"))
HEAVY = (
    "goftar.digest",
    "goftar.pipeline",
    "crawlers.runner",
    "index.sqlite",
    "nlp.extract",
    "scrapy",
    "spacy",
    "matplotlib",
    "weasyprint",
    "hazm",
)

_PROBE = """
import importlib.util, json, sys, time
t0 = time.perf_counter()
import airflow.sdk, pendulum
# airflow.sdk resolves its names lazily: load what every DAG file uses, so only our file is timed.
from airflow.sdk import DAG, Asset, Param, dag, task
t1 = time.perf_counter()
before = set(sys.modules)
spec = importlib.util.spec_from_file_location("dag_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
t2 = time.perf_counter()
watched = json.loads(sys.argv[2])
heavy = sorted(m for m in set(sys.modules) - before if any(m == h or m.startswith(h + ".") for h in watched))
print(json.dumps({"sdk": t1 - t0, "dag": t2 - t1, "heavy": heavy}))
"""


def airflow_env() -> dict[str, str]:
    """An environment where importing Airflow touches only a throw-away AIRFLOW_HOME."""
    env = dict(os.environ)
    env.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="goftar-airflow-bench-"))
    env.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    return env


def measure(dag_file: Path, env: dict[str, str] | None = None) -> dict:
    """One cold parse of ``dag_file``: seconds for the SDK import, for the DAG file, and heavy modules."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(dag_file), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        env=env or airflow_env(),
        cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = airflow_env()
    print(f"{'DAG file':28} {'parse median':>12} {'parse max':>10} {'airflow.sdk':>12}  heavy imports")
    rows = []
    for dag_file in DAGS:
        runs = [measure(dag_file, env) for _ in range(args.runs)]
        dag_times = [r["dag"] for r in runs]
        row = {
            "dag_file": dag_file.name,
            "parse_median_ms": round(statistics.median(dag_times) * 1000, 1),
            "parse_max_ms": round(max(dag_times) * 1000, 1),
            "airflow_sdk_s": round(statistics.median(r["sdk"] for r in runs), 2),
            "heavy": sorted({m for r in runs for m in r["heavy"]}),
        }
        rows.append(row)
        print(
            f"{row['dag_file']:28} {row['parse_median_ms']:>10.1f}ms {row['parse_max_ms']:>8.1f}ms "
            f"{row['airflow_sdk_s']:>11.2f}s  {row['heavy'] or 'none'}"
        )
    write_results(rows, args.runs)


def write_results(rows: list[dict], runs: int) -> None:
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    table = "\n".join(
        f"| {r['dag_file']} | {r['parse_median_ms']} | {r['parse_max_ms']} | {r['airflow_sdk_s']} | "
        f"{', '.join(r['heavy']) or 'none'} |"
        for r in rows
    )
    (out / "dag_import.md").write_text(
        f"# DAG parse time\n\nCommand: `.venv/bin/python benchmarks/dag_import.py --runs {runs}`; "
        "each file in a "
        "fresh interpreter, timed after `airflow.sdk` is imported.\n\n"
        "| DAG file | parse median ms | parse max ms | airflow.sdk import s | heavy modules |\n"
        f"| --- | ---: | ---: | ---: | --- |\n{table}\n",
        encoding="utf-8",
    )
    (out / "dag_import.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
