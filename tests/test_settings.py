from __future__ import annotations

from pathlib import Path

import pytest

from goftar.settings import SETTINGS, Settings


def test_defaults_use_var_and_sqlite() -> None:
    settings = Settings.from_env({})
    assert settings.home == Path("var")
    assert settings.backend == "sqlite"
    assert settings.db_path == Path("var/goftar.sqlite3")


def test_environment_overrides_and_types() -> None:
    settings = Settings.from_env(
        {
            "GOFTAR_HOME": "/tmp/g",
            "GOFTAR_ES_URL": "http://es:9200",
            "GOFTAR_SMTP_PORT": "25",
            "GOFTAR_ALLOW_PRIVATE": "yes",
        }
    )
    assert settings.digest_dir == Path("/tmp/g/digests")
    assert settings.backend == "elasticsearch"
    assert settings.smtp_port == 25 and settings.allow_private is True


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(ValueError, match="GOFTAR_SMTP_PORT"):
        Settings.from_env({"GOFTAR_SMTP_PORT": "twenty"})


def test_secrets_are_masked_when_redacted() -> None:
    settings = Settings.from_env(
        {
            "GOFTAR_SMTP_PASSWORD": "hunter2",
            "GOFTAR_ES_API_KEY": "k3y",
            "GOFTAR_ES_URL": "https://elastic:s3cret@es.example:9200",
        }
    )
    shown = str(settings.redacted())
    assert "hunter2" not in shown and "k3y" not in shown and "s3cret" not in shown
    assert "es.example:9200" in shown


def test_every_setting_is_a_field() -> None:
    names = {name for name, *_ in SETTINGS}
    assert names == set(Settings.__dataclass_fields__)


def test_public_url_is_unset_by_default_and_gives_no_archive_link() -> None:
    settings = Settings.from_env({})
    assert settings.public_url == ""
    assert settings.archive_url({"url": "https://x.example/1", "archive": "a.warc.gz#10"}) is None


@pytest.mark.parametrize("base", ["https://goftar.example.org", "https://goftar.example.org/"])
def test_archive_url_on_the_public_server(base: str) -> None:
    settings = Settings.from_env({"GOFTAR_PUBLIC_URL": base})
    ref = "/srv/goftar/archive/goftar-20241001T0930-7.warc.gz#1024"
    assert settings.archive_url({"archive": ref}) == (
        "https://goftar.example.org/archive?ref=%2Fsrv%2Fgoftar%2Farchive%2Fgoftar-20241001T0930-7.warc.gz%231024"
    )
    assert settings.archive_url({"url": "https://x.example/1", "archive": None}) is None
    assert settings.archive_url({}) is None
    under_a_path = Settings.from_env({"GOFTAR_PUBLIC_URL": "https://example.org/goftar/"})
    assert (
        under_a_path.archive_url({"archive": "a.warc.gz#0"})
        == "https://example.org/goftar/archive?ref=a.warc.gz%230"
    )


@pytest.mark.parametrize(
    "bad", ["goftar.example.org", "ftp://goftar.example.org", "https://x.org/?a=1", "https://"]
)
def test_a_public_url_that_would_make_broken_links_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="GOFTAR_PUBLIC_URL"):
        Settings.from_env({"GOFTAR_PUBLIC_URL": bad})


def test_the_archive_link_opens_the_archived_copy(settings: Settings) -> None:
    """Followed against the web server, the link shows the page as it was fetched."""
    from dataclasses import replace
    from urllib.parse import urlsplit

    from fastapi.testclient import TestClient

    from crawlers.archive import WarcArchive
    from goftar.api import create_app
    from index.sqlite import SqliteStore

    archive = WarcArchive(settings.archive_dir)
    ref = archive.write("https://news.example.ir/1", 200, [("Content-Type", "text/html")], "متن خبر".encode())
    archive.close()
    link = replace(settings, public_url="http://testserver").archive_url({"archive": ref})
    assert link is not None and link.startswith("http://testserver/archive?ref=")
    store = SqliteStore.open(settings.db_path)
    with TestClient(create_app(settings, store)) as client:
        parts = urlsplit(link)
        page = client.get(f"{parts.path}?{parts.query}")
    store.close()
    assert page.status_code == 200
    assert "https://news.example.ir/1" in page.text and "<p>متن خبر</p>" in page.text
