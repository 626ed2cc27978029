"""adr-tools' own commands: link, generate toc, generate graph, upgrade-repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import CompatError
from ._app import AppContext
from ._compat import GetoptsCommand, command, required
from .completion import LinkArguments

pass_app = click.make_pass_decorator(AppContext)
REPORTS = ("graph", "toc")


@command("link")
@click.argument("arguments", nargs=-1, metavar="SOURCE LINK TARGET REVERSE-LINK", type=LinkArguments())
@pass_app
def link_command(app: AppContext, arguments: tuple[str, ...]) -> None:
    """Link SOURCE to TARGET: "LINK target" in SOURCE, "REVERSE-LINK source" in TARGET.

    SOURCE and TARGET are record numbers or parts of file names. E.g. `adr link 12 Amends 10 "Amended by"`.
    """
    from ..ops.lifecycle import link

    source, forward, target, reverse = required(arguments, ("SOURCE", "LINK", "TARGET", "REVERSE-LINK"), "link")
    link(app.log, source, forward, target, reverse)


class ReportGroup(click.Group):
    """`adr generate [REPORT]`: the reports are listed when none is named, as adr-tools does."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            raise CompatError(
                f"adr generate: {args[0]}: no such report (choose one of: {', '.join(REPORTS)})", exit_code=127
            )
        return super().resolve_command(ctx, args)


@click.group("generate", cls=ReportGroup, invoke_without_command=True)
@click.pass_context
def generate_command(ctx: click.Context) -> None:
    """Generate a report: toc (Markdown table of contents) or graph (Graphviz)."""
    if ctx.invoked_subcommand is None:
        click.echo("\n".join(REPORTS))


@generate_command.command("toc", cls=GetoptsCommand)
@click.option("-i", "intro", metavar="INTRO", help="Markdown file (or text) to put before the list.")
@click.option("-o", "outro", metavar="OUTRO", help="Markdown file (or text) to put after the list.")
@click.option("-p", "prefix", default="", metavar="LINK_PREFIX", help="Prefix of every link.")
@click.option(
    "--check",
    "written",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Print nothing but a diff: exit 1 when FILE is not what this command prints (0 when it is).",
)
@pass_app
def toc_command(app: AppContext, intro: str | None, outro: str | None, prefix: str, written: str | None) -> None:
    """Print a Markdown table of contents of the log."""
    from ..ops.adrtools import toc

    _require_folder(app)
    data = toc(app.log, _text_or_file(intro), _text_or_file(outro), prefix)
    if written is None:
        _write(data)
        return
    given = (("-i", intro), ("-o", outro), ("-p", prefix))
    _check_toc(app, data, written, [item for flag, value in given if value for item in (flag, value)])


def _check_toc(app: AppContext, data: bytes, written: str, options: list[str]) -> None:
    import shlex

    from ..render.written_index import read_written, text_diff
    from .publish import report_check

    current = read_written(Path(app.cwd, written)) or b""
    command = shlex.join(["adr", "generate", "toc", *options]) + f" > {shlex.quote(written)}"
    diff = text_diff(current.decode("utf-8", "replace"), data.decode("utf-8", "replace"), written)
    report_check(current == data, diff, written, command)


@generate_command.command("graph", cls=GetoptsCommand)
@click.option("-p", "prefix", default="", metavar="LINK_PREFIX", help="Prefix of every link.")
@click.option(
    "-e",
    "extension",
    default=".html",
    metavar="LINK-EXTENSION",
    help="Extension of the linked documents (default .html).",
)
@pass_app
def graph_command(app: AppContext, prefix: str, extension: str) -> None:
    """Print the links between records as a Graphviz digraph (adr generate graph | dot -Tsvg > graph.svg)."""
    from ..ops.adrtools import graph

    _require_folder(app)
    _write(graph(app.log, prefix, extension))


@command("upgrade-repository")
@pass_app
def upgrade_command(app: AppContext) -> None:
    """Upgrade the records to the latest format (dates DD/MM/YYYY become YYYY-MM-DD)."""
    from ..ops.adrtools import upgrade_repository

    _require_folder(app)
    upgrade_repository(app.log)


def _require_folder(app: AppContext) -> None:
    if not app.log.root.is_dir():
        raise CompatError(f"The {app.log.config.dir_display} directory does not exist", exit_code=1, stream="stdout")


def _text_or_file(value: str | None) -> bytes | None:
    """adr-tools prints the file INTRO names (when not empty); we also accept the text itself."""
    if not value:
        return None
    path = Path(value)
    if path.is_file():
        data = path.read_bytes()
        return data or None
    if path.exists() or _looks_like_path(value):
        return None  # a file name that is not a readable file: adr-tools prints nothing either
    return value.encode("utf-8") + b"\n"


def _looks_like_path(value: str) -> bool:
    return not any(c.isspace() for c in value) and ("/" in value or value.endswith((".md", ".markdown", ".txt")))


def _write(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
