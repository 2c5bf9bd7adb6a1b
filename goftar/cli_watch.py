"""`goftar watch add|list|remove`: saved searches the daily digest reports on (mounted by goftar.cli)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from goftar.errors import ConfigError
from goftar.settings import Settings

watch_app = typer.Typer(no_args_is_help=True, help="Saved searches that the digest reports on.")

Opt = typer.Option


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


@watch_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name for the watch (shown as its digest section).")],
    query: Annotated[
        str, typer.Argument(help="Search words, «phrases», OR (or «یا»), -exclusion (or NOT).")
    ] = "",
    speaker: Annotated[str | None, Opt(help="Only commitments by this speaker.")] = None,
    organisation: Annotated[
        str | None, Opt("--organisation", "--org", help="Only commitments of this organisation.")
    ] = None,
    place: Annotated[str | None, Opt(help="Only commitments mentioning this place.")] = None,
    source: Annotated[str | None, Opt(help="Only from this source.")] = None,
    polarity: Annotated[str | None, Opt(help="commit, intend, hope or demand.")] = None,
    status: Annotated[str | None, Opt(help="open, due, overdue, fulfilled or unknown.")] = None,
    to: Annotated[
        list[str] | None, Opt("--to", help="A recipient of this watch's mail (repeatable).")
    ] = None,
    replace: Annotated[bool, Opt("--replace", help="Replace a watch with the same name.")] = False,
) -> None:
    """Save a watch; each digest then has a section with its new matching commitments."""
    from goftar.watches import add_watch

    filters = {
        "speaker": speaker,
        "organisation": organisation,
        "place": place,
        "source": source,
        "polarity": polarity,
        "status": status,
    }
    settings = _settings()
    watch = add_watch(settings, name, query, {k: v for k, v in filters.items() if v}, to or [], replace)
    print(f"saved watch {watch.name!r}")
    if source:
        _note_unknown_source(settings, source)


def _note_unknown_source(settings: Settings, source: str) -> None:
    """A source the store has never seen is saved (its crawl may not have run yet) but said, as
    ``goftar search`` says it: a misspelt name would otherwise match nothing, every day, in silence."""
    from goftar.cli import note_unknown_source
    from index import open_store

    if not settings.es_url and not settings.db_path.exists():
        return
    store = open_store(settings)
    try:
        note_unknown_source(store, source)
    finally:
        store.close()


@watch_app.command("list")
def list_(as_json: Annotated[bool, Opt("--json", help="Print JSON.")] = False) -> None:
    """List the saved watches."""
    from goftar.watches import load_watches

    watches = load_watches(_settings())
    if as_json:
        sys.stdout.write(
            json.dumps([w.model_dump(mode="json") for w in watches], ensure_ascii=False, indent=2)
        )
        sys.stdout.write("\n")
        return
    for w in watches:
        filters = " ".join(f"{k}={v}" for k, v in w.filters.items())
        recipients = ", ".join(w.recipients) or "-"
        print(f"{w.name}\t{w.query}\t{filters}\t{recipients}")


@watch_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The watch to delete.")]) -> None:
    """Delete a saved watch."""
    from goftar.watches import remove_watch

    if not remove_watch(_settings(), name):
        raise ConfigError(f"no watch named {name!r} (see `goftar watch list`)")
    print(f"removed watch {name!r}")
