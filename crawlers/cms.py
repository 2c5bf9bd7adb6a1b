"""Extractors for the CMS families most Iranian news sites run on: Nastooh, Asam and Iransamaneh.

Each family keeps title, surtitle (روتیتر), lead (لید), body, date and tags in the same places on every site
that runs it, so a new site of a known family is one registry line (``cms: nastooh``). Where each family
keeps these fields follows the public Targoman/PersianWebScraper notes; the selectors here are ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector, SelectorList


@dataclass(frozen=True)
class Family:
    """CSS selectors of one CMS family; each is a comma-separated list tried as one query."""

    name: str
    marker: re.Pattern[str]  # markup that betrays the family when a source does not name it
    title: str
    surtitle: str
    lead: str
    body: str
    date: str
    tags: str


FAMILIES: dict[str, Family] = {
    "nastooh": Family(
        name="nastooh",
        marker=re.compile(r'class="[^"]*\bitem-text\b|class="[^"]*\bitem-body\b'),
        title="h1.title, .item-title h1, h1 .headline, span.headline, h1",
        surtitle=".rutitr, .kicker",
        lead=".introtext, .item-summary, p.summary",
        body=".item-body .item-text",
        date=".item-date > span, .item-date, .item-time",
        tags=".tags li",
    ),
    "asam": Family(
        name="asam",
        marker=re.compile(r'id="echo_details?"|class="[^"]*\becho_detail\b|id="main_ck_editor"'),
        title="h1.title, .title h1, h1",
        surtitle=".uptitle, .up-title, h2.up_title, h2.news-uptitle",
        lead=".lead, p.news-lead, p.news_lead",
        body="#echo_detail, .echo_detail, #echo_details, #main_ck_editor",
        date=".news_time, .news-time, .news_nav_title, time",
        tags=".article_tags li, .article_tag a, .news_tags a, .tag_items a",
    ),
    "iransamaneh": Family(
        name="iransamaneh",
        marker=re.compile(r'class="[^"]*\b(?:news_pdate_c|news_path|news-rutitr)\b'),
        title="h1.title, .news-title, .title-news, h1",
        surtitle=".rutitr, .news-rutitr",
        lead=".subtitle, .news-subtitle, .subtitle-news",
        body=".body, .news-body",
        date=".news_pdate_c, .news-date, .fa_date, .item-date span",
        tags=".tags_title a, .tags li",
    ),
}


def detect_family(html: str) -> Family | None:
    """The family whose markers appear in the page, if any (checked in a fixed order)."""
    for family in FAMILIES.values():
        if family.marker.search(html):
            return family
    return None


def first_text(sel: Selector, query: str) -> str | None:
    """Whitespace-collapsed text of the first node matching ``query`` (CSS, or XPath if it looks like one)."""
    nodes = sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)
    for node in nodes:
        text = _collapse(" ".join(node.xpath(".//text()[not(ancestor::script or ancestor::style)]").getall()))
        if text:
            return text
    return None


def all_texts(sel: Selector, query: str) -> list[str]:
    nodes = sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)
    texts = [_collapse(" ".join(n.xpath(".//text()").getall())) for n in nodes]
    return list(dict.fromkeys(t for t in texts if t))


def body_text(sel: Selector, query: str) -> str:
    """Paragraphs of the body container(s), one per line pair; scripts, styles and figures left out."""
    nodes = sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)
    paragraphs: list[str] = []
    for node in nodes[:1]:
        blocks = node.xpath(
            ".//*[self::p or self::h2 or self::h3 or self::h4 or self::li or self::blockquote]"
            "[not(ancestor::p or ancestor::li or ancestor::blockquote)]"
        )
        if not blocks:
            blocks = SelectorList([node])
        for block in blocks:
            text = _collapse(
                " ".join(
                    block.xpath(
                        ".//text()[not(ancestor::script or ancestor::style or ancestor::figcaption)]"
                    ).getall()
                )
            )
            if text:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _collapse(text: str) -> str:
    # Collapse ASCII whitespace only: ZWNJ (U+200C) is part of Persian words and must survive.
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()
