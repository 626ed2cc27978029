"""Finding a record by number reads only its file when the file name says which one it is."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import adrledger.log
from adrledger.config import load_config
from adrledger.log import DecisionLog

NYGARD = "# {n}. {title}\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n"


def write(folder: Path, name: str, number: int, title: str, date: str = "2024-05-06") -> None:
    (folder / name).write_text(NYGARD.format(n=number, title=title, date=date), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "doc" / "adr"
    path.mkdir(parents=True)
    for number in range(1, 6):
        write(path, f"{number:04d}-decision-{number}.md", number, f"Decision {number}")
    return path


def without_digest(record: object) -> object:
    return dataclasses.replace(record, digest="")  # type: ignore[type-var]


def loaded_record(folder: Path, number: int) -> object:
    log = DecisionLog(load_config(folder))
    return next(r for r in log.records if r.number == number)


def test_a_number_is_found_without_loading_the_log(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = loaded_record(folder, 3)
    log = DecisionLog(load_config(folder))
    monkeypatch.setattr(adrledger.log, "load_relative", _must_not_load)
    found = log.find("ADR-0003")
    assert found is not None and without_digest(found) == without_digest(expected)


@pytest.mark.parametrize("case", ["two files", "number only in the heading", "ambiguous date"])
def test_the_whole_log_answers_when_one_file_cannot(folder: Path, case: str) -> None:
    if case == "two files":
        write(folder, "0003-another-three.md", 3, "Another three")
    elif case == "number only in the heading":
        (folder / "0003-decision-3.md").unlink()
        write(folder, "decision-three.md", 3, "Decision three")
    else:
        write(folder, "0003-decision-3.md", 3, "Decision 3", date="05/06/2024")
    log = DecisionLog(load_config(folder))
    found = log.find("3")
    assert log.loaded_records() is not None  # the fast path stepped aside
    assert found is not None and found.number == 3
    assert without_digest(found) == without_digest(loaded_record(folder, 3))


def _must_not_load(*args: object) -> None:
    raise AssertionError("the whole log was loaded")
