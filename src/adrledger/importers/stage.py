"""Write an import all at once: every file staged in a hidden folder, then linked into place.

Nothing is ever overwritten (a hard link cannot replace a file), and when any file cannot be
placed the ones already placed are removed again, so the log ends as it began.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import UsageError
from ..textio import encode_like, fsync_dir, locked_directory
from .common import ImportPlan, PlannedFile

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def write_plan(plan: ImportPlan) -> list[Path]:
    """Put every planned file in place, or none of them; return the files written."""
    plan.target.mkdir(parents=True, exist_ok=True)
    with locked_directory(plan.target):
        taken = [f.destination for f in plan.files if f.destination.exists()]
        if taken:
            raise UsageError("an imported record would overwrite an existing file", path=taken[0])
        stage = Path(tempfile.mkdtemp(prefix=".adr-import-", dir=plan.target))
        try:
            staged = [_stage(stage, index, planned) for index, planned in enumerate(plan.files)]
            return _place(staged, plan.files)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _stage(stage: Path, index: int, planned: PlannedFile) -> Path:
    path = stage / f"{index:06d}.md"
    with open(path, "wb") as handle:
        handle.write(encode_like(planned.text, planned.original))
        handle.flush()
        os.fsync(handle.fileno())
    return path


def _place(staged: list[Path], files: tuple[PlannedFile, ...]) -> list[Path]:
    placed: list[Path] = []
    made: list[Path] = []
    try:
        for path, planned in zip(staged, files):
            folder = planned.destination.parent
            if not folder.is_dir():
                folder.mkdir(parents=True)
                made.append(folder)
            _link(path, planned.destination)
            placed.append(planned.destination)
    except BaseException:
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for folder in {p.parent for p in placed}:
        fsync_dir(folder)
    return placed


def _link(staged: Path, destination: Path) -> None:
    try:
        os.link(staged, destination)  # fails if the destination exists: never overwrites
    except FileExistsError as err:
        raise UsageError("an imported record would overwrite an existing file", path=destination) from err
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        # File systems without hard links: the folder lock keeps this check and rename together.
        if destination.exists():
            raise UsageError("an imported record would overwrite an existing file", path=destination) from None
        os.replace(staged, destination)
