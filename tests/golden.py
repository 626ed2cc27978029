"""Golden files: compare output with a stored file; ADRLEDGER_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(actual: str, relative: str) -> None:
    path = GOLDEN / relative
    if os.environ.get("ADRLEDGER_UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        if os.environ.get("ADRLEDGER_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"golden file {relative} was missing: written, check it and re-run")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from golden file {relative} (ADRLEDGER_UPDATE_GOLDEN=1 to accept)"
