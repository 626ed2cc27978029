"""forkmap: work shared between the parent and forked children; nothing is lost when a child fails."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from adrledger.base import forkmap

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def alone(body: Callable[[], None]) -> None:
    """Run `body` here when this process has no other thread, else in a fresh one that has none: a test
    worker (pytest-xdist) runs threads of its own, and with them forkmap rightly never forks."""
    if forkmap.single_threaded():
        body()
        return
    here = Path(__file__).resolve().parent
    code = (
        f"import sys; sys.path[:0] = [{str(here.parent / 'src')!r}, {str(here)!r}]; "
        f"import test_forkmap; test_forkmap.{body.__name__}()"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_every_item_is_mapped_once_across_processes() -> None:
    alone(mapped_once_across_processes)


def mapped_once_across_processes() -> None:
    results = forkmap.map_shared(square_with_pid, list(range(50)), workers=3)
    assert sorted(value for value, _ in results) == [n * n for n in range(50)]
    assert len({pid for _, pid in results}) == 3  # the parent and two children each did a share
    assert os.getpid() in {pid for _, pid in results}


def test_one_worker_or_one_item_stays_in_this_process() -> None:
    assert forkmap.map_shared(square_with_pid, [1, 2, 3], workers=1) == [
        (1, os.getpid()),
        (4, os.getpid()),
        (9, os.getpid()),
    ]
    assert forkmap.map_shared(square_with_pid, [5], workers=4) == [(25, os.getpid())]


def fails_in_a_child(number: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # the child dies before it can answer
    return number + 1


PARENT = os.getpid()


def test_the_share_of_a_failed_child_is_done_by_the_parent() -> None:
    assert sorted(forkmap.map_shared(fails_in_a_child, list(range(10)), workers=2)) == list(range(1, 11))


def test_a_process_running_other_threads_never_forks() -> None:
    """A fork copies the locks other threads hold (`adr serve`'s server thread): the work stays here."""
    alone(threads_never_fork)


def threads_never_fork() -> None:
    assert forkmap.can_fork()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forkmap.single_threaded() and not forkmap.can_fork()
        results = forkmap.map_shared(square_with_pid, list(range(20)), workers=3)
    finally:
        stop.set()
        thread.join()
    assert sorted(value for value, _ in results) == [n * n for n in range(20)]
    assert {pid for _, pid in results} == {os.getpid()}
    assert alone_again() and forkmap.can_fork()


def alone_again(seconds: float = 10) -> bool:
    """True once the joined thread has left the process (the system lists it a moment after join)."""
    deadline = time.monotonic() + seconds
    while not forkmap.single_threaded():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
