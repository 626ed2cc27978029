"""One finding for one log-wide fact: a number shared by several files, the log's gaps."""

from __future__ import annotations

from pathlib import Path

from lintkit import lines_of, lint_folder

RECORD = "# {n}. {title}\n\n{date}## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


def _write(folder: Path, records: dict[str, tuple[int, str, bool]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (number, title, dated) in records.items():
        (folder / name).write_text(RECORD.format(n=number, title=title, date="Date: 2024-02-03\n\n" if dated else ""))
    return folder


def test_a_number_shared_by_five_files_is_one_finding_naming_the_five(tmp_path: Path) -> None:
    shared = {
        f"0037-{word}.md": (37, word.capitalize(), True)
        for word in ("delay", "cleanup", "reject", "tests", "analyzers")
    }
    folder = _write(tmp_path / "adr", {"0036-memory.md": (36, "Memory", True), **shared})
    assert lines_of(lint_folder(folder, select=("ADR301",))) == [
        "0037-analyzers.md:1: ADR301 number 37 is used by 5 records: 'Analyzers' (0037-analyzers.md), "
        "'Cleanup' (0037-cleanup.md), 'Delay' (0037-delay.md), 'Reject' (0037-reject.md), 'Tests' (0037-tests.md)"
    ]


def test_the_gaps_of_a_log_are_one_finding(tmp_path: Path) -> None:
    numbers = [1, 2, 5, 7, 8, 12]
    folder = _write(tmp_path / "adr", {f"{n:04d}-r{n}.md": (n, f"R{n}", True) for n in numbers})
    assert lines_of(lint_folder(folder, select=("ADR302",))) == [
        "0005-r5.md:1: ADR302 numbers missing from the log's sequence: 3-4 (between 2 and 5), 6 (between 5 and 7), "
        "9-11 (between 8 and 12)"
    ]


def test_a_log_that_names_its_records_by_id_may_share_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    for stem, number in (("0007-queue-a", 7), ("0007-queue-b", 7), ("0008-queue-c", 8)):
        (folder / f"{stem}.md").write_text(f"---\nid: {stem}\n---\n\n# {number}. {stem}\n\n## Status\n\nAccepted\n")
    assert lines_of(lint_folder(folder, select=("ADR301",))) == []
    (folder / "0008-queue-c.md").write_text("---\nid: 0007-queue-a\n---\n\n# 8. C\n")  # ids no longer unique
    assert len(lint_folder(folder, select=("ADR301",))) == 1
