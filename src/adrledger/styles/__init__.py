"""The record styles, one module each, and the registry every other part of adrledger asks.

    style = get_style(record.style)
    style.layout, style.required, style.metadata_form, style.relations_in, ...

Nothing outside this package compares a style's name with a literal: it asks the style object
(tests/test_styles.py greps the sources for such a comparison). Adding a style is adding its
module here, its name to STYLE_NAMES, and its template under adrledger/templates. Importing
this package is nearly free (the CLI offers the names as choices at startup): the style modules
load on first use of STYLES, get_style or detect_style.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..model import StyleName
    from ._base import CONSEQUENCE_TITLES, Slot, Style, StyleEvidence

    STYLES: dict[str, Style]

# The styles, in the order `adr help` and the docs present them; the order also breaks ties
# between scores. Each is the module of that name (a dash written as an underscore).
STYLE_NAMES: tuple[StyleName, ...] = ("nygard", "madr", "full", "drivers", "quick", "table", "hybrid", "y-statement")
# The style of a record whose shape says nothing, and of adr-tools' logs: adr-tools' own.
FALLBACK: StyleName = "nygard"
_FROM_BASE = frozenset({"CONSEQUENCE_TITLES", "Slot", "Style", "StyleEvidence"})


@cache
def _registry() -> dict[str, Style]:
    return {name: import_module(f".{name.replace('-', '_')}", __name__).STYLE for name in STYLE_NAMES}


def __getattr__(name: str) -> Any:
    """STYLES and the types of _base, loaded on first use."""
    if name == "STYLES":
        return _registry()
    if name in _FROM_BASE:
        return getattr(import_module("._base", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_style(name: str) -> Style:
    """The style called `name` (a record's `style` is always one); a clear error for any other name."""
    found = _registry().get(name)
    if found is None:
        raise UsageError(f"unknown style '{name}': choose one of {', '.join(STYLE_NAMES)}")
    return found


def detect_style(evidence: StyleEvidence) -> StyleName:
    """Score every style on the evidence; the best score wins, the fallback when nothing speaks."""
    scores = {name: style.score(evidence) for name, style in _registry().items()}
    best = max(STYLE_NAMES, key=lambda name: (scores[name], -STYLE_NAMES.index(name)))
    return best if scores[best] > 0 else FALLBACK


def heading_keys() -> dict[str, str]:
    """The section key of every heading title a style adds to the parser's vocabulary."""
    return {title: key for style in _registry().values() for title, key in style.headings.items()}


__all__ = [
    "CONSEQUENCE_TITLES",
    "FALLBACK",
    "STYLES",
    "STYLE_NAMES",
    "Slot",
    "Style",
    "StyleEvidence",
    "detect_style",
    "get_style",
    "heading_keys",
]
