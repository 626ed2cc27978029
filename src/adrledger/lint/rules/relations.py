"""ADR401, ADR403-ADR405: references to other records and files point at something that exists and fits."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ...model import Record, Relation
from ..context import LogContext
from ..diagnostics import Finding
from ..registry import check, rule
from ..titles import titles_match
from .renumbering import reported_line, reported_link

rule(
    "ADR401",
    "successor-missing",
    "The record is superseded by a record that does not exist",
    severity="error",
    explanation="""
## What it does
Reports a "Superseded by ADR-N" (in the status, a link list or front matter) when the log has no
record N.

## Why it matters
A reader sent to the decision that replaced this one finds nothing: the record says it is no
longer in force but not what is. It happens when the successor was never committed, was
renumbered in a merge, or lives in another log.

## Example
```markdown
## Status

Superseded by [14. Use Kafka](0014-use-kafka.md)
```
with no record 14 in the folder.

## How to fix
Add or restore the successor, or correct the number it is cited by.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR403",
    "reference-to-missing-record",
    "A reference names a record number the log does not have",
    severity="warning",
    explanation="""
## What it does
Reports a reference to another record by number ("ADR-007: Event schema", "Supersedes ADR 3",
"Amends ADR-12") when the log has no record with that number. References written as Markdown
links are checked by ADR404 instead.

## Why it matters
A dangling reference sends the reader nowhere. It is often a record that was planned and never
written, or a number that changed during a merge.

## Example
```markdown
## Related Decisions

- ADR-007: Event Schema Standards
```
in a log whose numbers stop at 5.

## How to fix
Write the missing record, correct the number, or mark the reference as planned in plain words
without a number.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR404",
    "link-to-missing-file",
    "A link points at a file that does not exist",
    severity="warning",
    explanation="""
## What it does
Reports a Markdown link or image (in the text, or in a relation of the front matter such as
`superseded_by: "[ADR 16](0016-x.md)"`) whose target is a local path (relative to the record,
or to the repository's root when it starts with `/`, as GitHub and GitLab read it) where no file
exists.
A web address of the log's own file on GitHub or GitLab (`.../blob/main/docs/adr/0016-x.md`) is
checked on disk too, when its `owner/repo` is the repository's own (one of its git remotes). Other
web addresses, in-page anchors and links inside code or an HTML comment are not checked,
nor, in a repository built into a docs site (MkDocs, Docusaurus, Jekyll...), the links the site
resolves: a root-relative route without a file extension (`/adr/18`) and a record named without
its `.md`. A link to a record renamed since (git knows its new name) is left to ADR409, which
names the new file and offers the fix.

## Why it matters
Broken links are the first sign of a rotting log: renamed records, moved designs, deleted
diagrams. Every reader who follows one loses the thread.

## Example
```markdown
- [ADR-002: API Framework Selection](./adr-002-api-framework.md)
```
where the file is really `0002-api-framework-selection.md`.

## How to fix
Point the link at the file's real name (`adr list` prints them), or remove it.

## Fix safety
There is no automatic fix: a similar name is not proof of the same document.
""",
)

rule(
    "ADR405",
    "reference-title-mismatch",
    "A reference's title is not the title of the record it names",
    severity="warning",
    explanation="""
## What it does
Reports a reference that names a record by number and title ("ADR-003: Authorization Model")
when the record with that number (or the file the link points at) has another title. Case,
punctuation, small words, a remark in parentheses ("Caching Strategy (addresses read scaling)")
and a shortened title are tolerated. A reference that ADR409 explains (written before a
renumbering, or off by one) is left to it.

## Why it matters
One of the two is wrong: the number (the reader lands on an unrelated decision) or the title
(the reader is told the wrong thing about it). Either way the log misleads.

## Example
```markdown
## Related Decisions

- ADR-003: Authorization Model (RBAC)
```
while `ADR-003` is "Redis Pub/Sub for Internal Events".

## How to fix
Correct the number so it names the intended record, or correct the title to the record's title.

## Fix safety
There is no automatic fix: which half of the reference is wrong needs a person.
""",
)

CHECKED_KINDS = ("supersedes", "superseded_by", "amends", "amended_by", "related")


@check("ADR401", "ADR403", "ADR404", scope="log")
def missing_targets(ctx: LogContext) -> Iterator[Finding]:
    """Report references to records and files that do not exist."""
    for record in ctx.records:
        reported: set[int] = set()
        for relation in record.relations:
            if relation.number is None or relation.number in ctx.by_number:
                continue
            if relation.kind == "superseded_by":
                reported.add(relation.line)
                yield Finding(
                    "ADR401",
                    record,
                    relation.line,
                    f"superseded by {_cite(relation)}, but the log has no record {relation.number}",
                )
            elif not relation.target and relation.kind in CHECKED_KINDS:
                yield Finding(
                    "ADR403",
                    record,
                    relation.line,
                    f"{relation.label.lower() or 'reference'} {_cite(relation)}: "
                    f"the log has no record {relation.number}",
                )
        yield from _broken_links(ctx, record, reported)


def _broken_links(ctx: LogContext, record: Record, skip_lines: set[int]) -> Iterator[Finding]:
    for line, target in _link_targets(record):
        path = ctx.resolve_link(record, target) or ctx.hosted_copy(target)
        if path is None or line in skip_lines or ctx.exists(path) or _site_route(target, path, ctx):
            continue
        if reported_link(ctx, record, line, target):
            continue  # a record renamed since: ADR409 says where it went and offers the fix
        yield Finding("ADR404", record, line, f"link target '{target}' does not exist")


def _link_targets(record: Record) -> list[tuple[int, str]]:
    """(line, target) of the record's links, and of the links its front matter's relations carry."""
    found = [(link.line, link.target) for link in record.links]
    seen = set(found)
    for relation in record.relations:
        if relation.target and relation.source == "front_matter" and (relation.line, relation.target) not in seen:
            seen.add((relation.line, relation.target))
            found.append((relation.line, relation.target))
    return found


def _site_route(target: str, path: str, ctx: LogContext) -> bool:
    """In a repository built into a docs site, a link the site resolves: `/adr/18`, `0066-lease` for the .md."""
    name = os.path.basename(path)
    if "." in name or not ctx.has_docs_site:
        return False
    return target.startswith("/") or ctx.exists(path + ".md")


def _cite(relation: Relation) -> str:
    title = f": {relation.title}" if relation.title else ""
    return f"ADR-{relation.number}{title}"


@check("ADR405", scope="log")
def title_mismatches(ctx: LogContext) -> Iterator[Finding]:
    """Report references whose title is not the title of the record they lead to."""
    for record in ctx.records:
        for relation in record.relations:
            if not relation.title or relation.number is None or relation.source == "prose":
                continue
            targets = _targets(ctx, record, relation)
            if not targets or any(titles_match(relation.title, t.title) for t in targets if t.title):
                continue
            if reported_line(ctx, record, relation.line):
                continue  # renumbered or off by one: ADR409 names the record meant and offers the fix
            actual = " / ".join(f"'{t.title}'" for t in targets if t.title)
            if actual:
                yield Finding(
                    "ADR405",
                    record,
                    relation.line,
                    f"reference 'ADR-{relation.number}: {relation.title}' names {_of(targets)} whose title is {actual}",
                )


def _targets(ctx: LogContext, record: Record, relation: Relation) -> list[Record]:
    """The records a reference leads to: the linked file when there is a link, else the number's records."""
    if relation.target:
        path = ctx.resolve_link(record, relation.target)
        if path is not None:
            found = ctx.record_at(path)
            return [found] if found is not None else []
    candidates = ctx.by_number.get(relation.number or -1, [])
    same_file = [r for r in candidates if r.path == record.path]
    return same_file or list(candidates)  # in a file of several records, its own numbers come first


def _of(targets: list[Record]) -> str:
    first = targets[0]
    return f"record {first.number}" if first.number is not None else first.path
