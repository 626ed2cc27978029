"""Run `adr` for a test: in this process by default (fast), or as a real `python -m adrledger` process.

In-process, a call looks to the command exactly as a fresh process does: its own stdin/stdout/stderr
(text over bytes, the encodings and error handlers of this interpreter's standard streams, not
terminals), its own working directory and environment, and none of the state an earlier call left in
the process (the caches listed in PROCESS_STATE, objects moved to the permanent gc generation). The
output is decoded the way subprocess.run(text=True) decodes a child's (locale encoding, universal
newlines), so a test reads the same strings either way.

What only a real process shows stays a subprocess: the console script itself, signals, exit codes
of a killed process, crash points (ADRLEDGER_FAULT exits with os._exit), concurrent writers and locks.
Use `adr.process(...)` for one call, or mark a test `@pytest.mark.subprocess` to run all its calls so.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Environment variables that make the command end its own process on purpose (textio.crash_point).
PROCESS_ONLY_ENV = ("ADRLEDGER_FAULT",)
# Module-level state that lives as long as the process: (module, attribute), emptied after each call.
# A name that no longer exists fails tests/test_clirun.py, so a move cannot silently share state.
PROCESS_STATE = (
    ("adrledger.history.build", "_LOADED"),  # histories loaded by this process, by (folder, HEAD)
    ("adrledger.cache", "_KEY"),  # the cache signing key, read once per process from the user's cache
)


@dataclass
class Result:
    code: int
    out: str
    err: str


class _Kept(io.BytesIO):
    """The bytes a stream received, still readable after the command closed the stream."""

    def close(self) -> None:
        pass


def _stream(like: object, data: bytes = b"") -> io.TextIOWrapper:
    """A text stream over bytes, encoded like `like` (a standard stream of this interpreter) is."""
    encoding = getattr(like, "encoding", None) or "utf-8"
    errors = getattr(like, "errors", None) or "strict"
    return io.TextIOWrapper(_Kept(data), encoding=encoding, errors=errors, newline="\n")


def _decoded(stream: io.TextIOWrapper) -> str:
    """What subprocess.run(text=True) makes of the same bytes: locale encoding, universal newlines."""
    with contextlib.suppress(ValueError):  # closed by the command: its bytes are kept anyway
        stream.flush()
    data = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return io.TextIOWrapper(io.BytesIO(data), encoding=None).read()


def forget_process_state() -> None:
    """Drop what a command left in the process that a new process would not have."""
    for module_name, attribute in PROCESS_STATE:
        module = sys.modules.get(module_name)
        if module is not None:
            getattr(module, attribute).clear()
    gc.unfreeze()  # blobs.long_lived freezes everything alive: give it back to the collector


def run_in_process(args: tuple[str, ...], cwd: Path, env: dict[str, str] | None, input: str | None) -> Result:
    """adrledger.cli.main(args) with its own streams, folder and environment."""
    named = [name for name in PROCESS_ONLY_ENV if name in (env or {}) or name in os.environ]
    if named:
        raise AssertionError(
            f"{', '.join(named)} ends the process it runs in: use adr.process(...) or "
            f"@pytest.mark.subprocess for this call"
        )
    main = importlib.import_module("adrledger.cli").main
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    stdin = _stream(sys.__stdin__, (input or "").encode(getattr(sys.__stdin__, "encoding", None) or "utf-8"))
    stdout, stderr = _stream(sys.__stdout__), _stream(sys.__stderr__)
    try:
        os.environ.update(env or {})
        os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            code = main(list(args))
        except SystemExit as stop:  # as the interpreter turns it into an exit status
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            if isinstance(stop.code, str):
                stderr.write(stop.code + "\n")
        except Exception:  # an uncaught error: a real process prints the traceback and exits 1
            stderr.write(traceback.format_exc())
            code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        forget_process_state()
    return Result(code, _decoded(stdout), _decoded(stderr))


def run_process(args: tuple[str, ...], cwd: Path, env: dict[str, str] | None, input: str | None) -> Result:
    """`python -m adrledger ARGS`: the real entry point in a process of its own."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "adrledger", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


class Adr:
    """The `adr` fixture: `adr(*args, cwd=, env=, input=)` -> Result, in a folder (tmp_path by default)."""

    def __init__(self, folder: Path, always_process: bool = False):
        self.folder = folder
        self.always_process = always_process

    def __call__(
        self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        run = run_process if self.always_process else run_in_process
        return run(args, cwd or self.folder, env, input)

    def process(
        self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        """This call through the real entry point, in a process of its own."""
        return run_process(args, cwd or self.folder, env, input)


def completed(
    args: tuple[str, ...], cwd: Path, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """run_in_process's result in the shape subprocess.run(text=True) returns, for helpers written for it."""
    result = run_in_process(args, cwd, env, input)
    return subprocess.CompletedProcess([sys.executable, "-m", "adrledger", *args], result.code, result.out, result.err)
