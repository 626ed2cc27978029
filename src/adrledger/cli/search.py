"""`adr search QUERY`: ranked full-text search over every configured log."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

import click

from ._app import AppContext, exit_with
from ._output import escape_controls, unfiltered
from ._params import status_option

pass_app = click.make_pass_decorator(AppContext)


@click.command("search")
@click.argument("words", metavar="QUERY...", nargs=-1, required=True)
@status_option()
@click.option("-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most records shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def search_command(app: AppContext, words: tuple[str, ...], statuses: tuple[str, ...], limit: int, fmt: str) -> None:
    """Find the records that best match QUERY ("a phrase", prefix*) in every log, with their best passage.

    Exits with 1 when no record matches, as grep does.
    """
    from ..search import search
    from ..search.sources import open_index

    logs = app.workspace.logs
    displays = {log.package: log.config.dir_display for log in logs}
    index = open_index(logs)
    try:
        hits = search(index, " ".join(words), statuses, limit)
    finally:
        index.close()
    if fmt == "json":
        click.echo(json.dumps([_as_json(asdict(hit)) for hit in hits], indent=2, ensure_ascii=False))
    elif not hits:
        click.echo("No record matches.", err=True)
    else:
        _print_hits(hits, displays)
    if not hits:
        exit_with(1)  # as grep: 1 when nothing matches, so scripts can test it


def _print_hits(hits: list[Any], displays: dict[str, str]) -> None:
    color = sys.stdout.isatty()
    # Colours are drawn on the unfiltered terminal (cli/_output.py), so the record's text is escaped here.
    out = unfiltered(sys.stdout) if color else None
    for position, hit in enumerate(hits):
        if position:
            click.echo("", file=out)
        click.echo(_heading(hit, color), file=out)
        where = escape_controls(f"{displays.get(hit.package, '.')}/{hit.path}:{hit.line}")
        click.echo(f"  {where}" + (f"  ({escape_controls(hit.section)})" if hit.section else ""), file=out)
        click.echo(f"  {_highlight(hit.snippet, color)}", file=out)


def _as_json(hit: dict[str, Any]) -> dict[str, Any]:
    from ..search import HIGHLIGHT

    start, end = HIGHLIGHT
    hit["snippet"] = hit["snippet"].replace(start, "**").replace(end, "**")
    return hit


def _heading(hit: Any, color: bool) -> str:
    text = escape_controls(f"{hit.id}  {hit.title}")
    status = f"[{hit.status}]"
    return f"{click.style(text, bold=True)}  {click.style(status, dim=True)}" if color else f"{text}  {status}"


def _highlight(snippet: str, color: bool) -> str:
    from ..search import HIGHLIGHT

    start, end = HIGHLIGHT
    if color:  # the markers are control characters themselves: the text around them is escaped
        first, *marked = snippet.split(start)
        pieces = [escape_controls(first)]
        for part in marked:
            inside, _, after = part.partition(end)
            pieces.append(f"\x1b[1;33m{escape_controls(inside)}\x1b[0m{escape_controls(after)}")
        return "".join(pieces)
    return snippet.replace(start, "**").replace(end, "**")
