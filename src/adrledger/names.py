"""The words of the contracts: status words (the style names are the registry's, in adrledger.styles).

Kept in a module of their own so the CLI can offer them as choices without importing the model.
"""

from __future__ import annotations

# The lower-case status words of the export contract.
STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "other")
