"""textio.atomic_write keeps modes, syncs, cleans up and fails clearly; the parse cache is a cold cache
when corrupt, and never loaded when someone else could have written it."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT

from adrledger.base.textio import atomic_write

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "0001-x.md"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_atomic_write_syncs_the_file_and_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic_write(tmp_path / "0001-x.md", "text\n")
    assert synced == ["file", "folder"]  # the data, then the rename


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "0001-x.md"
    target.write_text("old\n")

    def broken(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(OSError):
        atomic_write(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["0001-x.md"]


def adr(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ADR_DATE": "2024-05-01", **env}
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args], cwd=folder, env=full, capture_output=True, text=True, timeout=120
    )


def _read_only(folder: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script with `folder` read-only: chmod for a user; a read-only bind mount for root."""
    if not IS_ROOT:
        folder.chmod(0o555)
        try:
            return subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=120)
        finally:
            folder.chmod(0o755)
    if not shutil.which("unshare") or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        pytest.skip("root, and no mount namespace to make a folder read-only")
    mount = f"mount --bind -o ro '{folder}' '{folder}' && "
    return subprocess.run(["unshare", "-m", "sh", "-c", mount + script], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "command, written",
    [
        (["new", "Use", "Queues"], "doc/adr/0003-use-queues.md"),
        (["accept", "2"], "doc/adr/0002-use-redis.md"),
        (["supersede", "1", "2", "--accept"], "doc/adr/0001-record-architecture-decisions.md"),
        (["export", "-o", "doc/adr/records.json"], "doc/adr/records.json"),
    ],
)
def test_a_read_only_log_gives_one_clear_line(command: list[str], written: str, tmp_path: Path) -> None:
    assert adr(tmp_path, "init").returncode == 0
    assert adr(tmp_path, "new", "--style", "madr", "Use", "Redis").returncode == 0
    log = tmp_path / "doc" / "adr"
    before = {p.name: p.read_bytes() for p in log.iterdir()}
    args = " ".join(f"'{a}'" for a in command)
    result = _read_only(log, f"cd '{tmp_path}' && PYTHONPATH='{ROOT / 'src'}' '{sys.executable}' -m adrledger {args}")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and written in result.stderr
    assert ("Read-only file system" in result.stderr) or ("Permission denied" in result.stderr)
    assert {p.name: p.read_bytes() for p in log.iterdir()} == before


# ---- the parse cache ----------------------------------------------------------------------------


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Path, dict[str, str], Path, str]:
    """A log read once: its folder, the environment (own key and cache folders), the cache file, the export."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "ADRLEDGER_CACHE_DIR": str(tmp_path / "cache")}
    project = tmp_path / "project"
    project.mkdir()
    assert adr(project, "init", **env).returncode == 0
    assert adr(project, "new", "Use", "Postgres", **env).returncode == 0
    first = adr(project, "export", **env)
    assert first.returncode == 0
    (cache_file,) = (tmp_path / "cache").rglob("records-*.pickle")
    return project, env, cache_file, first.stdout


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped"])
def test_a_damaged_cache_is_a_cold_cache(damage: str, cached: tuple[Path, dict[str, str], Path, str]) -> None:
    project, env, cache_file, expected = cached
    data = cache_file.read_bytes()
    damaged = {
        "garbage": os.urandom(len(data)),
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
    }[damage]
    cache_file.write_bytes(damaged)
    result = adr(project, "export", **env)
    assert result.returncode == 0 and not result.stderr
    assert result.stdout == expected


class Planted:
    """A pickle that runs a command when loaded: what a hostile cache file would hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return os.system, (f"touch '{self.marker}'",)


def plant(cache_file: Path, marker: Path, key: bytes) -> None:
    from adrledger.cache import _MAGIC, _sign

    payload = pickle.dumps({"planted": Planted(marker)})
    cache_file.write_bytes(_MAGIC + _sign(key, payload) + payload)
    cache_file.chmod(0o600)


def own_key(env: dict[str, str]) -> bytes:
    return (Path(env["XDG_CACHE_HOME"]) / "adrledger" / "signing.key").read_bytes()


def test_a_cache_file_signed_with_our_key_is_loaded(
    cached: tuple[Path, dict[str, str], Path, str], tmp_path: Path
) -> None:
    """The control case: the planted pickle does run when every check passes, so the cases below
    show the checks, not a broken plant."""
    project, env, cache_file, _ = cached
    plant(cache_file, tmp_path / "ran", own_key(env))
    adr(project, "export", **env)
    assert (tmp_path / "ran").exists()


@pytest.mark.parametrize("how", ["other-key", "world-writable", "group-writable", "other-owner"])
def test_a_cache_file_someone_else_could_write_is_never_loaded(
    how: str, cached: tuple[Path, dict[str, str], Path, str], tmp_path: Path
) -> None:
    project, env, cache_file, expected = cached
    marker = tmp_path / "ran"
    plant(cache_file, marker, os.urandom(32) if how == "other-key" else own_key(env))
    if how == "world-writable":
        cache_file.chmod(0o606)
    elif how == "group-writable":
        cache_file.chmod(0o660)
    elif how == "other-owner":
        if not IS_ROOT:
            pytest.skip("only root can give a file to another user")
        os.chown(cache_file, 65534, 65534)
    result = adr(project, "export", **env)
    assert result.returncode == 0 and result.stdout == expected
    assert not marker.exists()


def test_a_damaged_signing_key_is_replaced(cached: tuple[Path, dict[str, str], Path, str]) -> None:
    """A key file left empty (a process killed while creating it) must not switch the cache off for good."""
    project, env, cache_file, expected = cached
    key = Path(env["XDG_CACHE_HOME"]) / "adrledger" / "signing.key"
    key.write_bytes(b"")
    cache_file.unlink()
    assert adr(project, "export", **env).stdout == expected
    assert len(key.read_bytes()) == 32 and cache_file.exists()


def test_the_key_is_private(cached: tuple[Path, dict[str, str], Path, str]) -> None:
    _, env, cache_file, _ = cached
    key = Path(env["XDG_CACHE_HOME"]) / "adrledger" / "signing.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(cache_file.stat().st_mode) == 0o600
