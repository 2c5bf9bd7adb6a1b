"""The sources registry: the bundled default loads, bad entries are reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.sources import adhoc_sources, load_sources
from goftar.errors import ConfigError, SourceError
from goftar.sample_site import serve

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"


def test_default_registry_is_valid_and_unverified() -> None:
    sources = load_sources(None)
    assert len(sources) >= 15
    assert {s.kind for s in sources} >= {"feed", "listing", "sitemap", "telegram"}
    assert not any(s.verified for s in sources)
    names = {s.name for s in sources}
    assert {"shahr-news", "hamshahri-city", "pana", "isna-feed", "mehr-feed"} <= names
    assert {s.cms for s in sources} >= {"nastooh", "asam", "iransamaneh"}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_field_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n  - name: ok\n    kind: feed\n    start_urls: [https://a.ir/rss]\n"
        "  - name: broken\n    start_urls: [https://b.ir/]\n",
    )
    with pytest.raises(SourceError) as err:
        load_sources(path)
    message = str(err.value)
    assert str(path) in message and ":5:" in message and "'kind'" in message and "broken" in message


def test_bad_value_points_at_its_own_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "- name: a\n  kind: feed\n  start_urls: [https://a.ir/rss]\n  cms: wordpress\n")
    with pytest.raises(SourceError, match=r":4: entry 1 \(a\), field 'cms': unknown CMS family"):
        load_sources(path)


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("- name: a\n  kind: blog\n  start_urls: [https://a.ir/]\n", "kind"),
        ("- name: a\n  kind: feed\n  start_urls: [ftp://a.ir/]\n", "start_urls"),
        (
            "- name: a\n  kind: feed\n  start_urls: [https://a.ir/]\n  selectors: {headline: h1}\n",
            "selectors",
        ),
        ("- name: a\n  kind: feed\n  start_urls: [https://a.ir/]\n  colour: red\n", "colour"),
    ],
)
def test_each_bad_field_is_named(tmp_path: Path, entry: str, field: str) -> None:
    with pytest.raises(SourceError, match=f"field '{field}'"):
        load_sources(_write(tmp_path, entry))


def test_duplicate_names_and_bad_yaml(tmp_path: Path) -> None:
    entry = "- name: a\n  kind: feed\n  start_urls: [https://a.ir/]\n"
    with pytest.raises(SourceError, match="duplicate source name 'a'"):
        load_sources(_write(tmp_path, entry + entry))
    with pytest.raises(SourceError, match=r"sources.yaml:\d+: not valid YAML"):
        load_sources(_write(tmp_path, "- name: [a\n"))
    with pytest.raises(SourceError, match="cannot read"):
        load_sources(tmp_path / "missing.yaml")


def test_adhoc_kinds_from_the_url_alone() -> None:
    tg = adhoc_sources(["https://t.me/shahrnews"])
    assert tg[0].kind == "telegram" and tg[0].start_urls == ["https://t.me/s/shahrnews"]
    assert adhoc_sources(["https://www.isna.ir/rss"])[0].kind == "feed"
    assert adhoc_sources(["https://www.irna.ir/sitemap-news.xml"])[0].kind == "sitemap"
    assert adhoc_sources(["https://www.irna.ir/x"], kind="listing")[0].kind == "listing"
    with pytest.raises(ConfigError, match="unknown kind"):
        adhoc_sources(["https://www.irna.ir/x"], kind="blog")


def test_adhoc_refuses_private_addresses_unless_allowed() -> None:
    for url in (
        "http://127.0.0.1:8000/rss.xml",
        "http://localhost/feed",
        "http://10.1.2.3/news",
        "http://[::1]/",
    ):
        with pytest.raises(ConfigError, match="--allow-private"):
            adhoc_sources([url])
    assert adhoc_sources(["http://127.0.0.1:8000/rss.xml"], allow_private=True)[0].allow_private


def test_adhoc_detects_by_fetching_the_page() -> None:
    with serve(FIXTURE_SITE) as base:
        found = adhoc_sources(
            [
                f"{base}/listing/",
                f"{base}/cms/asam.html",
                f"{base}/feeds/atom.xml",
                f"{base}/sitemap_index.xml",
            ],
            allow_private=True,
        )
    assert [s.kind for s in found] == ["listing", "article", "feed", "sitemap"]
    assert len({s.name for s in found}) == 4
