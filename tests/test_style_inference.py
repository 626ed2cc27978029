"""`adr new` in a log without a configured style follows the style of its latest records."""

from __future__ import annotations

from pathlib import Path

import pytest

import adrledger.log
import adrledger.parse
from adrledger.config import load_config
from adrledger.ops.authoring import builtin_template, fill_template, infer_style, record_filename


def write_records(folder: Path, style: str, numbers: range) -> None:
    for number in numbers:
        title = f"Decision {number}"
        text = fill_template(builtin_template(style), number=number, title=title, date="2024-05-06", status="Accepted")
        (folder / record_filename(number, title)).write_text(text, encoding="utf-8")


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(adrledger.log, "RACY_NS", 0)  # files written a moment ago count as settled
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize("style", ["madr", "quick", "table", "full"])
def test_the_style_of_the_latest_records_is_inferred(log_dir: Path, style: str) -> None:
    write_records(log_dir, "nygard", range(1, 4))
    write_records(log_dir, style, range(4, 7))
    assert infer_style(load_config(log_dir)) == style


def test_an_adr_tools_log_is_recognised_without_the_parser(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_records(log_dir, "nygard", range(1, 4))
    monkeypatch.setattr(adrledger.parse, "parse_file", _must_not_parse)
    assert infer_style(load_config(log_dir)) == "nygard"


def test_a_second_inference_reads_the_remembered_styles(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_records(log_dir, "madr", range(1, 4))
    assert infer_style(load_config(log_dir)) == "madr"
    monkeypatch.setattr(adrledger.parse, "parse_file", _must_not_parse)
    assert infer_style(load_config(log_dir)) == "madr"


def test_a_rewritten_record_is_parsed_again(log_dir: Path) -> None:
    write_records(log_dir, "madr", range(1, 4))
    assert infer_style(load_config(log_dir)) == "madr"
    for path in log_dir.iterdir():
        path.unlink()
    write_records(log_dir, "table", range(1, 4))  # same names, new content
    assert infer_style(load_config(log_dir)) == "table"


def _must_not_parse(*args: object) -> None:
    raise AssertionError("the parser was called")
