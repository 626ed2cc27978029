"""ADR3xx: record numbers are unique and sequential. (ADR303, reuse seen in git, lives in history.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ...model import Record
from ..context import LogContext
from ..diagnostics import Finding
from ..registry import check, rule

rule(
    "ADR301",
    "duplicate-number",
    "Two records have the same number",
    severity="error",
    explanation="""
## What it does
Reports each number that more than one record of the log has: one finding per number, at the
first of its files, naming every file that shares it.

## Why it matters
Numbers are how records are cited ("see ADR-12"). Two records with one number make every such
citation ambiguous; it usually happens when two branches each add "the next" record and are
merged.

## Example
`0012-use-kafka.md` and `0012-adopt-graphql.md` in the same folder.

A log whose records carry an identity of their own (most of them a distinct front matter `id`,
such as the file's slug) tells its records apart by it: its numbers only order them, and a
shared number is not reported.

## How to fix
Give the later record the next free number (`adr renumber`): it renames the file, updates its
heading and the references to it that were meant for it. A log that decided to keep its shared
numbers can say so with `ignore = ["ADR301"]`, or give each record an `id`.

## Fix safety
There is no automatic fix: which of the two keeps the number, and which citations meant which
record, needs a person.
""",
)

rule(
    "ADR302",
    "number-gap",
    "Record numbers skip one or more numbers",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports the gaps in the log's numbering, all in one finding (at the record after the first gap):
a record numbered 7 after 5 with no 6. When the log is in a git repository, numbers that once
belonged to a record that has since been deleted are not gaps (numbers are never reused, so a
deleted record leaves a hole on purpose).

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
""",
)

GAPS_SHOWN = 12  # a log with more gaps than this lists the first ones and counts the rest


SHOWN = 20  # records named in a duplicate-number message


@check("ADR301", scope="log")
def duplicate_numbers(ctx: LogContext) -> Iterator[Finding]:
    """Report each number several records share, once, naming them all."""
    if identified_by_id(ctx.records):
        return  # the log names its records by an `id` of their own: a number only orders them
    for number, records in sorted(ctx.by_number.items()):
        if len(records) < 2:
            continue
        ordered = sorted(records, key=lambda r: (r.path, r.ordinal))
        # One finding per number, naming the records: at most SHOWN of them, the rest counted.
        others = ", ".join(_where(record) for record in ordered[:SHOWN])
        more = f" and {len(ordered) - SHOWN:,} more" if len(ordered) > SHOWN else ""
        yield Finding(
            "ADR301",
            ordered[0],
            ordered[0].title_line or ordered[0].start_line,
            f"number {number} is used by {len(records)} records: {others}{more}",
        )


def identified_by_id(records: list[Record]) -> bool:
    """True when most of the log's records carry an `id` of their own in front matter (not a bare number),
    and no two the same: the log's records are told apart by it, not by their numbers."""
    ids = [r.front_matter.get("id") for r in records]
    named = [i.strip() for i in ids if isinstance(i, str) and i.strip() and not i.strip().isdigit()]
    return len(named) * 2 > len(records) and len(set(named)) == len(named)


def _where(record: Record) -> str:
    return f"'{record.title}' ({record.path})" if record.title else record.path


@check("ADR302", scope="log")
def number_gaps(ctx: LogContext) -> Iterator[Finding]:
    """Report the numbers missing between records, once for the whole log."""
    numbers = sorted(ctx.by_number)
    gaps = [(previous, current) for previous, current in pairwise(numbers) if current - previous > 1]
    once_used = _numbers_in_history(ctx) if gaps else set()  # git is read only when there is a gap
    spans: list[tuple[str, int, int]] = []
    for previous, current in gaps:
        missing = [n for n in range(previous + 1, current) if n not in once_used]
        if missing:
            spans.append((str(missing[0]) if len(missing) == 1 else f"{missing[0]}-{missing[-1]}", previous, current))
    if not spans:
        return
    record = min(ctx.by_number[spans[0][2]], key=lambda r: (r.path, r.ordinal))
    shown = [f"{span} (between {previous} and {current})" for span, previous, current in spans[:GAPS_SHOWN]]
    more = f" and {len(spans) - GAPS_SHOWN} more gaps" if len(spans) > GAPS_SHOWN else ""
    noun = "number" if len(spans) == 1 and "-" not in spans[0][0] else "numbers"
    yield Finding(
        "ADR302",
        record,
        record.title_line or record.start_line,
        f"{noun} missing from the log's sequence: {', '.join(shown)}{more}",
    )


def _numbers_in_history(ctx: LogContext) -> set[int]:
    history = ctx.history()
    if history is None:
        return set()
    return set(history.numbers_used())
