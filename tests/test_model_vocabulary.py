"""The model's closed vocabularies (Literal types) are the words the code lists and the parser produces."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from adrledger import names, styles
from adrledger.model import RelationKind, RelationSource, Status, StatusSource, StyleName
from adrledger.parse import parse_file, parse_text
from adrledger.parse.refs import KIND_BY_LABEL

ROOT = Path(__file__).resolve().parents[1]


def test_the_types_list_the_contract_words_in_order() -> None:
    assert get_args(Status) == names.STATUSES
    assert get_args(StyleName) == styles.STYLE_NAMES
    assert set(KIND_BY_LABEL.values()) | {"related"} == set(get_args(RelationKind))


def test_a_status_among_other_fields_on_one_line_is_inline() -> None:
    [record] = parse_text("# 3. Use queues\n\n**Status**: Accepted | **Date**: 2024-01-20\n\n## Context\n\nWhy.\n")
    assert (record.status, record.status_source) == ("accepted", "inline")
    assert record.status_source in get_args(StatusSource)


def test_every_record_the_project_holds_reads_inside_the_vocabularies() -> None:
    """Examples, fixtures and our own ADRs: every style, status, status source and relation found is a
    word of its type (a type that omits a word the parser produces fails here)."""
    seen: dict[str, set[str]] = {
        "style": set(),
        "status": set(),
        "status_source": set(),
        "kind": set(),
        "source": set(),
    }
    files = [p for folder in ("examples", "tests", "docs/adr") for p in sorted((ROOT / folder).rglob("*.md"))]
    for path in files:
        for record in parse_file(path):
            seen["style"].add(record.style)
            seen["status"].add(record.status)
            seen["status_source"].add(record.status_source)
            seen["kind"] |= {r.kind for r in record.relations}
            seen["source"] |= {r.source for r in record.relations}
    for name, kind in (
        ("style", StyleName),
        ("status", Status),
        ("status_source", StatusSource),
        ("kind", RelationKind),
        ("source", RelationSource),
    ):
        assert seen[name] <= set(get_args(kind)), name
    assert {"inline", "section", "front_matter"} <= seen["status_source"]
    assert {"status", "links", "front_matter", "prose"} <= seen["source"]
