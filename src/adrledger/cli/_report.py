"""Report, one line each on stderr, the files a reading command could not (fully) read."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ..base.termtext import one_line
from ..model import Problem, Record
from ..parse import UNREAD_CODES


def report_unread(records: Iterable[Record], folders: dict[str, str]) -> bool:
    """Print files not read as `Error:` and other errors in records as `Warning:`; True when a file was not read."""
    unread = False
    for record in records:
        for problem in record.problems:
            if problem.severity != "error":
                continue
            where = f"{folders.get(record.package, '.')}/{record.path}" + (f":{problem.line}" if problem.line else "")
            label = "Error" if problem.code in UNREAD_CODES else "Warning"
            unread = unread or problem.code in UNREAD_CODES
            click.echo(one_line(f"{label}: {where}: {problem.message}"), err=True)
    return unread


def unread_problem(record: Record) -> Problem | None:
    """Why the record's file was not read at all, or None when it was."""
    return next((p for p in record.problems if p.code in UNREAD_CODES), None)
