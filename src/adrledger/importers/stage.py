"""Write an import all at once, through the log's transaction (journal and roll forward).

Nothing is ever overwritten: under the folder lock every destination is checked to be free, then
the files are committed together. A process killed half-way leaves a journal that the next
command finishes, so the log ends with every imported record or with none.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..textio import encode_like, locked_directory
from ..transaction import Transaction
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
    return [planned.destination for planned in plan.files]
