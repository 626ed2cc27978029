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
        from ..lifecycle import transition

        _report(app, transition(app.log, name, reference).written)

    return run


propose_command = _transition_command(
    "propose", "Mark RECORD (a number or part of a file name) as proposed; a draft gets its number.")
accept_command = _transition_command(
    "accept", "Mark RECORD as accepted; a draft gets the next free number first.")
reject_command = _transition_command("reject", "Mark a proposed RECORD as rejected.")
deprecate_command = _transition_command("deprecate", "Mark an accepted RECORD as deprecated.")


@click.command("supersede")
@click.argument("old", type=RECORD)
@click.argument("new", type=RECORD)
@pass_app
def supersede_command(app: AppContext, old: str, new: str) -> None:
    """Record that NEW supersedes OLD: OLD becomes "Superseded by NEW" and both link to each other."""
    from ..lifecycle import supersede

    _report(app, supersede(app.log, old, new).written)


@click.command("amend")
@click.argument("reference", type=RECORD, metavar="RECORD")
@click.option("--note", "-n", required=True, help="What changed, for the record's review log.")
@click.option("--author", help="Who made the change (default: git user.name, else $USER).")
@pass_app
def amend_command(app: AppContext, reference: str, note: str, author: str | None) -> None:
    """Append a row to RECORD's review log ("Review and Updates") instead of rewriting its history.

    Allowed on accepted records only when the log's policy is "amend-with-log".
    """
    from ..authoring import today
    from ..lifecycle import amend

    _report(app, amend(app.log, reference, note, author if author is not None else _default_author(), today()).written)


@click.command("renumber")
@click.argument("reference", type=RECORD, metavar="RECORD")
@click.argument("number", type=click.IntRange(min=1))
@pass_app
def renumber_command(app: AppContext, reference: str, number: int) -> None:
    """Give RECORD the free NUMBER and rewrite every reference to it in the log (after a merge collision)."""
    from ..renumber import renumber

    _report(app, renumber(app.log, reference, number).written)


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
