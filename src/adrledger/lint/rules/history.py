"""ADR5xx (and ADR303): what the log's history says. Git is read through adrledger.history, in one pass.

When git history is not available (no repository, git missing, or the history module absent),
the git-based checks report nothing: they cannot tell, so they do not guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ...model import Record
from ..context import CONVENTION_MIN_RECORDS, LogContext
from ..diagnostics import Finding
from ..registry import check, rule
from ..titles import normalise, titles_match
from .content import UNDECIDED

rule(
    "ADR303",
    "number-reused",
    "A record number once belonged to a different decision",
    severity="error",
    default=False,
    explanation="""
## What it does
Reads the log's git history and reports a record whose number was used before by another record
(another file, with another title) that has since been deleted or renamed away. Renaming a record
and changing its title keep its number legitimately and are not reported, and neither is a number
left behind by `adr renumber` after a merge collision: that decision still lives in the log.

## Why it matters
Numbers are never reused, not even after a record is deleted: old commits, issues and chat
messages that cite "ADR-12" must keep pointing at the same decision.

## Example
`0012-use-kafka.md` was deleted in March; in June `0012-adopt-graphql.md` was created.

## How to fix
Give the new record the next number never used (`adr new` does this), and consider restoring the
deleted record with status Deprecated instead of deleting it.

## Fix safety
There is no automatic fix. Needs git history; without it the rule reports nothing.
""",
)

rule(
    "ADR501",
    "accepted-record-edited",
    "The change under review rewrites an accepted record",
    severity="warning",
    explanation="""
## What it does
Reads the log's git history and reports an accepted record whose decision the change under review
rewrites. The change under review is what a pull request would merge: the commits not yet on the
default branch (since the merge-base of HEAD with `origin/HEAD`, else `origin/main` or
`origin/master`, else a local `main` or `master` when HEAD is on another branch) plus the working
tree. When HEAD is on the default branch, or detached at a commit it already holds, only the
working tree is under review. `adr lint --since REF` (or `since` in `[lint]`) chooses the base.
`adr report edits` lists the same edits over the whole history.

Only a change of the prose counts. These are not edits: whitespace, line wrapping, list markers,
emphasis, escapes, table padding, link targets, HTML comments, front matter added, reordered or
changed, metadata lines such as the date, heading numbers (a renumbering), and the status and
relation lines the lifecycle commands write. A commit that changes most of the log at once
(`sweep-percent`, 50 % of the records, and at least `sweep-files`, 5) is a maintenance sweep and
never counts. A record accepted within the change under review is still being written. Under
`policy = "amend-with-log"` an edit that adds a review-log row is allowed; edits within
`accept-grace-days` of the acceptance are too.

## Why it matters
An accepted record is a historical document: what was decided, when and why. Rewriting it in
place erases the reasoning that later readers need; a change of mind belongs in a new record that
supersedes the old one. Judging the change under review, not the whole past, makes the rule a
gate a pull request can pass: old edits are history, reported by `adr report edits`.

## Example
A branch that turns "We will keep sessions in Redis" into "We will keep sessions in PostgreSQL"
in a record accepted on main, with no new record.

## How to fix
Revert the edit and write a new record that supersedes (or amends) the old one, or, under
`policy = "amend-with-log"`, record the change as a row of the review log.

## Fix safety
There is no automatic fix. Needs git history; without it the rule reports nothing. In CI, fetch
the default branch (`fetch-depth: 0`) or pass `--since` with the pull request's base.
""",
)

rule(
    "ADR502",
    "stale-proposal",
    "A record has been proposed for longer than the log allows",
    severity="warning",
    explanation="""
## What it does
Reports a record whose status is Proposed (or Draft, for a record that already has a number) and
whose date (or, without one, the date git first saw the file) is more than `stale-days` days ago
(30 by default). Today's date honours `ADR_DATE` and `SOURCE_DATE_EPOCH`. A log of five or more
records none of which was ever decided (every status Proposed or Draft) gets one finding for the
whole log, naming its stale proposals: there, merging the proposal is the decision, and the
statuses were never moved on.

## Why it matters
A proposal nobody decides blocks the work that depends on it, and people start following it as
if it had been accepted.

## Example
`Status: Proposed`, `Date: 2024-01-10`, and today is 2024-05-01.

## How to fix
Decide: accept it (`adr accept N`), reject it, or update its date when it is genuinely still under
discussion.

## Fix safety
There is no automatic fix.
""",
)


@check("ADR502", scope="log")
def stale_proposals(ctx: LogContext) -> Iterator[Finding]:
    """Report proposals older than the log's stale-days setting (once for a log that never decides)."""
    stale = list(_stale(ctx))
    if stale and _never_decides(ctx.records):
        yield _log_wide(stale, ctx.config.stale_days)
        return
    for record, since, age in stale:
        yield Finding(
            "ADR502",
            record,
            record.status_line or record.title_line or record.start_line,
            f"proposed since {since} ({age} days; stale-days is {ctx.config.stale_days})",
        )


def _stale(ctx: LogContext) -> Iterator[tuple[Record, str, int]]:
    """(record, date it was proposed, age in days) of each proposal older than stale-days."""
    today = date.fromisoformat(ctx.today)
    for record in ctx.records:
        # A numbered record still in draft is as open as a proposal; an unnumbered draft file is work in progress.
        if record.status != "proposed" and not (record.status == "draft" and record.number is not None):
            continue
        since = record.date or _created(ctx, record)
        if not since:
            continue
        age = (today - date.fromisoformat(since[:10])).days
        if age > ctx.config.stale_days:
            yield record, since[:10], age


def _never_decides(records: list[Record]) -> bool:
    """A log of several records none of which was ever decided does not move its records through
    statuses (merging the proposal is the decision): one habit of the whole log, not a defect per record."""
    stated = [record for record in records if record.status != "other"]
    return len(stated) >= CONVENTION_MIN_RECORDS and all(record.status in UNDECIDED for record in stated)


def _log_wide(stale: list[tuple[Record, str, int]], stale_days: int) -> Finding:
    oldest, since, age = min(stale, key=lambda item: item[1])
    names = ", ".join(record.path for record, _, _ in stale[:SHOWN])
    more = f" and {len(stale) - SHOWN} more" if len(stale) > SHOWN else ""
    return Finding(
        "ADR502",
        oldest,
        oldest.status_line or oldest.title_line or oldest.start_line,
        f"no record of this log was ever decided: {len(stale)} proposals are older than {stale_days} "
        f"days, the oldest since {since} ({age} days): {names}{more}; mark the decided ones accepted",
    )


SHOWN = 10  # proposals named in the log-wide finding


def _created(ctx: LogContext, record: Record) -> str:
    history = ctx.history()
    file_history = history.for_path(record.path) if history is not None else None
    created = getattr(file_history, "created", None)
    return str(created.date) if created is not None else ""


@check("ADR501", scope="log")
def edited_after_acceptance(ctx: LogContext) -> Iterator[Finding]:
    """Report accepted records whose decision the change under review rewrites."""
    history = ctx.history()
    if history is None:
        return
    # lazy: keeps subprocess off this module's import
    from ...history.review import counted_edits

    review = ctx.review()
    for record in ctx.records:
        file_history = history.for_path(record.path) if record.path not in ctx.bundles else None
        if file_history is None:
            continue
        offending = counted_edits(history, file_history, ctx.config, review)
        if not offending:
            continue
        first, last = offending[0].change, offending[-1]
        # Line numbers of an edit hold for the file as that edit left it: later commits may have moved them.
        current = not file_history.changes or last.change == file_history.changes[-1]
        line = next((n for n in last.changed_lines if record.start_line <= n <= record.end_line), 0) if current else 0
        later = len(offending) - 1
        count = f" and {later} later commit{'s' if later != 1 else ''}" if later else ""
        yield Finding(
            "ADR501",
            record,
            line or record.title_line or record.start_line,
            f"{_accepted_when(file_history.accepted)}, then its prose was edited {_edited_when(first)}"
            f"{count}; policy '{ctx.config.policy}' allows {_allows(ctx.config.policy)}",
        )


def _accepted_when(accepted: Any) -> str:
    if accepted is None:
        return "accepted before the history this shallow clone holds"
    return f"accepted in {accepted.sha[:7]} ({accepted.date[:10]})"


def _edited_when(change: Any) -> str:
    if not change.sha:  # adrledger.history reports working-tree changes with an empty sha
        return "in the working tree (not committed yet)"
    return f"in {change.sha[:7]} ({change.date[:10]}, {change.author})"


def _allows(policy: str) -> str:
    if policy == "amend-with-log":
        return "status and relation changes, and edits that add a review-log row"
    return "only status and relation changes"


@check("ADR303", scope="log")
def reused_numbers(ctx: LogContext) -> Iterator[Finding]:
    """Report numbers whose earlier owner, in git history, was another decision."""
    if not ctx.by_number:
        return
    history = ctx.history()
    if history is None:
        return
    used = history.numbers_used()
    # A decision that still lives in the log under another number was renumbered (after a merge
    # collision), not retired: its old number was never freed for someone else.
    living = {normalise(r.title) for r in ctx.records if r.title}
    for number, records in sorted(ctx.by_number.items()):
        if len(records) != 1 or number not in used:
            continue
        record = records[0]
        for use in used[number]:
            if use.path == record.path or (use.title and titles_match(use.title, record.title)):
                continue
            if use.title and normalise(use.title) in living:
                continue
            owner = history.for_path(use.path)  # follows renames to where that decision lives now
            if owner is not None and (owner.path == record.path or ctx.exists(ctx.sources.absolute(owner.path))):
                continue  # this record renamed, or the other decision renumbered
            yield Finding(
                "ADR303",
                record,
                record.title_line or record.start_line,
                f"number {number} was used by '{use.title or use.path}' ({use.path}, {use.sha[:7]}, "
                f"{use.date[:10]}) before this record",
            )
            break
