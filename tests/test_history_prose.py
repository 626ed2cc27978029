"""The prose of a record version: what changes it, and what is only dress (history.prose)."""

from __future__ import annotations

import pytest

from adrledger.history.versions import read_version

BASE = """# 4. Store sessions in Redis

Date: 2024-02-01

## Status

Accepted

## Context

Sessions are lost on every deploy, and users
must sign in again. We looked at *three* stores:

* Redis, already run by the platform team;
* a table in PostgreSQL;
* sticky sessions on the load balancer.

See [the incident review](https://wiki.example.com/incidents/42) for details.

## Decision

We will keep sessions in **Redis** with a TTL of 12 hours.

| Store | Cost |
|---|---|
| Redis | low |

## Consequences

Deploys no longer sign users out.
"""


def prose(text: str) -> str:
    return read_version(text.encode(), "0004-store-sessions-in-redis.md").prose


DRESS = {
    "list markers": BASE.replace("\n* ", "\n- "),
    "emphasis": BASE.replace("*three*", "_three_").replace("**Redis**", "Redis"),
    "line wrapping": BASE.replace(
        "and users\nmust sign in again. We looked at", "and users must sign in\nagain. We looked at"
    ),
    "whitespace": BASE.replace("## Decision\n\n", "## Decision\n\n\n").replace("12 hours.", "12  hours.  "),
    "link target": BASE.replace("https://wiki.example.com/incidents/42", "https://notes.example.org/ir-42"),
    "table padding": BASE.replace("| Redis | low |", "| Redis | low  |").replace("|---|---|", "| ----- | ---- |"),
    "front matter added": "---\nstatus: accepted\ndate: 2024-02-01\ntags: [sessions]\n---\n" + BASE,
    "heading renumbered": BASE.replace("# 4. Store", "# 7. Store"),
    "status line": BASE.replace("\nAccepted\n", "\nSuperseded by [9. Signed cookies](0009-signed-cookies.md)\n"),
    "date line": BASE.replace("Date: 2024-02-01", "Date: 2024-02-03"),
    "html comment": BASE.replace("## Decision\n", "## Decision <!-- required -->\n"),
    "escapes": BASE.replace("12 hours.", "12 hours\\."),
    "case": BASE.replace("We will keep", "we will keep"),
}


@pytest.mark.parametrize("kind", sorted(DRESS))
def test_dress_leaves_the_prose_unchanged(kind: str) -> None:
    assert DRESS[kind] != BASE
    assert prose(DRESS[kind]) == prose(BASE), kind


def test_front_matter_reordered_leaves_the_prose_unchanged() -> None:
    one = "---\nstatus: accepted\ndate: 2024-02-01\n---\n" + BASE
    other = "---\ndate: 2024-02-01\nstatus: accepted\n---\n" + BASE
    assert prose(one) == prose(other)


def test_a_title_moved_into_front_matter_is_the_same_title() -> None:
    moved = "---\ntitle: 4. Store sessions in Redis\n---\n" + BASE.replace("# 4. Store sessions in Redis\n\n", "")
    assert prose(moved) == prose(BASE)


@pytest.mark.parametrize(
    "old, new",
    [
        ("a TTL of 12 hours", "a TTL of 24 hours"),
        ("We will keep sessions in", "We will not keep sessions in"),
        ("Deploys no longer sign users out.", "Deploys no longer sign users out, but Redis must be backed up."),
        ("* a table in PostgreSQL;\n", ""),
        ("[the incident review]", "[the postmortem]"),
        ("# 4. Store sessions in Redis", "# 4. Store sessions in Memcached"),
    ],
)
def test_words_of_the_decision_change_the_prose(old: str, new: str) -> None:
    assert old in BASE
    assert prose(BASE.replace(old, new)) != prose(BASE)


def test_code_in_a_record_is_prose_but_its_fence_line_is_not() -> None:
    code = BASE.replace("## Consequences", "```\nttl: 12h\n```\n\n## Consequences")
    assert prose(code.replace("```\nttl", "```yaml\nttl")) == prose(code)
    assert prose(code.replace("ttl: 12h", "ttl: 24h")) != prose(code)


@pytest.mark.parametrize(
    "old, new",
    [
        ("for every service", "for evrey service"),  # the record had the typo; the edit fixes it (reversed below)
        ("already run by", "allready run by"),
        ("Deploys no longer", "Deploys no-longer"),
        ("We will keep", "We will will keep"),
    ],
)
def test_spelling_fixes_are_corrections_not_edits(old: str, new: str) -> None:
    from adrledger.history.versions import compare

    typo = BASE.replace(old, new)
    old_info, new_info = read_version(typo.encode(), "x.md"), read_version(BASE.encode(), "x.md")
    fixed = compare(typo.encode(), BASE.encode(), old_info, new_info)
    assert fixed.prose_changed is False


@pytest.mark.parametrize(
    "old, new",
    [
        ("We will keep sessions in", "We will now keep sessions in"),
        ("a TTL of 12 hours", "a TTL of 21 hours"),
        ("in **Redis**", "in **MySQL**"),
        ("users\nmust sign", "users\nmost sign"),
        ("Sessions are lost", "Sessions are unlost"),
    ],
)
def test_words_that_change_meaning_are_not_spelling_fixes(old: str, new: str) -> None:
    from adrledger.history.versions import compare

    changed = BASE.replace(old, new)
    facts = compare(
        BASE.encode(), changed.encode(), read_version(BASE.encode(), "x.md"), read_version(changed.encode(), "x.md")
    )
    assert facts.prose_changed is True


def test_a_renumbering_of_the_records_cited_is_not_an_edit() -> None:
    cited = BASE.replace("See [the incident", "It follows ADR-0003 and [0005](0005-use-redis.md).\n\nSee [the incident")
    renumbered = cited.replace("ADR-0003", "ADR-0011").replace("[0005](0005-use-redis.md)", "[0012](0012-use-redis.md)")
    assert prose(renumbered) == prose(cited)
    assert prose(cited.replace("It follows", "It replaces")) != prose(cited)


def test_a_list_of_links_is_references_not_prose() -> None:
    listed = BASE + "\n## References\n\n* [Pricing](https://example.com/pricing)\n* [Limits](../limits/)\n"
    fixed = BASE + "\n## References\n\n* [Pricing](https://example.org/p)\n* [Quotas](https://example.org/q)\n"
    assert prose(fixed) == prose(listed)


@pytest.mark.parametrize(
    "new", [DRESS["emphasis"], BASE.replace("12 hours", "24 hours"), BASE.replace("already", "allready")]
)
def test_a_version_read_without_its_prose_key_compares_as_one_read_with_it(new: str) -> None:
    """Working copies leave the prose key unread until an edit is compared: the facts must not depend on it."""
    from adrledger.history.versions import _parse, compare, version_of

    old_data, new_data = BASE.encode(), new.encode()
    eager = compare(old_data, new_data, read_version(old_data, "x.md"), read_version(new_data, "x.md"))
    lazy_old, lazy_new = (version_of(_parse(data, "x.md"), data) for data in (old_data, new_data))
    assert lazy_old.prose == lazy_new.prose == ""
    assert compare(old_data, new_data, lazy_old, lazy_new) == eager


def test_the_numbers_a_version_cites_are_those_of_its_prose_not_of_its_title() -> None:
    cited = BASE.replace("# 4. Store", "# ADR-4 Store").replace(
        "See [the incident", "It follows ADR-0003, not `ADR-0007`, and MADR 12.\n\nSee [the incident"
    )
    assert read_version(cited.encode(), "x.md").cites == {3, 12}
