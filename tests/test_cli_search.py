"""`goftar search` as users run it: whole-result exports, refused filter values, queries opening with -word."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import get_args

import pytest
import search_corpus as sc
import typer
from test_cli import goftar

from goftar.cli import _exclusion_query_last, app
from goftar.model import Article, CommitmentStatus, Extraction, Polarity
from goftar.settings import Settings
from index.base import DocType, Sort
from index.sqlite import SqliteStore

EXTRA_PARKS = 27
TOTAL = sum(len(e.commitments) for _, e in sc.corpus()) + EXTRA_PARKS  # 32: over three default pages


def _park_promises(n: int) -> list[tuple[Article, Extraction]]:
    items = []
    for i in range(n):
        evidence = f"ساخت پارک محله {i} تا پایان سال انجام می‌شود"
        published = datetime(2024, 7, 1, 8, i, tzinfo=UTC)
        art = sc._article(f"park-{i}", "isna", f"پارک {i}", f"شهردار گفت {evidence}.", published, published)
        items.append((art, Extraction(text=art.text, commitments=[sc._commitment(art, evidence, sc.MAYOR)])))
    return items


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A GOFTAR_HOME whose store holds the search corpus plus enough promises to fill several pages."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOFTAR_HOME", str(home))
        mp.delenv("GOFTAR_ES_URL", raising=False)
        db_path = Settings.from_env().db_path
    store = SqliteStore.open(db_path)
    store.upsert([*sc.corpus(), *_park_promises(EXTRA_PARKS)])
    store.close()
    yield home


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_export_writes_the_whole_result_set(home: Path) -> None:
    total = json.loads(goftar("search", "", "--format", "json", home=home).stdout)["total"]
    assert total == TOTAL == 32
    out = goftar("search", "", "--format", "csv", home=home)
    assert out.returncode == 0, out.stderr
    rows = _csv_rows(out.stdout)
    assert len(rows) == total and len({r["id"] for r in rows}) == total
    assert f"{total} rows written" in out.stderr  # stdout is the CSV and nothing else


def test_export_limit_caps_rows_and_may_exceed_a_page(home: Path) -> None:
    out = goftar("search", "", "--format", "jsonl", "--limit", "5000", home=home)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == TOTAL
    capped = goftar("search", "", "--format", "csv", "--limit", "5", home=home)
    assert len(_csv_rows(capped.stdout)) == 5


def test_a_page_larger_than_the_store_allows_points_to_export(home: Path) -> None:
    out = goftar("search", "", "--format", "json", "--limit", "5000", home=home)
    assert out.returncode == 2
    assert "--limit 5000" in out.stderr and "csv" in out.stderr and "Traceback" not in out.stderr


def test_bom_is_opt_in_and_only_for_csv(home: Path) -> None:
    plain = goftar("search", "واکسن", "--format", "csv", home=home)
    assert plain.stdout.startswith("id,")
    excel = goftar("search", "واکسن", "--format", "csv", "--bom", home=home)
    assert excel.stdout.startswith("\ufeffid,") and len(_csv_rows(excel.stdout)) == 2
    assert goftar("search", "--format", "jsonl", "--bom", home=home).returncode == 2


@pytest.mark.parametrize(
    ("option", "literal"),
    [("--status", CommitmentStatus), ("--polarity", Polarity), ("--sort", Sort), ("--type", DocType)],
    ids=["status", "polarity", "sort", "type"],
)
def test_an_unknown_filter_value_is_refused_with_the_allowed_values(
    home: Path, option: str, literal: object
) -> None:
    out = goftar("search", "", option, "foo", home=home)
    assert out.returncode == 2 and out.stdout == ""
    assert f"{option} 'foo'" in out.stderr
    assert all(value in out.stderr for value in get_args(literal))


def test_every_allowed_value_is_accepted_and_listed_in_help(home: Path) -> None:
    out = goftar("search", "", "--status", "fulfilled", "--format", "json", home=home)
    assert out.returncode == 0, out.stderr
    search = typer.main.get_command(app).commands["search"]  # type: ignore[attr-defined]
    helps = {param.name: param.help or "" for param in search.params}
    for param, literal in [
        ("status", CommitmentStatus),
        ("polarity", Polarity),
        ("sort", Sort),
        ("doc_type", DocType),
    ]:
        assert "|".join(get_args(literal)) in helps[param]


def test_a_query_opening_with_an_exclusion_is_the_query(home: Path) -> None:
    kept = sc.restated_article()[1].commitments[0].id  # the vaccine promise that does not mention Tehran
    for args in (
        ["-تهران واکسن", "--format", "json"],
        ["--format", "json", "-تهران واکسن", "--sort", "date"],
    ):
        out = goftar("search", *args, home=home)
        assert out.returncode == 0, out.stderr
        assert [hit["id"] for hit in json.loads(out.stdout)["hits"]] == [kept]


def test_unknown_ascii_options_are_still_errors(home: Path) -> None:
    out = goftar("search", "--nope", home=home)
    assert out.returncode == 2 and "No such option: --nope" in out.stderr
    assert goftar("search", "-covid", home=home).returncode == 2
    escaped = goftar("search", "--format", "json", "--", "-covid", home=home)  # `--` still escapes a query
    assert escaped.returncode == 0, escaped.stderr


def test_an_option_value_starting_with_a_dash_stays_with_its_option() -> None:
    takes_value = {"--speaker", "--format"}
    assert _exclusion_query_last(["--speaker", "-زاکانی"], takes_value) == ["--speaker", "-زاکانی"]
    assert _exclusion_query_last(["«-تهران»", "--format", "csv"], takes_value) == [
        "«-تهران»",
        "--format",
        "csv",
    ]
    assert _exclusion_query_last(["-«تهران» واکسن", "--format", "csv"], takes_value) == [
        "--format",
        "csv",
        "--",
        "-«تهران» واکسن",
    ]


def test_an_inverted_date_range_is_refused_with_what_to_do(home: Path) -> None:
    out = goftar("search", "", "--from", "1403/05/10", "--to", "2024-07-01", home=home)
    assert out.returncode == 2 and out.stdout == ""
    # one line, also when stderr is a pipe (a log file, cron mail): rich wrapped it at 80 columns
    assert out.stderr.strip().count("\n") == 0, out.stderr
    message = out.stderr
    assert (
        "--from 1403/05/10 (2024-07-31) is after --to 2024-07-01" in message
        and "earlier day first" in message
    )
    out = goftar(
        "search",
        "",
        "--deadline-from",
        "۱۴۰۴/۰۱/۰۱",
        "--deadline-to",
        "۱۴۰۳/۰۱/۰۱",
        "--format",
        "csv",
        home=home,
    )
    assert out.returncode == 2 and "--deadline-from" in out.stderr and out.stdout == ""


def test_an_absurd_page_number_is_a_usage_error_not_a_crash(home: Path) -> None:
    out = goftar("search", "", "--page", "99999999999999999999", home=home)
    assert out.returncode == 2 and "--page" in out.stderr and "OverflowError" not in out.stderr


def test_the_table_says_which_page_it_shows(home: Path) -> None:
    shown = goftar("search", "", "--page", "2", home=home)
    assert shown.returncode == 0, shown.stderr
    assert f"{TOTAL} hits · 11–20 · page 2 of 4" in shown.stdout
    past = goftar("search", "", "--page", "9", home=home)
    assert past.returncode == 0 and "page 9 is past the last page (4)" in " ".join(past.stdout.split())


def test_a_deadline_with_only_a_start_is_shown_as_a_start() -> None:
    from goftar.render import _deadline

    assert _deadline({"deadline": {"text": "از امروز", "start": "2024-07-22", "end": None}}) == (
        "از امروز (from ۱۴۰۳/۰۵/۰۱ · 2024-07-22)"
    )
    assert _deadline({"deadline": {"text": "تا ۱۵ مرداد", "start": None, "end": "2024-08-05"}}) == (
        "تا ۱۵ مرداد (۱۴۰۳/۰۵/۱۵ · 2024-08-05)"
    )


def test_searching_a_home_without_a_store_says_so(tmp_path: Path) -> None:
    out = goftar("search", "واکسن", "--format", "json", home=tmp_path / "typo")
    assert out.returncode == 0 and json.loads(out.stdout)["total"] == 0  # still valid JSON on stdout
    assert "no store at" in out.stderr and "GOFTAR_HOME" in out.stderr


def test_serve_refuses_a_port_out_of_range(home: Path) -> None:
    out = goftar("serve", "--port", "99999", home=home)
    assert out.returncode == 2 and "--port" in out.stderr


def test_the_table_shows_a_late_night_article_on_its_local_day() -> None:
    from goftar.render import fa_date

    assert fa_date("2024-06-01T22:00:00+00:00", "Asia/Tehran") == "۱۴۰۳/۰۳/۱۳"  # 01:30 on 2 June in Tehran
    assert fa_date("2024-06-01T10:00:00+00:00", "Asia/Tehran") == "۱۴۰۳/۰۳/۱۲"
    assert fa_date("2024-06-01", "Asia/Tehran") == "۱۴۰۳/۰۳/۱۲"  # a day stays that day


def test_an_affix_alone_is_said_to_be_left_out_not_silently_matching_everything(home: Path) -> None:
    alone = goftar("search", "ها", "--format", "json", home=home)
    assert alone.returncode == 0, alone.stderr
    assert "«ها» left out" in alone.stderr and "every commitment matches" in alone.stderr
    assert json.loads(alone.stdout)["total"] == TOTAL
    beside = goftar("search", "واکسن ها", "--format", "json", home=home)
    assert "«ها» left out" in beside.stderr and "every commitment" not in beside.stderr
    assert 0 < json.loads(beside.stdout)["total"] < TOTAL
    plain = goftar("search", "واکسن", home=home)
    assert "left out" not in plain.stderr


def test_a_source_name_that_does_not_exist_is_said_so_with_the_names_there_are(home: Path) -> None:
    wrong = goftar("search", "", "--source", "ISNA", home=home)
    assert wrong.returncode == 0, wrong.stderr
    assert "no source is named 'ISNA'" in wrong.stderr and "isna" in wrong.stderr.split("sources:")[1]
    export = goftar("search", "", "--source", "ISNA", "--format", "csv", home=home)
    assert "no source is named 'ISNA'" in export.stderr and "0 rows written" in export.stderr
    right = goftar("search", "", "--source", "isna", home=home)
    assert "no source is named" not in right.stderr
    nothing = goftar("search", "نیست‌درهیچ‌سندی", "--source", "isna", home=home)
    assert "no source is named" not in nothing.stderr  # the source exists; the words found nothing
