"""Weighted decision matrices, criteria by options or options by criteria, summed in exact decimals."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Criterion, DecisionMatrix
from .doc import Doc
from .tables import Table, normalise_header, strip_inline

if TYPE_CHECKING:
    from decimal import Decimal  # imported where matrices are read: `adr new` never needs it

_NUMBER = re.compile(r"(?P<value>-?\d+(?:[.,]\d+)?)\s*(?:/\s*(?P<scale>\d+(?:\.\d+)?))?\s*(?P<pct>%)?")
_WEIGHT_IN_HEADER = re.compile(r"\(\s*(?:w(?:eight)?\s*[=:]?\s*)?(?P<w>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*\)")


def extract_matrix(doc: Doc) -> DecisionMatrix | None:
    for table in doc.tables():
        first = normalise_header(table.header[0]) if table.header else ""
        weight = table.column("weight", "weighting", "importance")
        if weight is not None and first.startswith(("criteri", "factor", "dimension", "aspect", "requirement")):
            return _matrix_by_criteria(table, weight)
        if _header_weights(table) and first.startswith(
            ("option", "alternative", "approach", "candidate", "solution", "tool", "technology", "")
        ):
            return _matrix_by_options(table)
    return None


def _number(cell: str) -> tuple[Decimal | None, bool]:
    # lazy: decimal is only needed here (startup cost)
    from decimal import Decimal, InvalidOperation

    match = _NUMBER.search(strip_inline(cell))
    if not match:
        return None, False
    try:
        return Decimal(match.group("value").replace(",", ".")), bool(match.group("pct"))
    except InvalidOperation:
        return None, False


def _is_total(label: str) -> bool:
    return bool(re.match(r"(?:weighted\s+)?(?:total|sum|score|result|overall)", strip_inline(label).lower()))


def _matrix_by_criteria(table: Table, weight_col: int) -> DecisionMatrix | None:
    option_cols = [i for i in range(len(table.header)) if i not in (0, weight_col)]
    options = tuple(strip_inline(table.header[i]) for i in option_cols)
    criteria, scores, weights = [], [], []
    stated: list[Decimal | None] = [None] * len(option_cols)
    stated_raw = [""] * len(option_cols)
    total_line, percent = 0, False
    for row, line in zip(table.rows, table.row_lines):
        if _is_total(row[0]):
            stated = [_number(row[i])[0] if i < len(row) else None for i in option_cols]
            stated_raw = [strip_inline(row[i]) if i < len(row) else "" for i in option_cols]
            total_line = line
            continue
        value, is_percent = _number(row[weight_col]) if weight_col < len(row) else (None, False)
        percent = percent or is_percent
        criteria.append(Criterion(strip_inline(row[0]), None, strip_inline(row[weight_col]), line))
        weights.append(value)
        scores.append([_number(row[i])[0] if i < len(row) else None for i in option_cols])
    if not criteria:
        return None
    return _finish_matrix(table, criteria, weights, scores, options, stated, stated_raw, percent, total_line)


def _header_weights(table: Table) -> list[tuple[int, Decimal, bool]]:
    # lazy: decimal is only needed here (startup cost)
    from decimal import Decimal

    found = []
    for index, cell in enumerate(table.header[1:], start=1):
        match = _WEIGHT_IN_HEADER.search(cell)
        if match:
            found.append((index, Decimal(match.group("w")), bool(match.group("pct"))))
    return found if len(found) >= 2 else []


def _matrix_by_options(table: Table) -> DecisionMatrix | None:
    weighted = _header_weights(table)
    total_col = next((i for i, cell in enumerate(table.header) if _is_total(cell)), None)
    criteria = [
        Criterion(
            _WEIGHT_IN_HEADER.sub("", strip_inline(table.header[i])).strip(),
            None,
            str(w) + ("%" if p else ""),
            table.line,
        )
        for i, w, p in weighted
    ]
    weights: list[Decimal | None] = [w for _, w, _ in weighted]
    options, stated, stated_raw = [], [], []
    columns: list[list[Decimal | None]] = []
    for row in table.rows:
        options.append(strip_inline(row[0]))
        columns.append([_number(row[i])[0] if i < len(row) else None for i, _, _ in weighted])
        stated.append(_number(row[total_col])[0] if total_col is not None and total_col < len(row) else None)
        stated_raw.append(strip_inline(row[total_col]) if total_col is not None and total_col < len(row) else "")
    scores = [[column[c] for column in columns] for c in range(len(criteria))]
    percent = any(p for _, _, p in weighted)
    return _finish_matrix(
        table,
        criteria,
        weights,
        scores,
        tuple(options),
        stated,
        stated_raw,
        percent,
        table.line if total_col is not None else 0,
    )


def _finish_matrix(
    table: Table,
    criteria: list[Criterion],
    weights: list[Decimal | None],
    scores: list[list[Decimal | None]],
    options: tuple[str, ...],
    stated: list[Decimal | None],
    stated_raw: list[str],
    percent: bool,
    total_line: int,
) -> DecisionMatrix:
    # lazy: decimal is only needed here (startup cost)
    from decimal import Decimal

    known = [w for w in weights if w is not None]
    total_weight = sum(known, Decimal(0))
    if percent or (known and abs(total_weight - 100) <= 1 and any(w > 1 for w in known)):
        unit, fractions = "percent", [w / 100 if w is not None else None for w in weights]
    elif known and all(w <= 1 for w in known):
        unit, fractions = "fraction", weights
    else:
        unit, fractions = "relative", weights
    computed: list[float | None] = []
    for option in range(len(options)):
        column = [scores[c][option] if option < len(scores[c]) else None for c in range(len(criteria))]
        if any(v is None for v in column) or any(f is None for f in fractions):
            computed.append(None)
            continue
        computed.append(float(sum((f * v for f, v in zip(fractions, column)), Decimal(0))))  # type: ignore[operator]
    weight_sum = float(total_weight * (100 if unit == "fraction" else 1)) if known else None
    criteria = [
        Criterion(c.name, float(f) if f is not None else None, c.weight_raw, c.line)
        for c, f in zip(criteria, fractions)
    ]
    return DecisionMatrix(
        criteria=tuple(criteria),
        options=options,
        scores=tuple(tuple(float(v) if v is not None else None for v in row) for row in scores),
        stated_totals=tuple(float(v) if v is not None else None for v in stated),
        stated_totals_raw=tuple(stated_raw),
        computed_totals=tuple(computed),
        weight_unit=unit,
        weight_sum=weight_sum,
        line=table.line,
        total_line=total_line,
    )
