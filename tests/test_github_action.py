"""The composite GitHub Action (action.yml): its shell steps run for real in a temporary folder, as a runner
would run them after actions/setup-python, with the action's expressions filled in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import adrledger

ROOT = Path(__file__).resolve().parents[1]
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def shell_steps() -> list[dict[str, Any]]:
    return [step for step in action()["runs"]["steps"] if "run" in step]


def nygard(number: int, title: str) -> str:
    return (
        f"# {number}. {title}\n\nDate: 2024-01-0{number}\n\n## Status\n\nAccepted\n\n## Context\n\n"
        f"Why.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    )


class Runner:
    """What a runner gives the steps: a workspace, RUNNER_TEMP, `python` on PATH, the expressions' values."""

    def __init__(self, base: Path):
        self.temp = base / "runner-temp"
        self.temp.mkdir()
        tools = base / "hostedtoolcache"  # what actions/setup-python leaves: a plain `python` first on PATH
        tools.mkdir()
        (tools / "python").symlink_to(getattr(sys, "_base_executable", sys.executable))
        keep = {
            name: os.environ[name]
            for name in (
                "HOME",
                "LANG",
                "PIP_FIND_LINKS",
                "PIP_CERT",
                "PIP_DEFAULT_TIMEOUT",
                "ADRLEDGER_CACHE_DIR",
                "ADR_DATE",
            )
            if name in os.environ
        }
        self.env = {
            **keep,
            "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_ACTIONS": "true",
        }

    def context(self, inputs: dict[str, str]) -> dict[str, str]:
        declared = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
        given = {f"inputs.{name}": value for name, value in inputs.items()}
        assert set(given) <= set(declared), "an input the action does not declare"
        return {**declared, **given, "github.action_path": str(ROOT), "runner.temp": str(self.temp)}

    def run(self, step: dict[str, Any], workspace: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
        context = self.context(inputs)
        env = {
            name: EXPRESSION.sub(lambda m: context[m.group(1)], str(value))
            for name, value in step.get("env", {}).items()
        }
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        # The command line GitHub documents for `shell: bash`.
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The install step, run once: a virtual environment in RUNNER_TEMP with adrledger built from this checkout."""
    base = tmp_path_factory.mktemp("runner")
    runner = Runner(base)
    install, _ = shell_steps()
    workspace = base / "workspace"
    workspace.mkdir()
    result = runner.run(install, workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"adrledger {adrledger.__version__}")
    return runner


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository whose log (docs/adr) has one file name lint reports; a second log, clean, in decisions/."""
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-postgres.md").write_text(nygard(1, "Use Postgres"))
    (log / "2_Use_Kafka.md").write_text(nygard(2, "Use Kafka"))
    (tmp_path / "decisions").mkdir()
    (tmp_path / "decisions" / "0001-use-grpc.md").write_text(nygard(1, "Use gRPC"))
    return tmp_path


def test_the_action_is_composite_and_keeps_inputs_out_of_its_scripts() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    setup = data["runs"]["steps"][0]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert [step["shell"] for step in shell_steps()] == ["bash", "bash"]
    for step in shell_steps():
        assert "${{" not in step["run"], "an expression pasted into a script is a script injection"


@pytest.mark.slow
def test_findings_become_annotations_and_fail_the_step(runner: Runner, workspace: Path) -> None:
    _, lint = shell_steps()
    result = runner.run(lint, workspace)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("::warning file=docs/adr/2_Use_Kafka.md,line=1,title=ADR207 (file-name-format)::")


@pytest.mark.slow
def test_args_are_split_like_shell_words(runner: Runner, workspace: Path) -> None:
    _, lint = shell_steps()
    result = runner.run(lint, workspace, args="--ignore 'ADR207, ADR208' --fail-on error")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.slow
def test_the_dir_input_names_the_log(runner: Runner, workspace: Path) -> None:
    _, lint = shell_steps()
    clean = runner.run(lint, workspace, dir="decisions")
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stderr
    hostile = runner.run(lint, workspace, dir="docs/adr; touch pwned", args="$(touch pwned)")
    assert hostile.returncode == 2 and not (workspace / "pwned").exists()  # inputs are data, never code
