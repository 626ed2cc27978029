"""Apply fixes: plan every edit first, refuse collisions, then write all files or none.

A fix is a set of textedit.Edit, the edit type every writer of records makes, applied by
textedit.apply_edits to raw lines (rawtext.RawDocument): every line keeps its own ending, the
encoding and byte-order mark stay, and lines the reader repaired (mojibake) are written back
as they were stored unless a fix changes them. The writes go through one journaled
transaction per decision log, under the log's lock, so a crash leaves every file old or new.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..base.textio import MAX_FILE_BYTES, locked_directory, read_record_bytes
from ..edit import Edit, apply_edits, edits_between
from ..edit.apply import same_line
from ..edit.rawtext import RawDocument
from ..errors import AdrError, ParseError
from ..ops.transaction import Transaction
from .diagnostics import Diagnostic, Fix


@dataclass
class _File:
    path: Path
    data: bytes
    doc: RawDocument
    edits: dict[int, Edit] = field(default_factory=dict)  # line -> its edit
    rename: Edit | None = None

    @property
    def lines(self) -> list[str]:
        return self.doc.lines

    @property
    def new_path(self) -> Path | None:
        return Path(self.rename.rename_to) if self.rename and self.rename.rename_to else None

    def all_edits(self) -> list[Edit]:
        return [*self.edits.values(), *([self.rename] if self.rename else [])]

    def new_bytes(self) -> bytes:
        return apply_edits(self.data, self.edits.values(), str(self.path))

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
    staged: list[tuple[_File, Edit]] = []
    renamed_to = {f.new_path for f in plan.files.values() if f.new_path}
    for edit in fix.edits:
        target = _load(plan, Path(edit.path))
        if target is None:
            return False
        if not edit.is_rename:
            current = target.lines[edit.line - 1] if 1 <= edit.line <= len(target.lines) else None
            if current is None or edit.line in target.edits or not same_line(current, edit.old):
                return False
        else:
            destination = Path(edit.rename_to or "")
            if target.new_path or os.path.lexists(destination) or destination in renamed_to:
                return False
        staged.append((target, edit))
    for target, edit in staged:
        edit = replace(edit, path=str(target.path), reason=edit.reason or fix.description)
        if edit.is_rename:
            target.rename = edit
        else:
            target.edits[edit.line] = edit
    return True


def _load(plan: FixPlan, path: Path) -> _File | None:
    if path not in plan.files:
        try:
            data = read_record_bytes(path)  # refuses pipes and devices instead of blocking on them
            if len(data) > MAX_FILE_BYTES:
                return None
            plan.files[path] = _File(path, data, RawDocument.from_bytes(data, str(path)))
        except (OSError, ParseError, UnicodeDecodeError):
            return None
    return plan.files[path]


def planned_files(plan: FixPlan) -> dict[Path, tuple[Path, bytes]]:
    """Every file the plan changes: its path now -> (its path after the plan, its bytes after the plan)."""
    return {c.path: (c.new_path or c.path, c.new_bytes() if c.edits else c.data) for c in plan.changes}


def plan_rewrite(plan: FixPlan, path: Path, data: bytes, description: str) -> bool:
    """Add a rewrite of a whole file to the plan, as line edits: it is checked, diffed and written with the
    fixes, in their transaction. False when the file cannot be read or the rewrite collides with a fix."""
    current = _load(plan, path)
    if current is None:
        return False
    try:
        edits = edits_between(str(path), current.data, data, description)
    except AdrError:
        return False
    return _try_add(plan, Fix(description, "safe", edits)) if edits else True


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
            after = [line + "\n" for line in RawDocument.from_bytes(change.new_bytes()).lines]
            chunks.append("".join(difflib.unified_diff(before, after, f"a/{old_name}", f"b/{new_name}")))
    return "".join(chunks)


def _shown(path: Path | None, cwd: Path) -> str:
    assert path is not None
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def apply_plan(plan: FixPlan, roots: Sequence[Path] = (), scopes: Mapping[Path, Path] | None = None) -> list[Path]:
    """Write the plan: one transaction per decision log (`roots`), each all-or-nothing, under its lock.

    `scopes` gives each root the folder its fixes may reach (its repository): a renamed record's
    links in a README outside the log change in the log's transaction.
    """
    scopes = scopes or {}
    groups: dict[Path, list[_File]] = {}
    for change in plan.changes:
        groups.setdefault(_root_of(change.path, roots, scopes), []).append(change)
    for root, changes in groups.items():
        outside = any(
            not _inside(change.new_path or change.path, root) or not _inside(change.path, root) for change in changes
        )
        with locked_directory(root):
            _check_unchanged(changes)
            transaction = Transaction(root, scope=scopes.get(root) if outside else None)
            for change in changes:
                transaction.add(change.all_edits(), change.data)
            try:
                transaction.commit()
            except OSError as err:
                raise AdrError(f"cannot write: {err.strerror or err}; nothing was changed", path=err.filename) from err
    return [c.new_path or c.path for c in plan.changes]


def _root_of(path: Path, roots: Sequence[Path], scopes: Mapping[Path, Path]) -> Path:
    """The deepest given root that holds `path`; else the root whose scope holds it (a README outside the
    log); else the file's own folder."""
    holding = [r for r in roots if _inside(path, r)]
    if holding:
        return max(holding, key=lambda r: len(str(r)))
    reaching = [r for r in roots if r in scopes and _inside(path, scopes[r])]
    return reaching[0] if reaching else Path(os.path.abspath(path)).parent


def _inside(path: Path, folder: Path) -> bool:
    return os.path.abspath(path).startswith(os.path.abspath(folder).rstrip(os.sep) + os.sep)


def _check_unchanged(changes: list[_File]) -> None:
    """Refuse to write over a file edited since it was read, or a rename over an existing file."""
    for change in changes:
        try:
            current = change.path.read_bytes()
        except OSError as err:
            raise AdrError(f"cannot read file: {err.strerror}; nothing was changed", path=change.path) from err
        if current != change.data:
            raise AdrError("file changed while fixing; nothing was changed", path=change.path)
        if change.new_path and os.path.lexists(change.new_path):
            raise AdrError("a file took the new name while fixing; nothing was changed", path=change.new_path)
