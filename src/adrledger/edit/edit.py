"""`Edit`: one change to one file, as every writer of records states it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle as a constructor call (lint's cache and worker processes carry edits in diagnostics)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace line `line` (1-based, whole file) of `path`, whose text must still be `old`, by `new`.

    `new` may hold several lines (joined by "\\n": the extra ones are inserted after it); None
    deletes the line with its ending. `endings` gives the ending of each line of `new` when the
    writer knows them (a whole-file rewrite turned into edits; `()` with no `new` deletes the line and
    nothing else); without it the line keeps its own ending, inserted lines take the file's usual one,
    and deleting the unterminated last line leaves the line before it unterminated. An edit with `rename_to` and no line
    (line 0) moves the file: its other edits apply first, then it is written under the new name.
    `reason` says why, for whoever reads a plan.
    """

    __reduce__ = _reduce

    path: str
    line: int = 0
    old: str = ""
    new: str | None = None
    reason: str = ""
    rename_to: str | None = None
    endings: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if (self.line > 0) == (self.rename_to is not None):
            raise ValueError("an edit either replaces a line or renames a file")
        wanted = 0 if self.new is None else self.new.count("\n") + 1
        if self.endings is not None and len(self.endings) != wanted:
            raise ValueError("an edit gives one ending per line of its new text")

    @property
    def is_rename(self) -> bool:
        return self.rename_to is not None
