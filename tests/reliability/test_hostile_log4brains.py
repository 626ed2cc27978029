"""A hostile .log4brains.yml (a pull request can change it): a billion-laughs alias bomb, deep nesting,
bytes that are not UTF-8 or a megabyte line. `adr import --from log4brains` and the commands that find the
log from it answer in one short line, within 1 GiB and seconds, as front matter is bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import good_record, run_limited

LEVELS = 8
BOMB = (
    "lol: &l0 ["
    + ", ".join(["lol"] * 9)
    + "]\n"
    + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, LEVELS + 1))
)
CONFIGS = {
    "alias-bomb": f"{BOMB}project:\n  name: x\n  adrFolder: *l{LEVELS}\n",
    "bomb-in-packages": f"{BOMB}project:\n  name: x\n  adrFolder: ./docs/adr\n  packages: *l{LEVELS}\n",
    "deep": "project: " + "[" * 50_000 + "\n",
    "not-utf8": "project:\n  name: caf\xe9\n  adrFolder: ./docs/adr\n",
    "long-line": "project:\n  adrFolder: ./docs/adr\n" + "-name:" * 170_000 + "\n",
}


@pytest.fixture(params=sorted(CONFIGS))
def source(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / "l4b"
    (folder / "docs" / "adr").mkdir(parents=True)
    (folder / "docs" / "adr" / "20240101-use-postgres.md").write_text(good_record(1, "Use Postgres"))
    data = CONFIGS[request.param]
    encoded = data.encode("latin-1") if request.param == "not-utf8" else data.encode()
    (folder / ".log4brains.yml").write_bytes(encoded)
    return folder


def test_import_answers_in_one_short_line(source: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert run_limited("init", cwd=project, timeout=60).returncode == 0
    result = run_limited("import", "--from", "log4brains", str(source), cwd=project, timeout=60)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-2000:]
    if result.returncode == 0:  # a configuration whose junk did not matter (the long line)
        return
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr[:2000]
    assert len(result.stderr) < 600 and ".log4brains.yml" in result.stderr


def test_finding_the_log_from_it_stays_bounded(source: Path) -> None:
    result = run_limited("list", cwd=source, timeout=60)
    assert "Traceback" not in result.stderr and len(result.stderr) < 600, result.stderr[:2000]
    assert result.returncode in (0, 1, 2)  # 1: adr-tools's "directory does not exist"
