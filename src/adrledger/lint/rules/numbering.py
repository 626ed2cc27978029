"""ADR3xx: record numbers are unique and sequential. (ADR303, reuse seen in git, lives in history.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..context import LogContext
from ..diagnostics import Finding
from ..registry import check, rule

rule("ADR301", "duplicate-number", "Two records have the same number", severity="error", explanation="""
## What it does
Reports every record whose number another record of the same log also has.

## Why it matters
Numbers are how records are cited ("see ADR-12"). Two records with one number make every such
citation ambiguous; it usually happens when two branches each add "the next" record and are
merged.

## Example
`0012-use-kafka.md` and `0012-adopt-graphql.md` in the same folder.

## How to fix
Give the later record the next free number: rename its file, update its heading, and update the
references to it that were meant for it.

## Fix safety
There is no automatic fix: which of the two keeps the number, and which citations meant which
record, needs a person.
""")

rule("ADR302", "number-gap", "Record numbers skip one or more numbers", severity="warning", explanation="""
## What it does
Reports a gap in the log's numbering: a record numbered 7 after 5 with no 6. When the log is in a
git repository, numbers that once belonged to a record that has since been deleted are not gaps
(numbers are never reused, so a deleted record leaves a hole on purpose).

## Why it matters
An unexplained gap is a record that was lost (deleted instead of deprecated, never committed, or
renumbered away in a merge). Deleting a record erases the history the log exists to keep.

## Example
`0005-use-redis.md` followed by `0007-use-kafka.md`.

## How to fix
Restore the missing record, or if it was deleted on purpose, bring it back with status
Deprecated or Rejected so the number keeps its history.

## Fix safety
There is no automatic fix.
""")


SHOWN = 3  # records named in a duplicate-number message


@check("ADR301", scope="log")
def duplicate_numbers(ctx: LogContext) -> Iterator[Finding]:
    """Report records that share a number with another record."""
    for number, records in sorted(ctx.by_number.items()):
        if len(records) < 2:
            continue
        for record in records:
            # A few others by name, the rest counted: naming all would make n messages of n names each.
            others = [other for other in records[:SHOWN + 1] if other is not record][:SHOWN]
            named = ", ".join(_where(other) for other in others)
            more = len(records) - 1 - len(others)
            yield Finding("ADR301", record, record.title_line or record.start_line,
                          f"number {number} is also used by {named}" + (f" and {more:,} more" if more else ""))


def _where(record: object) -> str:
    path = getattr(record, "path", "")
    title = getattr(record, "title", "")
    return f"'{title}' ({path})" if title else path


@check("ADR302", scope="log")
def number_gaps(ctx: LogContext) -> Iterator[Finding]:
    """Report numbers missing between two records."""
    numbers = sorted(ctx.by_number)
    gaps = [(previous, current) for previous, current in pairwise(numbers) if current - previous > 1]
    once_used = _numbers_in_history(ctx) if gaps else set()  # git is read only when there is a gap
    for previous, current in gaps:
        missing = [n for n in range(previous + 1, current) if n not in once_used]
        if not missing:
            continue
        record = ctx.by_number[current][0]
        span = str(missing[0]) if len(missing) == 1 else f"{missing[0]}-{missing[-1]}"
        noun = "number" if len(missing) == 1 else "numbers"
        yield Finding("ADR302", record, record.title_line or record.start_line,
                      f"{noun} {span} missing between {previous} and {current}")


def _numbers_in_history(ctx: LogContext) -> set[int]:
    history = ctx.history()
    if history is None:
        return set()
    return set(history.numbers_used())
