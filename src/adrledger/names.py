"""The words of the contracts: status words and style names.

Kept in a module of their own so the CLI can offer them as choices without importing the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports these words at run time: the types are only for the checker
    from .model import Status, Style

# The lower-case status words of the export contract.
STATUSES: tuple[Status, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "other")

# The seven record styles, in the order `adr help` and the docs present them.
STYLE_NAMES: tuple[Style, ...] = ("nygard", "madr", "full", "drivers", "quick", "table", "hybrid")

# How `adr index` (and the MkDocs plugin's index page) may group and order its rows.
INDEX_GROUPS = ("status", "none")
INDEX_SORTS = ("number", "date", "title")
