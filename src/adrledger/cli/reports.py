"""`adr report NAME`: risk register, stale proposals, checklist progress, matrices, summary."""

from __future__ import annotations

from typing import Any

import click

from ._app import AppContext
from ._params import status_option

pass_app = click.make_pass_decorator(AppContext)
REPORT_NAMES = ("risks", "stale", "checklists", "matrix", "summary", "edits")


@click.command("report")
@click.argument("name", type=click.Choice(REPORT_NAMES), required=False, metavar="NAME")
@click.argument("reference", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--days", type=click.IntRange(min=0), help="stale: age limit in days (default: config stale-days).")
@status_option()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@pass_app
def report_command(
    app: AppContext,
    name: str | None,
    reference: str | None,
    fmt: str,
    days: int | None,
    statuses: tuple[str, ...],
    output: str | None,
) -> None:
    """Print the report NAME over the log, or every log with --all (matrix takes a record: adr report matrix 3).

    NAME is one of: risks, stale, checklists, matrix, summary.
    """
    if name is None:
        from ..errors import UsageError

        raise UsageError(f"name a report: {', '.join(REPORT_NAMES)} (for example: adr report summary)")
    from ..ops.authoring import today
    from ..reports import ReportOptions, build_report
    from ..reports.render import render

    records = [r for r in app.records if not statuses or r.status in statuses]
    days = days if days is not None else app.config.stale_days
    options = ReportOptions(
        today=today(),
        days=days,
        reference=reference,
        created=_creation_dates(app) if name == "stale" else _none,
        edits=_counted_edits(app) if name == "edits" else _no_edits,
    )
    text = render(build_report(name, records, options), fmt)
    if output:
        from pathlib import Path

        from ..base.textio import atomic_write

        atomic_write(Path(output), text)
    else:
        click.echo(text, nl=False)


def _none(record: Any) -> None:
    return None


def _no_edits(record: Any) -> tuple[None, tuple[()]]:
    return None, ()


def _counted_edits(app: AppContext) -> Any:
    """record -> (acceptance, edits of its prose that ADR501 would count), over the whole history."""
    from ..history import load_history
    from ..history.review import counted_edits

    histories: dict[str, Any] = {}

    def edits(record: Any) -> tuple[Any, list[Any]]:
        log = app.workspace.log_of(record) if app.all_logs else app.log
        if log.package not in histories:
            histories[log.package] = (log, load_history(log))
        log, history = histories[log.package]
        found = history.for_path(record.path) if history.available else None
        if found is None:
            return None, []
        return found.accepted, counted_edits(history, found, log.config)

    return edits


def _creation_dates(app: AppContext) -> Any:
    """record -> ISO date of the commit that created it, when the log's git history is available."""
    from ..history import load_history

    histories: dict[str, Any] = {}

    def created(record: Any) -> str | None:
        log = app.workspace.log_of(record) if app.all_logs else app.log
        if log.package not in histories:
            histories[log.package] = load_history(log)
        history = histories[log.package]
        found = history.for_path(record.path) if history.available else None
        created = found.created if found is not None else None
        # A file not committed yet has a pseudo-change without a commit: its own date says more.
        return created.date if created is not None and created.sha else None

    return created
