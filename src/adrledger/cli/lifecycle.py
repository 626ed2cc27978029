"""Lifecycle commands: propose, accept, reject, deprecate, supersede, amend, renumber."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click

from ._app import AppContext
from .completion import RecordReference

pass_app = click.make_pass_decorator(AppContext)
RECORD = RecordReference()


def _transition_command(name: str, summary: str) -> click.Command:
    @click.command(name, help=summary)
    @click.argument("reference", type=RECORD, metavar="RECORD")
    @pass_app
    def run(app: AppContext, reference: str) -> None:
        from ..ops.lifecycle import transition

        written = transition(app.log, name, reference).written
        _report(app, written)
        if name == "accept" and written:
            _warn_lint_errors(app, written[-1])

    return run


propose_command = _transition_command(
    "propose", "Mark RECORD (a number or part of a file name) as proposed; a draft gets its number."
)
accept_command = _transition_command("accept", "Mark RECORD as accepted; a draft gets the next free number first.")
reject_command = _transition_command("reject", "Mark a proposed RECORD as rejected.")
deprecate_command = _transition_command("deprecate", "Mark an accepted RECORD as deprecated.")


@click.command("supersede")
@click.argument("old", type=RECORD)
@click.argument("new", type=RECORD)
@click.option("--accept", is_flag=True, help="Accept NEW too, when it is still proposed.")
@pass_app
def supersede_command(app: AppContext, old: str, new: str, accept: bool) -> None:
    """Record that NEW supersedes OLD: OLD becomes "Superseded by NEW" and both link to each other.

    NEW must be accepted (or accepted with it: --accept).
    """
    from ..ops.lifecycle import supersede

    _report(app, supersede(app.log, old, new, accept).written)


@click.command("amend")
@click.argument("reference", type=RECORD, metavar="RECORD")
@click.option("--note", "-n", required=True, help="What changed, for the record's review log.")
@click.option("--author", help="Who made the change (default: git user.name, else $USER).")
@pass_app
def amend_command(app: AppContext, reference: str, note: str, author: str | None) -> None:
    """Append a row to RECORD's review log ("Review and Updates") instead of rewriting its history.

    Allowed on accepted records only when the log's policy is "amend-with-log".
    """
    from ..ops.authoring import today
    from ..ops.lifecycle import amend

    _report(app, amend(app.log, reference, note, author if author is not None else _default_author(), today()).written)


@click.command("renumber")
@click.argument("reference", type=RECORD, metavar="RECORD")
@click.argument("number", type=click.IntRange(min=1))
@pass_app
def renumber_command(app: AppContext, reference: str, number: int) -> None:
    """Give RECORD the free NUMBER and rewrite every reference to it in the log (after a merge collision)."""
    from ..ops.renumber import renumber

    _report(app, renumber(app.log, reference, number).written)


def _warn_lint_errors(app: AppContext, path: Path) -> None:
    """An accepted record is history: say which lint errors it now carries (it stays accepted)."""
    from ..lint.formats import render
    from ..lint.runner import LintOptions, lint_targets
    from ..lint.targets import collect_targets

    app._log = None  # the record changed: read the log again
    options = LintOptions(cwd=app.cwd)
    errors = [
        d
        for d in lint_targets(collect_targets([str(path)], lambda: app.log, app.cwd), options)
        if d.severity == "error"
    ]
    if errors:
        shown = f"{app.log.config.dir_display}/{app.log.relative(path)}"
        noun = "error" if len(errors) == 1 else "errors"
        click.echo(f"{shown} is accepted with {len(errors)} lint {noun}:", err=True)
        click.echo(render(errors, "text", cwd=app.cwd), err=True, nl=False)


def _report(app: AppContext, written: list[Path]) -> None:
    for path in written:
        click.echo(f"{app.log.config.dir_display}/{app.log.relative(path)}")


def _default_author() -> str:
    try:
        found = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False)
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""
