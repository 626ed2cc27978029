"""Decision-matrix arithmetic in exact decimals, and the edit that writes corrected totals.

Binary floating point cannot hold 8.85: `round(8.85, 1)` is 8.8 in Python because the float is
8.8499999... Totals are therefore recomputed from the scores and weights as decimals, and a stated
total is right when it equals the weighted sum rounded half-up to the decimals it is written with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model import DecisionMatrix
from .context import plain as strip_inline

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class TotalCheck:
    option: str
    index: int
    stated: Decimal
    stated_text: str  # the number as written ("8.4")
    decimals: int
    weighted: Decimal  # exact weighted sum
    rounded: Decimal  # weighted sum at the stated number of decimals
    mean: Decimal | None  # unweighted mean of the scores

    @property
    def correct(self) -> bool:
        return self.stated == self.rounded


def exact(value: float) -> Decimal:
    """The decimal a float was read from (the parser reads decimals, then stores floats)."""
    return Decimal(repr(value))


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def stated_number(raw: str) -> tuple[Decimal, str, int] | None:
    """(value, text, decimals) of the first number in a total cell ("**8.4/10**" -> 8.4, "8.4", 1)."""
    match = _NUMBER.search(strip_inline(raw))
    if match is None:
        return None
    text = match.group(0)
    decimals = len(re.split(r"[.,]", text)[1]) if re.search(r"[.,]", text) else 0
    return Decimal(text.replace(",", ".")), text, decimals


def check_totals(matrix: DecisionMatrix) -> list[TotalCheck]:
    """Compare every stated total with the weighted sum of its option's scores."""
    weights = [exact(c.weight) if c.weight is not None else None for c in matrix.criteria]
    if not weights or any(w is None for w in weights):
        return []
    results = []
    for index, option in enumerate(matrix.options):
        raw = matrix.stated_totals_raw[index] if index < len(matrix.stated_totals_raw) else ""
        stated = stated_number(raw) if raw else None
        column = [row[index] if index < len(row) else None for row in matrix.scores]
        if stated is None or any(score is None for score in column):
            continue
        scores = [exact(score) for score in column if score is not None]
        weighted = sum((w * s for w, s in zip(weights, scores, strict=True) if w is not None), Decimal(0))
        value, text, decimals = stated
        weighted = _convention(matrix, weighted, value, decimals)
        mean = sum(scores, Decimal(0)) / len(scores) if scores else None
        results.append(
            TotalCheck(option, index, value, text, decimals, weighted, round_half_up(weighted, decimals), mean)
        )
    return results


def _convention(matrix: DecisionMatrix, weighted: Decimal, stated: Decimal, decimals: int) -> Decimal:
    """The weighted sum in the convention the table uses, when it uses another one than the plain sum.

    Relative weights (3, 2, 1) are often normalised (sum divided by the weights' total); percent
    weights are sometimes applied without dividing by 100 (a total of 830 for 8.3).
    """
    alternatives = []
    if matrix.weight_unit == "relative" and matrix.weight_sum:
        alternatives.append(weighted / exact(matrix.weight_sum))
    if matrix.weight_unit == "percent":
        alternatives.append(weighted * 100)
    for candidate in alternatives:
        if round_half_up(candidate, decimals) == stated:
            return candidate
    return weighted


def looks_unweighted(checks: list[TotalCheck]) -> bool:
    """True when some totals are wrong and every stated total is the plain mean of the scores."""
    return any(not c.correct for c in checks) and all(
        c.mean is not None and round_half_up(c.mean, c.decimals) == c.stated for c in checks
    )


def written_like(value: Decimal, model: str) -> str:
    """`value` written with the decimal separator of `model` ("8,3" after "8,4")."""
    text = str(value)
    return text.replace(".", ",") if "," in model else text


def cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the cells of a pipe-table row (escaped pipes do not split)."""
    bars = [i for i, char in enumerate(line) if char == "|" and (i == 0 or line[i - 1] != "\\")]
    if not bars:
        return []
    spans = []
    leading = line[: bars[0]].strip() == ""
    starts = bars if leading else [-1, *bars]
    for position, bar in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(line)
        if end == len(line) and not line[bar + 1 :].strip():
            break
        spans.append((bar + 1, end))
    return spans


def rewrite_cell_number(line: str, span: tuple[int, int], old: str, new: str) -> str:
    """The row with the first `old` number inside one cell replaced by `new`."""
    start, end = span
    cell = line[start:end]
    match = re.search(rf"(?<![\d.,]){re.escape(old)}(?![\d])", cell)
    if match is None:
        return line
    return line[:start] + cell[: match.start()] + new + cell[match.end() :] + line[end:]
