"""Share work between the parent process and forked children (POSIX), with little ceremony.

A process pool costs 15-40 ms to start and stop and keeps the parent idle while its workers
run; here each child is one fork() and one pipe (about 4 ms), gets its share of the items at
birth, and writes back a single pickle of its results when done, while the parent works
through a share of its own. A child that fails in any way has its share redone by the caller.

Only a process with a single thread forks: a child copies the locks other threads held at that
instant (the import lock, a stream's lock, the allocator's) and can wait on them forever. A
process running other threads (`adr serve`'s HTTP server, a git reader) does the work itself.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Child(Generic[T]):
    pid: int
    fd: int
    share: Sequence[T]
    done: bool = False


def can_fork() -> bool:
    """True when forking is safe here: the system has fork() and this process runs one thread."""
    return hasattr(os, "fork") and single_threaded()


def single_threaded() -> bool:
    """True when no other thread runs in this process, Python's or a native library's (watchfiles')."""
    if threading.active_count() > 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc (not Linux): Python's own count is all there is to go on
        return True


def start(function: Callable[[T], R], shares: Sequence[Sequence[T]]) -> list[Child[T]]:
    """Fork one child per share; each computes [function(item) for item in share]."""
    children: list[Child[T]] = []
    try:
        for share in shares:
            children.append(_fork(function, share))
    except OSError:  # out of processes or memory: the shares not started are done serially
        pass
    return children


def _fork(function: Callable[[T], R], share: Sequence[T]) -> Child[T]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps([function(item) for item in share], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flush of the parent's buffered output
    os.close(write_end)
    return Child(pid, read_end, share)


def finish(child: Child[Any]) -> list[Any] | None:
    """The child's results, or None when it failed (its share is then the caller's to redo)."""
    chunks: list[bytes] = []
    try:
        while chunk := os.read(child.fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(child.fd)
        _, status = os.waitpid(child.pid, 0)
        child.done = True
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        results = pickle.loads(b"".join(chunks))  # our own child's output
    except (pickle.UnpicklingError, EOFError):  # cut short: the child's share is redone
        return None
    return results if isinstance(results, list) and len(results) == len(child.share) else None


def abandon(children: Sequence[Child[Any]]) -> None:
    """Stop and reap children not finished (the parent was interrupted)."""
    for child in children:
        if child.done:
            continue
        try:
            os.kill(child.pid, signal.SIGTERM)
            os.close(child.fd)
            os.waitpid(child.pid, 0)
        except OSError:
            pass
        child.done = True


def map_shared(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """[function(item) for item in items], the work shared by the parent and workers - 1 children.

    Results come back grouped by share, not in the items' order. A child that fails has its
    share done by the parent; with one worker, one item or no fork(), all is done here.
    """
    if len(items) < 2 or workers < 2 or not can_fork():
        return [function(item) for item in items]
    shares = [items[i::workers] for i in range(workers)]
    children = start(function, shares[1:])
    try:
        done = [function(item) for share in (shares[0], *shares[1 + len(children) :]) for item in share]
        for child in children:
            results = finish(child)
            done += results if results is not None else [function(item) for item in child.share]
    finally:
        abandon(children)
    return done
