"""The words of the contracts: status words (the style names are the registry's, in adrledger.styles).

Kept in a module of their own so the CLI can offer them as choices without importing the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports these words at run time: the types are only for the checker
    from .model import Status

# The lower-case status words of the export contract.
STATUSES: tuple[Status, ...] = ("proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "other")

# How `adr index` (and the MkDocs plugin's index page) may group and order its rows.
INDEX_GROUPS = ("status", "none")
INDEX_SORTS = ("number", "date", "title")
