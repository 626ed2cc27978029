"""ADR603-ADR607: a good record weighs real alternatives, owns its costs, mitigates its risks and stays short."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...styles import STYLES
from ..context import TEXT, RecordContext
from ..context import plain as strip_inline
from ..diagnostics import Finding
from ..matrix import cell_spans
from ..registry import check, rule

rule(
    "ADR603",
    "too-few-alternatives",
    "Fewer than two options were considered",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record whose alternatives section weighs fewer than two options, counting the chosen
option even when the section lists only the rejected ones.

## Why it matters
A decision with one option is not a decision: the record cannot show why this path beat any
other, and a later reader cannot tell whether better options were simply never looked at.

## Example
```markdown
## Considered Options

* PostgreSQL

## Decision Outcome

Chosen option: "PostgreSQL".
```

## How to fix
Describe the alternatives that were (or should have been) considered, with their pros and cons,
including "do nothing" where it applies.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR604",
    "no-negative-consequence",
    "The consequences name no negative consequence",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record whose consequences are sorted into positive and negative (the full, drivers,
table, hybrid and MADR styles, and a Y-statement, whose "accepting" clause is its negative
consequence) but list no negative one. Styles that keep consequences as
prose (Nygard, quick) are not checked.

## Why it matters
Every decision has a cost. A record that names none was not honest about its trade-offs, and its
readers will meet the costs unprepared.

## Example
```markdown
## Consequences

### Positive
- Faster builds

### Negative
```

## How to fix
Write down what becomes harder, slower, riskier or more expensive because of the decision.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR605",
    "chosen-option-count",
    "An alternatives table marks no option, or several, as chosen",
    severity="warning",
    explanation="""
## What it does
Reports an alternatives table with a verdict column (Verdict, Decision, Outcome, Status) in
which no row is marked chosen, or more than one is.

## Why it matters
The table is where a reader looks for the outcome. With no chosen row it contradicts the Decision
section or hides it; with two the decision is ambiguous.

## Example
```markdown
| Approach  | Pros   | Cons    | Verdict    |
|-----------|--------|---------|------------|
| Sync REST | Simple | Timeout | ❌ Rejected |
| Async Job | Scales | Complex | ❌ Rejected |
```

## How to fix
Mark exactly one row as chosen (for example "✅ Chosen") and give the others their verdict.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR606",
    "risk-without-mitigation",
    "A risk has no mitigation",
    severity="warning",
    explanation="""
## What it does
Reports a row of a risk table (Risk with Impact, Likelihood or Mitigation columns) whose
mitigation is empty, a dash, "none", "N/A" or "TBD", or a risk table with no mitigation column.

## Why it matters
A risk written down without a response is a known problem the team agreed to ignore; the record
should say how it is reduced, watched or accepted.

## Example
```markdown
| Risk          | Impact | Likelihood | Mitigation |
|---------------|--------|------------|------------|
| Vendor outage | High   | Low        |            |
```

## How to fix
Write the mitigation, or "Accepted: ..." with the reason the risk is tolerated.

## Fix safety
There is no automatic fix.
""",
)

rule(
    "ADR607",
    "record-too-long",
    "The record is longer than the log's length limit",
    severity="warning",
    default=False,
    explanation="""
## What it does
Reports a record with more words than the `max-words` setting (1,200 by default: about two
pages).

## Why it matters
Records are read in a hurry, years later. Past two pages the decision drowns in design detail
that belongs in a design document the record links to.

## Example
A 4,000-word record with the whole implementation plan inline.

## How to fix
Move implementation detail, benchmarks and appendices to linked documents; keep the context,
decision, alternatives and consequences. Or raise `max-words` for the log.

## Fix safety
There is no automatic fix.
""",
)

_NO_MITIGATION = re.compile(r"\s*(?:|-+|—|–|none|n/?a|tbd|todo|\?+|nothing|no mitigation)\s*", re.IGNORECASE)
_VERDICT_HEADER = re.compile(r"(?:verdict|decision|outcome|status|result)\b", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"[\s|:-]+")


@check("ADR603")
def too_few_alternatives(ctx: RecordContext) -> Iterator[Finding]:
    """Report alternatives sections that weigh fewer than two options."""
    record = ctx.record
    section = record.section("alternatives")
    if section is None:
        return
    alternatives = record.alternatives
    chosen_listed = any(a.verdict == "chosen" for a in alternatives)
    # An alternative described in a paragraph rather than listed is still an alternative.
    described = len(alternatives) or int(
        any(text.strip() for _, text in ctx.source.text_lines(record, section.line + 1, section.body_end_line))
    )
    count = described + (0 if chosen_listed or not record.decision else 1)
    if count < 2:
        what = "no option" if count == 0 else "only one option"
        yield Finding("ADR603", record, section.line, f"{what} considered: weigh at least two")


@check("ADR604")
def no_negative(ctx: RecordContext) -> Iterator[Finding]:
    """Report sorted consequences without a negative one."""
    record = ctx.record
    spec = STYLES.get(record.style)
    consequences = record.consequences
    if spec is None or not spec.structured_consequences or not consequences.structured:
        return
    if not consequences.negative and consequences.line:
        yield Finding("ADR604", record, consequences.line, "the consequences name no negative consequence")


@check("ADR605")
def chosen_count(ctx: RecordContext) -> Iterator[Finding]:
    """Report an alternatives table with no chosen row, or several."""
    record = ctx.record
    section = record.section("alternatives")
    if section is None or not record.alternatives or not _has_verdict_table(ctx, section.line, section.end_line):
        return
    chosen = [a.name for a in record.alternatives if a.verdict == "chosen"]
    if not chosen:
        yield Finding("ADR605", record, section.line, "no option in the alternatives table is marked as chosen")
    elif len(chosen) > 1:
        names = ", ".join(f"'{name}'" for name in chosen)
        yield Finding("ADR605", record, section.line, f"{len(chosen)} options are marked as chosen: {names}")


def _has_verdict_table(ctx: RecordContext, first: int, last: int) -> bool:
    source, record = ctx.source, ctx.record
    lines = source.lines
    last = min(last, len(lines) - 1)
    if not any("|" in line for line in lines[first - 1 : last]):
        return False
    for number in range(first, last + 1):
        header, delimiter = lines[number - 1], lines[number]
        if "|" not in header or "-" not in delimiter or not _DELIMITER_ROW.fullmatch(delimiter):
            continue
        cells = [strip_inline(header[a:b]) for a, b in cell_spans(header)]
        if any(_VERDICT_HEADER.match(cell) for cell in cells[1:]):
            kinds = source.kinds(record)  # classified only now: a table shown inside a code example does not count
            if kinds[number - record.start_line] == TEXT:
                return True
    return False


@check("ADR606")
def risks_without_mitigation(ctx: RecordContext) -> Iterator[Finding]:
    """Report risks with no mitigation."""
    for risk in ctx.record.risks:
        if _NO_MITIGATION.fullmatch(risk.mitigation):
            yield Finding("ADR606", ctx.record, risk.line, f"risk '{risk.risk}' has no mitigation")


@check("ADR607")
def too_long(ctx: RecordContext) -> Iterator[Finding]:
    """Report records longer than the configured number of words."""
    record, limit = ctx.record, ctx.config.max_words
    if record.word_count > limit:
        yield Finding(
            "ADR607",
            record,
            record.title_line or record.start_line,
            f"the record has {record.word_count:,} words; the log's limit is {limit:,} (max-words)",
        )
