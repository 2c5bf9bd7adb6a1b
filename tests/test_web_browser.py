"""The search page in a real headless Chromium (Debian's ``chromium``) driven by Playwright.

Types a query, applies a facet, checks the expected card, and keeps a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import search_corpus as sc

from goftar.digest.pdf import CHROMIUM_FLAGS
from goftar.settings import Settings
from index.sqlite import SqliteStore

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = list(CHROMIUM_FLAGS)  # the flags the PDF renderer uses: one list for every headless start

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    import uvicorn

    from goftar.api import create_app

    store = SqliteStore.open(settings.db_path)
    store.upsert(sc.corpus())
    port = _free_port()
    config = uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def page() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(locale="fa-IR", viewport={"width": 1200, "height": 900})
        yield context.new_page()
        browser.close()


def test_type_a_query_apply_a_facet_see_the_card(server: str, page) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.fill("input[name=q]", "واکسن")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.card")
    assert page.locator("article.card").count() == 2
    assert page.locator("article.card mark").first.inner_text() in {"واکسن‌ها", "واکسنی"}

    page.click("section.facet[data-facet=source] a:has-text('isna')")
    page.wait_for_selector("p.active-filter")
    cards = page.locator("article.card")
    assert cards.count() == 1
    card = cards.first
    assert "مدارس" in card.locator("blockquote").inner_text()
    assert card.locator(".speaker").inner_text() == "علیرضا زاکانی"
    assert card.locator(".deadline .jalali").inner_text() == "۳۰ اسفند ۱۴۰۳"
    card.locator("details.history summary").click()
    assert "همه مناطق" in card.locator("details.history").inner_text()
    # The stylesheet loaded under the CSP: cards are laid out right to left.
    assert page.evaluate("getComputedStyle(document.querySelector('article.card')).direction") == "rtl"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search_page.png"), full_page=True)
    assert (ARTIFACTS / "search_page.png").stat().st_size > 10_000
    assert problems == []


def test_hostile_crawled_text_does_not_run(server: str, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/?q=" + "مترو")
    page.wait_for_selector("article.card")
    assert "<script>" in page.locator("article.card blockquote").inner_text()  # shown as text
    assert page.locator("article.card script, article.card img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_hostile_bidi_and_very_long_words_do_not_garble_the_page(  # type: ignore[no-untyped-def]
    server: str, settings: Settings, page
) -> None:
    long_word = "ب" * 400
    article, extraction = sc.old_article()
    article = article.model_copy(update={"title": f"خبر \u202eواژگون 123 {long_word}"})
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction)])
    store.close()
    page.goto(server + "/?q=" + "پل")
    page.wait_for_selector("article.card")
    # A 400-letter word wraps inside its card instead of widening the page past the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    # The title's RIGHT-TO-LEFT OVERRIDE ends with the title: the published day after it is not turned
    # backwards (the year ۱۴۰۳ reads ۱ … ۳ from left to right, as numbers do in Persian, not ۳۰۴۱).
    first_x, last_x = page.locator("article.card dd.source").first.evaluate(_YEAR_DIGITS_X)
    assert first_x < last_x
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search_page_hostile.png"), full_page=True)


# The on-screen x of the first and the last digit of «۱۴۰۳» in the text node of the day «۱۲ خرداد ۱۴۰۳».
_YEAR_DIGITS_X = """(dd) => {
  const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes("خرداد")) {}
  const x = (i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().x;
  };
  const year = node.data.indexOf("۱۴۰۳");
  return [x(year), x(year + 3)];
}"""


def test_a_reader_filters_by_a_jalali_deadline_range_on_the_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.fill("input[name=q]", "")
    page.click("details.dates summary")
    page.fill("input[name=deadline_from]", "۱۴۰۳/۰۳/۰۱")
    page.fill("input[name=deadline_to]", "۱۰ شهریور ۱۴۰۳")
    page.press("input[name=deadline_to]", "Enter")
    page.wait_for_selector("article.card")
    deadlines = page.locator("article.card .deadline .jalali").all_inner_texts()
    assert sorted(deadlines) == ["۱۵ مرداد ۱۴۰۳", "۱۹ خرداد ۱۴۰۳"]
    # The range stays in the form, and paging or a facet keeps it.
    assert page.locator("input[name=deadline_to]").input_value() == "۱۰ شهریور ۱۴۰۳"
    assert page.locator("details.dates").get_attribute("open") is not None
