"""Run one command as a child process and measure its wall time and peak memory.

Peak memory is the larger of two readings:
- ru_maxrss from wait4() on the child: the largest resident set of the child or of any
  descendant it waited for (a fork pool's workers included), measured by the kernel;
- the proportional set size (PSS) of the whole process tree, sampled every 20 ms from
  /proc/PID/smaps_rollup: workers running beside their parent are counted, and the pages a
  fork shares with its parent are split between them rather than counted once per process
  (RSS where smaps_rollup cannot be read).
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    code: int | None  # None when the run was killed at the timeout
    stdout: str = ""
    stderr: str = ""

    @property
    def timed_out(self) -> bool:
        return self.code is None


@dataclass
class Figure:
    """The result of several runs of one command: median time, highest peak memory."""

    samples: list[Sample] = field(default_factory=list)
    note: str = ""  # "n/a (not built)", "error (exit 2)", "> 120 s" ...
    saved_runs: int = 0  # for a figure read back from results.json: how many runs it had
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # 1-minute load when measured

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Figure:
        """A figure saved by as_json (its median stands for its samples)."""
        median, peak = data.get("median_s"), data.get("peak_mb")
        samples = [Sample(float(median), float(peak or 0), 0)] if median is not None else []  # type: ignore[arg-type]
        return cls(
            samples,
            str(data.get("note") or ""),
            int(data.get("runs") or 0),  # type: ignore[call-overload]
            float(data.get("load") or 0),
        )  # type: ignore[arg-type]

    @property
    def ok(self) -> bool:
        return bool(self.samples) and not self.note

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)

    @property
    def runs(self) -> int:
        return self.saved_runs or len(self.samples)

    def as_json(self) -> dict[str, object]:
        return {
            "note": self.note,
            "runs": self.runs,
            "median_s": round(self.median, 4) if self.samples else None,
            "min_s": round(min(s.seconds for s in self.samples), 4) if self.samples else None,
            "max_s": round(max(s.seconds for s in self.samples), 4) if self.samples else None,
            "peak_mb": round(self.peak_mb, 1) if self.samples else None,
            "load": round(self.load, 2),
        }


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc/PID/task/TID/children."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _tree_rss(pid: int) -> int:
    """Memory of the process tree: the sum of each process's PSS (or RSS), in bytes."""
    total = 0
    for member in _tree(pid):
        total += _pss(member) or _rss(member)
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        can_sample = os.path.isdir(f"/proc/{self.pid}")
        while can_sample and not self.done.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self.done.wait(self.interval)


def run_once(argv: list[str], cwd: Path, env: dict[str, str], timeout: float, keep_output: bool = False) -> Sample:
    """Run argv once; kill its whole process group at the timeout."""
    out_path = Path(cwd) / ".bench-stdout" if keep_output else None
    stdout = open(out_path, "wb") if out_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
    )
    sampler = _Sampler(proc.pid)
    sampler.start()
    result: dict[str, object] = {}
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read() if proc.stderr else b""), daemon=True)
    reader.start()
    waiter = threading.Thread(
        target=lambda: result.update(zip(("pid", "status", "usage"), os.wait4(proc.pid, 0))), daemon=True
    )
    waiter.start()
    waiter.join(timeout)
    killed = waiter.is_alive()
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
        waiter.join()
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    reader.join(5)
    proc.returncode = 0  # reaped by wait4 above: stop Popen from waiting again
    if out_path:
        stdout.close()  # type: ignore[union-attr]
    status = int(result["status"])  # type: ignore[call-overload]
    usage = result["usage"]
    peak = max(usage.ru_maxrss * 1024, sampler.peak)  # type: ignore[attr-defined]
    code = None if killed else (os.waitstatus_to_exitcode(status))
    text = out_path.read_text(errors="replace") if out_path else ""
    if out_path:
        out_path.unlink()
    return Sample(elapsed, peak / 1e6, code, text, b"".join(err_chunks).decode(errors="replace")[-2000:])
