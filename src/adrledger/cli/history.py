"""History commands: `adr log` (a record's life in git)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import click

from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)
FORMAT = click.Choice(["text", "json"])


@click.command("log")
@click.argument("reference", required=False)
@click.option("--format", "fmt", type=FORMAT, default="text", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(min=1), help="With no record: only the latest N changes.")
@pass_app
def log_command(app: AppContext, reference: str | None, fmt: str, limit: int | None) -> None:
    """Show a record's history from git: created, status changes, edits after acceptance, renames.

    Without REFERENCE, every change to every record of the log, newest first.
    """
    from ..history import load_history

    if reference is None:
        _log_wide(app, fmt, limit)
        return
    from ..render.history import describe_history, history_to_json

    log, record = app.locate(reference)
    history = load_history(log)
    found = history.for_path(record.path)
    if fmt == "json":
        data = history_to_json(record, found, history.available, history.reason)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(describe_history(record, found, history.available, history.reason))


def _log_wide(app: AppContext, fmt: str, limit: int | None) -> None:
    from ..history import load_history
    from ..render.history import change_to_json

    rows = []
    for log in app.workspace.logs if app.all_logs else [app.log]:
        history = load_history(log)
        ids = {record.path: record.id for record in log.records}
        for file in [*history.files.values(), *history.removed.values()]:
            rid = ids.get(file.path) or _removed_id(file.path, log.package)
            rows += [(change, rid) for change in file.changes]
    rows.sort(key=lambda row: (_instant(row[0].date), row[0].sha), reverse=True)
    rows = rows[:limit] if limit else rows
    if fmt == "json":
        click.echo(
            json.dumps(
                [{"id": rid, **change_to_json(change)} for change, rid in rows],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for change, rid in rows:
        status = change.status or "-"
        click.echo(
            f"{change.day}  {change.short_sha:<7}  {rid:<10} {change.kind:<8} {status:<11} "
            f"{change.author or '(you)'}  {change.message}"
        )


def _instant(iso: str) -> datetime:
    """Dates of different offsets compared as instants."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _removed_id(path: str, package: str) -> str:
    """The id a record no longer on disk had: its file name's number, else its path."""
    from ..parse.refs import number_from_filename

    number, _ = number_from_filename(path)
    base = f"{number:04d}" if number is not None else path
    return f"{package}/{base}" if package else base
