"""Golden files: compare output with a stored file. ADRLEDGER_UPDATE_GOLDEN=1 rewrites them.

One variable for every kind of golden output (this module's files, the lint rule fixtures' expected.txt,
the lint format files, the lifecycle before/after pairs): run the tests that failed with it set, then
review `git diff tests/` by eye before committing (CONTRIBUTING.md).
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
UPDATE_VARIABLE = "ADRLEDGER_UPDATE_GOLDEN"


def updating() -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return os.environ.get(UPDATE_VARIABLE) == "1"


def assert_golden(actual: str, relative: str) -> None:
    path = GOLDEN / relative
    if updating() or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        if not updating():
            raise AssertionError(f"golden file {relative} was missing: written, check it and re-run")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {relative} ({UPDATE_VARIABLE}=1 to accept)"
