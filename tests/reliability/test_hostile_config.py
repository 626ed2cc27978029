"""Hostile configuration files (a pull request can change any of them): each gives one line naming the file
and the key, exit status 2, no traceback; and a log folder that leads outside the project is refused
unless the user names it with --dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import good_record, make_log, run_limited

CASES = {
    "tool-not-a-table": (".adrledger.toml", b"tool = 1\n", "tool"),
    "adrledger-a-number": (".adrledger.toml", b"[tool]\nadrledger = 5\n", "tool.adrledger"),
    "adrledger-a-string": (".adrledger.toml", b'[tool]\nadrledger = "x"\n', "tool.adrledger"),
    "pyproject-tool-a-number": ("pyproject.toml", b"# [tool.adrledger]\ntool = 3\n", "tool"),
    "pyproject-adrledger-a-list": ("pyproject.toml", b"[tool]\nadrledger = [1]\n", "tool.adrledger"),
    "severity-a-list": (".adrledger.toml", b"lint = {severity = [1, 2]}\n", "lint.severity"),
    "per-file-ignores-a-list": (".adrledger.toml", b"lint = {per-file-ignores = [1]}\n", "lint.per-file-ignores"),
    "lint-a-list": (".adrledger.toml", b"lint = [1]\n", "lint"),
    "logs-a-table": (".adrledger.toml", b"logs = {a = 1}\n", "logs"),
    "pyproject-not-utf8": ("pyproject.toml", b'[tool.adrledger]\nstyle = "caf\xe9"\n', "not valid UTF-8"),
    "adrledger-not-utf8": (".adrledger.toml", b'style = "\xff\xfe"\n', "not valid UTF-8"),
    "deep-brackets": (".adrledger.toml", b"x = " + b"[" * 100_000 + b"\n", "nested too deeply"),
    "deep-tables": (".adrledger.toml", b"x = " + b"{a = " * 50_000 + b"\n", "nested too deeply"),
    "nul-in-adr-dir": (".adr-dir", b"doc/\x00adr\n", "NUL"),
    "giant": (".adrledger.toml", b"# " + b"x" * (2 << 20) + b"\n", "larger than"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_configuration_is_one_line_naming_file_and_key(case: str, tmp_path: Path) -> None:
    name, content, key = CASES[case]
    make_log(tmp_path)
    (tmp_path / name).write_bytes(content)
    for command in (["list"], ["lint"], ["new", "X"]):
        result = run_limited(*command, cwd=tmp_path, timeout=60)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
        assert name in result.stderr and key in result.stderr, result.stderr
    assert not (tmp_path / "doc" / "adr" / "0003-x.md").exists()


@pytest.mark.parametrize("where", [".adr-dir", ".adrledger.toml", "pyproject.toml", "link"])
def test_a_log_folder_outside_the_project_is_refused_unless_named(where: str, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "0042-secret.md").write_text(good_record(2, "TOPSECRET"))
    project = tmp_path / "project"
    project.mkdir()
    if where == ".adr-dir":
        (project / ".adr-dir").write_text(str(outside) + "\n")
    elif where == ".adrledger.toml":
        (project / ".adrledger.toml").write_text(f'dir = "{outside}"\n')
    elif where == "pyproject.toml":
        (project / "pyproject.toml").write_text('[tool.adrledger]\ndir = "../outside"\n')
    else:
        (project / "doc").mkdir()
        (project / "doc" / "adr").symlink_to(outside, target_is_directory=True)
    for command in (["list"], ["export"], ["site", "out"], ["search", "TOPSECRET"]):
        result = run_limited(*command, cwd=project, timeout=60)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "TOPSECRET" not in result.stdout and "Traceback" not in result.stderr
        assert result.stderr.startswith("Error: ") and "outside the project" in result.stderr, result.stderr
        assert "--dir" in result.stderr
    assert not (project / "out").exists()
    named = run_limited("--dir", str(outside), "list", cwd=project, timeout=60)  # the user's own choice
    assert named.returncode == 0 and "0042-secret.md" in named.stdout


def test_the_root_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".adrledger.toml").write_text('dir = "/"\n')
    result = run_limited("list", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "outside the project" in result.stderr


def test_a_log_inside_the_project_is_fine(tmp_path: Path) -> None:
    make_log(tmp_path)
    (tmp_path / ".adr-dir").write_text("doc/adr\n")
    result = run_limited("list", cwd=tmp_path / "doc", timeout=60)  # from a subfolder, as adr-tools allows
    assert result.returncode == 0 and "0001-use-postgres.md" in result.stdout, result.stderr
