"""ADR211: dates that cannot be true, read against today and against the commits that wrote them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ...model import Record
from ..context import LogContext
from ..diagnostics import Finding
from ..registry import check, rule

rule(
    "ADR211",
    "impossible-date",
    "The record's date cannot be true",
    severity="warning",
    explanation="""
## What it does
Reports a record whose date cannot be the day it was written or decided:

* a date after today (today honours `ADR_DATE` and `SOURCE_DATE_EPOCH`);
* with git history, a date more than `date-margin-days` (30) after the commit that wrote it;
* with git history, a date written after the log's first records that is a year or more before
  the commit that wrote it on nearly the same day (a typo in the year), or years before the log's
  first commit (a mistyped or copied date).

The finding names both dates. A date changed in the working tree is checked against today only.

## Why it matters
The date orders the log and dates the decision; a typo in the year puts a record among the
wrong decisions, makes a new proposal look stale or an old one fresh, and sends readers looking
for context that belongs to another year.

## Example
`Date: 2025-03-04` in a record whose file was committed on 2024-03-04.

## How to fix
Correct the date (usually the year) to the day the decision was made.

## Fix safety
There is no automatic fix: the commit date says the year is wrong, not what the right date is.
""",
)

_YEAR = 365


@check("ADR211", scope="log")
def impossible_dates(ctx: LogContext) -> Iterator[Finding]:
    """Report dates after today, far after their commit, or years before the log began."""
    today = date.fromisoformat(ctx.today)
    history = ctx.history()
    for record in ctx.records:
        stated = _stated(record)
        if stated is None:
            continue
        line = record.date_line or record.title_line or record.start_line
        if stated > today:
            yield Finding("ADR211", record, line, f"dated {stated}, after today ({today})")
            continue
        written = _written(history, record)
        if written is None:
            continue
        message = _against_commit(ctx, history, record, stated, written)
        if message:
            yield Finding("ADR211", record, line, message)


def _stated(record: Record) -> date | None:
    if not record.date or record.date_candidates:
        return None  # no date, or a day and month that could be swapped (ADR205)
    try:
        return date.fromisoformat(record.date[:10])
    except ValueError:
        return None


def _written(history: Any, record: Record) -> Any:
    """The commit that wrote the date as the record states it now (None when the working tree changed it)."""
    file = history.for_path(record.path) if history is not None else None
    written = getattr(file, "date_written", None)
    if written is None or not written.sha or written.text not in (record.date, record.date_raw):
        return None
    return written


def _against_commit(ctx: LogContext, history: Any, record: Record, stated: date, written: Any) -> str:
    committed = _day(written.date)
    if committed is None:
        return ""
    margin = timedelta(days=ctx.config.date_margin_days)
    if stated > committed + margin:
        return (
            f"dated {stated}, {(stated - committed).days} days after the commit that wrote the date "
            f"({written.sha[:7]}, {committed}); date-margin-days is {margin.days}"
        )
    if not _written_alone(ctx, history, record, written, margin):
        return ""
    began = _day(history.first_commit)
    if stated <= committed - timedelta(days=300) and abs(_in_year(stated, committed.year) - committed) <= margin:
        return (
            f"dated {stated}, {committed.year - stated.year} year(s) before the commit that wrote it "
            f"({written.sha[:7]}, {committed}) on nearly the same day: a typo in the year?"
        )
    if began is not None and stated <= began - timedelta(days=_YEAR):
        return (
            f"dated {stated}, years before the log's first commit ({began}), though the date was written "
            f"in {written.sha[:7]} ({committed}): a mistyped or copied date?"
        )
    return ""


def _written_alone(ctx: LogContext, history: Any, record: Record, written: Any, margin: timedelta) -> bool:
    """Whether an old date was typed for this record long after the log began, not carried over or backfilled.

    Dates written with the log's first records, by a sweep over the log (front matter added to every
    record), or close to the file's creation are the decision's own, however old.
    """
    # lazy: keeps subprocess off this module's import
    from ...history.review import is_sweep

    began, wrote = _day(history.first_commit), _day(written.date)
    if history.shallow or began is None or wrote is None:
        return False
    if wrote <= began + margin or is_sweep(history, written.sha, ctx.config):
        return False
    file = history.for_path(record.path)
    created = _day(file.created.date) if file is not None and file.created is not None else None
    stated = _stated(record)
    return (
        created is None or wrote - created <= margin or (stated is not None and stated <= created - timedelta(days=300))
    )


def _in_year(day: date, year: int) -> date:
    """The same month and day in another year (28 February for 29 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
