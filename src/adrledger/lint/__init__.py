"""adr lint: a catalogue of rules over the record model, with fixes and CI-friendly output."""

from __future__ import annotations

from pathlib import Path

from ..edit import Edit
from ..parser_version import PARSER_VERSION, source_digest
from .diagnostics import Diagnostic, Fix

# Cached diagnostics are keyed by the code of the rules and of the parser: a changed rule never
# answers from an older run's cache. Their fixes are made of edit.Edit, whose code counts too.
_HERE = Path(__file__).resolve().parent
LINT_VERSION = PARSER_VERSION + source_digest(sorted([*_HERE.rglob("*.py"), _HERE.parent / "edit" / "edit.py"]))

__all__ = ["LINT_VERSION", "Diagnostic", "Edit", "Fix"]
