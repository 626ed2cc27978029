"""Write an import all at once, through the log's transaction (transaction.py).

Every file is staged and synced, a journal is written, then the files are renamed into place:
an interrupted import either changed nothing or is finished by the next `adr` command. Nothing
is ever overwritten: under the folder lock, any destination that exists stops the import first.
"""

from __future__ import annotations

from pathlib import Path

from ..base.textio import encode_like, locked_directory
from ..errors import UsageError
from ..ops.transaction import Transaction
from .common import ImportPlan


def write_plan(plan: ImportPlan) -> list[Path]:
    """Put every planned file in place, or none of them; return the files written."""
    plan.target.mkdir(parents=True, exist_ok=True)
    with locked_directory(plan.target):
        taken = [f.destination for f in plan.files if f.destination.exists()]
        if taken:
            raise UsageError("an imported record would overwrite an existing file", path=taken[0])
        transaction = Transaction(plan.target)
        for planned in plan.files:
            transaction.write(planned.destination, encode_like(planned.text, planned.original))
        transaction.commit()
    return [f.destination for f in plan.files]
