"""The ZWNJ benchmark's results files: a new run rewrites the table and keeps the hand-written notes."""

from __future__ import annotations

from pathlib import Path

from benchmarks import zwnj as bench


def test_a_new_run_keeps_the_notes_under_the_table(tmp_path: Path) -> None:
    path = tmp_path / "zwnj-cross.md"
    assert bench._notes(path) == ""  # no file yet
    path.write_text("# title\n\n| old table |\n\n## Notes (round 10)\n\nkept\n", encoding="utf-8")
    assert bench._notes(path) == "\n## Notes (round 10)\n\nkept\n"
    path.write_text("# title\n\n| table only |\n", encoding="utf-8")
    assert bench._notes(path) == ""


def test_every_results_file_has_a_title() -> None:
    assert {"zwnj", "zwnj-devcv", "zwnj-cross"} <= set(bench.TITLES)
