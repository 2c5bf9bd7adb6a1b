"""The CLI contract users script against, run the way they run it: the `goftar` console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from goftar.settings import Settings

GOFTAR = str(Path(sys.executable).with_name("goftar"))
CONTRACT_TEXT = "شهردار تهران گفت: برنامه ریزی کردیم تا ۱۰ مهر ماه افراد بالای ۱۸ سال را واکسینه کنیم"


def goftar(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "GOFTAR_LOG_LEVEL": "WARNING"}
    if home is not None:
        env["GOFTAR_HOME"] = str(home)
    return subprocess.run(
        [GOFTAR, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300
    )


def test_normalize_keeps_one_output_line_per_input_line() -> None:
    text = "میکنیم\n\nكتاب   ها\nسطر چهارم\n"
    out = goftar("normalize", stdin=text)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert len(lines) == len(text.split("\n"))
    assert lines[0] == "می\u200cکنیم"
    assert lines[1] == ""
    assert "ك" not in out.stdout


def test_normalize_reads_a_file(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("نمیشود", encoding="utf-8")
    out = goftar("normalize", str(src))
    assert out.returncode == 0 and out.stdout == "نمی\u200cشود"


def test_extract_contract_speaker_and_deadline() -> None:
    out = goftar("extract", "--format", "json", "--published", "2021-09-17", stdin=CONTRACT_TEXT)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) >= {"text", "entities", "statements", "commitments"}
    commitment = doc["commitments"][0]
    assert commitment["speaker"]["text"] == "شهردار تهران"
    assert commitment["deadline"]["text"] == "۱۰ مهر ماه"
    assert commitment["deadline"]["end"] == "2021-10-02"  # 1400/07/10
    start, end = commitment["start"], commitment["end"]
    assert doc["text"][start:end]  # offsets index the normalised text
    assert "واکسینه" in doc["text"][start:end] or "واکسینه" in commitment["evidence"]


def test_extract_rejects_an_impossible_date_with_one_line() -> None:
    out = goftar("extract", "--published", "1403/12/31", stdin=CONTRACT_TEXT)
    assert out.returncode == 2
    assert "--published" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("digest", "--date", ""),
        ("digest", "--date", "  "),
        ("search", "واکسن", "--from", ""),
        ("extract", "--published", ""),
    ],
)
def test_an_empty_date_is_refused_not_taken_as_today(settings: Settings, args: tuple[str, ...]) -> None:
    out = goftar(*args, stdin=CONTRACT_TEXT, home=settings.home)
    assert out.returncode == 2, out.stdout
    assert f"{args[-2]} is empty" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == "" and not (settings.home / "digests").exists()  # nothing was written


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    out = goftar("normalize", str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and "cannot read" in out.stderr


def test_settings_lists_environment_variables(tmp_path: Path) -> None:
    out = goftar("settings", home=tmp_path)
    assert out.returncode == 0
    assert f"GOFTAR_HOME={tmp_path}" in out.stdout


def test_search_json_on_an_empty_store(settings: Settings) -> None:
    out = goftar("search", "واکسن", "--format", "json", home=settings.home)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["total"] == 0


@pytest.mark.slow
def test_demo_end_to_end_twice_without_duplicates(settings: Settings) -> None:
    first = goftar("demo", home=settings.home)
    assert first.returncode == 0, first.stderr + first.stdout
    # One line each, the store's path whole (the console is 80 columns wide here).
    lines = first.stdout.splitlines()
    assert any(
        line.startswith("indexed ") and "(0 unchanged)" in line and line.endswith(f" in {settings.db_path}")
        for line in lines
    ), first.stdout
    digests = sorted((settings.home / "digests").glob("*.html"))
    assert digests and str(digests[0]) in first.stdout
    html = digests[0].read_text(encoding="utf-8")
    assert 'dir="rtl"' in html

    found = json.loads(goftar("search", "واکسن", "--format", "json", home=settings.home).stdout)
    assert found["total"] >= 1
    assert any("واکسن" in hit["evidence"] for hit in found["hits"])
    speakers = {hit["speaker"]["canonical_name"] or hit["speaker"]["text"] for hit in found["hits"]}
    assert "علیرضا زاکانی" in speakers

    everything = json.loads(goftar("search", "--format", "json", "--limit", "100", home=settings.home).stdout)
    second = goftar("demo", home=settings.home)
    assert second.returncode == 0, second.stderr
    articles = json.loads(
        goftar("search", "--type", "article", "--format", "json", home=settings.home).stdout
    )
    said = f"nothing new: {articles['total']} articles already indexed, {everything['total']} commitments in "
    assert f"{said}{settings.db_path}\n" in second.stdout, second.stdout
    assert "indexed 0 articles" not in second.stdout
    again = json.loads(goftar("search", "--format", "json", "--limit", "100", home=settings.home).stdout)
    assert again["total"] == everything["total"]
    assert sorted(h["id"] for h in again["hits"]) == sorted(h["id"] for h in everything["hits"])


def test_demo_summary_says_when_nothing_was_new(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from goftar.demo import summary
    from goftar.pipeline import IngestReport

    def shown(markup: str) -> str:  # as run_demo prints it, on a narrow console
        out = io.StringIO()
        Console(file=out, width=40, color_system=None).print(markup, soft_wrap=True)
        return out.getvalue()

    counts = {"articles": 10, "commitments": 29}
    db = tmp_path / "[x]" / "goftar.sqlite3"  # brackets are rich markup: the path must come out as is
    first = shown(summary(IngestReport(seen=10, indexed=10), counts, db))
    assert first == f"indexed 10 articles (0 unchanged), 29 commitments in {db}\n"
    rerun = shown(summary(IngestReport(), counts, db))
    assert rerun == f"nothing new: 10 articles already indexed, 29 commitments in {db}\n"
    failed = shown(summary(IngestReport(failed=[("a", "bad")]), counts, db))
    assert failed == f"indexed 0 articles (0 unchanged), 29 commitments in {db}; failed: 1 (see the log)\n"
