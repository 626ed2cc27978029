"""The JSON shape of records: a published contract (see `adr schema`). Field names never change."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Record
from .identity import Identities


def record_to_json(record: Record, key: str | None = None) -> dict[str, Any]:
    """One record as the export contract describes it; `key` is its id among the records exported with it."""
    return {
        "id": key or record.id,
        "number": record.number,
        "title": record.title,
        "status": record.status,
        "status_raw": record.status_raw,
        "date": record.date,
        "path": record.path,
        "style": record.style,
        "deciders": list(record.deciders),
        "consulted": list(record.consulted),
        "informed": list(record.informed),
        "authors": list(record.authors),
        "tags": list(record.tags),
        "package": record.package or None,
        "supersedes": list(record.supersedes),
        "superseded_by": list(record.superseded_by),
        "amends": list(record.amends),
        "amended_by": list(record.amended_by),
        "related": [
            {"number": r.number, "title": r.title, "label": r.label} for r in record.relations if r.kind == "related"
        ],
        "sections": [{"title": s.title, "level": s.level, "line": s.line} for s in record.sections],
        "context": record.context,
        "decision": record.decision,
        "drivers": list(record.drivers),
        "alternatives": [
            {
                "name": a.name,
                "description": a.description,
                "pros": list(a.pros),
                "cons": list(a.cons),
                "verdict": a.verdict,
                "reason": a.reason,
                "line": a.line,
            }
            for a in record.alternatives
        ],
        "consequences": {
            "positive": list(record.consequences.positive),
            "negative": list(record.consequences.negative),
            "neutral": list(record.consequences.neutral),
        },
        "risks": [
            {"risk": r.risk, "impact": r.impact, "likelihood": r.likelihood, "mitigation": r.mitigation, "line": r.line}
            for r in record.risks
        ],
        "decision_matrix": _matrix(record),
        "checklists": [
            {
                "title": c.title,
                "done": c.done,
                "total": c.total,
                "line": c.line,
                "items": [{"text": i.text, "done": i.done, "line": i.line} for i in c.items],
            }
            for c in record.checklists
        ],
        "review_log": [
            {"date": e.date, "change": e.change, "author": e.author, "line": e.line} for e in record.review_log
        ],
        "references": [{"text": r.text, "url": r.url} for r in record.references],
        "scope": list(record.scope),
        "line_count": record.line_count,
        "word_count": record.word_count,
        "problems": [
            {"line": p.line, "code": p.code, "message": p.message, "severity": p.severity} for p in record.problems
        ],
    }


def _matrix(record: Record) -> dict[str, Any] | None:
    matrix = record.decision_matrix
    if matrix is None:
        return None
    return {
        "criteria": [{"name": c.name, "weight": c.weight, "weight_raw": c.weight_raw} for c in matrix.criteria],
        "options": list(matrix.options),
        "scores": [list(row) for row in matrix.scores],
        "stated_totals": list(matrix.stated_totals),
        "computed_totals": list(matrix.computed_totals),
        "weight_unit": matrix.weight_unit,
        "weight_sum": matrix.weight_sum,
        "line": matrix.line,
    }


def to_json(records: Iterable[Record], indent: int | None = 2) -> str:
    if indent == 2:
        return "".join(iter_json(records))
    return json.dumps([record_to_json(r, k) for r, k in _keyed(records)], indent=indent, ensure_ascii=False)


def _keyed(records: Iterable[Record]) -> list[tuple[Record, str]]:
    """Each record with its id: unique per file, even where files share a number (identity.py)."""
    listed = list(records)
    identities = Identities.of(listed)
    return [(record, identities.key(record)) for record in listed]


def iter_json(records: Iterable[Record]) -> Iterator[str]:
    """to_json(records) in pieces, a record at a time: at 100,000 records the whole text and
    the dictionaries behind it would take gigabytes.

    json.dumps(list, indent=2) writes "[", each item indented one level deeper, ",\n"
    between them and "]"; an item's own text has no raw newline but between lines (JSON
    escapes those inside strings), so indenting it is one replace.
    """
    opened = False
    for record, key in _keyed(records):
        text = json.dumps(record_to_json(record, key), indent=2, ensure_ascii=False)
        yield ",\n  " if opened else "[\n  "
        yield text.replace("\n", "\n  ")
        opened = True
    yield "\n]" if opened else "[]"


def to_jsonl(records: Iterable[Record]) -> str:
    return "".join(json.dumps(record_to_json(r, k), ensure_ascii=False) + "\n" for r, k in _keyed(records))


CSV_FIELDS = ("number", "title", "status", "date", "path", "style", "deciders", "tags", "supersedes", "superseded_by")


def to_csv(records: Iterable[Record]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for record in records:
        data = record_to_json(record)
        writer.writerow(
            [
                "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                for v in (data[f] for f in CSV_FIELDS)
            ]
        )
    return out.getvalue()


def schema_text() -> str:
    """The JSON Schema of an exported record; its style enum names every registered style."""
    # lazy: importlib is only needed here (startup cost)
    from importlib.resources import files

    # lazy: keeps importlib off this module's import
    from ..styles import STYLE_NAMES

    schema = json.loads(files("adrledger").joinpath("schema/record.schema.json").read_text(encoding="utf-8"))
    listed = schema["$defs"]["record"]["properties"]["style"]["enum"]
    listed += [name for name in STYLE_NAMES if name not in listed]  # a style added after the file was written
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
