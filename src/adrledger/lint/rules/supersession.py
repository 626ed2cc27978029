"""ADR402, ADR406-ADR408: supersession and amendment are stated on both sides, without cycles, matching the status.

Relations the parser found only in running prose ("as ADR-3 replaces ADR-2, ...") are too
uncertain to report on: they count as the other side of a relation but never raise one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ...base.textio import read_record_bytes
from ...edit.spelling import spelling_for
from ...errors import AdrError
from ...model import Record, Relation
from ...parse.refs import number_from_reference
from ..context import LogContext, on_code_host
from ..diagnostics import Finding, Fix
from ..registry import check, rule
from .renumbering import renamed_to, reported_link

rule(
    "ADR402",
    "relation-not-mirrored",
    "A supersession or amendment is written on one side only",
    severity="warning",
    fixable="safe",
    explanation="""
## What it does
Reports a record that supersedes (or amends) another when the other record does not say it is
superseded (or amended) by it, and the reverse: "Superseded by ADR-7" when record 7 does not say
it supersedes this one. A relation written as a link names the record file the link leads to
(a relative path, a docs site's `/adr/7` route, or a GitHub or GitLab address of the log's own
file), not the number in its text; "We supersede ADR-3" or "this record supersedes ADR-3" in the
body counts as the newer record's side.

## Why it matters
A reader who lands on the old record must learn that it is no longer in force, and a reader of
the new one must be able to see what it replaced. A relation written on one side only leaves
half of the readers with the wrong picture.

## Example
`0007-use-kafka.md` says `Supersedes [ADR-0003](0003-use-rabbitmq.md)` while
`0003-use-rabbitmq.md` still says `Status: Accepted`.

## How to fix
Write the other side: set the old record's status to "Superseded by ADR-0007" with a link, or add
"Supersedes ADR-0003" (or "Amends" / "Amended by") where the other record keeps its links.

## Fix safety
Safe: the fix writes only what the first record already states, in the other record's own style
(its status line for supersession, else its Status or Related section, its metadata lines or
its front matter). It is not offered when the old record already names a different successor,
when the link's text cites another number than the file it leads to, or when the linked file is
gone (a record renamed since is ADR409's, which says where it went).
""",
)

rule(
    "ADR406",
    "supersession-cycle",
    "Records supersede each other in a cycle",
    severity="error",
    explanation="""
## What it does
Reports records whose supersessions form a loop: 3 is superseded by 5, which is superseded by 3
(or a record that supersedes itself).

## Why it matters
In a cycle no decision is in force, and tools that follow the chain to the current decision never
arrive.

## Example
`0003-x.md` says "Superseded by ADR-5" and `0005-y.md` says "Superseded by ADR-3".

## How to fix
Decide which record is current, and remove the relation that points back at an older one.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR407",
    "superseded-without-successor",
    "The status is Superseded but no successor is named",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record whose status is Superseded but which names no record that supersedes it, when no
other record claims to supersede it either (that case is ADR402, with a fix).

## Why it matters
The reader learns that the decision is no longer in force but not what replaced it.

## Example
```markdown
**Status:** Superseded
```

## How to fix
Write the successor: "Superseded by [ADR-0012](0012-new-decision.md)".

## Fix safety
There is no automatic fix: the successor is not known.
""",
)

rule(
    "ADR408",
    "successor-but-not-superseded",
    "A successor is named but the status is not Superseded",
    severity="warning",
    fixable="unsafe",
    explanation="""
## What it does
Reports a record that names a record superseding it (in a link list or metadata line) while its
status still says Accepted, Proposed or Draft.

## Why it matters
The status is what indexes, filters and readers skimming the log see: a superseded decision that
still says Accepted will be followed.

## Example
```markdown
**Status:** Accepted
**Superseded by:** [ADR-0009](0009-use-grpc.md)
```

## How to fix
Set the status to "Superseded by ADR-0009".

## Fix safety
Unsafe: some teams keep a record Accepted when only part of it was superseded, and the fix would
overwrite that status.
""",
)

PAIRS = {"supersedes": "superseded_by", "superseded_by": "supersedes", "amends": "amended_by", "amended_by": "amends"}
PHRASES = {
    "supersedes": "supersedes",
    "superseded_by": "is superseded by",
    "amends": "amends",
    "amended_by": "is amended by",
}


def _numbers(record: Record, kind: str, with_prose: bool = True) -> set[int]:
    return {
        r.number
        for r in record.relations
        if r.kind == kind and r.number is not None and (with_prose or r.source != "prose")
    }


@check("ADR402", scope="log")
def one_sided(ctx: LogContext) -> Iterator[Finding]:
    """Report supersessions and amendments that the other record does not state."""
    for record in ctx.records:
        if record.number is None:
            continue
        for relation in record.relations:
            if relation.kind not in PAIRS or relation.source == "prose" or relation.number is None:
                continue
            named = _named(ctx, record, relation)
            if named is None or named[0] is record:
                continue  # missing (ADR401/403), ambiguous (ADR301), renamed (ADR409) or itself (ADR406)
            (other, certain), mirror = named, PAIRS[relation.kind]
            if _states(ctx, other, mirror, record):
                continue
            fix = None
            if certain and (mirror != "superseded_by" or not _numbers(other, "superseded_by")):
                fix = relation_fix(ctx, other, mirror, record)
            yield Finding(
                "ADR402",
                record,
                relation.line,
                f"ADR-{record.number} {PHRASES[relation.kind]} ADR-{other.number}, but ADR-{other.number} "
                f"does not say it {PHRASES[mirror]} ADR-{record.number}",
                fix=fix,
            )


def _named(ctx: LogContext, record: Record, relation: Relation) -> tuple[Record, bool] | None:
    """The record a relation names, and whether that is certain enough to write into it.

    A link names the file it leads to, not the number in its text: after a renumbering the link
    still leads to the old file name while its number belongs to an unrelated record, and a fix
    must never write into a record the link does not lead to.
    """
    numbered = ctx.by_number.get(relation.number or -1, [])
    only = numbered[0] if len(numbered) == 1 else None
    target = relation.target
    path = (ctx.resolve_link(record, target) or ctx.hosted_copy(target)) if target else None
    if path is None:
        if target and on_code_host(target):
            return None  # a file of another repository or folder, whatever its number
        return (only, True) if only else None  # a number, or a web page that names one
    found = ctx.record_at(path)
    if found is not None and found.path not in ctx.bundles:
        return found, _text_agrees(record, relation, found)
    if found is None and "." not in os.path.basename(path):
        return (only, True) if only else None  # a docs site's route, `/adr/18`: the number names the record
    if found is None and reported_link(ctx, record, relation.line, target):
        return None  # a file renamed since: ADR409 says where it went
    return (only, False) if only else None  # a file that is gone: the number is only a guess


def _states(ctx: LogContext, other: Record, kind: str, record: Record) -> bool:
    """Whether `other` states `kind` -> `record`: by its number, or by a link to its file's name before a rename."""
    if record.number in _numbers(other, kind):
        return True
    return any(
        r.kind == kind and r.target and renamed_to(ctx, other, r.line, r.target) == record.path for r in other.relations
    )


def _text_agrees(record: Record, relation: Relation, found: Record) -> bool:
    """Whether the number a relation's link text cites (if any) is the number of the record it leads to."""
    for link in record.links:
        if link.line == relation.line and link.target == relation.target:
            cited = number_from_reference(link.text)
            return cited is None or cited == found.number
    return True


@check("ADR406", scope="log")
def cycles(ctx: LogContext) -> Iterator[Finding]:
    """Report loops in the supersession graph, once per loop."""
    edges: dict[int, set[int]] = {}  # older -> newer
    for record in ctx.records:
        if record.number is None:
            continue
        for older in _numbers(record, "supersedes", with_prose=False):
            edges.setdefault(older, set()).add(record.number)
        for newer in _numbers(record, "superseded_by", with_prose=False):
            edges.setdefault(record.number, set()).add(newer)
    seen: set[frozenset[int]] = set()
    for loop in _loops(edges):
        key = frozenset(loop)
        if key in seen or min(loop) not in ctx.by_number:
            continue
        seen.add(key)
        start = loop.index(min(loop))
        ordered = loop[start:] + loop[:start]
        record = ctx.by_number[ordered[0]][0]
        chain = " -> ".join(f"ADR-{n}" for n in [*ordered, ordered[0]])
        yield Finding(
            "ADR406",
            record,
            record.status_line or record.title_line or record.start_line,
            f"supersession cycle: {chain}",
        )


def _loops(edges: dict[int, set[int]]) -> Iterator[list[int]]:
    """Every elementary loop reachable by depth-first search (enough to name each loop once)."""
    for start in sorted(edges):
        stack: list[tuple[int, list[int]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for following in sorted(edges.get(node, ())):
                if following == start:
                    yield path
                elif following not in path and following > start:
                    stack.append((following, [*path, following]))


@check("ADR407", "ADR408", scope="log")
def status_and_successor(ctx: LogContext) -> Iterator[Finding]:
    """Report a Superseded status without a successor, and a successor without a Superseded status."""
    claimed = {n for r in ctx.records for n in _numbers(r, "supersedes", with_prose=False)}
    # Records without a number (log4brains' date-named files) name each other by slug.
    claimed_slugs = {ref for r in ctx.records for ref in r.supersedes if isinstance(ref, str)}
    for record in ctx.records:
        successors = record.superseded_by  # numbers, or slugs of date-named records
        where = record.status_line or record.title_line or record.start_line
        claimed_here = record.number in claimed if record.number is not None else record.slug in claimed_slugs
        if record.status == "superseded" and not successors and not claimed_here:
            yield Finding("ADR407", record, where, "the status is Superseded but no successor is named")
        stated = sorted(_numbers(record, "superseded_by", with_prose=False))
        if stated and record.status in ("accepted", "proposed", "draft"):
            yield Finding(
                "ADR408",
                record,
                where,
                f"superseded by ADR-{stated[0]} but the status is '{record.status_raw}'",
                fix=_status_fix(ctx, record, stated[0]),
            )


def _status_fix(ctx: LogContext, record: Record, successor: int) -> Fix | None:
    targets = ctx.by_number.get(successor, [])
    return relation_fix(ctx, record, "superseded_by", targets[0], "unsafe") if len(targets) == 1 else None


VERBS = {"superseded_by": "Superseded by", "supersedes": "Supersedes", "amends": "Amends", "amended_by": "Amended by"}


def relation_fix(ctx: LogContext, record: Record, kind: str, other: Record, applicability: str = "safe") -> Fix | None:
    """The fix that makes `record` state `kind` -> `other`, written by the lifecycle's editor (edit.py) as
    `adr supersede` and `adr link` write it: "B is superseded by A" changes B's status, the other
    relations add a link line where the record keeps its links. None when the record cannot be edited
    safely (a file of several records: which one to edit would be a guess)."""
    # lazy: keeps parse off this module's import
    from ...edit.record import EditableRecord, Target, add_relation, add_supersedes, mark_superseded

    if record.path in ctx.bundles or other.number is None:
        return None
    path = ctx.sources.resolve(record.path)
    other_path = ctx.sources.resolve(other.path)
    description = f"write '{VERBS[kind]} ADR-{other.number}' in {record.path}"
    try:
        editable = EditableRecord(path, read_record_bytes(path), record.path)  # refuses pipes and devices
        first_line = read_record_bytes(other_path).decode("utf-8", "replace").split("\n", 1)[0].lstrip("\ufeff")
        digits = len(re.match(r"\d*", other_path.name).group(0)) or 4  # type: ignore[union-attr]
        target = Target(other.number, other.title, other_path, first_line, digits)
        spelling = spelling_for(ctx.config.dir, ctx.config.supersede_spelling)
        if kind == "superseded_by":
            mark_superseded(editable, target, spelling)
        elif kind == "supersedes":
            add_supersedes(editable, target, spelling)
        else:
            add_relation(editable, VERBS[kind], target)
        edits = editable.edits(description, record.path)
    except (AdrError, OSError, ValueError):
        return None
    return Fix(description, applicability, edits) if edits else None
