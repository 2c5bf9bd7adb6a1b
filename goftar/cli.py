"""`goftar`: the one front door. Subcommands only wire library functions together.

Failures become one line on stderr and an exit status from ``ExitStatus``; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperCommand

from goftar.errors import ConfigError, GoftarError
from goftar.settings import SETTINGS, Settings

app = typer.Typer(
    name="goftar",
    help="Goftar (گفتار): who said what, and who promised what by when, in Persian municipal news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# soft_wrap: a message piped to a log or a file stays one line (rich wraps at 80 columns off a terminal)
err = Console(stderr=True, soft_wrap=True)


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class _State:
    debug = False


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _read_text(file: Path | None) -> str:
    if file is None or str(file) == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read {file}: {exc.strerror}") from exc
    # Invalid UTF-8 is replaced rather than fatal: a bad byte must not lose the rest of a document.
    return data.decode("utf-8", errors="replace")


def _parse_day(value: str | None, option: str) -> date | None:
    """The day an option names; None when the option was not given. An empty value is an error, not
    "no value": `--date "$DAY"` with DAY unset must not silently mean today."""
    if value is None:
        return None
    if not value.strip():
        raise ConfigError(f"{option} is empty: use a day such as 1400/07/10 or 2021-10-02")
    from nlp.dates import parse_jalali_or_gregorian

    try:
        return parse_jalali_or_gregorian(value)
    except ValueError as exc:
        raise ConfigError(f"{option} {value!r}: {exc}") from exc


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
) -> None:
    _State.debug = debug
    level = logging.DEBUG if debug else getattr(logging, _settings().log_level.upper(), logging.INFO)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if not debug:  # third-party chatter (PDF layout steps, font subsetting) is not the user's business
        for noisy in ("weasyprint", "fontTools", "scrapy", "matplotlib", "PIL"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


@app.command()
def normalize(
    file: Annotated[Path | None, typer.Argument(help="Text file; stdin when omitted or '-'.")] = None,
) -> None:
    """Normalise Persian text (letters, digits, spacing, ZWNJ); one output line per input line."""
    from nlp.normalize import normalize as _normalize

    text = _read_text(file)
    trailing = text.endswith("\n")
    out = _normalize(text[:-1] if trailing else text)
    sys.stdout.write(out + ("\n" if trailing else ""))


@app.command()
def extract(
    file: Annotated[Path | None, typer.Argument(help="One document; stdin when omitted or '-'.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json")] = "json",
    published: Annotated[
        str | None, typer.Option(help="Publication date (Jalali or Gregorian) relative deadlines use.")
    ] = None,
) -> None:
    """Extract entities, statements and commitments from one document as JSON."""
    from nlp.extract import extract as _extract

    if fmt != "json":
        raise ConfigError(f"--format {fmt!r} is not supported by extract; use --format json")
    day = _parse_day(published, "--published") or _today(_settings())
    _print_json(_extract(_read_text(file), day).to_json())


def _sources(urls: list[str], sources_file: Path | None, kind: str | None, allow_private: bool) -> list:
    from crawlers.sources import adhoc_sources, load_sources

    if urls:
        return adhoc_sources(urls, kind=kind, allow_private=allow_private)
    settings = _settings()
    return load_sources(sources_file or (Path(settings.sources) if settings.sources else None))


UrlsArg = Annotated[list[str] | None, typer.Argument(help="Ad-hoc feed/sitemap/listing/t.me URLs.")]
SourcesOpt = Annotated[Path | None, typer.Option("--sources", help="Sources registry YAML.")]
KindOpt = Annotated[str | None, typer.Option(help="feed|sitemap|listing|telegram, when not detected.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Permit loopback/private addresses.")]


@app.command()
def crawl(
    urls: UrlsArg = None,
    sources: SourcesOpt = None,
    kind: KindOpt = None,
    allow_private: PrivateOpt = False,
) -> None:
    """Run the spiders of a sources file (or of ad-hoc URLs); prints the JSON-lines file written."""
    from goftar.pipeline import crawl_to_file

    settings = _settings()
    chosen = _sources(urls or [], sources, kind, allow_private)
    report = crawl_to_file(chosen, settings, allow_private=allow_private, label="crawl")
    _report_health(report.health)
    print(report.out)


def _report_health(health: list) -> None:
    for h in health:
        line = f"{h.source}: {h.items} items, {h.errors} errors, {h.empty} empty"
        err.print(line + (f" — {h.message}" if h.message else ""), highlight=False)


@app.command()
def run(
    urls: UrlsArg = None,
    sources: SourcesOpt = None,
    kind: KindOpt = None,
    allow_private: PrivateOpt = False,
) -> None:
    """Crawl, extract and index in one go."""
    from goftar import pipeline
    from index import open_store

    settings = _settings()
    chosen = _sources(urls or [], sources, kind, allow_private)
    store = open_store(settings)
    try:
        crawl_report, ingest_report = pipeline.run(chosen, settings, store, allow_private=allow_private)
    finally:
        store.close()
    _report_health(crawl_report.health)
    kept = f" ({len(ingest_report.retry)} articles kept to retry)" if ingest_report.retry else ""
    err.print(
        f"articles: {ingest_report.seen} collected, {ingest_report.indexed} indexed, "
        f"{ingest_report.skipped} unchanged; commitments: {ingest_report.commitments}; "
        f"failed: {len(ingest_report.failed)}{kept}"
    )


# Help text lists what _check_choices accepts (goftar.model / index.base Literals; a test keeps them equal).
# Spelled out here because importing the model costs every `goftar` command a quarter of a second.
_TYPES = "commitment|statement|article"
_POLARITIES = "commit|intend|hope|demand"
_STATUSES = "open|due|overdue|fulfilled|unknown"
_SORTS = "relevance|date|deadline"
_DEFAULT_PAGE = 10
_MAX_PAGE = 1_000_000


class _SearchCommand(TyperCommand):
    """`goftar search` reads a query that opens with an exclusion («-تهران واکسن») as the query, not as an
    unknown option: users type `-word` to exclude, and no option starts with a Persian letter."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        takes_value = {
            name
            for param in self.params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for name in param.opts
        }
        return super().parse_args(ctx, _exclusion_query_last(args, takes_value))


def _is_exclusion_query(token: str) -> bool:
    return len(token) > 1 and token[0] == "-" and (not token[1].isascii() or token[1] == '"')


def _exclusion_query_last(args: list[str], takes_value: set[str]) -> list[str]:
    """``args`` with a query that starts with ``-`` moved behind ``--``, where the parser takes it as is."""
    after_option = False
    for i, token in enumerate(args):
        if token == "--":
            return args
        if not after_option and _is_exclusion_query(token):
            rest = args[:i] + args[i + 1 :]
            cut = rest.index("--") if "--" in rest else len(rest)
            return [*rest[:cut], "--", token, *rest[cut + 1 :]]
        after_option = token in takes_value
    return args


@app.command(cls=_SearchCommand)
def search(
    query: Annotated[str, typer.Argument(help="Words, «phrases», OR (or «یا»), -exclusion (or NOT).")] = "",
    doc_type: Annotated[str, typer.Option("--type", help=_TYPES)] = "commitment",
    speaker: Annotated[
        str | None, typer.Option(help="Speaker name, title or id; «quoted»: that speaker exactly.")
    ] = None,
    org: Annotated[str | None, typer.Option(help="Organisation mentioned.")] = None,
    place: Annotated[str | None, typer.Option(help="Place mentioned.")] = None,
    source: Annotated[str | None, typer.Option(help="Source name.")] = None,
    polarity: Annotated[str | None, typer.Option(help=_POLARITIES)] = None,
    status: Annotated[str | None, typer.Option(help=_STATUSES)] = None,
    published_from: Annotated[
        str | None, typer.Option("--from", help="Published on/after (Jalali or Gregorian).")
    ] = None,
    published_to: Annotated[str | None, typer.Option("--to", help="Published on/before.")] = None,
    deadline_from: Annotated[str | None, typer.Option(help="Deadline on/after.")] = None,
    deadline_to: Annotated[str | None, typer.Option(help="Deadline on/before.")] = None,
    sort: Annotated[str, typer.Option(help=_SORTS)] = "relevance",
    limit: Annotated[
        int | None,
        typer.Option(
            help=f"table/json: hits per page, 1–1000 (default {_DEFAULT_PAGE}); "
            "csv/jsonl: at most this many rows (default: every hit)."
        ),
    ] = None,
    page: Annotated[int, typer.Option(help="Page number, from 1 (table/json).")] = 1,
    fmt: Annotated[
        str, typer.Option("--format", help="table|json (one page) or csv|jsonl (the whole result set)")
    ] = "table",
    bom: Annotated[
        bool, typer.Option("--bom", help="csv: start with a UTF-8 byte-order mark, so Excel reads Persian.")
    ] = False,
) -> None:
    """Search commitments (or statements/articles) with filters; table, JSON, CSV or JSONL."""
    from index.base import SearchQuery

    export = _check_output(fmt, limit, page, bom)
    _check_choices(doc_type=doc_type, polarity=polarity, status=status, sort=sort)
    published = _day_range("--from", published_from, "--to", published_to)
    deadline = _day_range("--deadline-from", deadline_from, "--deadline-to", deadline_to)
    q = SearchQuery(
        text=query,
        doc_type=doc_type,
        speaker=speaker,
        organisation=org,
        place=place,
        source=source,  # type: ignore[arg-type]
        polarity=polarity,
        status=status,
        sort=sort,
        page=page,  # type: ignore[arg-type]
        size=_DEFAULT_PAGE if export or limit is None else limit,
        published_from=published[0],
        published_to=published[1],
        deadline_from=deadline[0],
        deadline_to=deadline[1],
    )
    _note_left_out(query, doc_type)
    if export:
        _export(q, fmt, limit, bom)
    else:
        _show_page(q, fmt)


def _note_left_out(text: str, doc_type: str) -> None:
    """Say which typed words are not searched for: «ها» alone would otherwise list everything silently."""
    from index.query import parse

    parsed = parse(text)
    if parsed.dropped:
        words = " ".join(f"«{word}»" for word in parsed.dropped)
        every = f", so every {doc_type} matches" if parsed.empty else ""
        err.print(
            f"note: {words} left out: an affix or punctuation alone is not searched for{every}",
            highlight=False,
        )


def _day_range(
    start_option: str, start: str | None, end_option: str, end: str | None
) -> tuple[date | None, date | None]:
    """The days of a pair of range options; a range that ends before it starts is refused."""
    from index.query import check_range

    first, last = _parse_day(start, start_option), _parse_day(end, end_option)
    check_range((f"{start_option} {start}", first), (f"{end_option} {end}", last))
    return first, last


def _check_output(fmt: str, limit: int | None, page: int, bom: bool) -> bool:
    """Check the output options together; True for an export (csv/jsonl), which streams every hit."""
    from index.sqlite_search import MAX_PAGE_SIZE

    if fmt not in {"table", "json", "csv", "jsonl"}:
        raise ConfigError(f"--format {fmt!r}: use table, json, csv or jsonl")
    export = fmt in {"csv", "jsonl"}
    if bom and fmt != "csv":
        raise ConfigError("--bom is for --format csv (a byte-order mark for Excel)")
    if export and page != 1:
        raise ConfigError(f"--page {page}: --format {fmt} writes every hit (cap it with --limit), not pages")
    if export and limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: use 1 or more rows (or leave it out for every hit)")
    if not export and limit is not None and not 1 <= limit <= MAX_PAGE_SIZE:
        raise ConfigError(f"--limit {limit}: pages hold 1–{MAX_PAGE_SIZE} hits (csv/jsonl export every hit)")
    if not 1 <= page <= _MAX_PAGE:  # a huge page number would overflow SQLite's integers, not just be empty
        raise ConfigError(f"--page {page}: use 1–{_MAX_PAGE} (csv/jsonl export the whole result set)")
    return export


def _check_choices(**values: str | None) -> None:
    """Refuse a filter value the store would silently match nothing with (the API answers 422 for them)."""
    from typing import get_args

    from goftar.model import CommitmentStatus, Polarity
    from index.base import DocType, Sort

    allowed = {"doc_type": DocType, "polarity": Polarity, "status": CommitmentStatus, "sort": Sort}
    for name, value in values.items():
        choices = get_args(allowed[name])
        if value is not None and value not in choices:
            option = "--type" if name == "doc_type" else f"--{name}"
            raise ConfigError(f"{option} {value!r}: use one of {', '.join(choices)}")


def _export(q: Any, fmt: str, limit: int | None, bom: bool) -> None:
    """Stream every hit (up to ``limit``) to stdout; the count goes to stderr so stdout stays data only."""
    from index import open_store
    from index.export import iter_hits, write_csv, write_jsonl

    settings = _settings()
    _warn_if_no_store(settings)
    store = open_store(settings)
    try:  # the store stays open while iter_hits fetches page after page
        hits = iter_hits(store, q, limit)
        # archive_url: the archived copy on GOFTAR_PUBLIC_URL (empty when it is not set).
        if fmt == "csv":
            rows = write_csv(hits, sys.stdout, bom=bom, doc_type=q.doc_type, archive_url=settings.archive_url)
        else:
            rows = write_jsonl(hits, sys.stdout, archive_url=settings.archive_url)
        if not rows:
            _note_unknown_source(store, q)
    finally:
        store.close()
    err.print(f"{rows} rows written", highlight=False)


def _warn_if_no_store(settings: Settings) -> None:
    """Say so when GOFTAR_HOME holds no store: a mistyped folder would otherwise read as "0 hits"."""
    if not settings.es_url and not settings.db_path.exists():
        err.print(
            f"warning: no store at {settings.db_path} (GOFTAR_HOME={settings.home}); nothing has been "
            "indexed there: check GOFTAR_HOME, or run `goftar run` / `goftar demo` first",
            highlight=False,
        )


def _note_unknown_source(store: Any, q: Any) -> None:
    """Nothing found with ``--source`` X: say so when no source has that name."""
    if q.source:
        note_unknown_source(store, q.source)


def note_unknown_source(store: Any, source: str) -> None:
    """Say so when no source has this name (names match exactly, so «ISNA» finds nothing of «isna»), with
    the names the store has (``goftar search`` with no hits, ``goftar watch add``)."""
    from index.base import unknown_source_note

    note = unknown_source_note(store, source)
    if note:
        err.print(f"note: {note}", highlight=False)


def _show_page(q: Any, fmt: str) -> None:
    from index import open_store

    settings = _settings()
    _warn_if_no_store(settings)
    store = open_store(settings)
    try:
        result = store.search(q)
        if not result.total:
            _note_unknown_source(store, q)
    finally:
        store.close()
    if fmt == "json":
        _print_json(result.to_json())
    else:
        from goftar.render import hits_table

        Console().print(hits_table(result, page=q.page, size=q.size, timezone=settings.timezone))


@app.command()
def digest(
    day: Annotated[
        str | None, typer.Option("--date", help="Day (Jalali or Gregorian); default today.")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Folder; default GOFTAR_HOME/digests.")] = None,
    send: Annotated[bool, typer.Option("--send", help="Also e-mail it (GOFTAR_SMTP_*).")] = False,
) -> None:
    """Write the digest of a day (HTML, text, JSON); prints the paths written."""
    from goftar.digest import build_digest, send_digest, write_digest
    from index import open_store

    settings = _settings()
    the_day = _parse_day(day, "--date") or _today(settings)
    store = open_store(settings)
    try:
        built = build_digest(store, the_day, settings)
    finally:
        store.close()
    for path in write_digest(built, out or settings.digest_dir):
        print(path)
    if send:
        send_digest(built, settings)


def _today(settings: Settings) -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(settings.timezone)).date()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (1–65535).", min=1, max=65535)] = 8000,
) -> None:
    """Serve the search API (OpenAPI at /openapi.json) and the web page at /."""
    import uvicorn

    from goftar.api import create_app

    uvicorn.run(create_app(_settings()), host=host, port=port)


@app.command()
def demo(
    query: Annotated[str, typer.Option(help="Sample search after the run.")] = "واکسن",
    port: Annotated[
        int | None, typer.Option(help="Sample site port; default 8765 (or a free one), then as recorded.")
    ] = None,
) -> None:
    """Run the whole pipeline offline on the bundled sample site, write today's digest, search it."""
    from goftar.demo import run_demo

    run_demo(_settings(), query=query, port=port)


@app.command("settings")
def show_settings() -> None:
    """Print every setting: environment variable, current value (secrets masked) and help."""
    current = _settings().redacted()
    for name, var, _default, help_text in SETTINGS:
        print(f"{var}={current[name]}\t# {help_text}")


def _mount_optional() -> None:
    try:
        from goftar.cli_watch import watch_app
    except ImportError:  # the watches module is optional until it lands
        return
    app.add_typer(watch_app, name="watch", help="Saved searches that the digest reports on.")


_mount_optional()


def entrypoint() -> None:
    """Console entry point: UTF-8 out, one-line errors, exit statuses from ExitStatus."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        app(standalone_mode=False)
    except GoftarError as exc:
        if _State.debug:
            raise
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(ExitStatus.USAGE if isinstance(exc, ConfigError) else ExitStatus.ERROR)
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None) or getattr(exc, "code", 0)
        sys.exit(code)
    except Exception as exc:  # click usage errors and unexpected failures alike get one line
        import click

        # Typer 0.29 vendors click: its usage errors ("No such option") are not click.ClickException.
        if isinstance(exc, click.ClickException | typer.TyperException) and hasattr(exc, "show"):
            exc.show()
            sys.exit(exc.exit_code)
        if _State.debug:
            raise
        err.print(f"[red]error:[/red] {type(exc).__name__}: {exc} (rerun with --debug for details)")
        sys.exit(ExitStatus.ERROR)
