"""A full disk (ENOSPC, on a real tmpfs of a few kilobytes) or a file-size limit (EFBIG) while a command
writes: one line naming the file being written, exit status 2, nothing changed, no temporary left."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT
from test_crash_safety import make_project, snapshot

COMMANDS = {
    "new": (["new", "Use", "Queues"], "doc/adr/0007-use-queues.md"),
    "supersede": (["supersede", "2", "4"], "doc/adr/000"),
    "convert": (["convert", "2", "--style", "madr"], "doc/adr/0002-use-postgres.md"),
    "index": (["index", "--write", "doc/adr/README.md"], "doc/adr/README.md"),
    "export": (["export", "-o", "records.json"], "records.json"),
    "site": (["site", "out"], "out/"),
}
ENV = {"PYTHONPATH": str(ROOT / "src"), "ADRLEDGER_NO_CACHE": "1", "ADR_DATE": "2024-05-01"}


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))


def efbig(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args],
        cwd=folder,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_size_limit,
    )


def enospc(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run in a private mount namespace where the project lives on a tmpfs filled to the last byte."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    mount = folder.parent / "full"
    mount.mkdir()
    script = (
        f'mount -t tmpfs -o size=256k tmpfs "{mount}" && cp -a "{folder}/." "{mount}/" && '
        f'(dd if=/dev/zero of="{mount}/.filler" bs=1k 2>/dev/null; true) && cd "{mount}" && '
        f'rm -f "{mount}/.filler.small"; "{sys.executable}" -m adrledger "$@"; status=$?; '
        f'rm -f "{mount}/.filler"; rm -rf "{folder}"/* "{folder}"/.[!.]*; cp -a "{mount}/." "{folder}/"; '
        f"exit $status"
    )
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", *args],
        cwd=folder.parent,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot mount a private tmpfs here: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("limit", [efbig, enospc], ids=["EFBIG", "ENOSPC"])
@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_a_full_disk_names_the_file_and_changes_nothing(case: str, limit: object, tmp_path: Path) -> None:
    args, named = COMMANDS[case]
    folder = make_project(tmp_path / "project")
    before = snapshot(folder)
    result = limit(folder, args)  # type: ignore[operator]
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ") and named in result.stderr, result.stderr
    assert "No space left on device" in result.stderr or "File too large" in result.stderr
    after = {name: data for name, data in snapshot(folder).items() if not name.startswith("out/")}
    assert after == before
    assert not [p for p in folder.rglob("*") if p.name.endswith((".adrtmp", ".tmp"))]
