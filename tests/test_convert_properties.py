"""Conversion keeps every word of every part: text -> A -> B -> A over every pair of the seven styles.

The records are generated: alternatives whose pros and cons hold commas, semicolons and
parentheses (a table cell is one point, not a list split on commas), consequences of each
kind, a context and a decision. Each part is compared as its sequence of words, so the
punctuation a style adds ("Good, because", a bullet, bold) does not count, but a word lost,
added or moved does.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrledger.model import Record
from adrledger.parse import parse_text
from adrledger.styles import STYLE_NAMES
from adrledger.writers import convert

FILENAME = "0007-choose-the-build-tool.md"
WORDS = (
    "build",
    "cache",
    "Rollup",
    "second",
    "tool",
    "cheap",
    "global",
    "code",
    "vendor",
    "pricing",
    "lock",
    "queue",
    "retry",
    "slow",
    "fast",
    "team",
    "cost",
    "plugins",
    "docs",
    "Vite",
    "esbuild",
    "60s+",
    "5/user/day",
    "100k",
    "`npm`",
    "**risk**",
    "e.g.",
    "Bad",
    "Good",
    "Pro",
    "Note",
    "because",
    "ADR-0003",
)
word = st.sampled_from(WORDS)
# Joints between words: the punctuation that real cells and points carry.
joint = st.sampled_from([" ", " ", " ", ", ", "; ", " (", ") ", " - ", "/", ": ", " & ", ", because ", " + "])


# A point that starts "Bad:" or "Good, because" is classified by those words when read: they may
# come later in a point, not first.
LABELS = ("Bad", "Good", "Pro", "Note", "because")


@st.composite
def phrase(draw: Any, min_words: int = 1, max_words: int = 6) -> str:
    words = draw(st.lists(word, min_size=min_words, max_size=max_words).filter(lambda w: w[0] not in LABELS))
    text = words[0]
    for item in words[1:]:
        text += draw(joint) + item
    return text.capitalize() if text[0].islower() else text


@st.composite
def record_content(draw: Any) -> dict[str, Any]:
    names = draw(
        st.lists(
            st.sampled_from(["Vite", "Webpack", "Parcel", "Turbopack", "Rspack"]), min_size=2, max_size=3, unique=True
        )
    )
    return {
        "context": draw(phrase(3, 10)),
        "decision": f"We will use {names[0]} for every build.",
        "alternatives": [
            (name, draw(st.lists(phrase(), min_size=1, max_size=3)), draw(st.lists(phrase(), min_size=1, max_size=3)))
            for name in names
        ],
        "positive": draw(st.lists(phrase(), min_size=1, max_size=3)),
        "negative": draw(st.lists(phrase(), min_size=1, max_size=3)),
        "neutral": draw(st.lists(phrase(), max_size=2)),
    }


def as_table_record(content: dict[str, Any]) -> str:
    """The text a team writes in the table style, by hand: each pro and con cell one point."""
    rows = [
        f"| **{name}** | {'<br>'.join(pros)} | {'<br>'.join(cons)} | {'✅ Chosen' if index == 0 else '❌ Rejected'} |"
        for index, (name, pros, cons) in enumerate(content["alternatives"])
    ]
    consequences = [
        f"### {title}\n\n" + "\n".join(f"- {item}" for item in content[kind]) + "\n"
        for kind, title in (("positive", "Positive"), ("negative", "Negative"), ("neutral", "Neutral"))
        if content[kind]
    ]
    return "\n".join(
        [
            "# ADR-0007: Choose the build tool",
            "",
            "**Date:** 2024-03-01",
            "**Status:** Accepted",
            "",
            "## Decision",
            "",
            content["decision"],
            "",
            "## Context",
            "",
            content["context"],
            "",
            "## Alternatives Considered",
            "",
            "| Approach | Pros | Cons | Verdict |",
            "|---|---|---|---|",
            *rows,
            "",
            "## Consequences",
            "",
            *consequences,
        ]
    )


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def parts(record: Record) -> dict[str, Any]:
    """Each part of the record as its words in order (pros and cons: each point's words, point by point)."""
    found: dict[str, Any] = {
        "title": words(record.title),
        "context": words(record.context),
        "decision": words(record.decision),
        "positive": words(" ".join(record.consequences.positive)),
        "negative": words(" ".join(record.consequences.negative)),
        "neutral": words(" ".join(record.consequences.neutral)),
    }
    for alternative in record.alternatives:
        found[f"alternative {alternative.name}"] = words(alternative.name)
        found[f"pros of {alternative.name}"] = [words(item) for item in alternative.pros]
        found[f"cons of {alternative.name}"] = [words(item) for item in alternative.cons]
    return found


def expected_parts(content: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {
        "title": words("Choose the build tool"),
        "context": words(content["context"]),
        "decision": words(content["decision"]),
    }
    for kind in ("positive", "negative", "neutral"):
        found[kind] = words(" ".join(content[kind]))
    for name, pros, cons in content["alternatives"]:
        found[f"alternative {name}"] = [name]
        found[f"pros of {name}"] = [words(item) for item in pros]
        found[f"cons of {name}"] = [words(item) for item in cons]
    return found


def converted(record: Record, text: str, style: str) -> tuple[Record, str]:
    result = convert(record, text, style)
    (again,) = parse_text(result, FILENAME)
    return again, result


def test_a_table_cell_is_one_point_whatever_its_commas():
    content = {
        "context": "Builds are slow.",
        "decision": "We will use Vite for every build.",
        "alternatives": [
            ("Vite", ["Fast dev server"], ["Production build uses Rollup, a second tool"]),
            ("Netlify", ["Cheap, global, no code"], ["Lock-in (vendor, pricing)"]),
        ],
        "positive": ["Faster builds"],
        "negative": ["One more tool"],
        "neutral": [],
    }
    (record,) = parse_text(as_table_record(content), FILENAME)
    assert [(a.pros, a.cons) for a in record.alternatives] == [
        (("Fast dev server",), ("Production build uses Rollup, a second tool",)),
        (("Cheap, global, no code",), ("Lock-in (vendor, pricing)",)),
    ]


# Every pair in CI; locally the pairs into and out of the first style (each style is still written and read).
@pytest.mark.parametrize(
    "first, second",
    [
        pytest.param(a, b, marks=() if STYLE_NAMES[0] in (a, b) else pytest.mark.slow)
        for a, b in product(STYLE_NAMES, STYLE_NAMES)
    ],
    ids=lambda style: str(style),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(content=record_content())
def test_text_to_a_to_b_to_a_keeps_each_parts_words_in_order(first: str, second: str, content: dict[str, Any]) -> None:
    text = as_table_record(content)
    (source,) = parse_text(text, FILENAME)
    assert parts(source) == expected_parts(content), text
    in_a, a_text = converted(source, text, first)
    assert parts(in_a) == parts(source), a_text
    in_b, b_text = converted(in_a, a_text, second)
    assert parts(in_b) == parts(source), b_text
    again, again_text = converted(in_b, b_text, first)
    assert parts(again) == parts(in_a), again_text
