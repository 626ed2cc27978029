"""Fixtures for the lint tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lintkit import FIXTURES


@pytest.fixture
def log_copy(tmp_path: Path):
    """Copy a fixture folder (tests/lint/fixtures/...) into a temporary folder and return the copy."""

    def copy(relative: str) -> Path:
        target = tmp_path / "log"
        shutil.copytree(FIXTURES / relative, target)
        return target

    return copy
