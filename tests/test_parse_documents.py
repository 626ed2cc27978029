"""Whole records in the shapes public decision logs really have."""

from __future__ import annotations

import codecs
import textwrap

from adrledger.parse import parse_bytes, parse_text


def parse_one(text: str, path: str = "0007-use-kafka.md"):
    (record,) = parse_text(textwrap.dedent(text).lstrip("\n"), path)
    return record


def codes(record) -> set[str]:
    return {p.code for p in record.problems}


def test_adr_tools_record_with_links_in_status_section():
    record = parse_one("""
        # 7. Use Kafka

        Date: 2020-03-04

        ## Status

        Superseded by [9. Use Pulsar](0009-use-pulsar.md)

        Supersedes [3. Use RabbitMQ](0003-use-rabbitmq.md)

        Amended by [8. Tune retention](0008-tune-retention.md)

        ## Context

        Text.

        ## Decision

        We will use Kafka.

        ## Consequences

        Things change.
        """)
    assert (record.number, record.title, record.status, record.date, record.style) == (
        7,
        "Use Kafka",
        "superseded",
        "2020-03-04",
        "nygard",
    )
    assert record.superseded_by == (9,) and record.supersedes == (3,) and record.amended_by == (8,)
    assert record.status_source == "section" and record.status_line == 7


def test_madr_4_front_matter_with_bom_braces_links_and_jekyll_keys():
    text = textwrap.dedent("""\
        ---
        parent: Decisions
        nav_order: 7
        status: "superseded by [ADR-0009](0009-use-pulsar.md)"
        date: 2023-05-01
        decision-makers: [Ana, Bo]
        consulted: Cy
        tags: [messaging, infra]
        ---

        # Use Kafka

        ## Context and Problem Statement

        We need a log. How do we move events?

        ## Considered Options

        * Kafka
        * RabbitMQ

        ## Decision Outcome

        Chosen option: "Kafka", because it keeps history.

        ### Consequences

        * Good, because replay is possible
        * Bad, because it is heavy to run
        """)
    (record,) = parse_bytes(codecs.BOM_UTF8 + text.encode(), "0007-use-kafka.md")
    assert record.style == "madr"
    assert (record.status, record.date, record.deciders, record.tags) == (
        "superseded",
        "2023-05-01",
        ("Ana", "Bo"),
        ("messaging", "infra"),
    )
    assert record.superseded_by == (9,)
    assert [(a.name, a.verdict) for a in record.alternatives] == [("Kafka", "chosen"), ("RabbitMQ", "rejected")]
    assert record.consequences.positive == ("replay is possible",)
    assert record.consequences.negative == ("it is heavy to run",)
    assert record.front_matter["nav_order"] == 7


def test_template_braces_in_front_matter_are_placeholders():
    record = parse_one("""
        ---
        status: {proposed | rejected | accepted | deprecated}
        date: {YYYY-MM-DD when the decision was last updated}
        ---
        # {short title of solved problem and solution}
        """)
    assert record.status == "other" and record.date is None
    assert {"placeholder-status", "placeholder-date"} <= codes(record)


def test_madr_2_list_metadata_and_log4brains_file_name():
    record = parse_one(
        """
        # Use Log4brains to manage the ADRs

        - Status: accepted
        - Deciders: Thomas, Ana
        - Date: 2020-09-25
        - Tags: doc, tooling

        ## Context and Problem Statement

        We want to browse our decisions.

        ## Considered Options

        - Log4brains
        - A wiki

        ## Decision Outcome

        Chosen option: "Log4brains", because it reads our files.
        """,
        path="20200925-use-log4brains-to-manage-the-adrs.md",
    )
    assert record.number is None
    assert (record.status, record.date, record.deciders, record.tags, record.style) == (
        "accepted",
        "2020-09-25",
        ("Thomas", "Ana"),
        ("doc", "tooling"),
        "madr",
    )
    assert record.status_source == "list"


def test_unclosed_front_matter_is_a_horizontal_rule():
    record = parse_one(
        """
        ---
        # 3. Keep it simple

        Status: Accepted
        """,
        path="0003-keep-it-simple.md",
    )
    assert record.title == "Keep it simple" and record.status == "accepted"


def test_hash_and_metadata_inside_code_fences_are_not_structure():
    record = parse_one(
        """
        # 4. Configure the service

        **Status:** Proposed

        ## Decision

        ```yaml
        # not a heading
        status: accepted
        ```

        - Step one:
          ```sh
          # also not a heading
          ```
        ## Consequences

        Fine.
        """,
        path="0004-configure-the-service.md",
    )
    assert record.status == "proposed"
    assert [s.title for s in record.sections] == ["Decision", "Consequences"]


def test_fence_closed_with_an_indent_inside_a_list_item():
    record = parse_one(
        """
        # 5. Lists

        * Item
            ```
            # inside
            ```
        ## Next
        """,
        path="0005-lists.md",
    )
    assert [s.title for s in record.sections] == ["Next"]


def test_numbered_and_decorated_headings_map_to_sections():
    record = parse_one(
        """
        # ADR-0002: Numbered headings

        **Status:** Accepted

        ## 1. Context

        ## 2. Decision

        ## Links <!-- optional -->

        - Supersedes [ADR-0001](0001-first.md)
        """,
        path="0002-numbered-headings.md",
    )
    assert [(s.title, s.key) for s in record.sections] == [
        ("Context", "context"),
        ("Decision", "decision"),
        ("Links", "related"),
    ]
    assert record.supersedes == (1,)


def test_prose_relations():
    record = parse_one(
        """
        # 21. New storage

        Status: Accepted

        ## Context

        This replaces ADR 20, which did not scale.
        """,
        path="0021-new-storage.md",
    )
    assert record.supersedes == (20,)


def test_status_line_with_relation_and_emoji():
    record = parse_one(
        """
        # ADR-0046: Move to gRPC

        **Status:** ✅ accepted; supersedes ADR-0045
        """,
        path="0046-move-to-grpc.md",
    )
    assert record.status == "accepted" and record.supersedes == (45,)


def test_date_line_without_colon_and_underscored_emphasis():
    record = parse_one(
        """
        # 3. Something

        __Status__: Accepted
        Date 2021-06-01
        """,
        path="0003-something.md",
    )
    assert (record.status, record.date) == ("accepted", "2021-06-01")


def test_heading_and_file_name_numbers_disagree():
    record = parse_one("# 2. Copy paste\n\nStatus: Accepted\n", path="0003-copy-paste.md")
    assert (record.number, record.number_in_filename, record.number_in_heading) == (3, 3, 2)


def test_crlf_and_setext_headings():
    text = "Use X\r\n=====\r\n\r\nStatus\r\n------\r\n\r\nAccepted\r\n\r\nContext\r\n-------\r\n\r\nWhy.\r\n"
    (record,) = parse_bytes(text.encode(), "0009-use-x.md")
    assert (record.title, record.status) == ("Use X", "accepted")
    assert [s.title for s in record.sections] == ["Status", "Context"]


def test_date_only_in_the_change_log():
    record = parse_one(
        """
        # ADR-0008: Logged

        **Status:** Accepted

        ## Review and Updates

        | Date | Change | Author |
        |------|--------|--------|
        | 2022-04-01 | Initial version | Ana |
        """,
        path="0008-logged.md",
    )
    assert record.date == "2022-04-01" and "date-from-log" in codes(record)


def test_table_metadata():
    record = parse_one(
        """
        # Use Redis

        | Status | Date | Deciders |
        |--------|------|----------|
        | Accepted | 2021-01-02 | Ana, Bo |
        """,
        path="0010-use-redis.md",
    )
    assert (record.status, record.date, record.deciders) == ("accepted", "2021-01-02", ("Ana", "Bo"))


def test_several_records_in_one_file():
    records = parse_text(
        "# ADR-001: One\n\n**Status:** Accepted\n\n# ADR-002: Two\n\n**Status:** Proposed\n", "bundle.md"
    )
    assert [(r.number, r.title, r.status, r.ordinal) for r in records] == [
        (1, "One", "accepted", 0),
        (2, "Two", "proposed", 1),
    ]
    assert records[1].start_line == 5


def test_transposed_decision_matrix():
    record = parse_one(
        """
        # ADR-0011: Pick a queue

        | Option | Cost (40%) | Speed (60%) | Total |
        |--------|-----------|-------------|-------|
        | Kafka | 6 | 9 | 7.8 |
        | SQS | 9 | 5 | 7.0 |
        """,
        path="0011-pick-a-queue.md",
    )
    matrix = record.decision_matrix
    assert matrix.options == ("Kafka", "SQS") and matrix.computed_totals == (7.8, 6.6)
    assert matrix.stated_totals == (7.8, 7.0)


def test_hostile_bytes_never_raise():
    for data in (
        b"",
        b"\x00\x01\x02binary",
        b"\xff\xfe" + "# Title\n".encode("utf-16-le"),
        b"\xc3\x28 bad",
        b"#" * 100_000,
        b"- " * 50_000,
        b"> " * 50_000 + b"x",
        b"---\n" + b"a: &a [1]\n" * 10,
    ):
        records = parse_bytes(data, "0001-x.md")
        assert records and records[0].path == "0001-x.md"


def test_utf16_and_invalid_utf8_are_read_and_reported():
    (utf16,) = parse_bytes(codecs.BOM_UTF16_LE + "# 1. Wide\n\nStatus: Accepted\n".encode("utf-16-le"), "0001-w.md")
    assert (utf16.title, utf16.status) == ("Wide", "accepted") and "encoding" in codes(utf16)
    (latin,) = parse_bytes("# 2. Caf\xe9\n".encode("latin-1"), "0002-c.md")
    assert latin.title == "Café" and "encoding" in codes(latin)
    (binary,) = parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "0003-b.md")
    assert "binary" in codes(binary)


def test_billion_laughs_front_matter_is_refused():
    lines = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        lines.append(
            f"{chr(ord('a') + index)}: &{chr(ord('a') + index)} [*{previous},*{previous},*{previous},"
            f"*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]"
        )
    lines += ["status: accepted", "---", "# Boom"]
    record = parse_one("\n".join(lines) + "\n")
    assert record.front_matter == {} and "front-matter-too-large" in codes(record)


def test_python_tags_and_duplicate_keys_in_front_matter():
    record = parse_one("---\nstatus: !!python/object/apply:os.system ['echo hi']\n---\n# X\n")
    assert "front-matter-invalid" in codes(record)
    record = parse_one("---\nstatus: proposed\nstatus: accepted\n---\n# X\n")
    assert record.status == "accepted" and "front-matter-duplicate-key" in codes(record)


def test_a_status_section_of_thousands_of_link_lines_is_read_up_to_its_bounds():
    """A Status section holding 50,000 link lines cost seconds per parse (and `adr convert` parses a
    record three times): its relations are read from the first MAX_LINKS lines, and its status from
    the first STATUS_LINES lines when only link lines are there."""
    from adrledger.parse.record import STATUS_LINES
    from adrledger.parse.relations import MAX_LINKS

    links = "".join(f"Amends [ADR-{n}](000{n}-x.md)\n" for n in range(1, MAX_LINKS + 6))
    (record,) = parse_text(f"# 9999. X\n\n## Status\n\n{links}", "9999-x.md")
    assert [r.number for r in record.relations] == list(range(1, MAX_LINKS + 1))
    assert record.status_raw == "Amends [ADR-1](0001-x.md)"  # no status word: the first line, as before
    late = "Amends [ADR-1](0001-x.md)\n" * STATUS_LINES + "Superseded by [ADR-2](0002-x.md)\n"
    (record,) = parse_text(f"# 3. X\n\n## Status\n\n{late}", "0003-x.md")
    assert record.status_raw == "Amends [ADR-1](0001-x.md)"
    early = "Amends [ADR-1](0001-x.md)\n" * (STATUS_LINES - 1) + "Superseded by [ADR-2](0002-x.md)\n"
    (record,) = parse_text(f"# 3. X\n\n## Status\n\n{early}", "0003-x.md")
    assert (record.status, record.status_raw) == ("superseded", "Superseded by [ADR-2](0002-x.md)")
