"""The decision log: discovery, configuration, loading through the cache, numbering, dates."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adrledger import log as log_module
from adrledger.config import load_config
from adrledger.errors import ConfigError
from adrledger.log import TRANSACTION_JOURNAL, DecisionLog
from adrledger.ops.writing import WriteSession, write_session


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def nygard(number: int, title: str, status: str = "Accepted", date: str = "2020-01-01") -> str:
    return f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"


def test_discovery_order(tmp_path: Path):
    assert load_config(cwd=tmp_path).dir == tmp_path / "doc/adr"
    (tmp_path / "docs/decisions").mkdir(parents=True)
    assert load_config(cwd=tmp_path).dir == tmp_path / "docs/decisions"
    write(tmp_path / "pyproject.toml", '[tool.adrledger]\ndir = "architecture/adr"\npadding = 3\n')
    config = load_config(cwd=tmp_path)
    assert (config.dir, config.padding, config.dir_display) == (tmp_path / "architecture/adr", 3, "architecture/adr")
    write(tmp_path / ".adr-dir", "records\n")
    assert load_config(cwd=tmp_path).dir == tmp_path / "records"
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    config = load_config(cwd=sub)
    assert (config.dir, config.dir_display) == (tmp_path / "records", "../../records")


def test_log_folder_own_configuration_wins(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.adrledger]\ndir = "adr"\nstyle = "full"\nmax-words = 900\n')
    write(tmp_path / "adr/.adrledger.toml", 'style = "madr"\n')
    config = load_config(cwd=tmp_path)
    assert (config.style, config.max_words) == ("madr", 900)
    explicit = load_config("adr", cwd=tmp_path)
    assert (explicit.style, explicit.max_words, explicit.dir_display) == ("madr", 900, "adr")


def test_log4brains_configuration(tmp_path: Path):
    write(tmp_path / ".log4brains.yml", "project:\n  name: X\n  adrFolder: ./docs/adr\n")
    config = load_config(cwd=tmp_path)
    assert config.dir == (tmp_path / "docs/adr").resolve() and config.style == "madr"


def test_invalid_configuration_reports_every_problem_at_once(tmp_path: Path):
    write(tmp_path / ".adrledger.toml", 'style = "fancy"\npolicy = "loose"\nstale-days = -1\ncolour = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    message = str(caught.value)
    for fragment in ("style", "policy", "stale-days", "colour"):
        assert fragment in message


def test_files_skip_non_records(tmp_path: Path):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    write(root / "README.md", "# Decisions\n")
    write(root / "templates/template.md", "# NUMBER. TITLE\n")
    write(root / ".hidden.md", "# x\n")
    write(root / "notes.txt", "not markdown")
    write(root / "2021/0002-b.md", nygard(2, "B"))
    log = DecisionLog(load_config(cwd=tmp_path))
    assert [log.relative(p) for p in log.files()] == ["0001-a.md", "2021/0002-b.md"]
    assert [r.number for r in log.records] == [1, 2]


def test_lookup_and_next_number(tmp_path: Path):
    root = tmp_path / "doc/adr"
    write(root / "0001-use-postgres.md", nygard(1, "Use Postgres"))
    write(root / "0007-use-kafka.md", nygard(7, "Use Kafka"))
    log = DecisionLog(load_config(cwd=tmp_path))
    assert log.highest_number() == 7
    assert WriteSession(log).next_number() == 8
    assert log.get(7).title == "Use Kafka"
    assert log.get("0007").title == "Use Kafka"
    assert log.get("ADR-7").title == "Use Kafka"
    assert log.get("postgres").number == 1
    assert log.find(3) is None


def test_cache_is_used_and_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    write(root / "0002-b.md", nygard(2, "B"))
    config = load_config(cwd=tmp_path)
    first = DecisionLog(config).records
    calls = []
    real = log_module._parse_one
    monkeypatch.setattr(log_module, "_parse_one", lambda item: calls.append(item[1]) or real(item))
    assert DecisionLog(config).records == first and calls == []
    write(root / "0002-b.md", nygard(2, "B changed"))
    again = DecisionLog(config).records
    assert calls == ["0002-b.md"] and again[1].title == "B changed"


def test_cache_refuses_a_file_others_can_write(tmp_path: Path):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    config = load_config(cwd=tmp_path)
    assert DecisionLog(config).records
    (cache_file,) = Path(os.environ["ADRLEDGER_CACHE_DIR"]).rglob("records-*.pickle")
    assert cache_file.stat().st_mode & 0o777 == 0o600
    cache_file.chmod(0o666)
    from adrledger.cache import Cache

    assert Cache(cache_file.parent, "records")._load() == {}
    cache_file.chmod(0o600)
    assert Cache(cache_file.parent, "records")._load() != {}


def test_parallel_parsing_gives_the_same_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "doc/adr"
    for number in range(1, 41):
        write(root / f"{number:04d}-r{number}.md", nygard(number, f"R{number}"))
    serial = DecisionLog(load_config(cwd=tmp_path)).records
    monkeypatch.setattr(log_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setenv("ADRLEDGER_NO_CACHE", "1")
    parallel = DecisionLog(load_config(cwd=tmp_path)).records
    assert parallel == serial


def test_day_month_order_is_settled_by_the_log(tmp_path: Path):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A", date="25/02/2018"))
    write(root / "0002-b.md", nygard(2, "B", date="05/03/2018"))
    (first, second) = DecisionLog(load_config(cwd=tmp_path)).records
    assert first.date == "2018-02-25"
    assert second.date == "2018-03-05"
    assert any(p.code == "date-order" for p in second.problems)


def test_day_month_ambiguity_without_evidence_stays_reported(tmp_path: Path):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A", date="05/03/2018"))
    (record,) = DecisionLog(load_config(cwd=tmp_path)).records
    assert record.date is None and any(p.code == "date-ambiguous" for p in record.problems)
    write(tmp_path / ".adrledger.toml", 'dir = "doc/adr"\ndate-order = "mdy"\n')
    (record,) = DecisionLog(load_config(cwd=tmp_path)).records
    assert record.date == "2018-05-03"


def test_configuration_reference_is_up_to_date(adr):
    from conftest import ROOT

    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert page == adr("config", "--reference").out, "run `adr config --reference > docs/configuration.md`"


def test_config_shows_where_settings_come_from(adr, tmp_path: Path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.adrledger]\ndir = "adr"\npolicy = "amend-with-log"\n[tool.adrledger.lint]\nignore = ["ADR302"]\n',
    )
    shown = adr("config").out
    assert "pyproject.toml" in shown and "'amend-with-log'" in shown and "['ADR302']" in shown


def test_wrong_types_in_lint_settings_are_reported(tmp_path: Path):
    write(tmp_path / ".adrledger.toml", '[lint]\nignore = 3\nfail-on = "never"\n[lint.per-file-ignores]\n"x.md" = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    message = str(caught.value)
    assert "lint.ignore" in message and "lint.fail-on" in message and "per-file-ignores" in message


def test_reading_a_log_changes_nothing_and_a_write_session_finishes_the_journal(tmp_path: Path):
    """A log only reads: the journal of an interrupted change (which may reach the repository's
    README) waits for a write session, which takes the lock and finishes it with the repository as scope."""
    (tmp_path / ".git").mkdir()  # the repository's root, as repolinks finds it
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    readme = tmp_path / "README.md"
    readme.write_text("old\n")
    (tmp_path / ".README.md.x.adrtx").write_text("new\n")
    journal = {"version": 1, "writes": [{"target": "../../README.md", "temp": "../../.README.md.x.adrtx"}]}
    (root / TRANSACTION_JOURNAL).write_text(json.dumps(journal))
    before = sorted(p.name for p in root.iterdir())
    log = DecisionLog(load_config(cwd=tmp_path))
    assert [r.title for r in log.records] == ["A"] and log.has_journal()
    assert log.highest_number() == 1
    assert sorted(p.name for p in root.iterdir()) == before and readme.read_text() == "old\n"
    with write_session(log) as writing:
        assert not log.has_journal() and readme.read_text() == "new\n"
        assert writing.next_number() == 2
