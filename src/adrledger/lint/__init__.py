"""adr lint: a catalogue of rules over the record model, with fixes and CI-friendly output."""

from __future__ import annotations

from .diagnostics import Diagnostic, Fix, LineEdit, RenameEdit

LINT_VERSION = "1"  # bump when a rule's output changes: cached diagnostics are keyed by it

__all__ = ["LINT_VERSION", "Diagnostic", "Fix", "LineEdit", "RenameEdit"]
