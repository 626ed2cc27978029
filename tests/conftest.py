"""Shared fixtures: run `adr` through its real entry point, in a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Session fixtures that drive headless Chromium (one browser for the whole run).
pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("ADRLEDGER_SEEDS", ROOT.parent / "shared" / "seeds"))
EXAMPLES = ROOT / "examples" / "adr"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache folder and a fixed date, so output is reproducible."""
    monkeypatch.setenv("ADRLEDGER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("ADR_DATE", "2024-05-01")
    for name in ("VISUAL", "EDITOR", "ADR_TEMPLATE", "ADRLEDGER_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def adr(tmp_path: Path):
    """Run `python -m adrledger ARGS` in a folder (tmp_path by default) and capture everything."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None) -> Result:
        full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
        proc = subprocess.run([sys.executable, "-m", "adrledger", *args], cwd=cwd or tmp_path, env=full_env,
                              capture_output=True, text=True, input=input, timeout=120)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present (a fresh clone): seed tests skipped")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} not found")
    return matches[0]
