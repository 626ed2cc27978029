"""Several decision logs read as one: monorepo packages and other repositories' folders.

Records of a named log are identified as `package/NNNN`; the project's own log (when it is not
one of the named ones) keeps plain numbers. Each log keeps its own configuration and cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..config import Config, load_config
from ..errors import ConfigError, UsageError
from ..model import Record
from . import DecisionLog


class Workspace:
    """An ordered set of decision logs; reading stays lazy, log by log."""

    def __init__(self, logs: Sequence[DecisionLog]):
        self.logs = list(logs)
        self._by_name = {log.package: log for log in self.logs}

    @classmethod
    def from_config(cls, config: Config, cwd: Path | None = None) -> Workspace:
        """The configured logs (`logs`, log4brains packages) and the project's own."""
        cwd = Path(cwd or os.getcwd())
        main = DecisionLog(config)
        if not config.logs:
            return cls([main])
        problems = _spec_problems(config)
        if problems:
            raise ConfigError("; ".join(problems), path=config.source or config.dir)
        named = {spec.path.resolve() for spec in config.logs}
        logs = [main] if config.dir.is_dir() and config.dir.resolve() not in named else []
        for spec in config.logs:
            display = _display(spec.path, cwd)
            logs.append(DecisionLog(load_config(display, cwd), package=spec.name))
        return cls(logs)

    @property
    def names(self) -> list[str]:
        return [log.package for log in self.logs if log.package]

    @property
    def records(self) -> list[Record]:
        return [record for log in self.logs for record in log.records]

    def log_named(self, name: str) -> DecisionLog | None:
        return self._by_name.get(name)

    def log_of(self, record: Record) -> DecisionLog:
        return self._by_name.get(record.package) or self.logs[0]

    def display_path(self, record: Record) -> str:
        """The record's file as the user would type it: the log folder, then its path in it."""
        return f"{self.log_of(record).config.dir_display}/{record.path}"

    def locate(self, reference: str) -> tuple[DecisionLog, Record]:
        """The log and record a reference names: `package/0007`, or a number unique across logs."""
        package, _, rest = reference.partition("/")
        named = self.log_named(package) if rest else None
        if named is not None:
            return named, named.get(rest)
        found = [(log, record) for log in self.logs if (record := log.find(reference)) is not None]
        unnamed = [pair for pair in found if not pair[0].package]
        if unnamed:
            return unnamed[0]
        if len(found) == 1:
            return found[0]
        if found:
            choices = ", ".join(record.id for _, record in found)
            raise UsageError(f"'{reference}' is ambiguous across logs: {choices}")
        raise UsageError(f"no record matches '{reference}' in {', '.join(self._displays())}")

    def _displays(self) -> list[str]:
        return [log.config.dir_display for log in self.logs]


def _spec_problems(config: Config) -> list[str]:
    problems = []
    seen: set[str] = set()
    for spec in config.logs:
        if spec.name in seen:
            problems.append(f"logs: two logs are named '{spec.name}'")
        seen.add(spec.name)
        if "/" in spec.name or not spec.name:
            problems.append(f"logs: '{spec.name}' cannot name a log (no '/', not empty)")
        if not spec.path.is_dir():
            problems.append(f"logs: the folder of '{spec.name}' does not exist: {spec.path}")
    return problems


def _display(path: Path, cwd: Path) -> str:
    """The folder relative to the current one when that reads better, as adr-tools prints paths."""
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:  # another drive
        return str(path)
    return relative if relative.count("..") <= 2 else str(path)
