"""`adr report NAME`: risk register, stale proposals, checklist progress, matrices, summary."""

from __future__ import annotations

from typing import Any

import click

from ..model import STATUSES
from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)
REPORT_NAMES = ("risks", "stale", "checklists", "matrix", "summary")


@click.command("report")
@click.argument("name", type=click.Choice(REPORT_NAMES))
@click.argument("reference", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@click.option("--days", type=click.IntRange(min=0), help="stale: age limit in days (default: config stale-days).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only records with these statuses.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@pass_app
def report_command(app: AppContext, name: str, reference: str | None, fmt: str, days: int | None,
                   statuses: tuple[str, ...], output: str | None) -> None:
    """Print the report NAME over the log (matrix takes the record: adr report matrix 3)."""
    from ..authoring import today
    from ..reports import ReportOptions, build_report
    from ..reports.render import render

    log = app.log
    records = [r for r in log.records if not statuses or r.status in statuses]
    options = ReportOptions(today=today(), days=days if days is not None else log.config.stale_days,
                            reference=reference, created=_creation_dates(log) if name == "stale" else _none)
    text = render(build_report(name, records, options), fmt)
    if output:
        from pathlib import Path

        from ..textio import atomic_write

        atomic_write(Path(output), text)
    else:
        click.echo(text, nl=False)


def _none(record: Any) -> None:
    return None


def _creation_dates(log: Any) -> Any:
    """record -> ISO date of its first commit, when the git history is available."""
    try:
        from ..history import load_history  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _none
    history = load_history(log)
    if not history.available:
        return _none

    def created(record: Any) -> str | None:
        found = history.for_path(record.path)
        return found.created.date if found is not None and found.created is not None else None

    return created
