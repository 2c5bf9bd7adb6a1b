"""Saved searches: stored under GOFTAR_HOME, managed from the CLI, matched against the store per day."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from digest_data import DAY, at, day_items, filled_store
from typer.testing import CliRunner

from goftar.cli_watch import watch_app
from goftar.digest import build_digest
from goftar.digest.render import render_html, render_text
from goftar.errors import ConfigError
from goftar.jalali import day_bounds
from goftar.settings import Settings
from goftar.watches import add_watch, load_watches, match_watch, remove_watch, watches_path


def test_add_list_remove(settings: Settings) -> None:
    add_watch(settings, "مترو", "مترو", {"speaker": "زاکانی"}, ["a@example.org"])
    add_watch(settings, "بودجه", "بودجه")
    assert [w.name for w in load_watches(settings)] == ["مترو", "بودجه"]
    saved = json.loads(watches_path(settings).read_text(encoding="utf-8"))
    assert saved["watches"][0]["filters"] == {"speaker": "زاکانی"}
    with pytest.raises(ConfigError, match="exists"):
        add_watch(settings, "مترو", "قطار")
    add_watch(settings, "مترو", "قطار", replace=True)
    assert {w.name: w.query for w in load_watches(settings)} == {"بودجه": "بودجه", "مترو": "قطار"}
    assert remove_watch(settings, "بودجه") and not remove_watch(settings, "بودجه")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"query": ""}, "query or at least one filter"),
        ({"query": "x", "recipients": ["nope"]}, "e-mail"),
        ({"query": "x", "filters": {"colour": "red"}}, "unknown filter"),
        # values the store has no word for would match nothing every day, in silence
        ({"query": "x", "filters": {"polarity": "promise"}}, "polarity 'promise': use one of commit, intend"),
        ({"query": "x", "filters": {"status": "late"}}, "status 'late': use one of open"),
    ],
)
def test_invalid_watches_are_refused(settings: Settings, kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        add_watch(settings, "w", **kwargs)
    assert load_watches(settings) == []


@pytest.mark.parametrize(
    "name",
    [
        "x\nBcc: evil@x.org",
        "x\r\nBcc: evil@x.org",
        "پل\tمترو",
        "a\x00b",
        "a\x1bb",
        "a\x85b",
        "a\u2028b",
        "a\u202eb",
    ],
)
def test_names_with_control_characters_are_refused(settings: Settings, name: str) -> None:
    with pytest.raises(ConfigError, match=r"control characters \(U\+.*one line of letters"):
        add_watch(settings, name, "پل")
    assert load_watches(settings) == []


def test_names_are_trimmed_and_keep_zwnj(settings: Settings) -> None:
    watch = add_watch(settings, " \tپل‌های عابر\n ", "پل")
    assert watch.name == "پل‌های عابر"
    assert [w.name for w in load_watches(settings)] == ["پل‌های عابر"]


def test_cli_refuses_a_name_with_a_line_break(settings: Settings) -> None:
    goftar = str(Path(sys.executable).with_name("goftar"))
    env = {"PATH": "/usr/bin:/bin", "GOFTAR_HOME": str(settings.home), "GOFTAR_LOG_LEVEL": "WARNING"}
    out = subprocess.run(
        [goftar, "watch", "add", "x\nBcc: evil@x.org", "پل"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert out.returncode == 2 and "control characters" in out.stderr and "saved" not in out.stdout
    assert not watches_path(settings).exists()


def test_malformed_entry_is_skipped(settings: Settings) -> None:
    add_watch(settings, "مترو", "مترو")
    path = watches_path(settings)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["watches"].append({"name": "", "query": "x"})
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [w.name for w in load_watches(settings)] == ["مترو"]


def test_matches_are_the_days_new_commitments(settings: Settings) -> None:
    store = filled_store(settings)
    watch = add_watch(settings, "مترو", "مترو")
    start, end = day_bounds(DAY, settings.timezone)
    found = match_watch(store, watch, start, end)
    assert [doc["evidence"][:13] for doc in found] == ["ساخت ۱۰ ایستگ"]
    before, _ = day_bounds(DAY.replace(day=DAY.day - 1), settings.timezone)
    assert match_watch(store, watch, before, start) == []
    store.close()


def test_digest_has_a_section_per_watch(settings: Settings) -> None:
    store = filled_store(settings)
    add_watch(settings, "مترو", "مترو", recipients=["metro@example.org"])
    add_watch(settings, "زباله", "زباله")
    digest = build_digest(store, DAY, settings)
    store.close()
    sections = {w.name: len(w.matches) for w in digest.watches}
    assert sections == {"مترو": 1, "زباله": 0}
    html, text = render_html(digest), render_text(digest)
    assert "جست‌وجوهای ذخیره‌شده" in html and "مترو" in html and "مورد تازه‌ای نبود" in text


def test_cli_add_list_remove(settings: Settings) -> None:
    runner = CliRunner()
    added = runner.invoke(watch_app, ["add", "مترو", "مترو", "--speaker", "زاکانی", "--to", "a@example.org"])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(watch_app, ["list", "--json"])
    assert json.loads(listed.output)[0]["recipients"] == ["a@example.org"]
    assert runner.invoke(watch_app, ["remove", "مترو"]).exit_code == 0
    missing = runner.invoke(watch_app, ["remove", "مترو"])
    assert missing.exit_code != 0 and isinstance(missing.exception, ConfigError)


def test_cli_add_says_when_no_source_has_that_name(settings: Settings) -> None:
    filled_store(settings).close()
    runner = CliRunner()
    added = runner.invoke(
        watch_app, ["add", "w", "مترو", "--source", "nosuch", "--org", "شورا", "--status", "open"]
    )
    assert added.exit_code == 0, added.output
    assert "no source is named 'nosuch'" in added.stderr and "hamshahri" in added.stderr
    assert load_watches(settings)[0].filters == {"organisation": "شورا", "source": "nosuch", "status": "open"}
    known = runner.invoke(watch_app, ["add", "h", "مترو", "--source", "hamshahri"])
    assert known.exit_code == 0 and "no source" not in known.stderr


def test_a_commitment_crawled_days_late_is_in_the_watch_on_the_day_it_is_seen(settings: Settings) -> None:
    """A saved search reports what the digest calls new: an article crawled five days after it was
    published is new, and matched, on the day it is seen (the watch looked only at recent publication dates
    and never reported it)."""
    store = filled_store(settings)
    watch = add_watch(settings, "مترو", "مترو")
    metro, extraction = day_items()[0]
    seen = DAY + timedelta(days=5)
    url = metro.url + "-late"
    late = metro.model_copy(update={"url": url, "canonical_url": url, "fetched": at(seen, 6)})
    store.upsert([(late, extraction)])
    start, end = day_bounds(seen, settings.timezone)
    found = match_watch(store, watch, start, end)
    assert [doc["article"]["url"] for doc in found] == [url]
    assert [d["id"] for d in store.commitments_in(start, end)] == [d["id"] for d in found]
    store.close()
