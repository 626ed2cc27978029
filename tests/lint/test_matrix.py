"""Decision-matrix arithmetic in exact decimals."""

from __future__ import annotations

from decimal import Decimal

from adrledger.lint.matrix import cell_spans, check_totals, looks_unweighted, round_half_up, stated_number
from adrledger.parse import parse_text

MATRIX = """# 1. Pick a cache

## Decision Matrix

| Criteria | Weight | Redis | Memcached |
|---|---|---|---|
| Performance | 25% | 10 | 9 |
| Scalability | 20% | 8 | 6 |
| Reliability | 20% | 8 | 6 |
| Ecosystem | 15% | 9 | 7 |
| Operational | 20% | 9 | 9 |
| **Total** | 100% | {redis} | {memcached} |
"""


def totals(redis: str, memcached: str):
    (record,) = parse_text(MATRIX.format(redis=redis, memcached=memcached), "0001-pick-a-cache.md")
    assert record.decision_matrix is not None
    return check_totals(record.decision_matrix)


def test_half_up_at_the_stated_decimals_where_floats_round_down() -> None:
    assert round(8.85, 1) == 8.8  # the binary float below 8.85: why the check does not use floats
    redis, memcached = totals("8.9", "7.5")
    assert (redis.weighted, redis.rounded, redis.correct) == (Decimal("8.85"), Decimal("8.9"), True)
    assert memcached.correct
    wrong, _ = totals("8.8", "7.5")
    assert not wrong.correct


def test_more_decimals_must_be_exact() -> None:
    redis, _ = totals("8.85", "7.50")
    assert redis.correct and redis.decimals == 2
    redis, _ = totals("8.9/10", "**7,5**")
    assert redis.correct
    assert all(check.correct for check in totals("9", "8"))  # 8.85 and 7.5 at no decimals, half-up
    assert not totals("8", "7")[1].correct


def test_unweighted_means_are_recognised() -> None:
    checks = totals("8.8", "7.4")  # (10+8+8+9+9)/5 and (9+6+6+7+9)/5
    assert looks_unweighted(checks)
    assert not looks_unweighted(totals("8.9", "7.5"))


def test_round_half_up_and_stated_numbers() -> None:
    assert round_half_up(Decimal("7.05"), 1) == Decimal("7.1")
    assert round_half_up(Decimal("7.949"), 1) == Decimal("7.9")
    assert stated_number("**8.4/10**") == (Decimal("8.4"), "8.4", 1)
    assert stated_number("7,25") == (Decimal("7.25"), "7,25", 2)
    assert stated_number("n/a") is None


def test_relative_weights_may_be_normalised() -> None:
    text = (
        "# 1. X\n\n| Criteria | Weight | A | B |\n|---|---|---|---|\n| Speed | 3 | 8 | 6 |\n"
        "| Cost | 1 | 6 | 8 |\n| Total | | {a} | {b} |\n"
    )
    for a, b in (("30", "26"), ("7.5", "6.5")):  # plain weighted sums, or divided by the weights' total
        (record,) = parse_text(text.format(a=a, b=b), "0001-x.md")
        assert record.decision_matrix is not None
        assert all(check.correct for check in check_totals(record.decision_matrix)), (a, b)


def test_cell_spans() -> None:
    line = "| **Total** | 100% | a \\| b | 8.4 |"
    assert [line[a:b].strip() for a, b in cell_spans(line)] == ["**Total**", "100%", "a \\| b", "8.4"]
    bare = "a | b"
    assert [bare[a:b] for a, b in cell_spans(bare)] == ["a ", " b"]
