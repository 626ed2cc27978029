"""Written indexes (`adr index --write FILE`): what the file should hold now, whether it does, and
keeping the ones beside the records in step with `adr lint --fix`.

A written index is the block between two markers in a Markdown file (render/index.py); its note
names the options it was written with, so it is written again the same way without them.
"""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.termtext import without_controls
from ..base.textio import DecodedText, decode, encode_like, read_record_bytes
from ..files.logfiles import NOT_RECORDS
from .index import START, new_index_document, render_index, splice, written_block, written_options

if TYPE_CHECKING:
    from ..config import Config
    from ..lint.fixes import FixPlan
    from ..model import Record


@dataclass(frozen=True)
class IndexState:
    """A written index as it is (None: no file yet) and as `adr index --write` would leave it."""

    path: Path
    original: DecodedText | None
    updated: str

    @property
    def fresh(self) -> bool:
        return self.original is not None and self.original.text == self.updated

    def data(self) -> bytes:
        """The updated text, stored as the file is (encoding, byte-order mark, line endings)."""
        return encode_like(self.updated, self.original or DecodedText(""))

    def diff(self, name: str) -> str:
        """What writing would change, as a unified diff."""
        return text_diff(self.original.text if self.original else "", self.updated, name)


def read_index(path: Path) -> DecodedText | None:
    """The text of an index file, or None when there is none (a pipe or device is refused, not read)."""
    data = read_written(path)
    return None if data is None else decode(data)


def read_written(path: Path) -> bytes | None:
    """A generated file's bytes, or None when it does not exist; FileRefused (an OSError) for a pipe or device."""
    try:
        return read_record_bytes(path)
    except OSError as err:
        if err.errno == errno.ENOENT and not os.path.islink(path):
            return None
        raise


def options_of(original: DecodedText | None, group_by: str | None, sort: str | None) -> tuple[str, str]:
    """The options to write with: those given, else those the file was written with, else the defaults."""
    block = written_block(original.text) if original else None
    written = written_options(block) if block else ("none", "number")
    return group_by or written[0], sort or written[1]


def index_state(
    path: Path, records: Sequence[Record], log_root: Path, group_by: str | None = None, sort: str | None = None
) -> IndexState:
    """The index file at `path` and what it should hold now, links relative to its folder."""
    original = read_index(path)
    chosen_group, chosen_sort = options_of(original, group_by, sort)
    # The index keeps the titles' text, never their escape sequences (the terminal filter does not see files).
    block = without_controls(render_index(records, log_root, path.parent, chosen_group, chosen_sort))
    updated = splice(original.text, block, str(path)) if original else new_index_document(block)
    return IndexState(path, original, updated)


def text_diff(old: str, new: str, name: str) -> str:
    """A unified diff from the file as written to the file as it should be."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"{name} (written)", f"{name} (expected)"
        )
    )


def indexes_beside(folder: Path) -> list[Path]:
    """Files at the top of a folder (README.md, index.md, ...) that hold a written index."""
    found = []
    for name in sorted(_names(folder)):
        if name.lower() in NOT_RECORDS:
            original = _readable(folder / name)
            if original is not None and START in original.text:
                found.append(folder / name)
    return found


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _readable(path: Path) -> DecodedText | None:
    try:
        return read_index(path)
    except OSError:
        return None


def refresh_in_plan(plan: FixPlan, records: Sequence[Record], log_root: Path, config: Config) -> list[Path]:
    """Add to a fix plan the rewrite of every written index the fixes make stale, so the index changes in
    the fixes' own transaction. Only an index in the log folder can: a transaction never leaves it. The
    indexes outside it (the folder above, the project's README) that the fixes make stale are returned."""
    # lazy: keeps lint off this module's import
    from ..lint.fixes import plan_rewrite, planned_files

    after = planned_files(plan)
    if not any(path.is_relative_to(log_root) for path in after):
        return []
    inside = indexes_beside(log_root)
    outside = [
        p
        for p in dict.fromkeys([*indexes_beside(log_root.parent), *indexes_beside(config.project_root)])
        if p not in inside
    ]
    if not inside and not outside:
        return []
    fixed = _records_after(records, log_root, after, config.date_order)
    stale_outside = []
    for path in [*inside, *outside]:
        state = index_state(path, fixed, log_root)
        if state.fresh or not _fixes_change(path, records, fixed, log_root, state):
            continue
        if path in inside:
            plan_rewrite(plan, path, state.data(), f"refresh the index in {path.name}")
        else:
            stale_outside.append(path)
    return stale_outside


def _fixes_change(
    path: Path, before: Sequence[Record], after: Sequence[Record], log_root: Path, state: IndexState
) -> bool:
    """True when the fixes change what the index shows (an index stale for other reasons is left alone)."""
    chosen = options_of(state.original, None, None)
    return render_index(before, log_root, path.parent, *chosen) != render_index(after, log_root, path.parent, *chosen)


def _records_after(
    records: Sequence[Record], log_root: Path, after: dict[Path, tuple[Path, bytes]], date_order: str
) -> list[Record]:
    """The log's records as they will be once the plan is written: changed files are read from its bytes."""
    # lazy: keeps importlib off this module's import
    from ..log import resolve_dates

    # lazy: tests monkeypatch this name at its home
    from ..parse import parse_bytes

    files: dict[str, list[Record]] = {}
    for record in records:
        files.setdefault(record.path, []).append(record)
    result: list[Record] = []
    for relative, group in files.items():
        change = after.get(log_root / relative)
        if change is None:
            result.extend(group)
            continue
        new_path, data = change
        parsed = parse_bytes(data, new_path.relative_to(log_root).as_posix())
        result.extend(replace(record, package=group[0].package) for record in parsed)
    return resolve_dates(result, date_order)
