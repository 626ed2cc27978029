"""Helpers for the lint tests: lint a folder in-process, as the CLI would, without a cache."""

from __future__ import annotations

from pathlib import Path

from adrledger.lint.diagnostics import Diagnostic
from adrledger.lint.runner import LintOptions, lint_targets
from adrledger.lint.targets import collect_targets
from adrledger.log import DecisionLog

FIXTURES = Path(__file__).parent / "fixtures"


def lint_folder(folder: Path, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Diagnostic]:
    """Lint `folder` as a decision log; diagnostic paths are relative to it."""
    log = DecisionLog.discover(str(folder), folder)
    targets = collect_targets([], lambda: log, folder)
    return lint_targets(targets, LintOptions(select, ignore, cache=False, cwd=folder))


def lines_of(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.line}: {d.code} {d.message}" for d in diagnostics]


def copy_fixture(relative: str, destination: Path) -> Path:
    """Copy a fixture folder (tests/lint/fixtures/...) to `destination`/log and return the copy."""
    import shutil

    target = destination / "log"
    shutil.copytree(FIXTURES / relative, target)
    return target
