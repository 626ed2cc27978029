"""The record styles, one module each, and the registry every other part of adrledger asks.

    style = get_style(record.style)
    style.layout, style.required, style.metadata_form, style.relations_in, ...

Nothing outside this package compares a style's name with a literal: it asks the style object
(tests/test_styles.py greps the sources for such a comparison). Adding a style is adding its
module here and its template under adrledger/templates. Importing this package imports no
parser, writer or renderer: the CLI offers the names as choices at startup.
"""

from __future__ import annotations

from . import drivers, full, hybrid, madr, nygard, quick, table, y_statement
from ._base import CONSEQUENCE_TITLES, Slot, Style, StyleEvidence

# In the order `adr help` and the docs present them; the order also breaks ties between scores.
STYLES: dict[str, Style] = {
    module.STYLE.name: module.STYLE for module in (nygard, madr, full, drivers, quick, table, hybrid, y_statement)
}
STYLE_NAMES = tuple(STYLES)
# The style of a record whose shape says nothing, and of adr-tools' logs: adr-tools' own.
FALLBACK = nygard.STYLE.name


def get_style(name: str) -> Style:
    """The style called `name` (a record's `style` is always one); a clear error for any other name."""
    found = STYLES.get(name)
    if found is None:
        from ..errors import UsageError  # only on this path: errors imports pathlib, startup does not need it

        raise UsageError(f"unknown style '{name}': choose one of {', '.join(STYLE_NAMES)}")
    return found


def detect_style(evidence: StyleEvidence) -> str:
    """Score every style on the evidence; the best score wins, the fallback when nothing speaks."""
    scores = {name: style.score(evidence) for name, style in STYLES.items()}
    best = max(STYLE_NAMES, key=lambda name: (scores[name], -STYLE_NAMES.index(name)))
    return best if scores[best] > 0 else FALLBACK


def heading_keys() -> dict[str, str]:
    """The section key of every heading title a style adds to the parser's vocabulary."""
    return {title: key for style in STYLES.values() for title, key in style.headings.items()}


__all__ = ["CONSEQUENCE_TITLES", "FALLBACK", "STYLES", "STYLE_NAMES", "Slot", "Style", "StyleEvidence",
           "detect_style", "get_style", "heading_keys"]
