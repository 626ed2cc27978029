"""ADR2xx: status, date and title, as the record states them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...edit import Edit
from ...model import Record
from ...names import STATUSES
from ..context import LogContext, RecordContext, unread
from ..diagnostics import Finding, Fix
from ..edits import insert_metadata
from ..registry import check, rule

rule(
    "ADR201",
    "missing-status",
    "The record states no status",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record with no status at all: no `Status` line, section or front matter key. A log of
five records or more in which fewer than three quarters of the records state a status has chosen
not to keep statuses in its records; its records are not reported one by one.

## Why it matters
The status says whether the decision is in force. Without it a reader cannot tell a proposal
from a rule the team follows, and indexes and reports leave the record out of every filter.

## Example
```markdown
# 7. Use gRPC between services

Date: 2024-03-02

## Context
```

## How to fix
Add the status the record is in (Proposed, Accepted, Rejected, Deprecated, or Superseded by
ADR-NNNN) where the record's style keeps it, or run `adr accept N` / `adr propose N`.

## Fix safety
There is no automatic fix: only the team knows the decision's state.
""",
)

rule(
    "ADR202",
    "unknown-status",
    "The status is not one adrledger recognises",
    severity="warning",
    explanation=f"""
## What it does
Reports a status that is none of {", ".join(s for s in STATUSES if s != "other")}, nor a common
synonym of one (Approved, Implemented, Pending, Draft, Declined, Obsolete, Replaced by ... are all
understood).

## Why it matters
An unknown status cannot be filtered, counted or shown in the right column; it often hides a
typing mistake or a sentence where one word was expected.

## Example
```markdown
**Status:** Looks good to me
```

## How to fix
Use one of the lifecycle statuses. Keep remarks on a separate line or in the review log.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR204",
    "invalid-date",
    "The date cannot be read as a calendar date",
    severity="warning",
    explanation="""
## What it does
Reports a date line whose value is not a date adrledger can read (ISO `2024-01-20`,
`20/01/2024`, `Jan 20, 2024`, `20 January 2024`, `01.06.2020` and many more are read), or names a
day that does not exist (`2024-02-30`).

## Why it matters
The date orders the log and dates the decision; an unreadable one drops the record from
timelines and makes "proposed for how long" impossible to answer.

## Example
```markdown
**Date:** sometime in Q3
```

## How to fix
Write the date the decision was made, preferably as `YYYY-MM-DD`.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR205",
    "ambiguous-date",
    "The date could be read day-first or month-first",
    severity="warning",
    explanation="""
## What it does
Reports a date such as `05/02/2018` that is the 5th of February in one country and the 2nd of May
in another, when the log's other dates do not settle which order its authors use (and
`date-order` is not configured).

## Why it matters
A record dated three months off sorts in the wrong place and looks stale or fresh when it is not.

## Example
```markdown
Date: 05/02/2018
```

## How to fix
Write the date as `YYYY-MM-DD`, or set `date-order = "dmy"` (or `"mdy"`) in the configuration.

## Fix safety
There is no automatic fix: guessing the order is exactly the mistake this rule prevents.
""",
)

rule(
    "ADR206",
    "missing-title",
    "The record has no title",
    severity="warning",
    explanation="""
## What it does
Reports a record with no title heading (and no `title` in its front matter).

## Why it matters
The title is how records are listed, linked and searched; a record without one shows up as its
file name at best.

## Example
```markdown
Date: 2024-01-20

## Status
Accepted
```

## How to fix
Add a first-level heading naming the decision, e.g. `# 12. Use PostgreSQL for orders`.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR209",
    "heading-number-mismatch",
    "The number in the title differs from the file name's",
    severity="warning",
    fixable="unsafe",
    explanation="""
## What it does
Reports a record whose title heading carries a number (`# ADR-012: ...`, `# 12. ...`) different
from the number its file name starts with.

## Why it matters
This is the mark of a copied record whose heading was not updated, or of a renumbering after a
merge that missed the heading: readers and links then disagree on which decision is which.

## Example
`0013-use-kafka.md`:
```markdown
# 12. Use Kafka for events
```

## How to fix
Make the heading's number the file name's number (or rename the file if the heading is right).

## Fix safety
The fix rewrites the heading's number to the file name's. It is unsafe: sometimes the heading is
right and the file name is wrong, and only a person can tell.
""",
)

rule(
    "ADR210",
    "date-from-change-log",
    "The record has no date line; its date comes from the change log",
    severity="info",
    default=False,
    explanation="""
## What it does
Reports a record with no date of its own whose date adrledger took from the first dated row of
its review or change log.

## Why it matters
The first change-log entry is usually the decision date, but not always; a date line says so
without doubt and is what other tools read.

## Example
```markdown
## Review and Updates

| Date       | Change          | Author   |
| ---------- | --------------- | -------- |
| 2024-01-20 | Initial version | Jane Doe |
```

## How to fix
Add a `Date:` line (or a `date` front matter key) with the decision date.

## Fix safety
There is no automatic fix.
""",
)

_PROBLEM_RULES = {"date-invalid": "ADR204", "date-ambiguous": "ADR205", "date-from-log": "ADR210"}


@check("ADR201", scope="log")
def missing_statuses(ctx: LogContext) -> Iterator[Finding]:
    """Report records that state no status, in a log whose records usually do."""
    if not ctx.usually(lambda record: record.status_raw is not None):
        return
    for record in ctx.records:
        if record.status_raw is None and not unread(record):
            yield Finding("ADR201", record, record.title_line or record.start_line, "the record states no status")


@check("ADR202", "ADR204", "ADR205", "ADR206", "ADR210")
def status_date_title(ctx: RecordContext) -> Iterator[Finding]:
    """Report unreadable status and date, and a missing title."""
    record = ctx.record
    problem_codes = {p.code for p in record.problems}
    if unread(record):
        return  # nothing could be read: ADR0xx says why
    where = record.title_line or record.start_line
    if record.status_raw is not None and record.status == "other" and "placeholder-status" not in problem_codes:
        known = ", ".join(s for s in STATUSES if s != "other")
        yield Finding(
            "ADR202", record, record.status_line or where, f"status '{record.status_raw}' is not one of {known}"
        )
    for problem in record.problems:
        code = _PROBLEM_RULES.get(problem.code)
        if code:
            yield Finding(code, record, problem.line or where, problem.message)
    if not record.title.strip():
        yield Finding("ADR206", record, where, "the record has no title")


@check("ADR209")
def heading_number(ctx: RecordContext) -> Iterator[Finding]:
    """Report a title number that differs from the file name's number."""
    record = ctx.record
    in_file, in_heading = record.number_in_filename, record.number_in_heading
    if in_file is None or in_heading is None or in_file == in_heading or ctx.in_bundle:
        return
    fix = _renumber_heading(ctx, in_heading, in_file)
    yield Finding(
        "ADR209",
        record,
        record.title_line or 1,
        f"the title says {in_heading} but the file name says {in_file}",
        fix=fix,
    )


def _renumber_heading(ctx: RecordContext, old: int, new: int) -> Fix | None:
    line = ctx.record.title_line
    text = ctx.source.line(line)
    match = re.search(rf"(?<!\d)0*{old}(?!\d)", text)
    if not line or match is None:
        return None
    digits = str(new).zfill(len(match.group(0)))
    edit = Edit(ctx.source.path, line, text, text[: match.start()] + digits + text[match.end() :])
    return Fix(f"renumber the title to {new}", "unsafe", (edit,))


rule(
    "ADR203",
    "missing-date",
    "The record states no date",
    severity="warning",
    fixable="safe",
    default=False,
    explanation="""
## What it does
Reports a record with no date line, no `date` front matter key, no dated change-log entry and
no date in its file name. A log of five records or more in which fewer than three quarters of the
records state a date has chosen to leave dates to its history; its records are not reported one
by one.

## Why it matters
Without a date a reader cannot place the decision in time (what was known then, what came
after), and stale proposals cannot be found.

## Example
```markdown
# 9. Adopt OpenTelemetry

## Status
Proposed
```

## How to fix
Add the date the decision was made. In a git repository `adr lint --fix` adds the date of the
commit that created the file, in the record's own metadata style (front matter key, bold line,
plain `Date:` line).

## Fix safety
Safe: the date comes from the record's own history and nothing else in the record changes. The
fix is offered only when git history is available.
""",
)


@check("ADR203", scope="log")
def missing_dates(ctx: LogContext) -> Iterator[Finding]:
    """Report records without any date, in a log whose records usually have one; offer the date from git."""
    if not ctx.usually(lambda record: bool(record.date or record.date_raw)):
        return
    for record in ctx.records:
        if (
            record.date
            or record.date_raw
            or unread(record)
            or any(p.code.startswith(("placeholder-", "date-")) for p in record.problems)
        ):
            continue
        fix = _date_from_git(ctx, record)
        yield Finding("ADR203", record, record.title_line or record.start_line, "the record states no date", fix=fix)


def _date_from_git(ctx: LogContext, record: Record) -> Fix | None:
    history = ctx.history()
    if history is None or record.path in ctx.bundles:
        return None
    created = getattr(history.for_path(record.path), "created", None)
    if created is None:
        return None
    iso = created.date[:10]
    edit = insert_metadata(ctx.sources.get(record.path), record, "date", iso)
    return Fix(f"add the date the file was created in git ({iso})", "safe", (edit,)) if edit else None
