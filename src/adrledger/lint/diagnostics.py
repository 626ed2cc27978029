"""The one diagnostic type every output format reads, and the fixes a diagnostic may carry (sets of
textedit.Edit, the edit type every writer of records makes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..edit import Edit

if TYPE_CHECKING:
    from ..model import Record

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
APPLICABILITIES = ("safe", "unsafe")


def _reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle as a constructor call: the dataclass default for slotted classes is several times slower."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Fix:
    """What `--fix` would do for one diagnostic: all of its edits, or none of them."""

    __reduce__ = _reduce

    description: str
    applicability: str
    edits: tuple[Edit, ...]

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"unknown fix applicability {self.applicability!r}")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports: the runner adds the rule's severity and the display path."""

    code: str
    record: Record
    line: int
    message: str
    column: int = 0
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place: the unit of every output format (text, json, github, sarif)."""

    __reduce__ = _reduce

    code: str
    severity: str
    path: str
    line: int
    message: str
    column: int = 0
    ordinal: int = 0  # which record of a file that holds several
    fix: Fix | None = field(default=None, compare=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
