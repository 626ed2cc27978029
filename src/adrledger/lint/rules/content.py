"""ADR601-ADR602: decision-matrix arithmetic. (The other content rules are in content_quality.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...edit import Edit
from ...model import DecisionMatrix, Record
from ..context import RecordContext, Source
from ..context import plain as strip_inline
from ..diagnostics import Finding, Fix
from ..matrix import TotalCheck, cell_spans, check_totals, looks_unweighted, rewrite_cell_number, written_like
from ..registry import check, rule

rule(
    "ADR601",
    "matrix-total-mismatch",
    "A decision-matrix total differs from the weighted sum of its scores",
    severity="error",
    fixable="safe",
    explanation="""
## What it does
Recomputes each option's total in a weighted decision matrix (criteria × options, with a weight
per criterion) and reports every stated total that differs from the weighted sum of the option's
scores. The arithmetic is exact decimal arithmetic, not binary floating point: a total is right
when it equals the weighted sum rounded half-up to the number of decimals it is written with
(8.85 written with one decimal must read 8.9). Floating point would round 8.85 down to 8.8,
because the nearest binary number to 8.85 is 8.8499999..., and accept a wrong total. When every
stated total is the plain average of the scores, the message says so: the weights were ignored.

## Why it matters
The matrix is the record's evidence. Wrong totals can crown the wrong option, and a reader who
checks one sum and finds it wrong stops trusting the whole record.

## Example
```markdown
| Criteria    | Weight | PostgreSQL | MySQL |
|-------------|--------|------------|-------|
| Performance | 60%    | 8          | 7     |
| Ecosystem   | 40%    | 10         | 9     |
| **Total**   | 100%   | 9.0        | 7.8   |
```
PostgreSQL's weighted sum is 0.6 × 8 + 0.4 × 10 = 8.8, not 9.0.

## How to fix
Write the weighted sums (`adr lint --fix` does it, keeping the table's formatting and number of
decimals), then check that the decision still follows from them.

## Fix safety
Safe on a record that is not yet decided (proposed, draft). Unsafe on an accepted, rejected,
deprecated or superseded record: changing the numbers of a historical record may change the
story it tells, so the fix needs `--unsafe-fixes` there.
""",
)

rule(
    "ADR602",
    "matrix-weights-not-100",
    "Decision-matrix weights do not add up to 100 %",
    severity="warning",
    explanation="""
## What it does
Reports a decision matrix whose criterion weights, written as percentages or as fractions of 1,
do not add up to exactly 100 %, or where a criterion has no weight. Relative weights (3, 2, 1
without a percent sign) are not checked: they are normalised by their own sum.

## Why it matters
Weights that add up to 90 % or 110 % make every total incomparable with the scale of the scores,
and usually mean that a criterion was added or removed without rebalancing the others.

## Example
```markdown
| Criteria    | Weight | A | B |
|-------------|--------|---|---|
| Performance | 50%    | 8 | 7 |
| Cost        | 30%    | 6 | 9 |
| Ecosystem   | 30%    | 7 | 7 |
```
The weights add up to 110 %.

## How to fix
Rebalance the weights so that they add up to 100 % (thirds: write 33.3 %, 33.3 % and 33.4 %).

## Fix safety
There is no automatic fix: which weight to change is a judgement.
""",
)

UNDECIDED = ("proposed", "draft", "other")


@check("ADR601")
def matrix_totals(ctx: RecordContext) -> Iterator[Finding]:
    """Report stated totals that are not the weighted sums of the scores."""
    record, matrix = ctx.record, ctx.record.decision_matrix
    if matrix is None:
        return
    checks = check_totals(matrix)
    wrong = [c for c in checks if not c.correct]
    if not wrong:
        return
    hint = " (the stated totals are unweighted means: were the weights ignored?)" if looks_unweighted(checks) else ""
    cells = _total_cells(ctx.source, matrix)
    fixes = _fixes(ctx, record, wrong, cells)
    for item in wrong:
        line, column = cells.get(item.index, (matrix.total_line or matrix.line, (0, 0)))
        at = f" ({item.rounded} at {_decimals(item.decimals)})" if item.rounded != item.weighted else ""
        yield Finding(
            "ADR601",
            record,
            line,
            f"total for '{item.option}' is {item.stated_text} but the weighted sum of its scores is "
            f"{_plain(item.weighted, item.decimals)}{at}{hint}",
            column=column[0] + 1 if column[1] else 0,
            fix=fixes.get(line),
        )


def _plain(value: Decimal | float, decimals: int = 0) -> str:
    """A number without trailing zeros, but with at least `decimals` decimals (6.00 -> "6.0" for one)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    places = len(text.split(".")[1]) if "." in text else 0
    if places < decimals:
        text = (text if "." in text else text + ".") + "0" * (decimals - places)
    return text


def _decimals(count: int) -> str:
    return "no decimals" if count == 0 else "one decimal" if count == 1 else f"{count} decimals"


def _total_cells(source: Source, matrix: DecisionMatrix) -> dict[int, tuple[int, tuple[int, int]]]:
    """Option index -> (line, cell span) of its stated total in the source."""
    header = source.line(matrix.line)
    names = [strip_inline(header[a:b]) for a, b in cell_spans(header)]
    if matrix.total_line and matrix.total_line != matrix.line:  # criteria down, options across
        row = cell_spans(source.line(matrix.total_line))
        found = {}
        for index, option in enumerate(matrix.options):
            column = names.index(option) if option in names[1:] else -1
            if 0 < column < len(row):
                found[index] = (matrix.total_line, row[column])
        return found
    total_column = next(
        (
            i
            for i, name in enumerate(names)
            if re.match(r"(?:weighted\s+)?(?:total|sum|score|result|overall)", name.lower())
        ),
        -1,
    )
    found = {}
    for number in range(matrix.line + 2, len(source.lines) + 1):
        text = source.line(number)
        if "|" not in text:
            break
        spans = cell_spans(text)
        first = strip_inline(text[spans[0][0] : spans[0][1]]) if spans else ""
        if first in matrix.options and 0 <= total_column < len(spans):
            found.setdefault(matrix.options.index(first), (number, spans[total_column]))
    return found


def _fixes(
    ctx: RecordContext, record: Record, wrong: list[TotalCheck], cells: dict[int, tuple[int, tuple[int, int]]]
) -> dict[int, Fix]:
    """One fix per table row, correcting every wrong total in it (so fixes on one row never collide)."""
    applicability = "safe" if record.status in UNDECIDED else "unsafe"
    rows: dict[int, str] = {}
    for item in sorted(wrong, key=lambda c: -cells.get(c.index, (0, (0, 0)))[1][0]):
        if item.index not in cells:
            continue
        line, span = cells[item.index]
        current = rows.get(line, ctx.source.line(line))
        rows[line] = rewrite_cell_number(current, span, item.stated_text, written_like(item.rounded, item.stated_text))
    fixes = {}
    for line, new in rows.items():
        old = ctx.source.line(line)
        if new != old:
            edit = Edit(ctx.source.path, line, old, new)
            fixes[line] = Fix("write the weighted sums as the matrix totals", applicability, (edit,))
    return fixes


@check("ADR602")
def matrix_weights(ctx: RecordContext) -> Iterator[Finding]:
    """Report weights that do not add up to 100 %, or criteria without a weight."""
    matrix = ctx.record.decision_matrix
    if matrix is None or matrix.weight_unit == "relative":
        return
    unweighted = [c for c in matrix.criteria if c.weight is None]
    for criterion in unweighted:
        yield Finding(
            "ADR602", ctx.record, criterion.line or matrix.line, f"criterion '{criterion.name}' has no weight"
        )
    if not unweighted and matrix.weight_sum is not None and abs(matrix.weight_sum - 100) > 1e-9:
        total = _plain(round(matrix.weight_sum, 6))
        yield Finding("ADR602", ctx.record, matrix.line, f"the weights add up to {total} % instead of 100 %")
