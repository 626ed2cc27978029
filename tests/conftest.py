"""Shared fixtures: run `adr` in a temporary folder (tests/clirun.py), and which tests a run selects.

Tests marked `slow` (and browser tests, which count as slow) run in CI (CI set in the environment)
and when asked for: with `-m` (for example `-m slow`, or `-m "slow or not slow"` for everything) or by
node id (`tests/x.py::test_y`). A plain local `pytest -q` leaves them out, so the default loop stays
short (CONTRIBUTING.md).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest

# Bytecode is written and reused even where the environment says not to (some images set
# PYTHONDONTWRITEBYTECODE): otherwise every `python -m adrledger` a test starts compiles the package
# again, and every test worker rewrites the asserts of every test module again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

from clirun import Adr, Result  # noqa: E402

# Session fixtures that drive headless Chromium (one browser for the whole run).
pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("ADRLEDGER_SEEDS", ROOT.parent / "shared" / "seeds"))
EXAMPLES = ROOT / "examples" / "adr"

__all__ = ["EXAMPLES", "ROOT", "Result", "seed_path"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Spread the tests over every core with pytest-xdist (the test extra installs it), locally as in CI,
    unless the command line says how (-n 0 runs in this one process) or this is already one of its workers."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.getoption("numprocesses", None) is None and not config.getoption("collectonly"):
        config.option.numprocesses = os.cpu_count() or 1
        if config.getoption("dist", "no") == "no":
            # A worker that runs out of tests takes some of the other's queue: a few minute-long
            # cases near the end of the collection no longer leave one core idle while the other ends.
            config.option.dist = "worksteal"


def pytest_report_header(config: pytest.Config) -> str:
    if _runs_slow(config):
        return "slow tests: included"
    return "slow tests: left out (CI unset): -m slow runs them, CI=true runs everything"


def _runs_slow(config: pytest.Config) -> bool:
    return in_ci() or bool(config.getoption("markexpr"))


@pytest.hookimpl(tryfirst=True)  # before -m reads the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests are slow (Chromium and a built site); deselect slow tests locally unless asked for
    by -m or by their node id."""
    sampled: dict[tuple[str, str], int] = {}
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)
        if _is_matrix_case(item):  # the reliability matrices: a sample locally, every case in CI
            key = (item.path.as_posix(), getattr(item, "originalname", item.name))
            sampled[key] = sampled.get(key, 0) + 1
            if sampled[key] > MATRIX_SAMPLE:
                item.add_marker(pytest.mark.slow)
    if _runs_slow(config):
        return
    named = [arg.split("[")[0] for arg in config.args if "::" in arg]
    kept, dropped = [], []
    for item in items:
        wanted = any(item.nodeid.startswith(_relative(config, name)) for name in named)
        (dropped if item.get_closest_marker("slow") and not wanted else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


# How many cases of each parametrized test of tests/reliability/ run locally (each case is a process under
# limits, a killed command or a hostile file: hundreds of them make the local loop slow). CI runs them all.
MATRIX_SAMPLE = 3


def _is_matrix_case(item: pytest.Item) -> bool:
    return hasattr(item, "callspec") and "reliability" in item.path.parts


def _relative(config: pytest.Config, arg: str) -> str:
    """A command-line node id as pytest writes item node ids (relative to the rootdir)."""
    path, _, rest = arg.partition("::")
    with contextlib.suppress(ValueError):  # outside the rootdir: left as given
        path = Path(os.path.abspath(path)).relative_to(config.rootpath).as_posix()
    return f"{path}::{rest}"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache folder and a fixed date, so output is reproducible."""
    monkeypatch.setenv("ADRLEDGER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("ADR_DATE", "2024-05-01")
    for name in ("VISUAL", "EDITOR", "ADR_TEMPLATE", "ADRLEDGER_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def adr(tmp_path: Path, request: pytest.FixtureRequest) -> Adr:
    """Run `adr ARGS` in a folder (tmp_path by default) and capture code, stdout and stderr.

    In this process by default (tests/clirun.py isolates streams, folder, environment and caches);
    `adr.process(...)` runs one call as `python -m adrledger`, and a test marked
    `@pytest.mark.subprocess` runs all its calls so."""
    return Adr(tmp_path, always_process=request.node.get_closest_marker("subprocess") is not None)


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present (a fresh clone): seed tests skipped")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} not found")
    return matches[0]
