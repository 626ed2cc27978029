"""The rule catalogue: stable codes by family, each documented under the same headings.

Codes are never reused: a retired rule keeps its code in REMOVED so `adr rule` can say so.
Checks are registered separately from rules because one pass over the model often yields
several codes (the relation graph answers five questions at once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .diagnostics import SEVERITIES

FAMILIES = {
    "ADR0": "reading",
    "ADR1": "structure",
    "ADR2": "metadata",
    "ADR3": "numbering",
    "ADR4": "relations",
    "ADR5": "history",
    "ADR6": "content",
}
FIXABLE = ("safe", "unsafe", "no")
SCOPES = ("record", "log")
# Every explanation has these headings, in this order (as ruff's rule pages do).
HEADINGS = ("What it does", "Why it matters", "Example", "How to fix", "Fix safety")
REMOVED: dict[str, str] = {}  # code -> why it was retired (and what replaces it)
_CODE = re.compile(r"ADR\d{3}")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: str
    fixable: str
    explanation: str
    # In the default rule set: only rules whose measured precision on real logs is high (ruff's policy).
    default: bool = True

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:4]]

    def section(self, heading: str) -> str:
        """The text under one of the fixed headings."""
        return doc_sections(self.explanation).get(heading, "")


def doc_sections(text: str) -> dict[str, str]:
    """The explanation's `## Heading` sections (headings inside code examples do not count)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
            continue
        if current is not None:
            current.append(line)
    return {heading: "\n".join(lines).strip() for heading, lines in sections.items()}


@dataclass(frozen=True, slots=True)
class Check:
    """A function that reports some codes. Record checks are cached per file content; log checks are not."""

    codes: tuple[str, ...]
    scope: str
    func: Callable[[Any], Iterable[Any]]


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []


def rule(
    code: str, name: str, summary: str, *, severity: str, fixable: str = "no", explanation: str, default: bool = True
) -> Rule:
    """Register a rule; a malformed entry is a programming error and fails at import."""
    text = _dedent(explanation)
    problems = _validate(code, name, severity, fixable, text)
    if problems:
        raise ValueError(f"rule {code}: " + "; ".join(problems))
    registered = Rule(code, name, summary, severity, fixable, text, default)
    RULES[code] = registered
    return registered


def _validate(code: str, name: str, severity: str, fixable: str, text: str) -> list[str]:
    problems = []
    if not _CODE.fullmatch(code) or code[:4] not in FAMILIES:
        problems.append("code must be ADR and three digits in a known family")
    if code in RULES or code in REMOVED:
        problems.append("code is already taken (codes are never reused)")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) or any(r.name == name for r in RULES.values()):
        problems.append("name must be unique kebab-case")
    if severity not in SEVERITIES or fixable not in FIXABLE:
        problems.append("unknown severity or fixability")
    if tuple(doc_sections(text)) != HEADINGS:
        problems.append(f"explanation headings must be {', '.join(HEADINGS)}")
    return problems


def _dedent(text: str) -> str:
    # lazy: textwrap is only needed here (startup cost)
    import textwrap

    return textwrap.dedent(text).strip() + "\n"


def check(*codes: str, scope: str = "record") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the check that reports `codes`."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        CHECKS.append(Check(tuple(codes), scope, func))
        return func

    return register


def load_all() -> dict[str, Rule]:
    """Import every rule family (once) and return the catalogue sorted by code."""
    # lazy: import cycle (lint.rules imports this module)
    from . import rules  # noqa: F401 - importing registers the families

    return dict(sorted(RULES.items()))


def find_rule(selector: str) -> Rule:
    """A rule by code (any case) or by name."""
    catalogue = load_all()
    wanted = selector.strip()
    found = catalogue.get(wanted.upper()) or next((r for r in catalogue.values() if r.name == wanted.lower()), None)
    if found is None:
        if wanted.upper() in REMOVED:
            raise UsageError(f"rule {wanted.upper()} was removed: {REMOVED[wanted.upper()]}")
        raise UsageError(f"unknown rule '{selector}' (see `adr rules`)")
    return found


# Presets: every rule (ALL, or STRICT for the pedantic set), or the high-precision default set.
PRESETS = ("ALL", "STRICT", "DEFAULT")


def default_codes() -> set[str]:
    """The codes of the default rule set."""
    return {code for code, registered in load_all().items() if registered.default}


def resolve_selectors(selectors: Iterable[str], origin: str = "--select") -> set[str]:
    """Codes matched by selectors: ALL / STRICT, DEFAULT, a code, a code prefix (ADR6, ADR60) or a rule name."""
    catalogue = load_all()
    codes: set[str] = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        upper = selector.upper()
        if upper in ("ALL", "STRICT"):
            codes.update(catalogue)
            continue
        if upper == "DEFAULT":
            codes.update(default_codes())
            continue
        matched = {code for code in catalogue if code.startswith(upper)} if upper.startswith("ADR") else set()
        matched |= {r.code for r in catalogue.values() if r.name == selector.lower()}
        if not matched:
            raise UsageError(f"{origin}: '{selector}' matches no rule (see `adr rules`)")
        codes |= matched
    return codes
