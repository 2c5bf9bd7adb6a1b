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
        {"GOFTAR_HOME": "/tmp/g", "GOFTAR_ES_URL": "http://es:9200", "GOFTAR_SMTP_PORT": "25",
         "GOFTAR_ALLOW_PRIVATE": "yes"}
    )
    assert settings.digest_dir == Path("/tmp/g/digests")
    assert settings.backend == "elasticsearch"
    assert settings.smtp_port == 25 and settings.allow_private is True


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(ValueError, match="GOFTAR_SMTP_PORT"):
        Settings.from_env({"GOFTAR_SMTP_PORT": "twenty"})


def test_secrets_are_masked_when_redacted() -> None:
    settings = Settings.from_env({"GOFTAR_SMTP_PASSWORD": "hunter2", "GOFTAR_ES_API_KEY": "k3y",
                                  "GOFTAR_ES_URL": "https://elastic:s3cret@es.example:9200"})
    shown = str(settings.redacted())
    assert "hunter2" not in shown and "k3y" not in shown and "s3cret" not in shown
    assert "es.example:9200" in shown


def test_every_setting_is_a_field() -> None:
    names = {name for name, *_ in SETTINGS}
    assert names == set(Settings.__dataclass_fields__)
