"""`adr convert N --style S` and `adr import --from KIND SRC`: records written in another shape."""

from __future__ import annotations

import click

from ..base.termtext import plural
from ..styles import STYLE_NAMES
from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)
STYLE = click.Choice(STYLE_NAMES)


@click.command("convert")
@click.argument("reference")
@click.option("--style", type=STYLE, required=True, help="The style to write the record in.")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
@click.option("--force", is_flag=True, help="Write even if a model fact (status, alternatives...) would change.")
@pass_app
def convert_command(app: AppContext, reference: str, style: str, dry_run: bool, force: bool) -> None:
    """Rewrite record REFERENCE in another style; what has no place in it goes under Notes."""
    from ..ops.lifecycle import session
    from ..styles import get_style
    from ..writers.rewrite import rewrite_record

    log, record = app.locate(reference)
    if get_style(style).wrote(record):
        click.echo(f"{log.config.dir_display}/{record.path} is already written in the {style} style", err=True)
        return
    if dry_run:
        click.echo(
            rewrite_record(log, record, style, force=force).diff(f"{log.config.dir_display}/{record.path}"), nl=False
        )
        return
    with session(log, reason=f"convert {reference} to {style}") as change:  # read and replaced under the lock
        result = rewrite_record(log, record, style, force=force)
        change.transaction.add(result.edits(change.reason), result.data)
        change.commit()
    click.echo(f"{log.config.dir_display}/{record.path}")


@click.command("import")
@click.option(
    "--from",
    "kind",
    type=click.Choice(["adr-tools", "madr", "log4brains"]),
    required=True,
    help="The tool whose log SRC holds.",
)
@click.argument("source", metavar="SRC", type=click.Path(exists=True, file_okay=False))
@click.option("--into", "into", type=click.Path(file_okay=False), help="Log folder to import into (default: this log).")
@click.option("--style", type=STYLE, help="Write every record in this style (default: keep each as written).")
@click.option("--renumber", is_flag=True, help="Number every record after the target's last one.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--force", is_flag=True, help="Import even if a record would not read back the same.")
@pass_app
def import_command(
    app: AppContext,
    kind: str,
    source: str,
    into: str | None,
    style: str | None,
    renumber: bool,
    dry_run: bool,
    force: bool,
) -> None:
    """Import the adr-tools, MADR or log4brains log at SRC: dates, statuses, relations and links kept."""
    from pathlib import Path

    from ..config import load_config
    from ..importers import plan_from, write_plan
    from ..log import DecisionLog

    target = DecisionLog(load_config(into, app.cwd)) if into else app.log
    plan = plan_from(kind, app.cwd / source, target, style=style, renumber=renumber, force=force)
    display = target.config.dir_display
    for planned in plan.files:
        origin = Path(planned.source.path)
        shown = origin.relative_to(app.cwd) if origin.is_relative_to(app.cwd) else origin
        click.echo(f"{display}/{planned.relative(plan.target)} <- {shown}")
    if dry_run:
        click.echo(f"(dry run: {plural(len(plan.files), 'record')} would be imported)", err=True)
        return
    write_plan(plan)
    click.echo(f"{plural(len(plan.files), 'record')} imported into {display}", err=True)
