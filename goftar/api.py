"""The read-only HTTP API (JSON, OpenAPI at /openapi.json) and the RTL web page at ``/``.

Every route is a GET; page size and query length are bounded; crawled text is escaped wherever it is
rendered (Jinja2 autoescape; the only markup let through is the ``<mark>`` of highlights, which
``index.query.highlight`` builds from escaped text) and every response carries a Content-Security-Policy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, FileSystemLoader, select_autoescape

from goftar.errors import ConfigError, GoftarError
from goftar.settings import Settings
from goftar.web import format as fmt
from index.base import SearchQuery, SearchResult, SearchTimeout, Store, unknown_source_note
from index.export import ArchiveUrl, iter_hits, jsonl_line, write_csv
from index.query import MAX_QUERY_CHARS, check_range, left_out, parse_day

log = logging.getLogger(__name__)

WEB = Path(__file__).parent / "web"
MAX_PAGE_SIZE = 100
MAX_EXPORT_ROWS = 50_000
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc (served from fastapi-offline's copies: FastAPI's own pages load them from a CDN,
# a blank page on an offline machine) start with inline scripts: they get a looser policy than the page.
DOCS_PATHS = ("/docs", "/redoc")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
FILTERS = (
    "speaker",
    "organisation",
    "place",
    "source",
    "polarity",
    "status",
    "published_from",
    "published_to",
    "deadline_from",
    "deadline_to",
)

Short = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(max_length=20, description="Jalali (1403/05/01) or Gregorian (2024-07-22)")]


def _day(value: str | None, name: str) -> date | None:
    """The day a date parameter names; a bad one is refused with the parameter's name (there are four)."""
    if not value:
        return None
    try:
        return parse_day(value)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc}") from exc


def _range(name: str, start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """``(from, to)`` of ``{name}_from`` and ``{name}_to``; an inverted range is refused, not run empty."""
    first, last = _day(start, f"{name}_from"), _day(end, f"{name}_to")
    check_range((f"{name}_from={start}", first), (f"{name}_to={end}", last))
    return first, last


def search_query(
    q: Annotated[
        str, Query(max_length=MAX_QUERY_CHARS, description="words, «phrases», OR or «یا», -exclusion or NOT")
    ] = "",
    type: Literal["commitment", "statement", "article"] = "commitment",  # noqa: A002 — public parameter name
    speaker: Annotated[
        str | None,
        Query(max_length=200, description="name, title or id; «quoted»: that speaker exactly (as the facet)"),
    ] = None,
    organisation: Short = None,
    place: Short = None,
    source: Short = None,
    polarity: Literal["commit", "intend", "hope", "demand"] | None = None,
    status: Literal["open", "due", "overdue", "fulfilled", "unknown"] | None = None,
    published_from: Day = None,
    published_to: Day = None,
    deadline_from: Day = None,
    deadline_to: Day = None,
    sort: Literal["relevance", "date", "deadline"] = "relevance",
    page: Annotated[int, Query(ge=1, le=500)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    facets: Annotated[
        bool, Query(description="count facets (false skips the costliest part of a search over many matches)")
    ] = True,
) -> SearchQuery:
    """The query parameters of /api/search, the export and the page, as a ``SearchQuery``."""
    published = _range("published", published_from, published_to)
    deadline = _range("deadline", deadline_from, deadline_to)
    return SearchQuery(
        text=q,
        doc_type=type,
        speaker=speaker or None,
        organisation=organisation or None,
        place=place or None,
        source=source or None,
        polarity=polarity,
        status=status,
        published_from=published[0],
        published_to=published[1],
        deadline_from=deadline[0],
        deadline_to=deadline[1],
        sort=sort,
        page=page,
        size=size,
        facets=facets,
    )


class _StoreHolder:
    """Opens the configured store on first use (so importing the app touches nothing) and closes it."""

    def __init__(self, settings: Settings, store: Store | None, search_budget: float | None = None) -> None:
        self.settings, self._store, self._owned = settings, store, store is None
        self.search_budget = search_budget
        self._lock = threading.Lock()

    def get(self) -> Store:
        with self._lock:
            if self._store is None:
                from index import open_store

                self._store = open_store(self.settings, search_budget=self.search_budget)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._owned and self._store is not None:
                self._store.close()
                self._store = None


def create_app(
    settings: Settings, store: Store | None = None, *, search_budget: float | None = None
) -> FastAPI:
    """The API and web page over ``store`` (default: the store ``settings`` configure, opened lazily).

    Routes are plain functions: FastAPI runs them in its thread pool, and the SQLite store gives each
    thread its own read connection, so searches run side by side. ``search_budget`` bounds each search
    of the store opened here (seconds; over budget the API answers 503 with ``"error": "search_timeout"``).
    """
    holder = _StoreHolder(settings, store, search_budget)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPIOffline(
        title="Goftar",
        version="0.1.0",
        lifespan=lifespan,
        description="Search Persian municipal news for who said what and who promised what by when.",
    )
    app.state.holder = holder
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _add_security_headers(app)
    _add_error_handlers(app)
    _add_api_routes(app, holder)
    _add_page_routes(app, holder)
    return app


def _add_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        if not request.url.path.startswith(DOCS_PATHS):
            response.headers.setdefault("Content-Security-Policy", CSP)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ConfigError)
    async def bad_request(_request: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(SearchTimeout)
    async def too_slow(_request: Request, exc: SearchTimeout) -> JSONResponse:
        log.warning("search stopped: %s", exc)
        return JSONResponse(
            {"detail": str(exc), "error": "search_timeout"}, status_code=503, headers={"Retry-After": "1"}
        )

    @app.exception_handler(GoftarError)
    async def unavailable(_request: Request, exc: GoftarError) -> JSONResponse:
        log.error("store error: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=503)


QueryDep = Annotated[SearchQuery, Depends(search_query)]


def _add_api_routes(app: FastAPI, holder: _StoreHolder) -> None:
    @app.get("/api/search", tags=["search"])
    def api_search(request: Request, query: QueryDep) -> dict[str, Any]:
        """Search commitments (or statements/articles): hits with highlights, total, facets, paging.

        Each hit whose article was archived has ``archive_url``, the archived copy on this server. ``notes``
        says why a search found nothing when a filter names nothing the store has."""
        store = holder.get()
        result = store.search(query).to_json()
        link = _archive_link(holder.settings.public_url or str(request.base_url))
        for hit in result["hits"]:
            article = hit.get("article") if hit.get("type") != "article" else hit
            if isinstance(article, dict) and article.get("archive"):
                hit["archive_url"] = link(article)
        notes = _unknown_source_notes(store, query) if not result["total"] else []
        # Words not searched for (an affix or punctuation alone): a query of only those matches everything.
        left = left_out(query.text or "")
        return {"page": query.page, "size": query.size, **result, "left_out": left, "notes": notes}

    @app.get("/api/commitments/{commitment_id}", tags=["documents"])
    def api_commitment(commitment_id: str) -> dict[str, Any]:
        """One commitment with the history of its story (restatements, oldest first)."""
        store = holder.get()
        doc = store.get_commitment(commitment_id)
        if doc is None:
            raise HTTPException(404, "no such commitment")
        story = doc.get("story_id")
        return {**doc, "history": store.commitment_history(story) if story else []}

    @app.get("/api/stories/{story_id}", tags=["documents"])
    def api_story(story_id: str) -> list[dict[str, Any]]:
        """Every commitment of one story, oldest first."""
        history = holder.get().commitment_history(story_id)
        if not history:  # a story exists only through its commitments: none means no such story
            raise HTTPException(404, "no such story")
        return history

    @app.get("/api/articles/{article_id}", tags=["documents"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One stored article (normalised text, no raw HTML)."""
        article = holder.get().get_article(article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        doc = article.to_json()
        doc.pop("raw_text", None)
        return doc

    @app.get("/api/export", tags=["search"])
    def api_export(
        request: Request,
        query: QueryDep,
        format: Literal["csv", "jsonl"] = "jsonl",  # noqa: A002
        limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_ROWS)] = 10_000,
        bom: Annotated[bool, Query(description="csv: a UTF-8 byte-order mark first, for Excel")] = False,
    ) -> StreamingResponse:
        """The whole result set (up to ``limit``) as CSV or JSON Lines, UTF-8."""
        hits = iter_hits(holder.get(), query, limit)
        link = _archive_link(holder.settings.public_url or str(request.base_url))
        body = (
            _csv_chunks(hits, query.doc_type, bom, link)
            if format == "csv"
            else (jsonl_line(h, link) for h in hits)
        )
        media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
        disposition = f'attachment; filename="goftar-{query.doc_type}s.{format}"'
        return StreamingResponse(body, media_type=media, headers={"Content-Disposition": disposition})

    @app.get("/api/counts", tags=["store"])
    def api_counts() -> dict[str, int]:
        """How many articles, statements, commitments, … the store holds."""
        return holder.get().counts()

    pages = _templates(holder.settings.timezone)

    @app.get("/archive", tags=["documents"], response_class=Response)
    def archived(
        ref: Annotated[str, Query(max_length=500)],
        raw: Annotated[bool, Query(description="the page's HTML as plain text, byte for byte")] = False,
    ) -> Response:
        """The archived copy an article's ``archive`` field points at: the article's text as it was
        captured, on a page that says when, or (``raw``) the whole HTML as inert plain text."""
        url, captured, html = _archived(holder.settings, ref)
        if raw:
            return Response(f"{url}\n\n{html}", media_type="text/plain; charset=utf-8", headers=_INERT)
        # The page's own policy (``CSP``): its stylesheet, no script; the text is escaped besides.
        return HTMLResponse(_archive_page(pages, holder.settings.timezone, ref, (url, captured, html)))


def _unknown_source_notes(store: Any, query: SearchQuery) -> list[str]:
    """A note when the source filter names no source the store has, as ``goftar search`` prints it."""
    note = unknown_source_note(store, query.source) if query.source else None
    return [note] if note else []


def _archive_link(base: str) -> ArchiveUrl:
    """Article ref → the address of its archived copy on this server (GOFTAR_PUBLIC_URL, else the address
    the export was asked from): an export leaves the server, and a path on it opens nothing."""

    def link(article: Mapping[str, Any]) -> str:
        return f"{base.rstrip('/')}/archive?{urlencode({'ref': article['archive']})}"

    return link


def _csv_chunks(hits: Iterator[Any], doc_type: str, bom: bool, link: ArchiveUrl) -> Iterator[str]:
    import io

    buffer = io.StringIO()
    batch: list[Any] = []
    header = True
    if bom:
        yield "\ufeff"
    for hit in hits:
        batch.append(hit)
        if len(batch) == 200:
            yield _csv_text(batch, buffer, header, doc_type, link)
            header, batch = False, []
    if batch or header:
        yield _csv_text(batch, buffer, header, doc_type, link)


def _csv_text(batch: list[Any], buffer: Any, header: bool, doc_type: str, link: ArchiveUrl) -> str:
    buffer.seek(0)
    buffer.truncate()
    write_csv(batch, buffer, doc_type=doc_type, archive_url=link)
    text = buffer.getvalue()
    return text if header else text.split("\n", 1)[1]


# An archived page as text must never run in our origin.
_INERT = {"Content-Security-Policy": "sandbox; default-src 'none'"}


Capture = tuple[str, datetime | None, str]  # (URL, when it was fetched, the page's HTML as text)


def _archive_page(env: Environment, timezone: str, ref: str, capture: Capture) -> str:
    """The archived copy as a page a reader can read: the address, when it was fetched (Jalali and
    Gregorian, local time), and the article's title and paragraphs as the crawler extracts them."""
    url, captured, html = capture
    title, paragraphs = _readable(html, url)
    local = captured.astimezone(ZoneInfo(timezone)) if captured else None
    return env.get_template("archive.html").render(
        url=url,
        title=title,
        paragraphs=paragraphs,
        captured=local.date() if local else None,
        captured_time=fmt.persian_digits(local.strftime("%H:%M")) if local else "",
        tz_name="تهران" if timezone == "Asia/Tehran" else timezone,
        raw_query=urlencode({"ref": ref, "raw": "true"}),
    )


def _readable(html: str, url: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of an archived page: the article as the crawler extracts it, else the page's
    visible text (a short page has no "article" for the extractor, but the reader still wants its words)."""
    from parsel import Selector

    from crawlers.extract import extract_page
    from goftar.model import Source

    # Any language: the copy is shown as it was, whatever the page holds.
    page = extract_page(html, url, Source(name="archive", kind="article", start_urls=[url], language="any"))
    if page is not None:
        return page.title, [line for line in page.body.split("\n") if line.strip()]
    sel = Selector(text=html or "<html></html>")
    words = sel.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    ).getall()
    title = (sel.xpath("normalize-space(//title)").get() or "").strip()
    return title, [" ".join(w.split()) for w in words if w.strip()]


def _archived(settings: Settings, ref: str) -> Capture:
    """(URL, capture moment, HTML as text) of the archived copy ``ref`` names; 404 unless it is a record
    of the archive folder."""
    name, _, offset = ref.rpartition("#")
    root = settings.archive_dir.resolve()
    path = (root / name).resolve()
    if not name or not offset.isdigit() or root not in path.parents or not path.is_file():
        raise HTTPException(404, "no such archived copy")
    try:
        from crawlers.archive import read_capture

        url, captured, body = read_capture(f"{path}#{offset}")
    except (OSError, ValueError, StopIteration) as exc:
        log.warning("cannot read archived copy %s: %s", ref, exc)
        raise HTTPException(404, "no such archived copy") from exc
    return url, captured, _archived_text(body)


def _archived_text(body: bytes) -> str:
    """An archived page's bytes as text, in the encoding the page declares (many Persian sites still send
    windows-1256); undeclared, UTF-8 when it decodes as such, else windows-1256."""
    from w3lib.encoding import html_to_unicode

    def sniff(raw: bytes) -> str:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return "cp1256"
        return "utf-8"

    return html_to_unicode(None, body, auto_detect_fun=sniff)[1]


def _templates(timezone: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(WEB / "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        # Days of moments (a publication time) are the days of GOFTAR_TZ, as the filters count them.
        jalali=partial(fmt.jalali, tz=timezone),
        gregorian=partial(fmt.gregorian, tz=timezone),
        fa=fmt.persian_digits,
        safe_url=fmt.safe_url,
    )
    env.globals.update(
        POLARITY=fmt.POLARITY, STATUS=fmt.STATUS, FACETS=fmt.FACETS, MAX_EXPORT_ROWS=MAX_EXPORT_ROWS
    )
    return env


def _add_page_routes(app: FastAPI, holder: _StoreHolder) -> None:
    env = _templates(holder.settings.timezone)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request) -> HTMLResponse:
        params = {k: v for k, v in request.query_params.items() if v}
        dropped = _drop_inapplicable(params)
        error, detail, result, query, status = None, None, None, SearchQuery(), 200
        try:
            query = search_query(**_page_args(params))
            result = holder.get().search(query)
        except (ConfigError, ValueError, TypeError) as exc:
            error, detail, status = _bad_search(str(exc)), str(exc), 400
        except SearchTimeout as exc:
            error, detail, status = SLOW_SEARCH, str(exc), 503
        html = env.get_template("search.html").render(
            params=params,
            query=query,
            result=result,
            error=error,
            detail=detail,
            dropped=[FILTER_LABELS[name] for name in dropped],
            left_out=left_out(query.text or ""),
            cards=_cards(holder.get(), result) if result else [],
            link=lambda **change: _link(params, change),
            pages=_pages(query, result),
        )
        return HTMLResponse(html, status_code=status)


# The page speaks Persian; the technical reason follows in small print (left to right), as the API says it.
BAD_SEARCH = "این جست‌وجو را نتوانستیم بخوانیم. گزینه‌ها را از فهرست‌ها برگزینید."
BAD_DATE = (
    "این جست‌وجو را نتوانستیم بخوانیم. تاریخ را به شکل ۱۴۰۳/۰۵/۰۱ یا «۱۰ مهر ۱۴۰۰» بنویسید "
    "و در هر بازه، تاریخ زودتر را نخست بیاورید."
)
TOO_LONG = "این جست‌وجو را نتوانستیم بخوانیم: متن جست‌وجو یا یکی از پالایه‌ها بیش از اندازه بلند است."
SLOW_SEARCH = "جست‌وجو بیش از اندازه طول کشید یا سرور سرش شلوغ است؛ کمی بعد دوباره بکوشید یا فیلتری بیفزایید."


BAD_DAY = (
    "این جست‌وجو را نتوانستیم بخوانیم: «{}» تاریخ درستی نیست. تاریخ را به شکل ۱۴۰۳/۰۵/۰۱ یا «۱۰ مهر ۱۴۰۰» "
    "بنویسید."
)
DATE_FIELDS = {
    "published_from": "منتشرشده از",
    "published_to": "منتشرشده تا",
    "deadline_from": "موعد از",
    "deadline_to": "موعد تا",
}


def _bad_search(detail: str) -> str:
    """The Persian sentence for a refused search: about dates only when a date was the trouble, naming
    the field when one date was wrong (``_day`` puts the parameter's name first)."""
    field = detail.split(":", 1)[0]
    if field in DATE_FIELDS:
        return BAD_DAY.format(DATE_FIELDS[field])
    if detail.startswith(("published_", "deadline_")):  # ``_range``: a range that ends before it starts
        return BAD_DATE
    return TOO_LONG if "longer than" in detail or "characters long" in detail else BAD_SEARCH


# Filters that only some result types have (the store refuses the others). The page's form carries its
# filters along, so a reader who filtered commitments by status and then picks «خبرها» would otherwise
# get an error page: such filters are set aside, and the page says so.
ONLY_FOR = {
    "speaker": ("commitment", "statement"),
    "polarity": ("commitment",),
    "status": ("commitment",),
    "deadline_from": ("commitment",),
    "deadline_to": ("commitment",),
}
FILTER_LABELS = {**fmt.FACETS, "deadline_from": "موعد از", "deadline_to": "موعد تا"}


def _drop_inapplicable(params: dict[str, str]) -> list[str]:
    """Remove from ``params`` the filters the chosen result type does not have; returns their names."""
    doc_type = params.get("type", "commitment")
    dropped = [name for name, types in ONLY_FOR.items() if name in params and doc_type not in types]
    for name in dropped:
        del params[name]
    return dropped


def _page_args(params: dict[str, str]) -> dict[str, Any]:
    """Validate the page's query string like the API's (same bounds), as keyword arguments."""
    args: dict[str, Any] = {k: params[k] for k in (*FILTERS, "q", "type", "sort") if k in params}
    if len(args.get("q", "")) > MAX_QUERY_CHARS:
        raise ConfigError(f"query is longer than {MAX_QUERY_CHARS} characters")
    for name in FILTERS:
        if len(args.get(name, "")) > 200:
            raise ConfigError(f"{name} is longer than 200 characters")
    for name, allowed in (
        ("type", ("commitment", "statement", "article")),
        ("sort", ("relevance", "date", "deadline")),
        ("polarity", tuple(fmt.POLARITY)),
        ("status", tuple(fmt.STATUS)),
    ):
        if name in args and args[name] not in allowed:
            raise ConfigError(f"{name} must be one of {', '.join(allowed)}")
    page = params.get("page", "1")
    args["page"] = min(max(int(page), 1), 500) if page.isdigit() else 1
    return args


def _link(params: dict[str, str], change: dict[str, Any]) -> str:
    """``?…`` of the current page with ``change`` applied (None removes); filters reset the page."""
    merged = {**params, **{k: v for k, v in change.items() if v is not None}}
    for key, value in change.items():
        if value is None:
            merged.pop(key, None)
    if "page" not in change:
        merged.pop("page", None)
    return "?" + urlencode(merged)


def _pages(query: SearchQuery, result: SearchResult | None) -> dict[str, int | None]:
    if result is None:
        return {"prev": None, "next": None, "last": 1}
    last = max(1, -(-result.total // query.size))
    return {
        # Past the last page (an old link, a hand-edited URL), "previous" leads back to the last one.
        "prev": min(query.page - 1, last) if query.page > 1 else None,
        "next": query.page + 1 if query.page < min(last, 500) else None,
        "last": last,
    }


def _cards(store: Store, result: SearchResult) -> list[dict[str, Any]]:
    """Hits with the history of each commitment's story (restatements shown on the card)."""
    cards = []
    for hit in result.hits:
        story = hit.doc.get("story_id") if hit.doc_type == "commitment" else None
        history = [d for d in store.commitment_history(story) if d.get("id") != hit.id] if story else []
        cards.append({"hit": hit, "doc": hit.doc, "history": history})
    return cards
