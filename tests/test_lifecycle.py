"""The lifecycle commands through the real entry point: the state machine, drafts, renumbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.parse import parse_file

NYGARD = "# {n}. {title}\n\nDate: 2024-05-01\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n"
FULL = (
    "# ADR-{n:04d}: {title}\n\n**Status:** {status}\n\n**Date:** 2024-05-01\n\n## Context\n\nWhy.\n\n"
    "## Decision\n\nWhat.\n\n## Related Decisions\n\n{related}\n"
)


def write(
    log: Path, number: int, title: str, status: str = "Accepted", template: str = NYGARD, related: str = ""
) -> Path:
    log.mkdir(parents=True, exist_ok=True)
    path = log / f"{number:04d}-{title.lower().replace(' ', '-')}.md"
    path.write_text(template.format(n=number, title=title, status=status, related=related), encoding="utf-8")
    return path


def record(path: Path):
    return parse_file(path)[0]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "doc" / "adr"


@pytest.mark.parametrize(
    ("status", "command", "message"),
    [
        ("Rejected", "accept", "cannot accept ADR-0001: it is rejected; a rejected record stays rejected"),
        ("Accepted", "reject", "an accepted record is history: deprecate it or supersede it instead"),
        ("Proposed", "deprecate", "it was never accepted: reject it instead"),
        ("Accepted", "accept", "ADR-0001 is already accepted"),
        ("Accepted", "propose", "an accepted record is history"),
        ("Superseded by [2. X](0002-x.md)", "deprecate", "cannot deprecate ADR-0001: it is superseded"),
    ],
)
def test_illegal_transitions_are_refused(adr, log: Path, status: str, command: str, message: str) -> None:
    path = write(log, 1, "Use queues", status)
    before = path.read_bytes()
    result = adr(command, "1")
    assert result.code == 2 and message in result.err
    assert result.err.startswith("Error: doc/adr/0001-use-queues.md: ")
    assert path.read_bytes() == before and result.out == ""


def test_legal_transitions_print_the_file(adr, log: Path) -> None:
    path = write(log, 1, "Use queues", "Proposed", FULL)
    assert adr("accept", "1").out == "doc/adr/0001-use-queues.md\n"
    assert record(path).status == "accepted"
    assert adr("deprecate", "use-queues").code == 0
    assert record(path).status == "deprecated"


def test_supersede_refusals(adr, log: Path) -> None:
    write(log, 1, "Use queues", "Proposed")
    write(log, 2, "Use streams")
    missing = adr("supersede", "1", "7")
    assert missing.code == 2 and "no record matches '7' in doc/adr" in missing.err
    unaccepted = adr("supersede", "1", "2")
    assert "only an accepted record can be superseded" in unaccepted.err
    itself = adr("supersede", "2", "2")
    assert "cannot supersede itself" in itself.err


def test_a_supersession_cycle_is_refused(adr, log: Path) -> None:
    # 2 already says it supersedes 1 (written by hand, one-sided): 1 superseding 2 would close a loop.
    write(log, 1, "Use queues", template=FULL, related="")
    write(log, 2, "Use streams", template=FULL, related="- Supersedes [ADR-0001: Use queues](0001-use-queues.md)")
    result = adr("supersede", "2", "1")
    assert result.code == 2 and "would make a supersession cycle" in result.err


def test_superseding_twice_names_the_successor(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    write(log, 2, "Use streams")
    write(log, 3, "Use logs")
    assert adr("supersede", "1", "2").code == 0
    again = adr("supersede", "1", "3")
    assert "ADR-0001 is already superseded by ADR-0002" in again.err


def test_new_with_an_unknown_supersede_target_writes_nothing(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    result = adr("new", "-s", "9", "Use", "logs")
    assert result.code == 2 and "no record matches '9'" in result.err
    assert sorted(p.name for p in log.iterdir()) == ["0001-use-queues.md"]  # adr-tools leaves 0002 behind


def test_new_link_spec_must_have_three_parts(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    result = adr("new", "-l", "1:Amends", "Use", "logs")
    assert result.code == 2 and "-l expects TARGET:LINK:REVERSE-LINK" in result.err


def test_draft_gets_the_next_number_when_accepted(adr, log: Path) -> None:
    adr("init", "--style", "full")
    created = adr("new", "--draft", "Use", "event", "sourcing")
    assert created.out == "doc/adr/XXXX-use-event-sourcing.md\n"
    write(log, 2, "Merged meanwhile", template=FULL)  # another branch took 2 while the draft waited
    result = adr("accept", "XXXX")
    assert result.out == "doc/adr/0003-use-event-sourcing.md\n"
    assert not (log / "XXXX-use-event-sourcing.md").exists()
    text = (log / "0003-use-event-sourcing.md").read_text()
    assert text.startswith("# ADR-0003: Use event sourcing\n")
    assert record(log / "0003-use-event-sourcing.md").status == "accepted"


def test_draft_in_nygard_style_is_numbered_on_proposal(adr, log: Path) -> None:
    adr("init")
    adr("new", "--draft", "Try", "it")
    (log / "XXXX-try-it.md").write_text((log / "XXXX-try-it.md").read_text().replace("Draft", "Draft"))
    assert adr("propose", "try-it").out == "doc/adr/0002-try-it.md\n"
    assert (log / "0002-try-it.md").read_text().startswith("# 2. Try it\n")
    assert record(log / "0002-try-it.md").status == "proposed"


def test_amend_follows_the_policy(adr, log: Path) -> None:
    path = write(log, 1, "Use queues", template=FULL)
    strict = adr("amend", "1", "--note", "Clarified", "--author", "Ann")
    assert strict.code == 2 and "policy is strict" in strict.err
    (log / ".adrledger.toml").write_text('policy = "amend-with-log"\n')
    assert adr("amend", "1", "--note", "Clarified", "--author", "Ann").code == 0
    entry = record(path).review_log[-1]
    assert (entry.date, entry.change, entry.author) == ("2024-05-01", "Clarified", "Ann")


def test_amend_refuses_superseded_records(adr, log: Path) -> None:
    write(log, 1, "Use queues", "Superseded by [2. Use streams](0002-use-streams.md)")
    (log / ".adrledger.toml").write_text('policy = "amend-with-log"\n')
    result = adr("amend", "1", "--note", "Too late", "--author", "Ann")
    assert "is superseded: it is history" in result.err


def test_link_between_styles(adr, log: Path) -> None:
    nygard = write(log, 1, "Use queues")
    full = write(log, 2, "Use streams", template=FULL)
    result = adr("link", "2", "Extends", "1", "Extended by")
    assert (result.code, result.out, result.err) == (0, "", "")
    # adr-tools' link text is the target's first line without "# ", whatever its style
    assert "\n\nExtended by [ADR-0002: Use streams](0002-use-streams.md)\n\n## Context" in nygard.read_text()
    assert "- Extends [ADR-0001: Use queues](0001-use-queues.md)" in full.read_text()
    assert [(r.label, r.number) for r in record(full).relations if r.kind == "related"] == [("Extends", 1)]


def test_link_missing_arguments_are_named_as_adr_tools_does(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    assert (adr("link").code, adr("link").err) == (1, "adr link: 1: SOURCE\n")
    assert adr("link", "1", "Amends").err == "adr link: 3: TARGET\n"


def test_option_errors_are_worded_like_getopts(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    assert (adr("new", "-x", "Title").code, adr("new", "-x", "Title").err) == (1, "adr new: illegal option -- x\n")
    assert adr("new", "-s").err == "adr new: option requires an argument -- s\n"
    assert adr("generate", "graph", "-q").err == "adr generate graph: illegal option -- q\n"
    unknown = adr("generate", "pdf")
    assert unknown.code == 127 and "no such report" in unknown.err


def test_files_holding_several_records_are_not_edited(adr, log: Path) -> None:
    write(log, 1, "Use queues")
    bundle = log / "0002-bundle.md"
    bundle.write_text(
        NYGARD.format(n=2, title="One", status="Proposed") + "\n" + NYGARD.format(n=3, title="Two", status="Proposed")
    )
    result = adr("accept", "0002-bundle")
    assert result.code == 2 and "holds several records" in result.err


def test_help_for_sub_commands(adr) -> None:
    toc = adr("help", "generate", "toc")
    assert toc.code == 0 and "-i INTRO" in toc.out
    assert "supersede" in adr("help").out
    assert adr("help", "new").out.startswith("Usage: adr new")


def test_titles_are_written_literally(adr, log: Path) -> None:
    adr("init")
    assert adr("new", "R&D", "budget").out == "doc/adr/0002-r-d-budget.md\n"
    assert adr("new", "A|B", "\\1").out == "doc/adr/0003-a-b-1.md\n"
    assert (log / "0002-r-d-budget.md").read_text().startswith("# 2. R&D budget\n")
    assert (log / "0003-a-b-1.md").read_text().startswith("# 3. A|B \\1\n")


def test_link_when_status_is_the_last_section(adr, log: Path) -> None:
    last = log / "0001-short.md"
    log.mkdir(parents=True)
    last.write_text("# 1. Short\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n")
    write(log, 2, "Use streams")
    assert adr("new", "-s", "1", "Longer").code == 0
    assert last.read_text() == (
        "# 1. Short\n\nDate: 2024-05-01\n\n## Status\n\nSuperceded by [3. Longer](0003-longer.md)\n"
    )  # adr-tools would add nothing
    assert record(last).superseded_by == (3,)


def test_windows_line_endings_in_an_adr_tools_record(adr, log: Path) -> None:
    path = write(log, 1, "Use queues")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert adr("new", "-s", "1", "Use", "streams").code == 0
    data = path.read_bytes()
    # A log with no supersession yet is spelled as adr-tools 3.0.0 is published ("Superceded").
    assert b"\r\n\r\nSuperceded by [2. Use streams](0002-use-streams.md)\r\n\r\n## Context\r\n" in data
    assert b"Accepted" not in data and data.count(b"\n") == data.count(b"\r\n")


def test_madr_links_with_any_label_are_read_back(adr, log: Path) -> None:
    madr = (
        "---\nstatus: accepted\n---\n\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n"
        "## More Information\n\nNotes.\n"
    )
    first = _write_text(log / "0001-use-queues.md", madr.format(title="Use queues"))
    second = _write_text(log / "0002-use-streams.md", madr.format(title="Use streams"))
    assert adr("link", "2", "Builds on", "1", "Supersedes").code == 0
    assert "## Links\n\n* Builds on [ADR-0001](0001-use-queues.md)\n" in second.read_text()
    assert "## More Information\n\nNotes.\n\n* Supersedes [ADR-0002](0002-use-streams.md)\n" in first.read_text()
    assert [(r.label, r.number) for r in record(second).relations] == [("Builds on", 1)]
    assert record(first).supersedes == (2,)


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_lifecycle_commands_do_not_create_a_missing_log(adr, tmp_path: Path) -> None:
    result = adr("accept", "1")
    assert result.code == 2 and "The doc/adr directory does not exist" in result.err
    assert not (tmp_path / "doc").exists()


def test_a_long_title_gives_a_readable_bounded_file_name() -> None:
    from adrledger.ops.authoring import SLUG_LIMIT, slugify

    assert SLUG_LIMIT == 100
    title = " ".join(f"word{n}" for n in range(200))
    slug = slugify(title)
    assert len(slug) <= SLUG_LIMIT and title.lower().replace(" ", "-").startswith(slug + "-")  # whole words
    assert slugify("a" * 5000) == "a" * SLUG_LIMIT  # one giant word is cut at the limit
    assert slugify("abcd-" * 19 + "abcde") == "abcd-" * 19 + "abcde"  # exactly the limit: kept whole
    assert slugify("abcd-" * 20 + "x") == "abcd-" * 19 + "abcd"
    assert slugify("Use Kafka") == "use-kafka"  # the usual titles are adr-tools' slug, unchanged


def test_new_with_a_huge_title_writes_a_file_the_system_accepts(adr, log: Path) -> None:
    adr("init")
    result = adr("new", *(["Split"] * 20_000))
    assert result.code == 0, result.err
    name = result.out.strip().rsplit("/", 1)[-1]
    assert len(name.encode()) < 120 and name.startswith("0002-split-split-") and name.endswith("-split.md")
    assert (log / name).read_text().startswith("# 2. Split Split")


def test_lint_offers_a_bounded_rename_for_a_record_with_a_huge_title(adr, log: Path) -> None:
    log.mkdir(parents=True)
    (log / "0001-x.md").write_text("# 1. " + "*a **b " * 20_000 + "\n\n## Status\n\nAccepted\n", encoding="utf-8")
    result = adr("lint", "--diff", "--unsafe-fixes")  # a rename is never a safe fix
    assert result.code == 1 and "Traceback" not in result.err and "too long" not in result.err
    rename = next(line for line in result.out.splitlines() if line.startswith("rename to "))
    assert len(rename.rsplit("/", 1)[-1]) < 120
