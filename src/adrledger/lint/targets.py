"""What `adr lint [PATHS]` lints: the log, folders as logs, or files (of any extension) named one by one.

A file inside the decision log is linted with the whole log around it, so references from and to
it are checked against every record; diagnostics are reported for the named files only. Files
outside any log are linted together: cross-record rules see all the records of the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import UsageError
from ..log import DecisionLog, resolve_dates
from .runner import Target


def collect_targets(paths: Sequence[str], log_of: Callable[[], DecisionLog], cwd: Path) -> list[Target]:
    """The targets for the command line's PATHS (the configured log when there are none)."""
    if not paths:
        log = log_of()
        if log.config.logs:  # several logs (monorepo packages): each is linted on its own
            # lazy: keeps workspace off this module's import
            from ..log.workspace import Workspace

            return [
                Target(each.config, each.root, True, log=each) for each in Workspace.from_config(log.config, cwd).logs
            ]
        if not log.root.is_dir():
            raise UsageError(f"no decision log: {log.config.dir_display} does not exist (give PATHS or --dir)")
        return [Target(log.config, log.root, True, log=log)]
    logs: dict[Path, tuple[DecisionLog, set[str] | None]] = {}
    loose: list[Path] = []
    record_files: set[Path] | None = None
    for raw in paths:
        path = Path(cwd, raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if path.is_dir():
            folder_log = DecisionLog.discover(raw, cwd)
            logs[folder_log.root.resolve()] = (folder_log, None)
            continue
        log = log_of()
        root, resolved = log.root.resolve(), path.resolve()
        if not log.root.is_dir() or not resolved.is_relative_to(root):
            loose.append(path)
            continue
        if record_files is None:
            record_files = {f.resolve() for f in log.files()}
        if resolved not in record_files:
            continue  # a README or template beside the records: not a record, nothing to lint
        _, selected = logs.setdefault(root, (log, set()))
        if selected is not None:
            selected.add(resolved.relative_to(root).as_posix())
    targets = [Target(log.config, log.root, True, selected, log=log) for log, selected in logs.values()]
    if loose:
        targets.append(_loose_target(loose, log_of(), cwd))
    return targets


def _loose_target(paths: list[Path], log: DecisionLog, cwd: Path) -> Target:
    # lazy: tests monkeypatch this name at its home
    from ..parse import parse_file

    # Absolute but not resolved: files are reported under the names they were given, symlinks kept.
    base = Path(os.path.abspath(cwd))
    records = []
    for path in dict.fromkeys(Path(os.path.abspath(p)) for p in paths):
        records.extend(parse_file(path, base if path.is_relative_to(base) else None))
    records = resolve_dates(records, log.config.date_order)
    return Target(log.config, base, False, loose=records)
