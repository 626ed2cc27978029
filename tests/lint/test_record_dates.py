"""Which line gives a record its date: creation labels first, a "Last Modified" line only without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger import parse_text

from lintkit import lines_of, lint_folder


def _date(text: str) -> tuple[str | None, tuple[str, ...]]:
    records = parse_text(text, "0003-pick-a-queue.md")
    record = records[0] if isinstance(records, list) else records
    return record.date, tuple(p.code for p in record.problems)


@pytest.mark.parametrize(
    "lines",
    [
        "Introduced: 2022-04-11\nLast Modified: 2023-01-05",
        "Last Modified: 2023-01-05\nIntroduced: 2022-04-11",
        "Updated: 2023-01-05\nCreated: 2022-04-11",
        "- Last updated: 2023-01-05\n- Decided: 2022-04-11",
        "**Introduced on:** 11 April 2022",
    ],
)
def test_the_creation_date_is_the_records_date(lines: str) -> None:
    assert _date(f"# 3. Pick a queue\n\n{lines}\n\n## Status\n\nAccepted\n") == ("2022-04-11", ())


def test_a_last_modified_line_is_the_date_when_it_is_the_only_one() -> None:
    assert _date("# 3. Pick a queue\n\nLast Modified: 2023-01-05\n\n## Status\n\nAccepted\n") == ("2023-01-05", ())


def test_decided_followed_by_words_is_not_a_date() -> None:
    assert _date(
        "# 3. Pick a queue\n\nDecided: use one queue per tenant\nDate: 2022-04-11\n\n## Status\n\nAccepted\n"
    ) == ("2022-04-11", ())
    assert _date("# 3. Pick a queue\n\nDecided: use one queue per tenant\n\n## Status\n\nAccepted\n") == (None, ())


def test_a_change_log_written_year_first_dates_the_record() -> None:
    record = (
        "# 3. Pick a queue\n\n## Status\n\nAccepted\n\n## Change Log\n\n- 2020 Jan 5: Accepted\n"
        "- 2019 Oct 22: Initial Draft\n"
    )
    assert _date(record) == ("2019-10-22", ("date-from-log",))


def test_an_introduced_line_is_a_date_to_the_linter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADR_DATE", "2022-06-01")
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-pick-a-queue.md").write_text(
        "# 1. Pick a queue\n\nIntroduced: 2022-04-11\n\n## Status\n\nProposed\n\n## Context\n\nQueues.\n",
        encoding="utf-8",
    )
    assert lines_of(lint_folder(folder, select=("ADR203", "ADR502"))) == [
        "0001-pick-a-queue.md:7: ADR502 proposed since 2022-04-11 (51 days; stale-days is 30)"
    ]
