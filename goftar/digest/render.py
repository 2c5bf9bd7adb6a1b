"""The digest as an RTL HTML e-mail, a plain-text alternative and JSON.

The HTML is written for mail clients, not browsers: tables for layout, every style inline, no scripts,
``dir="rtl"`` on ``<html>`` and again on every table (some clients drop the root attributes), and a Persian
font stack ending in fonts every client has. Everything that came from crawled pages goes through Jinja's
autoescaping; links are emitted only for http(s) URLs.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from goftar.digest.sections import CommitmentItem, Digest
from goftar.jalali import fa_digits, fa_number, fa_percent, jalali_long, jalali_short, local_day

TEMPLATES = Path(__file__).parent / "templates"
FONT_STACK = "Vazirmatn, Tahoma, 'Segoe UI', 'Noto Naskh Arabic', 'DejaVu Sans', Arial, sans-serif"
EMPTY_MESSAGE = "خبر تازه‌ای نبود"

POLARITY = {"commit": "تعهد", "intend": "قصد", "hope": "امید", "demand": "مطالبه"}
STATUS = {
    "open": "باز",
    "due": "در سررسید",
    "overdue": "گذشته از سررسید",
    "fulfilled": "انجام‌شده",
    "unknown": "نامعلوم",
}
TREND = {"up": "▲ رو به افزایش", "down": "▼ رو به کاهش", "steady": "● ثابت", "new": "★ تازه"}
ENTITY_TITLES = {"people": "افراد", "organisations": "سازمان‌ها", "places": "مکان‌ها"}
PROBLEMS = {"failed": "خطا در گردآوری", "empty": "بی‌خبر"}
FILTER_LABELS = {
    "speaker": "گوینده",
    "organisation": "سازمان",
    "place": "مکان",
    "source": "منبع",
    "polarity": "نوع",
    "status": "وضعیت",
}


def safe_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL, else "" (no ``javascript:`` links from crawled data)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


LRM = "\u200e"


def deadline_label(item: CommitmentItem) -> str:
    """«تا پایان آذر — ۱۴۰۵/۰۹/۳۰ (2026-12-21)»: as written, then Jalali (Persian digits) and Gregorian.

    In right-to-left text the bidi algorithm splits "2026-12-21" at its hyphens and shows it as
    "21-12-2026"; a left-to-right mark before it keeps it whole (plain text has no ``dir`` attribute).
    """
    return _label(item.deadline_text, item.deadline)


def previous_deadline_label(item: CommitmentItem) -> str:
    """``deadline_label`` of the deadline an earlier telling of the promise gave."""
    return _label(item.previous_deadline_text, item.previous_deadline)


def _label(text: str, day: date | None) -> str:
    if not day:
        return text
    resolved = f"{jalali_short(day)} ({LRM}{day.isoformat()}{LRM})"
    return f"{text} — {resolved}" if text else resolved


def deadline_html(item: CommitmentItem) -> Markup:
    """``deadline_label`` for HTML: escaped, the Gregorian date in a ``dir="ltr"`` span."""
    return _label_html(item.deadline_text, item.deadline)


def previous_deadline_html(item: CommitmentItem) -> Markup:
    """``previous_deadline_label`` for HTML."""
    return _label_html(item.previous_deadline_text, item.previous_deadline)


def _label_html(text: str, day: date | None) -> Markup:
    if not day:
        return escape(text)
    # dir="ltr" for browsers and mail clients, LRMs for engines that ignore it (WeasyPrint).
    # nowrap: a narrow table cell otherwise breaks the date at a hyphen («(2026-» / «12-06)»).
    gregorian = Markup(
        '<span dir="ltr" style="direction:ltr;unicode-bidi:embed;white-space:nowrap;">%s</span>'
    ) % (f"{LRM}{day.isoformat()}{LRM}")
    resolved = Markup("%s (%s)") % (jalali_short(day), gregorian)
    return Markup("%s — %s") % (text, resolved) if text else resolved


def published_label(moment: datetime | None, timezone: str) -> str:
    return jalali_short(local_day(moment, timezone)) if moment else ""


def published_long_ago(moment: datetime | None, digest: Digest) -> str:
    """The publication day of an item new in this digest but published more than a day before it (a
    late crawl, a backfill, an old page found again), so an analyst does not take an old promise for
    today's news; empty otherwise."""
    if moment is None:
        return ""
    day = local_day(moment, digest.timezone)
    return jalali_short(day) if day < digest.day - timedelta(days=1) else ""


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        fa=fa_digits,
        num=fa_number,
        pct=fa_percent,
        jlong=jalali_long,
        jshort=jalali_short,
        safe_url=safe_url,
        deadline=deadline_label,
        deadline_html=deadline_html,
        previous_deadline=previous_deadline_label,
        previous_deadline_html=previous_deadline_html,
    )
    env.globals.update(
        POLARITY=POLARITY,
        STATUS=STATUS,
        TREND=TREND,
        ENTITY_TITLES=ENTITY_TITLES,
        PROBLEMS=PROBLEMS,
        FILTER_LABELS=FILTER_LABELS,
        FONT_STACK=FONT_STACK,
        EMPTY_MESSAGE=EMPTY_MESSAGE,
        published_label=published_label,
        published_long_ago=published_long_ago,
    )
    return env


def _context(digest: Digest) -> dict[str, object]:
    return {"d": digest, "empty": digest.is_empty, "gregorian": digest.day.isoformat()}


def render_html(digest: Digest, chart_src: str | None = None, head_css: str = "") -> str:
    """The HTML e-mail. ``chart_src`` is where the chart image is (a file name, or ``cid:…`` in mail);
    ``head_css`` is extra CSS for the ``<head>`` (the PDF engine uses it to load the bundled font)."""
    template = _env().get_template("digest.html.j2")
    # head_css is our own CSS (never crawled text); escaping it would break the quotes in url('…').
    return template.render(**_context(digest), chart_src=chart_src, head_css=Markup(head_css))


def render_text(digest: Digest) -> str:
    """The plain-text alternative: the same sections, no markup."""
    return _env().get_template("digest.txt.j2").render(**_context(digest)).strip() + "\n"


def render_json(digest: Digest) -> str:
    """The digest for machines: UTF-8 JSON (Persian as-is, not ``\\uXXXX``), ASCII digits, ISO dates."""
    return json.dumps(digest.to_json(), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def subject(digest: Digest) -> str:
    """The e-mail subject line."""
    if digest.is_empty:
        return f"گفتار · {jalali_long(digest.day)} · {EMPTY_MESSAGE}"
    return f"گفتار · {jalali_long(digest.day)} · {fa_number(digest.commitment_count)} تعهد تازه"
