"""Date-named record files: the date in the name is never a number, and it dates a record that states none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.files.filenames import read_name
from adrledger.log import DecisionLog
from adrledger.parse import parse_text
from lint.lintkit import lines_of, lint_folder


@pytest.mark.parametrize(
    "name, number, iso, form, slug",
    [
        ("20230604-pick-a-queue.md", None, "2023-06-04", "yyyymmdd", "pick-a-queue"),
        ("2023-06-04-pick-a-queue.md", None, "2023-06-04", "yyyy-mm-dd", "pick-a-queue"),
        ("2021-06-04_001-keep-a-log.md", 1, "2021-06-04", "yyyy-mm-dd", "keep-a-log"),
        ("2021-06-04-007-keep-a-log.md", 7, "2021-06-04", "yyyy-mm-dd", "keep-a-log"),
        ("2023-10-16_028_work_offline.md", 28, "2023-10-16", "yyyy-mm-dd", "work_offline"),
        ("2026-01-choose-a-cms.md", None, None, "yyyy-mm", "choose-a-cms"),
        ("2023-13-10-month-thirteen.md", None, None, "yyyy-mm-dd", "month-thirteen"),  # a wrong date, not 2023
        ("2023-05-01-3-tier-layout.md", None, "2023-05-01", "yyyy-mm-dd", "3-tier-layout"),
        ("0042-use-a-queue.md", 42, None, "", "use-a-queue"),
        ("adr-012-use-a-queue.md", 12, None, "", "use-a-queue"),
        ("2021-use-a-queue.md", 2021, None, "", "use-a-queue"),  # a four-digit number, not a year alone
    ],
)
def test_a_name_s_date_is_not_its_number(name: str, number: int | None, iso: str | None, form: str, slug: str) -> None:
    found = read_name(name)
    assert (found.number, found.iso_date, found.date_form, found.slug) == (number, iso, form, slug)


def _record(title: str, body: str = "") -> str:
    return f"---\ntitle: |\n  {title}\ntags: [Accepted]\n---\n\n## Status\n\nAccepted\n\n## Context\n\n{body}\n"


def _dated_log(root: Path) -> Path:
    folder = root / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "2022-02-01_001-write-decisions-down.md").write_text(_record("1. Write decisions down"))
    (folder / "2022-03-15_002-one-process-per-node.md").write_text(
        _record("2. One process per node", "This follows [ADR 1](2022-02-01_001-write-decisions-down.md).")
    )
    (folder / "2023-07-30_003-pin-the-toolchain.md").write_text(_record("3. Pin the toolchain"))
    return folder


def test_a_log_numbered_after_the_date_reads_the_numbers_and_dates_from_the_names(tmp_path: Path) -> None:
    records = DecisionLog(load_config(_dated_log(tmp_path), tmp_path)).records
    assert [(r.number, r.date) for r in records] == [(1, "2022-02-01"), (2, "2022-03-15"), (3, "2023-07-30")]


def test_the_date_a_record_states_wins_over_its_file_name() -> None:
    (record,) = parse_text("# Pick a queue\n\nDate: 2023-06-09\n\n## Status\n\nAccepted\n", "20230604-pick-a-queue.md")
    assert (record.number, record.date) == (None, "2023-06-09")
    (undated,) = parse_text("# Pick a queue\n\n## Status\n\nAccepted\n", "20230604-pick-a-queue.md")
    assert (undated.number, undated.date) == (None, "2023-06-04")


def test_a_date_named_log_has_no_duplicate_numbers_gaps_or_missing_dates(tmp_path: Path) -> None:
    folder = _dated_log(tmp_path)
    (folder / "2024-01-02-a-record-without-a-number.md").write_text("# Cache the catalogue\n\n## Status\n\nAccepted\n")
    found = lines_of(lint_folder(folder, select=("ADR203", "ADR301", "ADR302", "ADR401", "ADR406")))
    assert found == []


def test_a_link_to_a_dashed_date_named_record_is_a_relation_without_a_number() -> None:
    text = "# Cache again\n\n## Status\n\nAccepted\n\nSupersedes [Cache once](2023-06-04-cache-once.md)\n"
    (record,) = parse_text(text, "2024-02-01-cache-again.md")
    (relation,) = record.relations_of("supersedes")
    assert (relation.number, relation.target, relation.title) == (None, "2023-06-04-cache-once.md", "Cache once")


def test_adr_new_numbers_after_the_numbers_a_date_named_log_carries(adr, tmp_path: Path) -> None:
    _dated_log(tmp_path)
    result = adr("--dir", "docs/adr", "new", "Trace every request")
    assert result.code == 0, result.err
    created = [p.name for p in (tmp_path / "docs" / "adr").iterdir() if "trace" in p.name]
    assert created == ["2024-05-01_004-trace-every-request.md"]  # ADR_DATE is 2024-05-01 in the tests


def test_export_of_a_date_named_log_keys_relations_by_slug(adr, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "20230604-cache-once.md").write_text("# Cache once\n\n## Status\n\nSuperseded\n")
    (folder / "20240201-cache-again.md").write_text(
        "# Cache again\n\n## Status\n\nAccepted\n\nSupersedes [Cache once](20230604-cache-once.md)\n"
    )
    result = adr("export", "--format", "json")
    assert result.code == 0, result.err
    exported = {r["path"]: r for r in json.loads(result.out)}
    assert [r["number"] for r in exported.values()] == [None, None]
    assert [r["date"] for r in exported.values()] == ["2023-06-04", "2024-02-01"]
