"""Import decision logs from adr-tools, MADR and log4brains into an adrledger log.

    plan = plan_from("log4brains", Path("../shop"), log, style=None)
    written = write_plan(plan)          # all files, or none

Each source module finds its log's files (`collect`); common.py numbers them, rewrites the links
between them, converts them to a style when asked, and checks every record reads back the same.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..log import DecisionLog
from .common import ImportPlan, PlannedFile, plan_import
from .stage import write_plan

SOURCES = {"adr-tools": "adr_tools", "madr": "madr", "log4brains": "log4brains"}


def plan_from(
    kind: str,
    source: Path,
    target: DecisionLog,
    *,
    style: str | None = None,
    renumber: bool = False,
    force: bool = False,
) -> ImportPlan:
    """Plan the import of the `kind` log at `source` into `target`; nothing is written yet."""
    module = importlib.import_module(f"{__name__}.{SOURCES[kind]}")
    folder, found = module.collect(source.resolve())
    return plan_import(kind, folder, found, target, style=style, renumber=renumber, force=force)


__all__ = ["SOURCES", "ImportPlan", "PlannedFile", "plan_from", "write_plan"]
