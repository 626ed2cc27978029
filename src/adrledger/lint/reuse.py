"""A whole lint run kept for the next one: a run over an unchanged log answers without reading a record.

Per-record results are cached by content already, but a run still rebuilt every record from the cache
and ran the log-wide checks again (seconds on a log of 10,000). What a run's answer depends on:

- the record files (their stat signatures, as the record cache trusts them) and their list;
- the configuration, the codes selected, `--since`, the folder paths are shown from, today's date;
- the git repository the history rules read (HEAD, refs, index, shallow and config files);
- adrledger's own code (any source file of the package);
- the paths the log checks asked the file system about (link targets, a docs site's configuration).

The key covers the first four; the answer is reused only when every recorded path still exists, or
still does not, as before. A file changed within the last seconds has no trusted signature: such a run
is not kept or reused, as git treats its racy index entries.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..base.remotes import git_folders
from ..cache import Cache, digest
from ..config import Config
from ..log import file_signature
from . import LINT_VERSION
from .diagnostics import Diagnostic

_NAMESPACE = "lint-run"
_ENTRY = "run"
_GIT_FILES = ("HEAD", "index", "packed-refs", "shallow", "config")


@dataclass(frozen=True)
class Kept:
    """A finished run: its key, the file-system answers it relied on, its diagnostics."""

    key: str
    probes: tuple[tuple[str, tuple[bool, bool]], ...]  # (path, (exists, lexists))
    diagnostics: tuple[Diagnostic, ...]


def run_key(files: Iterable[tuple[str, str]], config: Config, parts: Sequence[str]) -> str | None:
    """The key of a run over these (relative, full path) record files, or None when a file (or the
    repository) changed too recently for its signature to be trusted."""
    items: list[bytes] = [LINT_VERSION.encode(), _package_stamp().encode(), repr(config).encode()]
    items.extend(part.encode("utf-8", "surrogateescape") for part in parts)
    repository = _git_state(config.dir)
    if repository is None:
        return None
    items.append(repository.encode("utf-8", "surrogateescape"))
    for relative, path in files:
        signature = file_signature(path)
        if signature is None:
            return None
        items.append(f"{relative}\0{signature}".encode("utf-8", "surrogateescape"))
    return digest(*items)


def kept(base: Path, config: Config, key: str) -> list[Diagnostic] | None:
    """The diagnostics of the last run under `key`, if the file system still answers as it did."""
    found = _cache(base, config).get(_ENTRY)
    if not isinstance(found, Kept) or found.key != key:
        return None
    if any((os.path.exists(path), os.path.lexists(path)) != answer for path, answer in found.probes):
        return None
    return list(found.diagnostics)


def keep(
    base: Path, config: Config, key: str, probes: dict[str, tuple[bool, bool]], diagnostics: list[Diagnostic]
) -> None:
    cache = _cache(base, config)
    cache.put(_ENTRY, Kept(key, tuple(sorted(probes.items())), tuple(diagnostics)))
    cache.save()


def _cache(base: Path, config: Config) -> Cache:
    return Cache.for_log(base, _NAMESPACE, config.cache_dir, config.cache)


def _package_stamp() -> str:
    """adrledger's source files as stat sees them: an edited or upgraded install is a new key."""
    package = Path(__file__).resolve().parents[1]
    found = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".md", ".toml")):
                info = os.stat(os.path.join(folder, name))
                found.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return digest(*(item.encode("utf-8", "surrogateescape") for item in found))


def _git_state(start: Path) -> str | None:
    """The signatures of the git files the history reads, for the repository holding `start` ("" outside
    git; None when one changed too recently to be trusted)."""
    folder = os.path.abspath(start)
    while not os.path.lexists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return ""
        folder = parent
    folders = git_folders(folder)
    if folders is None:
        return ""
    paths = [os.path.join(where, name) for where in dict.fromkeys(folders) for name in _GIT_FILES]
    for where in dict.fromkeys(folders):
        for refs_folder, children, names in os.walk(os.path.join(where, "refs")):
            children.sort()
            paths.extend(os.path.join(refs_folder, name) for name in sorted(names))
    state = [folder]
    for path in paths:
        if not os.path.lexists(path):
            continue
        signature = file_signature(path)
        if signature is None:
            return None
        state.append(f"{path}\0{signature}")
    return "\n".join(state)
