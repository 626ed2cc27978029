"""One record's decision matrix, recomputed: the options ranked, stated totals checked."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..errors import UsageError
from ..model import DecisionMatrix, Record
from . import Report, ReportOptions, Table, record_label

_STATED_NUMBER = re.compile(r"-?\d+(?:[.,](\d+))?")


@dataclass(frozen=True)
class Ranked:
    rank: int
    option: str
    computed: float | None
    stated: float | None
    stated_raw: str
    matches: bool | None  # None when either total is missing


def build(records: list[Record], options: ReportOptions) -> Report:
    record = _find(records, options.reference)
    matrix = record.decision_matrix
    if matrix is None:
        raise UsageError(f"record {record_label(record)} has no decision matrix", path=record.path)
    ranking = rank(matrix)
    criteria = tuple((c.name, c.weight_raw or "", _weight(c.weight, matrix.weight_unit)) for c in matrix.criteria)
    rows = tuple((str(r.rank), r.option, _number(r.computed), r.stated_raw or "-", _check(r.matches)) for r in ranking)
    tables = (
        Table("Criteria", ("Criterion", "Weight as written", "Weight"), criteria),
        Table("Ranking", ("Rank", "Option", "Computed", "Stated", "Check"), rows),
    )
    data = {
        "report": "matrix",
        "record": record_label(record),
        "title": record.title,
        "path": record.path,
        "line": matrix.line,
        "weight_unit": matrix.weight_unit,
        "weight_sum": matrix.weight_sum,
        "criteria": [{"name": c.name, "weight": c.weight, "weight_raw": c.weight_raw} for c in matrix.criteria],
        "ranking": [asdict(r) for r in ranking],
    }
    title = f"Decision matrix of {record_label(record)}: {record.title}"
    return Report("matrix", title, data, tables, _notes(matrix, ranking))


def _find(records: list[Record], reference: str | None) -> Record:
    if not reference:
        raise UsageError("the matrix report needs a record: adr report matrix N")
    text = reference.strip().lower().removeprefix("adr-").removeprefix("adr")
    for record in records:
        if record.id == reference or (text.isdigit() and record.number == int(text)):
            return record
    raise UsageError(f"no record matches '{reference}'")


def rank(matrix: DecisionMatrix) -> list[Ranked]:
    """The options by computed total, best first (ties keep the table's order)."""

    def at(values: tuple[object, ...], index: int) -> object:
        return values[index] if index < len(values) else None

    scored = []
    for index, option in enumerate(matrix.options):
        computed, stated = at(matrix.computed_totals, index), at(matrix.stated_totals, index)
        raw = str(at(matrix.stated_totals_raw, index) or "")
        assert computed is None or isinstance(computed, float)
        assert stated is None or isinstance(stated, float)
        matches = None if computed is None or stated is None else stated_total_matches(computed, raw)
        scored.append((index, option, None if computed is None else round(computed, 4), stated, raw, matches))
    scored.sort(key=lambda s: (s[2] is None, -(s[2] or 0.0), s[0]))
    return [Ranked(position, *entry[1:]) for position, entry in enumerate(scored, start=1)]


def stated_total_matches(computed: float, stated_raw: str) -> bool | None:
    """The stated total equals the weighted sum rounded half-up at the stated precision (docs/adr 0008)."""
    match = _STATED_NUMBER.search(stated_raw)
    if match is None:
        return None
    written = Decimal(match.group(0).replace(",", "."))
    decimals = len(match.group(1) or "")
    exact = Decimal(repr(computed))  # the shortest repr of the parser's exact decimal sum
    return exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP) == written


def _notes(matrix: DecisionMatrix, ranking: list[Ranked]) -> tuple[str, ...]:
    notes = []
    if matrix.weight_sum is not None and abs(matrix.weight_sum - 100) > 0.5:
        notes.append(f"weights add up to {matrix.weight_sum:g} %, not 100 %")
    wrong = sum(1 for r in ranking if r.matches is False)
    if wrong:
        notes.append(f"{wrong} of {len(ranking)} stated totals differ from the weighted sums")
    best = next((r for r in ranking if r.computed is not None), None)
    if best is not None:
        notes.append(f"best option: {best.option} ({_number(best.computed)})")
    return tuple(notes)


def _check(matches: bool | None) -> str:
    return "-" if matches is None else ("ok" if matches else "WRONG")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _weight(weight: float | None, unit: str) -> str:
    if weight is None:
        return "?"
    return f"{weight * 100:g} %" if unit in ("percent", "fraction") else f"{weight:g}"
