"""Property-based tests: no input crashes the parser, and what it returns is always well-formed."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrledger.model import STATUSES, Record
from adrledger.parse import parse_bytes, parse_text
from adrledger.parse.dates import parse_date
from adrledger.styles import STYLE_NAMES

MARKDOWN_BITS = [
    "# ",
    "## ",
    "### ",
    "```",
    "~~~",
    "---",
    "| a | b |",
    "|---|---|",
    "- [ ] ",
    "- [x] ",
    "* ",
    "1. ",
    "> ",
    "**Status:** ",
    "Status: ",
    "Date: ",
    "**Date**: ",
    " | ",
    "<!--",
    "-->",
    "[ADR-1](0001-x.md)",
    "ADR-0002",
    "Superseded by ",
    "supersedes ",
    "Accepted",
    "Proposed",
    "2024-01-02",
    "05/02/2018",
    "\n",
    "\n\n",
    "\t",
    "✅ ",
    "❌ ",
    "â€”",
    "\ufeff",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    "**",
    "__",
    "=====",
    "Weight",
    "Total",
    "25%",
    "8/10",
]
markdownish = st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=12)), max_size=80).map("".join)


def check_well_formed(records: list[Record], text_lines: int) -> None:
    assert records
    for record in records:
        assert record.status in STATUSES
        assert record.style in STYLE_NAMES
        assert record.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.date)
        assert 1 <= record.start_line <= max(record.end_line, 1)
        for section in record.sections:
            assert record.start_line <= section.line <= section.end_line or section.line == section.end_line + 1
            assert 1 <= section.level <= 6
        for problem in record.problems:
            assert problem.severity in ("error", "warning", "info") and problem.message
        assert all(relation.number is not None for relation in record.relations)
        if record.decision_matrix is not None:
            matrix = record.decision_matrix
            assert len(matrix.computed_totals) == len(matrix.options)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    records = parse_bytes(data, "0001-anything.md")
    check_well_formed(records, data.count(b"\n") + 1)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdown_like_text_never_crashes(text: str) -> None:
    records = parse_text(text, "0002-anything.md")
    check_well_formed(records, text.count("\n") + 1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text: str) -> None:
    check_well_formed(parse_text(text, "notes.md"), text.count("\n") + 1)


titles = (
    st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(lambda t: t and not t[0].isdigit() and "-" not in t[:1])
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=9999),
    titles,
    st.sampled_from(["Accepted", "Proposed", "Rejected"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
    st.sampled_from(["bold", "plain", "nygard"]),
)
def test_written_facts_read_back(number: int, title: str, status: str, day, shape: str) -> None:
    iso = day.isoformat()
    if shape == "bold":
        text = f"# ADR-{number:04d}: {title}\n\n**Status:** {status}\n\n**Date:** {iso}\n\n## Context\n\nWhy.\n"
    elif shape == "plain":
        text = f"# ADR {number} - {title}\n\nStatus: {status}\nDate: {iso}\n\n## Decision\n\nWhat.\n"
    else:
        text = f"# {number}. {title}\n\nDate: {iso}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"
    (record,) = parse_text(text, f"{number:04d}-x.md")
    assert (record.number, record.title, record.status, record.date) == (number, title, status.lower(), iso)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_iso_date_reads_back(day) -> None:
    assert parse_date(day.isoformat()).iso == day.isoformat()
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}").iso == day.isoformat()
