"""ADR1xx: the record's shape: required sections for its style, empty sections, template placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Record, Section
from ...styles import STYLES
from ..context import COMMENT, CONVENTION_MIN_RECORDS, USUAL, LogContext, RecordContext, unread
from ..diagnostics import Finding
from ..placeholders import find_placeholders, is_number_placeholder
from ..registry import check, rule

rule(
    "ADR101",
    "missing-section",
    "A section the record's style requires is missing",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record that lacks a section every record of its style has: Context, Decision and
Consequences for a Nygard record; the problem statement, considered options and outcome for MADR;
the alternatives, rationale and consequences for the full, drivers and table styles; the summary,
acceptance criteria and decision for the PRD + ADR hybrid. The style is the one adrledger
recognises from the record (`adr show N` prints it). A status given as a metadata line counts as
a status section, and a section title written as a bold line (`**Decision Outcome**`) counts as a
heading. Where a log holds five records or more of a style, a section is only required when at
least three quarters of them have it: a section the log's own template leaves out is the log's
convention, not a mistake of one record.

## Why it matters
A record without its context cannot be understood later; one without consequences hides its
costs; one without alternatives cannot show that anything was weighed.

## Example
```markdown
# 4. Use PostgreSQL

Date: 2024-01-20

## Status

Accepted

## Decision

We will use PostgreSQL.
```
Context and Consequences are missing.

## How to fix
Add the missing section under its usual heading and fill it.

## Fix safety
There is no automatic fix: an empty heading would only hide the problem.
""",
)

rule(
    "ADR102",
    "empty-section",
    "A section has a heading but nothing under it",
    severity="warning",
    explanation="""
## What it does
Reports a section of the record's template (Context, Consequences, Links, Positive...) whose
heading has no text and no sub-sections under it. Only HTML comments (template hints such as
`<!-- optional -->`) or a horizontal rule count as nothing. A heading of the author's own is left
alone: on real logs an empty one is nearly always a group heading for the headings that follow.
So is a template section followed by headings of the author's own at its level ("Considered
Options", then one heading per option): its content is there, one heading level too high.

## Why it matters
An empty section is an unfinished record: a reader cannot tell whether the author had nothing to
say or forgot to say it.

## Example
```markdown
## Consequences

<!-- What becomes easier or harder because of this change? -->

## Links
```

## How to fix
Write the section, or delete the heading when the section does not apply.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR103",
    "template-placeholder",
    "A template placeholder was left in the record",
    severity="warning",
    explanation="""
## What it does
Reports text that a template asked the author to replace: bracketed prompts such as
`[Decision Title]`, `[Option 1]` or `[High/Med/Low]`, braced ones such as `{short title}`, the
date pattern `YYYY-MM-DD`, an unfilled number such as `ADR-XXX`, and status lines that still list
every choice (`Proposed | Accepted | Rejected`). Code, HTML comments, Markdown links, task boxes,
footnotes and bracketed words defined as link references are not placeholders.

## Why it matters
A placeholder is an absent value: the record looks finished but says nothing at that place, and
every tool reads the placeholder as if it were the answer.

## Example
```markdown
# ADR-XXX: [Decision Title]

**Date:** YYYY-MM-DD
```

## How to fix
Replace each placeholder with the real value, or delete the line.

## Fix safety
There is no automatic fix: only the author knows the value.
""",
)

_RULE_LINE = re.compile(r"\s*(?:[-*_]\s*){3,}$")


@check("ADR101", scope="log")
def missing_sections(ctx: LogContext) -> Iterator[Finding]:
    """Report the required sections of a record's style that it lacks and the log's records usually have."""
    readable = [r for r in ctx.records if (r.sections or r.title) and not unread(r)]
    by_style: dict[str, list[Record]] = {}
    for record in readable:
        by_style.setdefault(record.style, []).append(record)
    usual = {
        style: _usual_sections(group)
        for style, group in by_style.items()
        if ctx.is_log and len(group) >= CONVENTION_MIN_RECORDS
    }
    for record in readable:
        spec = STYLES.get(record.style)
        if spec is None:
            continue
        present = _present_sections(record)
        expected = usual.get(record.style)
        missing = [key for key in spec.required if key not in present and (expected is None or key in expected)]
        if missing:
            names = ", ".join(f"'{spec.section_name(key)}'" for key in missing)
            plural = "sections" if len(missing) > 1 else "section"
            yield Finding(
                "ADR101",
                record,
                record.title_line or record.start_line,
                f"missing {plural} {names} (required in the {record.style} style)",
            )


def _present_sections(record: Record) -> set[str]:
    present = {section.key for section in record.sections if section.key}
    if record.status_raw:
        present.add("status")
    return present


def _usual_sections(records: list[Record]) -> set[str]:
    """The section keys that at least USUAL of the log's records have."""
    counts: dict[str, int] = {}
    for record in records:
        for key in _present_sections(record):
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= USUAL * len(records)}


@check("ADR102")
def empty_sections(ctx: RecordContext) -> Iterator[Finding]:
    """Report headings with nothing under them."""
    record = ctx.record
    sections = sorted(record.sections, key=lambda s: s.line)
    for index, section in enumerate(sections):
        if section.end_line > section.body_end_line:
            continue  # it has sub-sections
        if section.key is None:
            continue  # a heading of the author's own, often one that groups the headings after it
        following = sections[index + 1] if index + 1 < len(sections) else None
        if following is not None and following.key is None:
            continue  # "Options" then "## Jest", "## Vitest": its content written one heading level too high
        if _body_is_empty(ctx, record, section):
            title = section.title or ctx.source.line(section.line).strip().lstrip("#").strip()
            yield Finding("ADR102", record, section.line, f"section '{title}' is empty")


def _body_is_empty(ctx: RecordContext, record: Record, section: Section) -> bool:
    if section.body_end_line <= section.line:
        return True
    source = ctx.source
    lines = source.lines
    kinds: bytes | bytearray | None = None  # classified only once a comment shows up: most sections start with text
    for number in range(section.line + 1, min(section.body_end_line, len(lines)) + 1):
        text = lines[number - 1].strip()
        if not text:
            continue
        first = text[0]
        if first not in "<-*_" and kinds is None:
            return False
        if first in "-*_" and _RULE_LINE.fullmatch(text):
            continue
        if first == "<" and text.startswith("<!--"):
            kinds = kinds or source.kinds(record)
        if kinds is not None and kinds[number - record.start_line] == COMMENT:
            continue
        if text.startswith("<!--") and text.endswith("-->"):
            continue
        return False
    return True


@check("ADR103")
def placeholders(ctx: RecordContext) -> Iterator[Finding]:
    """Report template placeholders, one finding per line."""
    record = ctx.record
    by_line: dict[int, list[str]] = {}
    draft = record.status == "draft" and record.number is None
    for line, text in find_placeholders(ctx.source, record):
        if draft and is_number_placeholder(text):
            continue  # a draft has no number until it is proposed: "ADR-XXXX" is its number for now
        by_line.setdefault(line, []).append(text)
    problems = {
        p.line: p.message
        for p in record.problems
        if p.code.startswith("placeholder-") and not (draft and p.code == "placeholder-number")
    }
    for line in sorted(set(by_line) | set(problems)):
        if line in by_line:
            found = ", ".join(f"'{text}'" for text in dict.fromkeys(by_line[line]))
            message = f"template placeholder left: {found}"
        else:
            message = problems[line]
        yield Finding("ADR103", record, line, message)
