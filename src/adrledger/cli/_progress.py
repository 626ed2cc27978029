"""A rich progress bar for long builds, shown only on a terminal and only when the work is long."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str, int, int], None]

# Below this many steps a build is over before a bar is worth drawing.
MIN_STEPS_FOR_BAR = 200


@contextmanager
def progress_reporter(quiet: bool = False) -> Iterator[Progress | None]:
    """Yield a callback (stage, done, total) drawing a bar on stderr, or None when not wanted."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    from ._output import unfiltered

    # The bar's own escape sequences go to the real terminal, past the filter of cli/_output.py.
    bar = RichProgress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(file=unfiltered(sys.stderr)),
    )
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if total < MIN_STEPS_FOR_BAR:
            return
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)

    with bar:
        yield report
