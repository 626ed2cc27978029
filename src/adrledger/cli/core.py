"""Authoring and reading commands: init, new, list, show, export, schema, help."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..base.termtext import one_line, one_per_line, printable
from ..errors import CompatError, ParseError, UsageError
from ..styles import STYLE_NAMES
from ._app import AppContext, exit_with
from ._compat import GetoptsCommand
from ._params import status_option
from .completion import RecordReference

if TYPE_CHECKING:
    from ..model import Record

pass_app = click.make_pass_decorator(AppContext)
_NUMBERED_NAME = re.compile(r"[0-9]+-")
STYLE = click.Choice(STYLE_NAMES)


@click.command("init")
@click.argument("directory", required=False)
@click.option("--style", type=STYLE, help="Style of the first record and the log's default (default: nygard).")
@pass_app
def init_command(app: AppContext, directory: str | None, style: str | None) -> None:
    """Create the decision log (default doc/adr) and its first record, as adr-tools does."""
    from ..config import load_config
    from ..ops.authoring import init_log

    if app.directory and not directory:  # `adr --dir X init`: that folder, no .adr-dir written
        created = init_log(load_config(app.directory, app.cwd), None, style, app.cwd)
    else:
        created = init_log(load_config(cwd=app.cwd), directory, style, app.cwd)
    click.echo(created.display)


@click.command("new", cls=GetoptsCommand, context_settings={"allow_interspersed_args": False})
@click.option(
    "-s",
    "supersedes",
    multiple=True,
    metavar="SUPERSEDED",
    type=RecordReference(),
    help="Number or part of the file name of a record the new one supersedes (repeatable).",
)
@click.option(
    "-l",
    "links",
    multiple=True,
    metavar="TARGET:LINK:REVERSE-LINK",
    help='Link the new record to TARGET, e.g. -l "5:Amends:Amended by" (repeatable).',
)
@click.option("--style", type=STYLE, help="Record style (default: the log's).")
@click.option("--status", help="Initial status (default: Proposed; Accepted for nygard, as adr-tools).")
@click.option("--draft", is_flag=True, help="Create an unnumbered draft (XXXX-title.md) numbered on acceptance.")
@click.option("--deciders", default="", help="Comma-separated decision makers.")
@click.option("--tags", default="", help="Comma-separated tags.")
@click.argument("title", nargs=-1)
@pass_app
def new_command(
    app: AppContext,
    supersedes: tuple[str, ...],
    links: tuple[str, ...],
    style: str | None,
    status: str | None,
    draft: bool,
    deciders: str,
    tags: str,
    title: tuple[str, ...],
) -> None:
    """Create a new numbered record titled TITLE and open it in $VISUAL or $EDITOR.

    As in adr-tools, -s marks older records as superseded by the new one and -l links it to
    others; every file involved changes together or not at all.
    """
    from ..ops.authoring import create_record, open_in_editor

    text = " ".join(title)
    if not text:
        raise CompatError("ERROR: no title given", exit_code=1, stream="stdout")
    if supersedes or links:
        if draft:
            raise UsageError("a draft has no number yet: link it (-s, -l) once it is proposed")
        display = _new_linked(app, text, supersedes, links, style, status, deciders, tags)
    else:
        display = create_record(
            app.log, text, style=style, status=status, draft=draft, deciders=deciders, tags=tags
        ).display
    code = open_in_editor(display)
    if code:  # adr-tools stops (set -e) when the editor fails: no file name is printed
        raise click.exceptions.Exit(code)
    click.echo(display)


def _new_linked(
    app: AppContext,
    title: str,
    supersedes: tuple[str, ...],
    links: tuple[str, ...],
    style: str | None,
    status: str | None,
    deciders: str,
    tags: str,
) -> str:
    from ..ops.authoring import load_template
    from ..ops.lifecycle import create_linked

    parsed = [_link_spec(spec) for spec in links]
    template = load_template(app.log.config, style)
    path = create_linked(
        app.log, title, template, list(supersedes), parsed, status=status, deciders=deciders, tags=tags
    )
    return f"{app.log.config.dir_display}/{path.name}"


def _link_spec(spec: str) -> tuple[str, str, str]:
    """ "TARGET:LINK:REVERSE-LINK", split as adr-tools' `cut -d : -f N` does."""
    parts = spec.split(":")
    if len(parts) < 3 or not all(part.strip() for part in parts[:3]):
        raise UsageError(f"-l expects TARGET:LINK:REVERSE-LINK, got '{spec}'")
    return parts[0], parts[1], parts[2]


@click.command("list")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["paths", "table", "json"]),
    default="paths",
    show_default=True,
    help="paths: one file per line, as adr-tools prints them.",
)
@status_option()
@click.option("--tag", "tags", multiple=True, help="Only records with this tag.")
@click.option("--style", "styles", multiple=True, type=STYLE, help="Only records of this style.")
@click.option("--at", "revision", metavar="REF", help="The log as it stood at a git revision (no checkout).")
@pass_app
def list_command(
    app: AppContext,
    fmt: str,
    statuses: tuple[str, ...],
    tags: tuple[str, ...],
    styles: tuple[str, ...],
    revision: str | None,
) -> None:
    """List the records of the log."""
    log = app.log
    filtering = bool(statuses or tags or styles)
    if revision is None and not app.all_logs:
        if not log.root.is_dir():
            raise CompatError(f"The {log.config.dir_display} directory does not exist", exit_code=1, stream="stdout")
        if fmt == "paths" and not filtering:
            prefix = log.config.dir_display
            names = adr_tools_listing(log.relative_files())  # no parsing: as fast as find | sort
            if names:
                click.echo(one_per_line([f"{prefix}/{name}" for name in names]))
            return
    logs = app.workspace.logs if app.all_logs else [log]
    if revision is None and fmt == "paths" and not filtering:  # --all: each log as `adr list` prints it
        for current in logs:
            prefix = current.config.dir_display
            names = adr_tools_listing(current.relative_files())
            if names:
                click.echo(one_per_line([f"{prefix}/{name}" for name in names]))
        return
    everything = _records_of(app, revision)
    records = filter_records(everything, statuses, tags, styles)
    folder = _folders(app)
    if fmt == "paths":
        for path in dict.fromkeys(f"{folder[r.package]}/{r.path}" for r in records):
            click.echo(one_line(path))
    elif fmt == "json":
        import json

        click.echo(json.dumps([_summary(r) for r in records], indent=2, ensure_ascii=False))
    else:
        click.echo(printable(render_table(records)))
    from ._report import report_unread

    if report_unread(everything, folder):
        exit_with(2)  # the rest was listed, but the log holds files that could not be read


def _folders(app: AppContext) -> dict[str, str]:
    """Each log's folder as the user names it, by package (one log: the empty package)."""
    logs = app.workspace.logs if app.all_logs else [app.log]
    return {log.package: log.config.dir_display for log in logs}


def adr_tools_listing(names: list[str]) -> list[str]:
    """What `adr list` prints: like adr-tools, the numbered files at the top of the folder.

    A log without numbered files (log4brains names files by date) lists every record file.
    """
    numbered = [name for name in names if "/" not in name and _NUMBERED_NAME.match(name)]
    return numbered or names


def _records_of(app: AppContext, revision: str | None) -> list[Record]:
    """The records to list: the log's (or every log's with --all), now or at a git revision."""
    if revision is None:
        return app.records
    from ..history.snapshot import records_at

    logs = app.workspace.logs if app.all_logs else [app.log]
    return [record for log in logs for record in records_at(log, revision)]


def filter_records(
    records: Iterable[Record], statuses: Iterable[str] = (), tags: Iterable[str] = (), styles: Iterable[str] = ()
) -> list[Record]:
    statuses, styles = set(statuses), set(styles)
    wanted_tags = {t.lower() for t in tags}
    return [
        r
        for r in records
        if (not statuses or r.status in statuses)
        and (not styles or r.style in styles)
        and (not wanted_tags or wanted_tags & {t.lower() for t in r.tags})
    ]


def _summary(record: Record) -> dict[str, object]:
    return {
        "id": record.id,
        "number": record.number,
        "title": record.title,
        "status": record.status,
        "date": record.date,
        "path": record.path,
        "style": record.style,
        "tags": list(record.tags),
    }


def render_table(records: list[Record]) -> str:
    rows = [("#", "Title", "Status", "Date", "Style")]
    from ..render.text import display_id

    rows += [(display_id(record), record.title, record.status, record.date or "", record.style) for record in records]
    widths = [min(max(len(row[i]) for row in rows), 60) for i in range(5)]
    lines = []
    for row in rows:
        cells = [cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…" for i, cell in enumerate(row)]
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip())
    return "\n".join(lines)


@click.command("show")
@click.argument("reference", type=RecordReference())
@click.option("--json", "as_json", is_flag=True, help="Print the record as one JSON object (export contract).")
@pass_app
def show_command(app: AppContext, reference: str, as_json: bool) -> None:
    """Show one record, by number or by (part of) its file name."""
    folder, record = _resolve(app, reference)
    from ._report import unread_problem

    unread = unread_problem(record)
    if unread is not None:  # nothing to show: say why the file was not read
        raise ParseError(unread.message, path=f"{folder}/{record.path}")
    if as_json:
        import json

        from ..render.export import record_to_json

        click.echo(json.dumps(record_to_json(record), indent=2, ensure_ascii=False))
        return
    from ..render.text import describe

    click.echo(printable(describe(record)))


def _resolve(app: AppContext, reference: str) -> tuple[str, Record]:
    """The record a reference names, and the folder its path is relative to (as the user names it)."""
    candidate = Path(reference)
    if reference.endswith((".md", ".markdown", ".txt")) and candidate.is_file():
        from ..parse import parse_file

        root = app.log.root if candidate.resolve().is_relative_to(app.log.root) else None
        records = parse_file(candidate.resolve(), root)
        folder = app.log.config.dir_display if root else "."
        return folder, records[-1] if len(records) > 1 and not records[0].number else records[0]
    log, record = app.locate(reference)
    return log.config.dir_display, record


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@status_option()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@pass_app
def export_command(app: AppContext, fmt: str, statuses: tuple[str, ...], output: str | None) -> None:
    """Print every record as JSON (one array), JSON Lines or CSV."""
    from ..render import export

    everything = app.records
    records = filter_records(everything, statuses)
    if fmt == "json" and not output:
        _echo_pieces(export.iter_json(records))  # never the whole text at once: 100,000 records
    else:
        text = {"json": export.to_json, "jsonl": export.to_jsonl, "csv": export.to_csv}[fmt](records)
        if output:
            from ..base.textio import atomic_write

            atomic_write(Path(output), text if text.endswith("\n") else text + "\n")
        else:
            click.echo(text.rstrip("\n"))
    from ._report import report_unread

    if report_unread(everything, _folders(app)):
        exit_with(2)  # every other record was exported


def _echo_pieces(pieces: Iterable[str], size: int = 1 << 20) -> None:
    """Echo text given in pieces, in writes of about `size` characters, then a newline."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            click.echo("".join(buffer), nl=False)
            buffer, length = [], 0
    click.echo("".join(buffer))


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of `adr export --format json`."""
    from ..render.export import schema_text

    click.echo(schema_text().rstrip("\n"))


@click.command("help")
@click.argument("command", nargs=-1)
@click.pass_context
def help_command(ctx: click.Context, command: tuple[str, ...]) -> None:
    """Show help for adr, for one COMMAND, or for a sub-command (adr help generate toc)."""
    context = ctx.find_root()
    for name in command:
        group = context.command
        target = group.get_command(context, name) if isinstance(group, click.Group) else None
        if target is None:
            raise UsageError(f"no such command: {' '.join(command)}")
        context = click.Context(target, info_name=name, parent=context)
    click.echo(context.command.get_help(context))
