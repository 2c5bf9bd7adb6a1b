"""Article extraction from an HTML page: source selectors, else a CMS family, else trafilatura.

Returns ``None`` (and logs why) for a page without a usable body or in another language: the spider
counts it as an empty extraction in the source's health, which is how a site redesign gets noticed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import trafilatura
from parsel import Selector
from trafilatura.settings import Document

from crawlers.cms import FAMILIES, Family, all_texts, body_text, detect_family, first_text
from crawlers.pagedates import page_published, parse_any
from goftar.model import Source

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 80
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class ExtractedPage:
    title: str
    body: str
    published: datetime | None = None
    lead: str | None = None
    surtitle: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    method: str = "trafilatura"


def persian_share(text: str) -> float:
    """Share of letters written in Arabic script (Persian pages are mostly; English pages are not)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_SCRIPT.match(ch)) / len(letters)


def language_ok(text: str, language: str) -> bool:
    if language in ("fa", "ar", "ur", "ps"):
        return persian_share(text) >= 0.5
    return True


def extract_page(html: str, url: str, source: Source) -> ExtractedPage | None:
    """The article on ``html``: title, body and metadata, or None when there is no usable body."""
    sel = Selector(text=html)
    page: ExtractedPage | None
    if source.selectors.get("body"):
        page = _by_selectors(sel, source)
    else:
        family = FAMILIES.get(source.cms or "") or detect_family(html)
        page = _by_family(sel, family) if family else None
        if page is None or len(page.body) < MIN_BODY_CHARS:
            page = _by_trafilatura(html, url) or page
    if page is None or len(page.body) < MIN_BODY_CHARS:
        log.info("no article body on %s", url)
        return None
    if not language_ok(page.title + " " + page.body, source.language):
        log.info("skipped %s: not in %s", url, source.language)
        return None
    if page.published is None or page.method == "trafilatura":
        # trafilatura keeps only the day; JSON-LD/meta/<time> usually carry the hour as well.
        page.published = page_published(sel, source.selectors.get("date")) or page.published
    if not page.title:
        page.title = first_text(sel, "h1") or first_text(sel, "title") or ""
    page.body = _without_title(page.body, page.title)
    return page


def _without_title(body: str, title: str) -> str:
    """The body without a first paragraph that repeats the headline (trafilatura keeps the ``<h1>``):
    the same release under another headline must hash the same."""
    first, _, rest = body.partition("\n\n")
    return rest if rest and title and first.strip() == title.strip() else body


def _by_selectors(sel: Selector, source: Source) -> ExtractedPage:
    s = source.selectors
    date_text = first_text(sel, s["date"]) if s.get("date") else None
    return ExtractedPage(
        title=first_text(sel, s.get("title", "h1")) or "",
        body=body_text(sel, s["body"]),
        published=parse_any(date_text) if date_text else None,
        lead=first_text(sel, s["lead"]) if s.get("lead") else None,
        surtitle=first_text(sel, s["surtitle"]) if s.get("surtitle") else None,
        author=first_text(sel, s["author"]) if s.get("author") else None,
        tags=all_texts(sel, s["tags"]) if s.get("tags") else [],
        method="selectors",
    )


def _by_family(sel: Selector, family: Family) -> ExtractedPage:
    date_text = first_text(sel, family.date)
    return ExtractedPage(
        title=first_text(sel, family.title) or "",
        body=body_text(sel, family.body),
        published=page_published(sel) or (parse_any(date_text) if date_text else None),
        lead=first_text(sel, family.lead),
        surtitle=first_text(sel, family.surtitle),
        tags=all_texts(sel, family.tags),
        method=family.name,
    )


# trafilatura drops non-printable characters, and ZWNJ (U+200C, category Cf) is one: Persian words like
# «می‌شود» would come out as «میشود». A rare printable stand-in carries ZWNJ through and is swapped back.
_ZWNJ_STAND_IN = "\u2bd1"


def _by_trafilatura(html: str, url: str) -> ExtractedPage | None:
    protect = _ZWNJ_STAND_IN not in html
    if protect:
        html = html.replace("\u200c", _ZWNJ_STAND_IN).replace("&zwnj;", _ZWNJ_STAND_IN)
        html = re.sub(r"&#(?:8204|x200[cC]);", _ZWNJ_STAND_IN, html)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=False
    )
    if not isinstance(doc, Document) or not doc.text:
        return None
    if protect:
        for name in ("text", "title", "description", "author"):
            value = getattr(doc, name, None)
            if isinstance(value, str):
                setattr(doc, name, value.replace(_ZWNJ_STAND_IN, "\u200c"))
        if isinstance(doc.tags, list):
            doc.tags = [t.replace(_ZWNJ_STAND_IN, "\u200c") for t in doc.tags if isinstance(t, str)]
    text = re.sub(r"\n+", "\n\n", doc.text.strip())
    published = parse_any(doc.date) if doc.date else None
    tags = [t.strip() for t in (doc.tags or []) if t and t.strip()] if isinstance(doc.tags, list) else []
    return ExtractedPage(
        title=doc.title or "",
        body=text,
        published=published,
        lead=doc.description or None,
        author=doc.author or None,
        tags=tags,
        method="trafilatura",
    )
