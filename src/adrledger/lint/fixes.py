"""Apply fixes: plan every edit first, refuse conflicts, then write all files or none.

Files are rewritten byte-for-byte except the edited lines: same encoding, byte-order mark and
line endings, and lines the reader repaired (mojibake) are written back as they were stored.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AdrError
from ..textio import MAX_FILE_BYTES, atomic_write, decode
from .diagnostics import Diagnostic, Fix, LineEdit, RenameEdit


@dataclass
class _File:
    path: Path
    data: bytes
    lines: list[str]
    encoding: str
    bom: bool
    newline: str
    trailing_newline: bool
    edits: dict[int, str] = field(default_factory=dict)
    new_path: Path | None = None

    def new_bytes(self) -> bytes:
        lines = list(self.lines)
        for number, text in self.edits.items():
            lines[number - 1] = text
        text = "\n".join(lines) + ("\n" if self.trailing_newline else "")
        return _encode(text, self)

    @property
    def changed(self) -> bool:
        return bool(self.edits) or self.new_path is not None


@dataclass
class FixPlan:
    """The edits of the fixes that can be applied together, and the diagnostics they fix."""

    files: dict[Path, _File] = field(default_factory=dict)
    fixed: list[Diagnostic] = field(default_factory=list)
    skipped: list[Diagnostic] = field(default_factory=list)

    @property
    def changes(self) -> list[_File]:
        return [f for f in self.files.values() if f.changed]


def plan_fixes(diagnostics: Sequence[Diagnostic], unsafe: bool = False) -> FixPlan:
    """Collect the fixes to apply: safe ones (and unsafe ones when asked), minus those that collide."""
    plan = FixPlan()
    accepted: dict[tuple[object, ...], bool] = {}
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is None or (fix.applicability == "unsafe" and not unsafe):
            continue
        if fix.edits in accepted:  # the same fix offered by two diagnostics (ADR207 and ADR208)
            (plan.fixed if accepted[fix.edits] else plan.skipped).append(diagnostic)
            continue
        ok = _try_add(plan, fix)
        accepted[fix.edits] = ok
        (plan.fixed if ok else plan.skipped).append(diagnostic)
    return plan


def _try_add(plan: FixPlan, fix: Fix) -> bool:
    """Add all of a fix's edits to the plan, or none when any collides or the file changed."""
    staged: list[tuple[_File, LineEdit | RenameEdit]] = []
    renamed_to = {f.new_path for f in plan.files.values() if f.new_path}
    for edit in fix.edits:
        target = _load(plan, Path(edit.path))
        if target is None:
            return False
        if isinstance(edit, LineEdit):
            current = target.lines[edit.line - 1] if 1 <= edit.line <= len(target.lines) else None
            if current is None or edit.line in target.edits or not _same_line(current, edit.old):
                return False
        else:
            destination = Path(edit.new_path)
            if target.new_path or destination.exists() or destination in renamed_to:
                return False
        staged.append((target, edit))
    for target, edit in staged:
        if isinstance(edit, LineEdit):
            target.edits[edit.line] = edit.new
        else:
            target.new_path = Path(edit.new_path)
    return True


def _same_line(stored: str, expected: str) -> bool:
    """True when a stored line is the line the fix was computed on (the reader repairs mojibake)."""
    if stored == expected:
        return True
    try:
        return decode(stored.encode("utf-8")).text == expected
    except UnicodeEncodeError:  # undecodable bytes kept as surrogates
        return False


def _load(plan: FixPlan, path: Path) -> _File | None:
    if path not in plan.files:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        plan.files[path] = _raw(path, data)
    return plan.files[path]


def _raw(path: Path, data: bytes) -> _File:
    """The file's lines exactly as stored (undecodable bytes kept as surrogates)."""
    info = decode(data)
    if info.encoding == "utf-16":
        text = data.decode("utf-16", "surrogatepass")
    else:
        body = data[3:] if info.bom else data
        text = body.decode("cp1252" if info.encoding == "cp1252" else "utf-8", "surrogateescape")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    trailing = bool(lines) and lines[-1] == ""
    if trailing:
        lines.pop()
    return _File(path, data, lines, info.encoding, info.bom, info.newline, trailing)


def _encode(text: str, original: _File) -> bytes:
    if original.newline != "\n":
        text = text.replace("\n", original.newline)
    if original.encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    data = text.encode("cp1252" if original.encoding == "cp1252" else "utf-8", "surrogateescape")
    return b"\xef\xbb\xbf" + data if original.bom else data


def render_diff(plan: FixPlan, cwd: Path) -> str:
    """A unified diff of what the plan would change (renames shown as in git)."""
    chunks = []
    for change in sorted(plan.changes, key=lambda f: str(f.path)):
        old_name = _shown(change.path, cwd)
        new_name = _shown(change.new_path, cwd) if change.new_path else old_name
        if change.new_path:
            chunks.append(f"rename from {old_name}\nrename to {new_name}\n")
        if change.edits:
            before = [line + "\n" for line in change.lines]
            after = change.new_bytes()
            after_lines = [line + "\n" for line in _raw(change.path, after).lines]
            chunks.append("".join(difflib.unified_diff(before, after_lines, f"a/{old_name}", f"b/{new_name}")))
    return "".join(chunks)


def _shown(path: Path | None, cwd: Path) -> str:
    assert path is not None
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def apply_plan(plan: FixPlan) -> list[Path]:
    """Write every change of the plan, or none: a failure restores the files already written."""
    changes = plan.changes
    for change in changes:  # a file edited since it was read is not overwritten
        try:
            current = change.path.read_bytes()
        except OSError as err:
            raise AdrError(f"cannot read file: {err.strerror}", path=change.path) from err
        if current != change.data:
            raise AdrError("file changed while fixing; nothing was written", path=change.path)
    written: list[_File] = []
    renamed: list[_File] = []
    try:
        for change in changes:
            if change.edits:
                atomic_write(change.path, change.new_bytes())
                written.append(change)
        for change in changes:
            if change.new_path:
                _rename_no_clobber(change.path, change.new_path)
                renamed.append(change)
    except OSError as err:
        _roll_back(written, renamed)
        raise AdrError(f"cannot write: {err.strerror or err}; nothing was changed", path=err.filename) from err
    return [c.new_path or c.path for c in changes]


def _rename_no_clobber(source: Path, destination: Path) -> None:
    if destination.exists():
        raise FileExistsError(17, "file exists", str(destination))
    os.rename(source, destination)


def _roll_back(written: list[_File], renamed: list[_File]) -> None:
    for change in reversed(renamed):
        if change.new_path is not None:
            os.rename(change.new_path, change.path)
    for change in written:
        atomic_write(change.path, change.data)
