"""The Y-statement style end to end: read, written by `adr new`, linted, searched, converted, published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrledger.log import DecisionLog
from adrledger.parse import parse_text
from adrledger.render.site import build_site
from adrledger.styles import STYLE_NAMES
from adrledger.styles.y_statement import clauses
from adrledger.writers import convert
from adrledger.writers.facts import lost_facts

from golden import assert_golden

NAME = "0002-cache-product-prices-at-the-edge.md"
RECORD = """# ADR-0002: Cache product prices at the edge

**Status:** Accepted

**Date:** 2024-03-02

## Y-Statement

In the context of the product pages of the shop,
facing page loads above two seconds during sales,
we decided for prices cached at the CDN edge
and neglected a read replica per region, prices cached in the browser,
to achieve pages under one second at peak,
accepting prices up to a minute stale.
"""
OTHER_STYLES = [name for name in STYLE_NAMES if name != "y-statement"]


def test_each_clause_is_read_into_the_model():
    (record,) = parse_text(RECORD, NAME)
    assert record.style == "y-statement"
    assert record.context == (
        "In the context of the product pages of the shop, facing page loads above two seconds during sales."
    )
    assert record.decision == "We decided for prices cached at the CDN edge."
    assert [(a.name, a.verdict) for a in record.alternatives] == [
        ("prices cached at the CDN edge", "chosen"),
        ("a read replica per region", "rejected"),
        ("prices cached in the browser", "rejected"),
    ]
    assert record.drivers == ("pages under one second at peak",)
    assert record.consequences.negative == ("prices up to a minute stale",)
    assert record.consequences.structured and record.consequences.line == 7
    assert [s.key for s in record.sections] == ["statement"]


def test_a_section_of_the_record_wins_over_its_clause():
    (record,) = parse_text(RECORD + "\n## Context\n\nSales bring ten times the usual traffic.\n", NAME)
    assert record.context == "Sales bring ten times the usual traffic."
    assert record.decision == "We decided for prices cached at the CDN edge."


def test_clauses_left_out_or_left_as_placeholders_are_absent():
    assert clauses("In the context of <use case>, facing <!-- a worry -->, we decided for X.") == {"option": "X"}
    assert clauses("**In the context of** checkout, **we chose for** [option]") == {"use_case": "checkout"}
    found = clauses(
        "In the context of search, facing slow queries, we decided for an index, "
        "to achieve speed, accepting more writes, because reads dominate."
    )
    assert found == {
        "use_case": "search",
        "concern": "slow queries",
        "option": "an index",
        "quality": "speed",
        "downside": "more writes",
        "because": "reads dominate",
    }


def test_new_show_export_search_and_lint(adr, tmp_path: Path):
    assert adr("init", "--style", "y-statement").code == 0
    created = adr("new", "--style", "y-statement", "Cache", "prices").out.strip()
    assert created == "doc/adr/0002-cache-prices.md"
    (tmp_path / created).unlink()
    (tmp_path / "doc/adr" / NAME).write_text(RECORD, encoding="utf-8")
    shown = json.loads(adr("show", "2", "--json").out)
    assert (shown["style"], shown["drivers"]) == ("y-statement", ["pages under one second at peak"])
    assert [a["verdict"] for a in shown["alternatives"]] == ["chosen", "rejected", "rejected"]
    assert shown["consequences"]["negative"] == ["prices up to a minute stale"]
    exported = json.loads(adr("export", "--format", "json").out)
    assert [r["style"] for r in exported] == ["y-statement", "y-statement"]
    assert "y-statement" in json.loads(adr("schema").out)["$defs"]["record"]["properties"]["style"]["enum"]
    found = adr("search", "replica", "--format", "json")
    assert found.code == 0 and "0002" in found.out
    assert adr("lint").code == 0
    (tmp_path / "doc/adr" / NAME).write_text(RECORD.replace(",\naccepting prices up to a minute stale", ""))
    strict = json.loads(adr("lint", "--extend-select", "ADR604", "--format", "json").out)
    assert [(d["code"], d["line"]) for d in strict] == [("ADR604", 7)]


def test_adr_convert_writes_the_file(adr, tmp_path: Path):
    adr("init", "--style", "y-statement")
    (tmp_path / "doc/adr" / NAME).write_text(RECORD, encoding="utf-8")
    result = adr("convert", "2", "--style", "table")
    assert result.code == 0, result.err
    (record,) = parse_text((tmp_path / "doc/adr" / NAME).read_text(encoding="utf-8"), NAME)
    assert record.style == "table"
    assert adr("convert", "2", "--style", "y-statement").code == 0
    assert parse_text((tmp_path / "doc/adr" / NAME).read_text(encoding="utf-8"), NAME)[0].style == "y-statement"


@pytest.mark.parametrize("style", OTHER_STYLES)
def test_converts_to_every_style_and_back_with_its_facts(style: str):
    (original,) = parse_text(RECORD, NAME)
    converted = convert(original, RECORD, style)
    assert_golden(converted, f"writers/y-statement.{style}.md")
    (there,) = parse_text(converted, NAME)
    assert (there.style, lost_facts(original, there)) == (style, [])
    back = convert(there, converted, "y-statement")
    (again,) = parse_text(back, NAME)
    assert (again.style, lost_facts(original, again)) == ("y-statement", [])


def test_a_record_of_another_style_gets_its_sentence_composed():
    text = (
        "# ADR-0003: Queue the exports\n\n**Status**: Accepted | **Date**: 2024-04-01\n\n## Context\n\n"
        "Exports time out. They block the web workers.\n\n## Decision\n\nWe will queue the exports.\n\n"
        "## Consequences\n\n- ✅ Web workers stay free\n- ❌ Exports arrive by mail\n"
    )
    (record,) = parse_text(text, "0003-queue-the-exports.md")
    converted = convert(record, text, "y-statement")
    assert (
        "## Y-Statement\n\nIn the context of exports time out,\nwe decided for queue the exports,\n"
        "to achieve web workers stay free,\naccepting exports arrive by mail.\n"
    ) in converted


def test_the_site_publishes_the_sentence(tmp_path: Path):
    folder = tmp_path / "doc/adr"
    folder.mkdir(parents=True)
    (folder / NAME).write_text(RECORD, encoding="utf-8")
    build_site(DecisionLog.discover(folder), tmp_path / "out")
    page = (tmp_path / "out/records/0002.html").read_text(encoding="utf-8")
    assert "<h1>Cache product prices at the edge</h1>" in page
    assert "Y-Statement</h2>" in page and "we decided for prices cached at the CDN edge" in page
    assert "<dt>Style</dt><dd>y-statement</dd>" in page
    listing = (tmp_path / "out/decisions.html").read_text(encoding="utf-8")
    assert '<option value="y-statement">y-statement</option>' in listing and 'data-style="y-statement"' in listing


def test_lifecycle_writes_status_and_relations_where_the_style_keeps_them(adr, tmp_path: Path):
    adr("init", "--style", "y-statement")
    assert adr("new", "-s", "1", "Keep", "decisions", "in", "the", "repository").code == 0
    assert adr("link", "2", "Relates to", "1", "Related to").code == 0
    old = (tmp_path / "doc/adr/0001-record-architecture-decisions.md").read_text(encoding="utf-8")
    assert "**Status:** Superseded by [ADR-0002](0002-keep-decisions-in-the-repository.md)\n" in old
    new = json.loads(adr("show", "2", "--json").out)
    assert (new["style"], new["supersedes"], [r["number"] for r in new["related"]]) == ("y-statement", [1], [1])
    assert json.loads(adr("show", "1", "--json").out)["superseded_by"] == [2]
    assert adr("lint").code == 0
