"""The layer map in pyproject.toml ([tool.importlinter]) holds, and the checker really checks it.

`lint-imports` reads the import graph of src/adrledger (imports inside functions included) and fails when
a module imports a layer above its own. CI runs it too (.ci/run); this test keeps the local run honest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
RUN = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-c", RUN, "--no-cache", "--no-logo", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layer_contracts_are_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_module_importing_a_layer_above_its_own_breaks_the_contract(tmp_path: Path) -> None:
    """The same contract with the core and the command line swapped must fail: the graph is really read."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in settings["contracts"] if c["type"] == "layers")
    layers = list(contract["layers"])
    layers[0], layers[-1] = layers[-1], layers[0]  # cli at the bottom: every command module now breaks it
    config = tmp_path / "swapped.ini"
    config.write_text(
        "\n".join(
            [
                "[importlinter]",
                f"root_package = {settings['root_package']}",
                "",
                "[importlinter:contract:swapped]",
                "name = swapped",
                "type = layers",
                "containers = adrledger",
                "layers =",
                *(f"    {layer}" for layer in layers),
                "ignore_imports =",
                *(f"    {rule}" for rule in contract.get("ignore_imports", [])),
                "unmatched_ignore_imports_alerting = none",
                "",
            ]
        ),
        encoding="utf-8",
    )
    result = lint_imports(str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert "adrledger.cli is not allowed to import adrledger." in result.stdout
