"""Shared fixtures: an isolated GOFTAR_HOME per test, paths of the shared data and seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from goftar.settings import Settings

# The suite is a gate: a hypothesis run must give the same verdict on the same code, so it is derandomised
# by default. `HYPOTHESIS_PROFILE=explore make test` searches with fresh random inputs (and is how the
# «،‌ء» idempotence bug was found); add what it finds as an @example.
hypothesis_settings.register_profile("gate", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "tests" / "fixtures" / "seeds"  # the two seed releases, the user's own documents


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with GOFTAR_HOME in a fresh temporary folder and no Elasticsearch."""
    monkeypatch.setenv("GOFTAR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GOFTAR_ES_URL", raising=False)
    return Settings.from_env()


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"shared training data not found at {data} (clone with ../shared beside the repo)")
    return data
