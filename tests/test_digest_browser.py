"""The digest HTML in headless Chromium: right-to-left, chart loaded, screenshot kept in tests/artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from digest_data import DAY, filled_store

from goftar.digest import build_digest, write_digest
from goftar.digest.pdf import CHROMIUM_FLAGS
from goftar.settings import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = list(CHROMIUM_FLAGS)  # the flags the PDF renderer uses: one list for every headless start

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian chromium not installed (apt-get install chromium)"
    ),
]


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 800, "height": 1000})
        yield tab
        browser.close()


def test_digest_page_is_rtl_with_its_chart(page, settings: Settings, tmp_path: Path) -> None:
    store = filled_store(settings)
    paths = write_digest(build_digest(store, DAY, settings), tmp_path / "digests")
    store.close()
    html = next(p for p in paths if p.suffix == ".html")
    page.goto(html.as_uri())
    direction = page.evaluate("getComputedStyle(document.documentElement).direction")
    tables = page.evaluate("[...document.querySelectorAll('table')].map(t => getComputedStyle(t).direction)")
    assert direction == "rtl" and tables and set(tables) == {"rtl"}
    # Right-to-left layout: the title's text hugs the right edge of its block.
    h1 = page.evaluate(
        "(() => { const h = document.querySelector('h1'); const range = document.createRange();"
        " range.selectNodeContents(h); const r = range.getBoundingClientRect();"
        " const p = h.getBoundingClientRect(); return [p.right - r.right, r.left - p.left]; })()"
    )
    assert h1[0] < h1[1]
    assert page.evaluate("document.querySelector('img').naturalWidth") > 0, "chart image did not load"
    assert page.evaluate("document.scripts.length") == 0
    text = page.inner_text("body")
    assert "علیرضا زاکانی" in text and "<script>" in text  # crawled markup shown as text, not run
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"digest-{DAY.isoformat()}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
