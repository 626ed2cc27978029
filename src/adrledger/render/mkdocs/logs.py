"""Which decision logs a MkDocs site holds: the folders the plugin names, else those `adr` finds
(.adr-dir, configuration, the configured logs of a workspace) when they lie under `docs_dir`,
else the usual folder names inside `docs_dir`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...config import load_config
from ...errors import UsageError
from ...log import DecisionLog

# Inside docs_dir, the names people give the folder (docs/adr is the usual one, docs/adrs Backstage's).
DOCS_FOLDERS = ("adr", "adrs", "decisions", "architecture/decisions", "architecture/adr", "decision-records")


@dataclass(frozen=True)
class DocsLog:
    """A decision log and where it sits in the site: `prefix` is its folder relative to docs_dir."""

    log: DecisionLog
    prefix: str

    def src_uri(self, relative: str) -> str:
        """A file of the log as MkDocs names it (relative to docs_dir, POSIX)."""
        return f"{self.prefix}/{relative}" if self.prefix else relative


def find_logs(docs_dir: Path, project_dir: Path, named: Sequence[str] = ()) -> list[DocsLog]:
    """The logs under docs_dir; a named folder that is missing or outside docs_dir is an error."""
    docs = docs_dir.resolve()
    if named:
        return [_named(docs, project_dir, name) for name in named]
    configured = load_config(None, project_dir)
    candidates = [(configured.dir, ""), *((spec.path, spec.name) for spec in configured.logs)]
    found = [
        DocsLog(DecisionLog(load_config(path, project_dir), package), _prefix(docs, path))
        for path, package in _unique(candidates)
        if path.is_dir() and _under(docs, path)
    ]
    if found:
        return found
    return [
        DocsLog(DecisionLog.discover(docs / name, project_dir), name) for name in DOCS_FOLDERS if (docs / name).is_dir()
    ][:1]


def _named(docs: Path, project_dir: Path, name: str) -> DocsLog:
    folder = (docs / name).resolve()
    if not folder.is_dir() or not _under(docs, folder):
        raise UsageError(f"logs: '{name}' is not a folder inside docs_dir ({docs})")
    return DocsLog(DecisionLog.discover(folder, project_dir), _prefix(docs, folder))


def _unique(candidates: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Each folder once, resolved; a folder named in `logs` keeps its name."""
    by_folder: dict[Path, str] = {}
    for path, package in candidates:
        resolved = path.resolve()
        by_folder[resolved] = package or by_folder.get(resolved, "")
    return list(by_folder.items())


def _under(docs: Path, folder: Path) -> bool:
    return folder.resolve().is_relative_to(docs)


def _prefix(docs: Path, folder: Path) -> str:
    relative = folder.resolve().relative_to(docs).as_posix()
    return "" if relative == "." else relative
