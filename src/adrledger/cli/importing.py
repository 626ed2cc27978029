"""`adr convert N --style S` and `adr import --from KIND SRC`: records written in another shape."""

from __future__ import annotations

import click

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
    from ..textio import atomic_write
    from ..writers.rewrite import rewrite_record

    log = app.log
    record = log.get(reference)
    if record.style == style:
        click.echo(f"{log.config.dir_display}/{record.path} is already written in the {style} style", err=True)
        return
    result = rewrite_record(log, record, style, force=force)
    if dry_run:
        click.echo(result.diff(f"{log.config.dir_display}/{record.path}"), nl=False)
        return
    atomic_write(result.path, result.encoded())
    click.echo(f"{log.config.dir_display}/{record.path}")
