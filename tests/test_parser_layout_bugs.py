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
        ("superseded_by", None, "20220120-use-webhooks.md")]


def test_log4brains_links_section_keeps_relations_to_date_named_records():
    (record,) = parse_text(LOG4BRAINS_LINKS, "20220120-use-webhooks.md")
    assert [(r.kind, r.target) for r in record.relations] == [
        ("supersedes", "20210615-poll-carrier-apis.md"),
        ("related", "../../docs/adr/20210402-one-repository.md"),
    ]
    assert record.supersedes == ()  # the number-based view stays number-only


def test_links_to_ordinary_documents_are_not_relations():
    text = LOG4BRAINS_LINKS.replace("20210615-poll-carrier-apis.md", "../design/polling.md")
    (record,) = parse_text(text, "20220120-use-webhooks.md")
    assert [r.target for r in record.relations] == ["../../docs/adr/20210402-one-repository.md"]
