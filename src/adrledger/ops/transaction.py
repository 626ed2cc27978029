"""All-or-nothing changes to several files, even when the process is killed half-way.

A transaction applies a set of edits (textedit.Edit): it writes every new content to a temporary
file beside its target and syncs it, then writes a journal (target -> temporary file, files to
delete) into the log folder, then renames each temporary file over its target, deletes what must
go, and removes the journal.
If the process dies before the journal exists, nothing has changed; if it dies after, the
next `adr` command that writes to the log finds the journal and finishes the renames (roll
forward) under the lock, before it reads anything. Each rename is atomic, so every file is
always either old or new. A command that only reads never replays a journal (it may come from
a pull request, or the checkout may be read-only): `pending_change` tells it what to report.

The caller holds the log folder's lock (textio.locked_directory) around the whole change. A change
may rewrite Markdown files outside the log folder in its repository (`scope`: a renamed record's
links in a README), never anything else there and nothing further: deletions and other files stay
inside the log folder. The journal still lives in the log folder, where every command looks.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..base.termtext import clipped
from ..base.textio import (
    FileRefused,
    atomic_write,
    fsync_dir,
    locked_directory,
    mode_for,
    naming,
    read_own_file,
    temporary_beside,
    write_synced,
)
from ..base.textio import crash_point as _fault
from ..edit import Edit, apply_edits, edits_between
from ..errors import AdrError

JOURNAL = ".adr-transaction.json"
TEMP_SUFFIX = ".tx.adrtmp"  # textio.TEMP_SUFFIX, with the kind: a staged file of a transaction
_LEGACY_TEMP_SUFFIX = ".adrtx"  # journals written by earlier versions name their files so
# A journal names each file twice in about 150 bytes: 16 MB is a change to some 100,000 files.
MAX_JOURNAL_BYTES = 16 * 1024 * 1024
# Fault injection for the crash tests (textio.crash_point): the process exits there, as if killed.
FAULT_POINTS = ("before-journal", "after-journal", "after-first-rename", "before-cleanup")


@dataclass
class Transaction:
    """A set of edits (textedit.Edit) to files under one log folder, committed together.

    Each file's edits are given with the bytes they were planned on (b"" for a new file); a file
    is written once with all of them applied, under its new name when an edit renames it.
    """

    root: Path
    scope: Path | None = None  # the folder the change may touch (the repository); the log folder by default
    originals: dict[Path, bytes] = field(default_factory=dict)
    edits: dict[Path, list[Edit]] = field(default_factory=dict)

    def add(self, edits: Iterable[Edit], original: bytes = b"") -> None:
        """Take in edits of files whose content is `original` (the bytes they were planned on)."""
        for edit in edits:
            if not isinstance(edit, Edit):
                raise TypeError(f"a transaction applies edits, not {type(edit).__name__}")
            path = Path(edit.path)
            self.originals.setdefault(path, original)
            self.edits.setdefault(path, []).append(edit)

    def write(self, path: Path, data: bytes, reason: str = "") -> None:
        """A file's whole content (a new file, an import): stated as edits from nothing, so whatever the
        path holds now is never read (it may be a link out of the log, refused at commit)."""
        self.add(edits_between(str(path), b"", data, reason))

    def __bool__(self) -> bool:
        return bool(self.edits)

    def planned(self) -> tuple[dict[Path, bytes], list[Path]]:
        """What committing writes (target -> bytes, in the order the files were given) and deletes."""
        writes: dict[Path, bytes] = {}
        deletes: list[Path] = []
        for path, edits in self.edits.items():
            renamed = [Path(edit.rename_to) for edit in edits if edit.rename_to is not None]
            writes[renamed[-1] if renamed else path] = apply_edits(self.originals[path], edits, str(path))
            if renamed:
                deletes.append(path)
        return writes, deletes

    def commit(self) -> None:
        """Apply every edit, or (if interrupted) leave a journal that finishes them."""
        if not self:
            return
        writes, deletes = self.planned()
        scope = self.scope or self.root
        outside = [p for p in writes if not _real_folder_inside(_reach(self.root, scope, p) or self.root, p)]
        outside += [p for p in deletes if not _real_folder_inside(self.root, p)]
        if outside:
            where = "the decision log" if self.scope is None else "its repository"
            raise AdrError(f"refusing to change a file outside {where}", path=outside[0])
        staged: list[tuple[Path, Path]] = []
        finish_interrupted(self.root, scope)
        _sweep_orphans({self.root} | {target.parent for target in writes})
        created = _missing_folders(writes)
        try:
            for target, data in writes.items():
                staged.append((target, _stage(target, data)))
            _fault("before-journal")
            journal = self.root / JOURNAL
            atomic_write(journal, _journal_text(self.root, staged, deletes))
        except BaseException:
            for _, temp in staged:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            for folder in created:  # deepest first: a failed change leaves no empty folder behind
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        _fault("after-journal")
        _apply(self.root, staged, deletes)


def _missing_folders(targets: dict[Path, bytes]) -> list[Path]:
    """The folders the targets need that do not exist yet, deepest first."""
    missing: set[Path] = set()
    for target in targets:
        folder = target.parent
        while not folder.exists() and folder != folder.parent:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda folder: len(folder.parts), reverse=True)


def _sweep_orphans(folders: set[Path]) -> None:
    """Remove temporary files a transaction killed before its journal left behind (we hold the lock)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith((TEMP_SUFFIX, _LEGACY_TEMP_SUFFIX)):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _stage(target: Path, data: bytes) -> Path:
    """Write `data` to a synced temporary file in the target's folder (same file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = temporary_beside(target, TEMP_SUFFIX)
    try:
        with naming(target):
            write_synced(fd, data)
        with contextlib.suppress(OSError):
            os.chmod(name, mode_for(target))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _journal_text(root: Path, staged: list[tuple[Path, Path]], deletes: list[Path]) -> str:
    entries = [{"target": _relative(root, t), "temp": _relative(root, s)} for t, s in staged]
    return (
        json.dumps({"version": 1, "writes": entries, "deletes": [_relative(root, d) for d in deletes]}, indent=1) + "\n"
    )


def _relative(root: Path, path: Path) -> str:
    return os.path.relpath(path, root)


def _apply(root: Path, staged: list[tuple[Path, Path]], deletes: list[Path]) -> None:
    """Rename every staged file over its target, delete what must go, then drop the journal."""
    folders = {root}
    for position, (target, temp) in enumerate(staged):
        if temp.exists():
            os.replace(temp, target)
        folders.add(target.parent)
        if position == 0:
            _fault("after-first-rename")
    for path in deletes:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        folders.add(path.parent)
    for folder in folders:
        fsync_dir(folder)
    _fault("before-cleanup")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(root / JOURNAL)
    fsync_dir(root)


def recover(root: Path, scope: Path | None = None) -> bool:
    """Finish a transaction that was interrupted after its journal was written; True when one was.

    `scope` is where its files may be (the log's repository); the journal cannot widen it.
    """
    journal = Path(root) / JOURNAL
    if not os.path.lexists(journal):
        return False
    with locked_directory(Path(root)):
        return _recover_locked(Path(root), journal, scope)


def finish_interrupted(root: Path, scope: Path | None = None) -> bool:
    """`recover` for a caller that already holds the folder lock."""
    journal = Path(root) / JOURNAL
    return os.path.lexists(journal) and _recover_locked(Path(root), journal, scope)


def pending_change(root: Path, scope: Path | None = None) -> str | None:
    """What a command that only reads says of the log's journal (None: there is none); nothing is changed."""
    journal = Path(root) / JOURNAL
    if not os.path.lexists(journal):
        return None
    try:
        if _load_journal(Path(root), journal, scope) is None:
            return None
    except AdrError as err:
        return f"{err.message}; ignored by this command, which only reads"
    return (
        "an interrupted change is not finished yet (records may show it half-done): "
        "the next adr command that writes to the log finishes it"
    )


Staged = tuple[list[tuple[Path, Path]], list[Path]]


def _load_journal(root: Path, journal: Path, scope: Path | None = None) -> Staged | None:
    """The renames and deletions a journal asks for, checked; None when it vanished meanwhile."""
    base = scope or root
    try:
        data = json.loads(read_own_file(journal, MAX_JOURNAL_BYTES).decode("utf-8"))
        staged = [
            (
                _inside(root, entry["target"], _reach(root, base, entry["target"])),
                _inside(root, entry["temp"], _reach(root, base, entry["target"])),
            )
            for entry in data["writes"]
        ]
        deletes = [_inside(root, name) for name in data.get("deletes", [])]  # deletions never leave the log
    except FileRefused as err:
        if err.errno == errno.ENOENT and not os.path.lexists(journal):
            return None  # another process finished it while we waited for the lock
        raise AdrError(f"cannot finish an interrupted change: {err.message}", path=journal) from err
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise AdrError(
            f"cannot finish an interrupted change: unreadable journal ({_short(err)})", path=journal
        ) from err
    if not all(_is_temporary_for(target, temp) for target, temp in staged):
        raise AdrError(
            "refusing an interrupted change: the journal renames files that are not its own "
            "temporary files (remove it if you did not write it)",
            path=journal,
        )
    return staged, deletes


def _short(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return clipped(str(err) or type(err).__name__, 120, "...")


def _recover_locked(root: Path, journal: Path, scope: Path | None = None) -> bool:
    loaded = _load_journal(root, journal, scope)
    if loaded is None:
        return False
    try:
        _apply(root, *loaded)
    except OSError as err:
        raise AdrError(f"cannot finish an interrupted change: {err.strerror or err}", path=journal) from err
    return True


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


def _reach(root: Path, scope: Path, target: object) -> Path | None:
    """How far a write may reach: the repository (`scope`) for a Markdown file whose links a rename
    rewrites, the log folder for anything else (a planted journal cannot touch a .env beside it)."""
    if scope != root and isinstance(target, (str, Path)) and str(target).lower().endswith(MARKDOWN_SUFFIXES):
        return scope
    return None


def _inside(root: Path, relative: object, scope: Path | None = None) -> Path:
    """A journal entry (relative to the log folder) as a path, which must stay inside `scope` (the log
    folder unless the caller says its repository): the journal may come from anyone's pull request,
    and recovery runs before every command."""
    if not isinstance(relative, str):
        raise TypeError(f"not a file name: {relative!r}")
    base = scope or root
    path = Path(os.path.normpath(os.path.join(os.path.abspath(root), relative)))
    real_base = os.path.realpath(base)
    real_folder = os.path.realpath(path.parent)
    if (
        os.path.commonpath([os.path.abspath(base), path]) != os.path.abspath(base)
        or os.path.commonpath([real_base, real_folder]) != real_base
    ):
        raise ValueError(f"'{relative}' is outside the {'log folder' if scope is None else 'repository'}")
    return path


def _is_temporary_for(target: Path, temp: Path) -> bool:
    """True for the name _stage gives a target's temporary file, in the target's own folder, when that
    file is a regular file (or already renamed): a planted link must not become a record."""
    if (
        temp.parent != target.parent
        or not temp.name.startswith(f".{target.name}.")
        or not temp.name.endswith((TEMP_SUFFIX, _LEGACY_TEMP_SUFFIX))
    ):
        return False
    try:
        return stat.S_ISREG(os.lstat(temp).st_mode)
    except FileNotFoundError:
        return True  # renamed before the interruption
    except OSError:
        return False


def _real_folder_inside(root: Path, path: Path) -> bool:
    """True when the folder `path` lives in is the log folder or below it, links resolved."""
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(Path(path).parent)]) == real_root
