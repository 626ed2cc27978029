"""Layouts of real decision logs that the parser once misread, each pinned by a minimal case."""

from __future__ import annotations

from adrledger.parse import parse_text

LOG4BRAINS_SUPERSEDED = """\
# Poll carrier APIs

- Status: superseded by [20220120-use-webhooks](20220120-use-webhooks.md)
- Date: 2021-06-15

## Context and Problem Statement

We need status updates.
"""

LOG4BRAINS_LINKS = """\
# Use webhooks

- Status: accepted
- Date: 2022-01-20

## Context and Problem Statement

Carriers push now.

## Links

- Supersedes [Poll carrier APIs](20210615-poll-carrier-apis.md)
- Refines [Build from one repository](../../docs/adr/20210402-one-repository.md)
"""


def test_log4brains_status_keeps_the_relation_to_a_date_named_record():
    # log4brains files are YYYYMMDD-slug.md: the link has no number, only a target.
    (record,) = parse_text(LOG4BRAINS_SUPERSEDED, "20210615-poll-carrier-apis.md")
    assert record.status == "superseded"
    assert [(r.kind, r.number, r.target) for r in record.relations] == [
        ("superseded_by", None, "20220120-use-webhooks.md")
    ]


def test_log4brains_links_section_keeps_relations_to_date_named_records():
    (record,) = parse_text(LOG4BRAINS_LINKS, "20220120-use-webhooks.md")
    assert [(r.kind, r.target) for r in record.relations] == [
        ("supersedes", "20210615-poll-carrier-apis.md"),
        ("related", "../../docs/adr/20210402-one-repository.md"),
    ]
    assert record.supersedes == ("20210615-poll-carrier-apis",)  # no number: the slug, as the JSON contract says


def test_links_to_ordinary_documents_are_not_relations():
    text = LOG4BRAINS_LINKS.replace("20210615-poll-carrier-apis.md", "../design/polling.md")
    (record,) = parse_text(text, "20220120-use-webhooks.md")
    assert [r.target for r in record.relations] == ["../../docs/adr/20210402-one-repository.md"]


FULL_WITH_VERDICTS = """\
# ADR-0007: Pick a queue

## Decision

We take the managed queue.

## Alternatives Considered

### Alternative 1: Managed queue

**Description:** The cloud provider's queue.

**Verdict:** ✅ Chosen

### Alternative 2: Self-hosted broker

**Pros:**

- Full control

**Verdict:** ⏸️ Future consideration - once we have an operations team

### Alternative 3: Database table as a queue

**Verdict:** Rejected

**Why not chosen:** Polling load on the primary.
"""

MADR_REASON_IN_PROS_AND_CONS = """\
# Pick a queue

## Considered Options

* Managed queue
* Self-hosted broker

## Decision Outcome

Chosen option: "Managed queue", because nobody wants to run a broker.

## Pros and Cons of the Options

### Self-hosted broker

* Good, because full control

**Why not chosen:** nobody on call knows it.
"""


def test_a_verdict_label_in_an_alternative_section_is_its_verdict():
    # "**Verdict:** Chosen" was read as a reason for rejection.
    (record,) = parse_text(FULL_WITH_VERDICTS, "0007-pick-a-queue.md")
    assert [(a.name, a.verdict) for a in record.alternatives] == [
        ("Managed queue", "chosen"),
        ("Self-hosted broker", "deferred"),
        ("Database table as a queue", "rejected"),
    ]
    assert record.alternatives[1].reason == "once we have an operations team"
    assert record.alternatives[1].pros == ("Full control",)
    assert record.alternatives[2].reason == "Polling load on the primary."


def test_a_reason_in_madr_pros_and_cons_reaches_the_listed_option():
    (record,) = parse_text(MADR_REASON_IN_PROS_AND_CONS, "0001-pick-a-queue.md")
    broker = record.alternatives[1]
    assert (broker.name, broker.verdict, broker.reason) == (
        "Self-hosted broker",
        "rejected",
        "nobody on call knows it.",
    )
    assert broker.pros == ("full control",)


NYGARD_WITH_QUOTED_MADR_SECTIONS = """\
# 4. Split the ledger

Date: 2023-04-11

## Status

Accepted

## Context

Month-end close depends on checkout releases.

## Decision

The ledger becomes its own service.

## Consequences

Finance releases on its own schedule.

## Notes

### Decision Drivers

* Month-end close must not depend on checkout releases

### Pros and Cons of the Options

#### Separate ledger service

* Good, because ownership becomes clear
"""


def test_sections_quoted_under_notes_do_not_decide_the_style():
    # A record converted from MADR keeps MADR's extra sections under Notes; it is nygard now.
    (record,) = parse_text(NYGARD_WITH_QUOTED_MADR_SECTIONS, "0004-split-the-ledger.md")
    assert record.style == "nygard"
    assert record.drivers == ("Month-end close must not depend on checkout releases",)  # still read
