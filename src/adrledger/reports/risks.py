"""The risk register: every risk of every record, the most severe first."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..base.termtext import plural
from ..model import Record, Risk
from . import Report, ReportOptions, Table, record_label

_LEVELS = (
    ("critical", 4),
    ("very high", 4),
    ("high", 3),
    ("medium", 2),
    ("moderate", 2),
    ("med", 2),
    ("low", 1),
    ("minor", 1),
)


@dataclass(frozen=True)
class RiskEntry:
    risk: str
    impact: str
    likelihood: str
    mitigation: str
    severity: int  # impact level × likelihood level, 0 when either is unknown
    record: str
    title: str
    status: str
    path: str
    line: int


def level(text: str) -> int:
    """A rough 0-4 reading of "High", "Medium (delayed exports)", "Low"... (0 when unknown)."""
    lowered = text.lower()
    for word, value in _LEVELS:
        if re.search(rf"\b{word}\b", lowered):
            return value
    return 0


def build(records: list[Record], options: ReportOptions) -> Report:
    entries = sorted(
        (_entry(record, risk) for record in records for risk in record.risks),
        key=lambda e: (-e.severity, e.record, e.line),
    )
    rows = tuple((e.risk, e.impact, e.likelihood, e.mitigation, e.record, e.status) for e in entries)
    table = Table("", ("Risk", "Impact", "Likelihood", "Mitigation", "Record", "Status"), rows)
    unmitigated = sum(1 for e in entries if not e.mitigation.strip())
    notes = [f"{plural(len(entries), 'risk')} in {plural(len({e.record for e in entries}), 'record')}"]
    if unmitigated:
        notes.append(f"{plural(unmitigated, 'risk')} without a mitigation")
    data = {"report": "risks", "risks": [asdict(e) for e in entries]}
    return Report("risks", "Risk register", data, (table,), tuple(notes))


def _entry(record: Record, risk: object) -> RiskEntry:
    assert isinstance(risk, Risk)
    return RiskEntry(
        risk.risk,
        risk.impact,
        risk.likelihood,
        risk.mitigation,
        level(risk.impact) * level(risk.likelihood),
        record_label(record),
        record.title,
        record.status,
        record.path,
        risk.line,
    )
