"""The words of the contracts: status words and style names.

Kept in a module of their own so the CLI can offer them as choices without importing the model.
"""

from __future__ import annotations

# The lower-case status words of the export contract.
STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "other")

# The seven record styles, in the order `adr help` and the docs present them.
STYLE_NAMES = ("nygard", "madr", "full", "drivers", "quick", "table", "hybrid")
