"""The complete example records in the seed documents read back faithfully."""

from __future__ import annotations

import pytest

from adrledger.parse import parse_file

from conftest import seed_path


def records_of(prefix: str):
    return parse_file(seed_path(prefix))


def test_seed_000_redis_sessions_record():
    template, redis = records_of("000")
    assert template.number is None and template.status == "other"
    assert {p.code for p in template.problems} >= {"placeholder-status", "placeholder-date", "placeholder-number"}
    assert redis.number == 3
    assert redis.title == "Use Redis for Session Storage"
    assert (redis.status, redis.status_raw, redis.date) == ("accepted", "Accepted", "2024-01-20")
    assert redis.deciders == ("Jane Doe (Tech Lead)", "John Smith (Backend Lead)")
    assert redis.tags == ("infrastructure", "caching", "sessions")
    assert redis.style == "full"
    assert [a.name for a in redis.alternatives] == ["PostgreSQL", "DynamoDB", "Memcached"]
    assert all(a.verdict == "rejected" and a.reason for a in redis.alternatives)
    assert redis.alternatives[0].pros == (
        "Already using PostgreSQL, no new infrastructure",
        "ACID guarantees",
        "Familiar to team",
    )
    assert redis.alternatives[2].reason.startswith("Lack of persistence") and "---" not in redis.alternatives[2].reason
    assert len(redis.consequences.positive) == 6
    assert len(redis.consequences.negative) == 4
    assert len(redis.consequences.neutral) == 4
    assert redis.consequences.negative[0] == "Additional infrastructure cost (~$30/month base + data transfer)"
    assert [(e.date, e.author) for e in redis.review_log] == [("2024-01-20", "Jane Doe"), ("2024-02-15", "John Smith")]
    assert redis.decision_matrix is None and redis.checklists == ()
    assert [r.number for r in redis.relations_of("related")] == [1, 4]
    assert redis.decision.startswith("We will use Redis")


@pytest.mark.parametrize(
    "index, number, title, date, deciders, options, chosen, related",
    [
        (
            1,
            1,
            "PostgreSQL for Primary Data Store",
            "2025-01-15",
            ("Tech Lead", "Solutions Architect", "Backend Lead"),
            ["PostgreSQL", "MySQL", "MongoDB"],
            "PostgreSQL",
            [5, 8],
        ),
        (
            2,
            2,
            "JWT with Refresh Tokens for API Authentication",
            "2025-01-15",
            ("Solutions Architect", "Security Lead", "Backend Lead"),
            ["JWT with Refresh Tokens", "Session-based with Redis", "JWT Only (Long-lived)"],
            "JWT with Refresh Tokens",
            [3],
        ),
        (
            3,
            3,
            "Redis Pub/Sub for Internal Events",
            "2025-01-16",
            ("Solutions Architect", "Backend Lead"),
            ["Redis Pub/Sub", "RabbitMQ", "Kafka", "PostgreSQL LISTEN/NOTIFY"],
            "Redis Pub/Sub",
            [7],
        ),
    ],
)
def test_seed_001_examples(index, number, title, date, deciders, options, chosen, related):
    records = records_of("001")
    assert len(records) == 5  # the template, three examples, the quick template
    record = records[index]
    assert (record.number, record.title, record.status, record.date) == (number, title, "accepted", date)
    assert record.deciders == deciders
    assert record.style == "drivers"
    assert [a.name for a in record.alternatives] == options
    assert [a.name for a in record.alternatives if a.verdict == "chosen"] == [chosen]
    assert all(a.reason for a in record.alternatives if a.verdict == "rejected")
    assert len(record.consequences.positive) >= 3 and len(record.consequences.negative) == 3
    assert len(record.consequences.neutral) == 1
    assert [r.number for r in record.relations_of("related")] == related
    assert record.drivers and record.decision.startswith("We will use")


def test_seed_001_reference_titles_are_kept_for_lint():
    jwt = records_of("001")[2]
    (relation,) = jwt.relations_of("related")
    assert (relation.number, relation.title) == (3, "Authorization Model (RBAC)")


def test_seed_001_templates_are_recognised_as_templates():
    records = records_of("001")
    template, quick = records[0], records[4]
    assert template.status == "other" and template.number is None
    assert quick.style == "quick" and quick.date is None
    assert any(p.code == "placeholder-date" for p in quick.problems)


def test_seed_002_table_template():
    (record,) = records_of("002")
    assert record.style == "table"
    assert record.status == "other"  # "Proposed | Accepted | Rejected ..." is the unfilled choice
    assert [a.verdict for a in record.alternatives] == ["rejected", "chosen", "deferred"]
    assert len(record.risks) == 2


def test_seed_003_hybrid_record():
    (record,) = records_of("003")
    assert (record.number, record.title) == (4, "Data Storage & Consistency Patterns")
    assert (record.status, record.status_raw, record.date) == ("accepted", "Approved", "2025-08-12")
    assert record.style == "hybrid"
    assert record.authors == ("AI Agent",)
    matrix = record.decision_matrix
    assert matrix is not None
    assert [c.name for c in matrix.criteria] == [
        "Performance",
        "Scalability",
        "Reliability",
        "Ecosystem",
        "Operational",
    ]
    assert [c.weight for c in matrix.criteria] == [0.25, 0.2, 0.2, 0.15, 0.2]
    assert matrix.weight_sum == 100
    assert len(matrix.options) == 9 and matrix.options[0] == "PostgreSQL"
    assert matrix.stated_totals == (8.4, 7.6, 7.8, 8.8, 7.4, 7.6, 8.0, 7.0, 7.8)
    assert matrix.computed_totals == (8.3, 7.5, 7.95, 8.85, 7.5, 7.65, 8.1, 7.05, 7.8)
    titles = [(c.title, c.done, c.total) for c in record.checklists]
    assert titles[:3] == [
        ("Functional Requirements", 0, 7),
        ("Non-Functional Requirements", 0, 6),
        ("Acceptance Criteria", 0, 7),
    ]
    assert [t for t, _, _ in titles[3:]] == [
        "Phase 1: Foundation (Week 1-2)",
        "Phase 2: Event Sourcing (Week 3-4)",
        "Phase 3: Analytics (Week 5-6)",
        "Phase 4: Production Readiness (Week 7-8)",
    ]
    assert [r.risk for r in record.risks][:2] == ["Data Loss", "Performance Degradation"]
    assert all(r.mitigation for r in record.risks)
    assert len(record.consequences.positive) == 4 and len(record.consequences.negative) == 3
    chosen = [a.name for a in record.alternatives if a.verdict == "chosen"]
    assert chosen == ["PostgreSQL", "Redis", "ClickHouse"]
    assert len(record.alternatives) == 9


def test_seed_004_mojibake_title_is_repaired():
    (record,) = records_of("004")
    assert record.title == "ADR Template — Extended Examples"
    assert any(p.code == "mojibake" and p.line == 1 for p in record.problems)
