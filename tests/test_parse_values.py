"""Statuses, dates, titles and file names as people really write them."""

from __future__ import annotations

import pytest

from adrledger.parse.dates import parse_date
from adrledger.parse.metadata import interpret_status, split_people, split_tags
from adrledger.parse.refs import number_from_filename, number_from_title, relations_in_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Accepted", "accepted"),
        ("✅ Accepted", "accepted"),
        ("** Accepted **", "accepted"),
        ("Approved", "accepted"),
        ("Implemented", "accepted"),
        ("Done", "accepted"),
        ("Approved by the TSC on 3/2/22", "accepted"),
        ("Pending", "proposed"),
        ("In review", "proposed"),
        ("RFC", "proposed"),
        ("Proposed", "proposed"),
        ("Draft", "draft"),
        ("Declined", "rejected"),
        ("Won't do", "rejected"),
        ("Rejected", "rejected"),
        ("Reverted", "deprecated"),
        ("Obsolete", "deprecated"),
        ("Retired", "deprecated"),
        ("Deprecated", "deprecated"),
        ("Superseded by [ADR-0005](0005-x.md)", "superseded"),
        ("Partly superseded by ADR-7", "superseded"),
        ("Replaced by ADR 12", "superseded"),
        ("Accepted, later superseded by ADR-9", "superseded"),
        ("accepted; supersedes ADR-0045", "accepted"),
        ("Supercedes ADR-3", "other"),
        ("Frobnicated", "other"),
        # A value written inside the template's brackets or braces is the value.
        ("{Active}", "accepted"),
        ("{ accepted }", "accepted"),
        ("[accepted] <!-- optional -->", "accepted"),
        ("[draft]", "draft"),
        # Two choices kept with a real link are the record's state, not the template's list.
        ("proposed | partially superseded by [8 Split the queue](0008-split-the-queue.md)", "superseded"),
        # The template's list of choices left beside the chosen one.
        ("Proposed [Proposed, Accepted, Rejected, Deprecated, Superseded]", "proposed"),
        ("⌛️ Superseded [0019](0019-use-go.md)", "superseded"),
    ],
)
def test_status_words(raw, expected):
    status, placeholder = interpret_status(raw)
    assert (status, placeholder) == (expected, False)


@pytest.mark.parametrize(
    "raw",
    [
        "[Proposed | Accepted | Deprecated | Superseded]",
        "Proposed | Accepted | Rejected | Deprecated | Superseded by ADR-XXXX",
        "{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}",
        "[status]",
        "[proposed | accepted | …]",
        "[draft | proposed | rejected | accepted | deprecated | … | superseded by [xxx](yyyymmdd-xxx.md)]",
    ],
)
def test_unfilled_status_is_a_placeholder(raw):
    assert interpret_status(raw) == ("other", True)


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2024-01-20", "2024-01-20"),
        ("2023-9-15", "2023-09-15"),
        ("01.06.2020", "2020-06-01"),
        ("Dec 19, 2022", "2022-12-19"),
        ("December 19, 2022", "2022-12-19"),
        ("19 December 2022", "2022-12-19"),
        ("16-Jan-2020", "2020-01-16"),
        ("25/02/2018", "2018-02-25"),
        ("02/25/2018", "2018-02-25"),
        ("2024/03/01", "2024-03-01"),
        ("Approved by the TSC on 2022-02-03", "2022-02-03"),
        ("20200925", "2020-09-25"),
        ("5/5/2020", "2020-05-05"),
        ("2019 Oct 22", "2019-10-22"),
        ("2019 October 22: Initial draft", "2019-10-22"),
        ("2019 Oct. 3rd", "2019-10-03"),
        ("22 Oct 2019", "2019-10-22"),
        ("Oct 22, 2019", "2019-10-22"),
    ],
)
def test_dates(raw, iso):
    assert parse_date(raw).iso == iso


def test_day_month_ambiguity_is_reported_not_guessed():
    reading = parse_date("05/02/2018")
    assert reading.iso is None
    assert reading.candidates == ("2018-02-05", "2018-05-02")
    assert "day-first" in reading.problem and "month-first" in reading.problem


@pytest.mark.parametrize("raw", ["YYYY-MM-DD", "[YYYY-MM-DD]", "{date}", "DATE", "TBD"])
def test_placeholder_dates(raw):
    assert parse_date(raw).placeholder


def test_a_letter_glued_to_the_day_is_not_a_date():
    assert parse_date("2023-07-2i").iso is None
    assert parse_date("2023-07-02T09:30").iso == "2023-07-02"


def test_the_template_letter_is_an_unfilled_number():
    assert number_from_title("n. Use templates") == (None, "Use templates", True)


def test_a_year_first_date_needs_its_day_whole():
    assert parse_date("2019 Oct 223").iso is None
    assert parse_date("2019-Oct 22").iso is None  # one separator or the other, not both
    assert "calendar" in parse_date("2019 Feb 30").problem


def test_impossible_date_is_reported():
    reading = parse_date("2023-02-30")
    assert reading.iso is None and "calendar" in reading.problem


@pytest.mark.parametrize(
    "heading, number, title",
    [
        ("12. Use PostgreSQL", 12, "Use PostgreSQL"),
        ("ADR-012: Use PostgreSQL", 12, "Use PostgreSQL"),
        ("ADR 12 - Use PostgreSQL", 12, "Use PostgreSQL"),
        ("Architecture Decision Record 4: Use PostgreSQL", 4, "Use PostgreSQL"),
        ("RFC-7: Use PostgreSQL", 7, "Use PostgreSQL"),
        ("[ADR-0005] Use PostgreSQL", 5, "Use PostgreSQL"),
        ("ADR-0001 Use PostgreSQL", 1, "Use PostgreSQL"),
        ("Use PostgreSQL", None, "Use PostgreSQL"),
        ("2020 roadmap review", None, "2020 roadmap review"),
        ("001 Split the catalogue", 1, "Split the catalogue"),  # a padded number without a dot
        ("013-plugin-lifecycle", 13, "plugin-lifecycle"),
        ("10 reasons to cache", None, "10 reasons to cache"),
        ("2FA for operators", None, "2FA for operators"),
    ],
)
def test_number_in_title(heading, number, title):
    assert number_from_title(heading)[:2] == (number, title)


def test_placeholder_number_in_title():
    assert number_from_title("ADR-XXX: [Decision Title]") == (None, "[Decision Title]", True)
    assert number_from_title("ADR-[NNNN]: [Short Title]") == (None, "[Short Title]", True)


@pytest.mark.parametrize(
    "name, number, draft",
    [
        ("0001-record-architecture-decisions.md", 1, False),
        ("0042-use-kafka.md", 42, False),
        ("adr-002-api-framework.md", 2, False),
        ("ADR-003-container-orchestration.md", 3, False),
        ("20200925-use-log4brains.md", None, False),  # a log4brains date, not a number
        ("XXXX-new-idea.md", None, True),
        ("use-kafka.md", None, False),
    ],
)
def test_number_in_file_name(name, number, draft):
    assert number_from_filename(name) == (number, draft)


def test_relations_in_status_line():
    relations = relations_in_text("accepted; supersedes ADR-0045 and amends [ADR-7](0007-x.md)", 3, "status")
    assert [(r.kind, r.number) for r in relations] == [("supersedes", 45), ("amends", 7)]


def test_people_and_tags():
    assert split_people("Jane Doe (Tech Lead, Platform), John Smith and @ana") == (
        "Jane Doe (Tech Lead, Platform)",
        "John Smith",
        "ana",
    )
    assert split_people("[Names/Roles of people involved]") == ()
    assert split_tags("infrastructure, caching, sessions") == ("infrastructure", "caching", "sessions")
    assert split_tags("#infra #db") == ("infra", "db")
    assert split_tags("event sourcing") == ("event sourcing",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("⌛️ Superseded [0019](0019-use-go.md)", [("superseded_by", 19)]),
        ("Superseded (never built) by [ADR 32](/adr/32)", [("superseded_by", 32)]),
        ("This record supersedes the TODO that refers to issue #4145.", []),
        ("Fixed in #12 and #13; see ADR-7.", []),
    ],
)
def test_relations_written_as_people_write_them(text, expected):
    assert [(r.kind, r.number) for r in relations_in_text(text, 1, "status")] == expected


def test_names_inside_template_brackets_are_names():
    assert split_people("[Ann Lee, Bo Chen]") == ("Ann Lee", "Bo Chen")
    assert split_people("[list everyone involved in the decision]") == ()


def test_a_year_and_month_is_not_an_invalid_date():
    reading = parse_date("2022-09")
    assert (reading.iso, reading.problem, reading.placeholder) == (None, "", False)
    assert parse_date("2023-13-10").problem == "'2023-13-10' is not a calendar date"


def test_a_front_matter_number_is_read_from_its_prefix_not_a_set_of_letters() -> None:
    from adrledger.parse import parse_text

    def number(value: str) -> int | None:
        [record] = parse_text(f'---\nid: "{value}"\n---\n\n# Use queues\n', "use-queues.md")
        return record.number

    assert number("ADR-0012") == 12 and number("adr_7") == 7 and number("0031") == 31
    assert number("DDR-5") is None and number("RAD-5") is None
    assert number("²") is None  # str.isdigit() says yes, int() says no: never a crash
