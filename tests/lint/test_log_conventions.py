"""Conventions come from the log: what most of a log's records leave out is its choice, not a defect.

Each case is a synthetic log written for the pattern seen in real decision logs (never a copy of one).
"""

from __future__ import annotations

from pathlib import Path

from lintkit import lines_of, lint_folder


def nygard(number: int, *, consequences: bool = True, status: bool = True, date: bool = True) -> str:
    parts = [f"# {number}. Decision number {number}\n"]
    if date:
        parts.append(f"Date: 2023-02-{number:02d}\n")
    if status:
        parts.append("## Status\n\nAccepted\n")
    parts.append(f"## Context\n\nThe team needed choice {number}.\n")
    parts.append(f"## Decision\n\nWe pick option {number}.\n")
    if consequences:
        parts.append("## Consequences\n\nSome work gets easier.\n")
    return "\n".join(parts)


def write_log(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_section_most_records_have_is_required_of_the_one_that_lacks_it(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": nygard(n) for n in range(1, 7)}
    texts["0007-decision-7.md"] = nygard(7, consequences=False)
    found = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR101",)))
    assert found == ["0007-decision-7.md:1: ADR101 missing section 'Consequences' (required in the nygard style)"]


def test_a_section_the_log_leaves_out_is_not_required(tmp_path: Path) -> None:
    # Half the log never had a Consequences section: the log's template evolved, nothing to report.
    texts = {f"{n:04d}-decision-{n}.md": nygard(n, consequences=n % 2 == 0) for n in range(1, 9)}
    assert lint_folder(write_log(tmp_path / "adr", texts), select=("ADR101",)) == []


def test_a_small_log_is_held_to_its_style(tmp_path: Path) -> None:
    texts = {"0001-decision-1.md": nygard(1), "0002-decision-2.md": nygard(2, consequences=False)}
    found = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR101",)))
    assert found == ["0002-decision-2.md:1: ADR101 missing section 'Consequences' (required in the nygard style)"]


def test_sections_written_as_bold_lines_count(tmp_path: Path) -> None:
    bold = (
        "# Keep uploads in object storage\n\n**Context and Problem Statement**\n\nUploads grow.\n\n"
        "**Considered Options**\n\n* Object storage\n* The database\n\n**Decision Outcome**\n\n"
        'Chosen option: "Object storage", because it is cheap.\n'
    )
    found = lint_folder(write_log(tmp_path / "adr", {"0001-keep-uploads.md": bold}), select=("ADR101", "ADR603"))
    assert found == []


def test_plural_and_synonym_headings_count(tmp_path: Path) -> None:
    text = (
        "# 1. Use one queue\n\nDate: 2023-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n"
        "## Decisions\n\nOne queue.\n\n## Implications\n\nFewer moving parts.\n"
    )
    assert lint_folder(write_log(tmp_path / "adr", {"0001-use-one-queue.md": text}), select=("ADR101",)) == []


def test_a_log_that_keeps_no_dates_is_not_asked_for_one_per_record(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": nygard(n, date=n == 1) for n in range(1, 8)}
    assert lint_folder(write_log(tmp_path / "adr", texts), select=("ADR203",)) == []


def test_a_record_without_the_date_the_rest_of_the_log_states_is_reported(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": nygard(n, date=n != 3) for n in range(1, 8)}
    found = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR203",)))
    assert found == ["0003-decision-3.md:1: ADR203 the record states no date"]


def test_a_log_that_keeps_no_statuses_is_not_asked_for_one_per_record(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": nygard(n, status=False) for n in range(1, 8)}
    assert lint_folder(write_log(tmp_path / "adr", texts), select=("ADR201",)) == []


def test_a_record_without_the_status_the_rest_of_the_log_states_is_reported(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": nygard(n, status=n != 5) for n in range(1, 8)}
    found = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR201",)))
    assert found == ["0005-decision-5.md:1: ADR201 the record states no status"]


def test_dates_in_a_change_log_list_date_the_record(tmp_path: Path) -> None:
    texts = {
        f"adr-{n:03d}-topic-{n}.md": f"# ADR {n:03d}: Topic {n}\n\n## Changelog\n\n"
        f"- 2021-0{n}-20: Second pass\n- 2020-0{n}-11: First draft\n\n## Status\n\nAccepted\n\n"
        "## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n"
        for n in range(1, 7)
    }
    folder = write_log(tmp_path / "architecture", texts)
    assert lint_folder(folder, select=("ADR203",)) == []
    from adrledger.log import DecisionLog

    dates = [record.date for record in DecisionLog.discover(str(folder), folder).records]
    assert dates == [f"2020-0{n}-11" for n in range(1, 7)]  # the earliest entry, wherever it is listed


def proposal(number: int, status: str = "Proposed") -> str:
    return (
        f"# {number}. Decision number {number}\n\nDate: 2020-03-{number:02d}\n\n## Status\n\n{status}\n\n"
        f"## Context\n\nThe team needed choice {number}.\n\n## Decision\n\nWe pick option {number}.\n\n"
        "## Consequences\n\nSome work gets easier.\n"
    )


def test_a_log_that_never_decides_gets_one_finding_for_its_stale_proposals(tmp_path: Path) -> None:
    # Five proposals, none ever accepted: merging the proposal is how this log decides.
    texts = {f"{n:04d}-decision-{n}.md": proposal(n) for n in range(1, 6)}
    (found,) = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR502",)))
    assert found.startswith(
        "0001-decision-1.md:7: ADR502 no record of this log was ever decided: 5 proposals are "
        "older than 30 days, the oldest since 2020-03-01"
    )
    assert all(f"{n:04d}-decision-{n}.md" in found for n in range(1, 6))


def test_a_proposal_left_open_beside_decided_records_is_stale(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": proposal(n, "Accepted") for n in range(1, 5)}
    texts["0005-decision-5.md"] = proposal(5)
    found = lines_of(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR502",)))
    assert [line.split(" (")[0] for line in found] == ["0005-decision-5.md:7: ADR502 proposed since 2020-03-05"]


def test_a_young_log_of_proposals_only_is_still_told(tmp_path: Path) -> None:
    texts = {f"{n:04d}-decision-{n}.md": proposal(n) for n in range(1, 3)}
    assert len(lint_folder(write_log(tmp_path / "adr", texts), select=("ADR502",))) == 2


def test_an_empty_heading_of_the_authors_own_groups_the_ones_after_it(tmp_path: Path) -> None:
    text = (
        nygard(1) + "\n## Rollout\n\n## Staging\n\nFirst the staging cluster.\n\n## Links\n\n<!-- related records -->\n"
    )
    found = lines_of(lint_folder(write_log(tmp_path / "adr", {"0001-decision-1.md": text}), select=("ADR102",)))
    assert found == ["0001-decision-1.md:27: ADR102 section 'Links' is empty"]


def test_a_template_heading_whose_content_follows_one_level_too_high_is_not_empty(tmp_path: Path) -> None:
    text = (
        "# 1. Pick a test runner\n\nDate: 2023-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nTests are slow.\n\n"
        "## Considered Options\n\n## Runner A\n\nFast, young.\n\n## Runner B\n\nOld, steady.\n\n"
        "## Decision\n\nRunner A.\n\n## Consequences\n\n### Positive\n\n### Negative\n\nA migration.\n"
    )
    found = lines_of(lint_folder(write_log(tmp_path / "adr", {"0001-pick.md": text}), select=("ADR102",)))
    assert found == ["0001-pick.md:29: ADR102 section 'Positive' is empty"]
