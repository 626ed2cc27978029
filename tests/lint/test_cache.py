"""Per-record diagnostics are cached by file content, lint version and settings; log-wide checks always run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adrledger.lint import registry
from adrledger.lint.runner import LintOptions, lint_targets
from adrledger.lint.targets import collect_targets
from adrledger.log import DecisionLog

MIXED = Path(__file__).parent / "logs" / "mixed"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path of every record that per-record checks are run on."""
    registry.load_all()
    calls: list[str] = []
    wrapped = []
    for check in registry.CHECKS:
        if check.scope == "record":

            def func(ctx, _inner=check.func):  # type: ignore[no-untyped-def]
                calls.append(ctx.record.path)
                return _inner(ctx)

            check = registry.Check(check.codes, check.scope, func)
        wrapped.append(check)
    monkeypatch.setattr(registry, "CHECKS", wrapped)
    monkeypatch.setattr("adrledger.lint.runner.CHECKS", wrapped)
    return calls


def run(folder: Path) -> list[str]:
    log = DecisionLog.discover(None, folder)
    diagnostics = lint_targets(collect_targets([], lambda: log, folder), LintOptions(cwd=folder))
    return [f"{d.path}:{d.line}:{d.code}" for d in diagnostics]


def test_unchanged_files_are_not_checked_again(tmp_path: Path, counted: list[str]) -> None:
    shutil.copytree(MIXED, tmp_path / "docs" / "adr")
    first = run(tmp_path)
    per_record = len([c for c in registry.CHECKS if c.scope == "record"])
    assert len(counted) == 4 * per_record
    counted.clear()
    assert run(tmp_path) == first
    assert counted == []


def test_a_changed_file_is_checked_again_alone(tmp_path: Path, counted: list[str]) -> None:
    log = tmp_path / "docs" / "adr"
    shutil.copytree(MIXED, log)
    run(tmp_path)
    counted.clear()
    record = log / "0003-cache-sessions.md"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "| Cache outage | High | Low | |", "| Cache outage | High | Low | Fall back to the DB |"
        )
    )
    second = run(tmp_path)
    assert set(counted) == {"0003-cache-sessions.md"}
    assert not any("ADR606" in line for line in second)


def test_settings_are_part_of_the_key(tmp_path: Path, counted: list[str]) -> None:
    shutil.copytree(MIXED, tmp_path / "docs" / "adr")
    config = tmp_path / ".adrledger.toml"
    config.write_text('dir = "docs/adr"\n[lint]\nextend-select = ["ADR607"]\n', encoding="utf-8")
    run(tmp_path)
    counted.clear()
    config.write_text('dir = "docs/adr"\nmax-words = 60\n[lint]\nextend-select = ["ADR607"]\n', encoding="utf-8")
    found = run(tmp_path)
    assert len(set(counted)) == 4
    assert "docs/adr/0003-cache-sessions.md:1:ADR607" in found


def test_log_checks_see_changes_in_other_files(tmp_path: Path, counted: list[str]) -> None:
    log = tmp_path / "docs" / "adr"
    shutil.copytree(MIXED, log)
    assert "docs/adr/0002-use-kafka.md:9:ADR402" in run(tmp_path)
    old = log / "0001-use-rabbitmq.md"
    mirrored = "\nSuperseded by [2. Use Kafka](0002-use-kafka.md)\n"
    old.write_text(old.read_text(encoding="utf-8").replace("\nAccepted\n", mirrored))
    counted.clear()
    assert "docs/adr/0002-use-kafka.md:9:ADR402" not in run(tmp_path)
    assert set(counted) == {"0001-use-rabbitmq.md"}
