"""Supply chain: every dependency pinned to a compatible range, no network at run time, and the CI
audit that fails on a known vulnerability but never on an unreachable advisory database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from reliability_support import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = list(project["build-system"]["requires"]) + list(project["project"]["dependencies"])
    for group in project["project"].get("optional-dependencies", {}).values():
        found += [entry for entry in group if not entry.startswith("adrledger[")]
    return found


@pytest.mark.parametrize("entry", requirements())
def test_every_dependency_has_a_compatible_range(entry: str) -> None:
    """A lower bound we tested and an upper bound before the next major version: upgrades are decisions."""
    specifiers = Requirement(entry).specifier
    assert any(spec.operator in (">=", "==", "~=") for spec in specifiers), f"{entry}: no lower bound"
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in specifiers), f"{entry}: no upper bound"


# Every outgoing connection and name lookup raises, and is written down: a command that swallowed
# the error would otherwise pass unnoticed.
GUARD = r"""
import os, socket, sys

def refuse(*args, **kwargs):
    with open(os.environ["ADR_NETWORK_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{sys.argv[1:]}: {args[1:3]!r}\n")
    raise OSError(101, "network access attempted")

socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse
from adrledger.cli import main
sys.exit(main(sys.argv[1:]))
"""

COMMANDS = [
    ["init"],
    ["new", "Use", "Postgres"],
    ["new", "Use", "Kafka"],
    ["new", "--style", "madr", "Use", "Redis"],
    ["accept", "4"],
    ["supersede", "2", "3"],
    ["link", "3", "Amends", "1", "Amended by"],
    ["list"],
    ["list", "--format", "table"],
    ["show", "3"],
    ["export"],
    ["schema"],
    ["lint"],
    ["index"],
    ["graph"],
    ["search", "postgres"],
    ["report", "summary"],
    ["site", "site-out"],
    ["convert", "3", "--style", "madr", "--dry-run"],
    ["import", "--from", "adr-tools", "doc/adr", "--into", "imported"],
    ["log"],
    ["rules"],
]


def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "ADR_NETWORK_LOG": str(tmp_path / "network.log"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "http_proxy": "http://192.0.2.1:9",
        "https_proxy": "http://192.0.2.1:9",
    }
    folder = tmp_path / "project"
    folder.mkdir()
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder, env


def run_all(prefix: list[str], folder: Path, env: dict[str, str]) -> None:
    for command in COMMANDS:
        result = subprocess.run([*prefix, *command], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        assert result.returncode in ((0, 1) if command == ["lint"] else (0,)), (command, result.stderr)
        if command == ["new", "Use", "Kafka"] and shutil.which("git"):
            subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
            subprocess.run(["git", "commit", "-qm", "records"], cwd=folder, env=env, check=True)


@pytest.mark.slow  # every command as a real process, a site build included
def test_commands_never_touch_the_network(tmp_path: Path) -> None:
    folder, env = project(tmp_path)
    run_all([sys.executable, "-c", GUARD], folder, env)
    assert (folder / "site-out" / "index.html").is_file()
    assert not (tmp_path / "network.log").exists(), (tmp_path / "network.log").read_text()


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _can_unshare(), reason="unshare -n needs root or user namespaces")
def test_commands_work_without_a_network_namespace(tmp_path: Path) -> None:
    """The real entry point in a network namespace with no interface up (subprocesses included)."""
    folder, env = project(tmp_path)
    run_all(["unshare", "-n", sys.executable, "-m", "adrledger"], folder, env)
    assert (folder / "site-out" / "index.html").is_file()


def audit(tmp_path: Path, report: object | None, **env: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(report) if report is not None else "", encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "audit_report.py"), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


VULNERABLE = {
    "dependencies": [
        {"name": "pyyaml", "version": "5.3", "vulns": [{"id": "PYSEC-2021-142", "fix_versions": ["5.4"]}]},
        {"name": "click", "version": "8.1.7", "vulns": []},
        {"name": "adrledger", "skip_reason": "distribution marked as editable"},
    ]
}


def test_audit_fails_on_a_known_vulnerability(tmp_path: Path) -> None:
    result = audit(tmp_path, VULNERABLE)
    assert result.returncode == 1
    assert "audit: VULNERABLE pyyaml 5.3: PYSEC-2021-142 (fixed in 5.4)" in result.stderr


def test_audit_can_be_told_to_only_warn(tmp_path: Path) -> None:
    result = audit(tmp_path, VULNERABLE, ADRLEDGER_AUDIT="warn")
    assert result.returncode == 0 and "VULNERABLE pyyaml" in result.stderr


def test_audit_passes_when_clean(tmp_path: Path) -> None:
    clean = {"dependencies": [{"name": "click", "version": "8.1.7", "vulns": []}]}
    result = audit(tmp_path, clean)
    assert result.returncode == 0 and "1 dependencies audited, no known vulnerability" in result.stderr


@pytest.mark.parametrize("report", [None, {"dependencies": [{"name": "click", "skip_reason": "not found on PyPI"}]}])
def test_an_unreachable_advisory_database_never_fails_the_build(tmp_path: Path, report: object | None) -> None:
    result = audit(tmp_path, report)
    assert result.returncode == 0 and "NOT audited" in result.stderr
