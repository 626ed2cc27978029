"""One list of diagnostics, five outputs: text for people, JSON for tools, GitHub annotations, SARIF 2.1.0 and
GitLab's Code Quality report."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..base.termtext import one_line
from .diagnostics import Diagnostic
from .registry import RULES, load_all

FORMATS = ("text", "json", "github", "sarif", "gitlab")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
HOME = "https://github.com/adrledger/adrledger"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
# GitLab's five words: our errors rank above warnings in the merge request widget, none blocks it by itself.
_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
_DIGITS = re.compile(r"\d+")


def render(
    diagnostics: Sequence[Diagnostic],
    fmt: str,
    unsafe_fixes: bool = False,
    cwd: Path | None = None,
    project_dir: Path | None = None,
) -> str:
    """The diagnostics in one of FORMATS (text ends with a summary line).

    `project_dir` is the repository's root for formats whose paths must start there (gitlab).
    """
    renderers: dict[str, Callable[[], str]] = {
        "text": lambda: to_text(diagnostics, unsafe_fixes),
        "json": lambda: to_json(diagnostics),
        "github": lambda: to_github(diagnostics),
        "sarif": lambda: to_sarif(diagnostics, cwd or Path.cwd()),
        "gitlab": lambda: to_gitlab(diagnostics, cwd or Path.cwd(), project_dir),
    }
    return renderers[fmt]()


def _name(code: str) -> str:
    catalogue = RULES or load_all()
    return catalogue[code].name if code in catalogue else ""


def _location(diagnostic: Diagnostic) -> str:
    where = f"{diagnostic.path}:{diagnostic.line}" if diagnostic.line else diagnostic.path
    return f"{where}:{diagnostic.column}" if diagnostic.line and diagnostic.column else where


def to_text(diagnostics: Sequence[Diagnostic], unsafe_fixes: bool = False) -> str:
    lines = []
    for item in diagnostics:
        mark = " [*]" if item.fix and (item.fix.applicability == "safe" or unsafe_fixes) else ""
        lines.append(one_line(f"{_location(item)}: {item.code} {item.severity}: {item.message}{mark}"))
    lines.append(summary(diagnostics, unsafe_fixes))
    return "\n".join(lines) + "\n"


def summary(diagnostics: Sequence[Diagnostic], unsafe_fixes: bool = False) -> str:
    if not diagnostics:
        return "All checks passed."
    counts = Counter(d.severity for d in diagnostics)
    parts = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]
    )
    noun = "problem" if len(diagnostics) == 1 else "problems"
    text = f"Found {len(diagnostics)} {noun} ({parts})."
    safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "unsafe")
    if unsafe_fixes and safe + unsafe:
        text += f"\n[*] {safe + unsafe} fixable with `adr lint --fix --unsafe-fixes`."
    elif safe:
        text += f"\n[*] {safe} fixable with `adr lint --fix`" + (
            f" ({unsafe} more with --unsafe-fixes)." if unsafe else "."
        )
    elif unsafe:
        text += f"\n{unsafe} fixable with `adr lint --fix --unsafe-fixes`."
    return text


def diagnostic_to_json(item: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the JSON contract describes it."""
    return {
        "code": item.code,
        "name": _name(item.code) or None,
        "severity": item.severity,
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "message": item.message,
        "fixable": item.fixable,
        "fix": {"applicability": item.fix.applicability, "description": item.fix.description} if item.fix else None,
    }


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([diagnostic_to_json(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request."""
    lines = []
    for item in diagnostics:
        props = [f"file={_escape_property(item.path)}"]
        if item.line:
            props.append(f"line={item.line}")
        if item.column:
            props.append(f"col={item.column}")
        name = _name(item.code)
        props.append(f"title={_escape_property(f'{item.code} ({name})')}")
        lines.append(f"::{_GITHUB_LEVEL[item.severity]} {','.join(props)}::{_escape_data(item.message)}")
    return "".join(line + "\n" for line in lines)


def to_gitlab(diagnostics: Sequence[Diagnostic], cwd: Path, project_dir: Path | None = None) -> str:
    """GitLab's Code Quality report: a JSON array of issues, each with a fingerprint stable across runs.

    The fingerprint leaves out the line (an edit above a finding must not make it a new one) and
    the message's numbers ("proposed 31 days ago" changes every day); it counts repeats instead,
    because GitLab shows only the first issue of each fingerprint.
    """
    # lazy: keeps cache off this module's import
    from ..cache import digest

    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for item in diagnostics:
        path = _from_project(item.path, cwd, project_dir)
        identity = (item.code, path, _DIGITS.sub("0", item.message))
        seen[identity] += 1
        fingerprint = digest(*(part.encode() for part in identity), str(seen[identity]).encode())
        issues.append(
            {
                "description": f"{item.code} ({_name(item.code)}): {item.message}",
                "check_name": item.code,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[item.severity],
                "location": {"path": path, "lines": {"begin": max(item.line, 1)}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _from_project(path: str, cwd: Path, project_dir: Path | None) -> str:
    """A diagnostic's path relative to the project's root, as GitLab matches it to the merge request's files."""
    if project_dir is None:
        return path
    absolute = Path(os.path.abspath(Path(cwd, path)))
    root = Path(os.path.abspath(project_dir))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else path


def to_sarif(diagnostics: Sequence[Diagnostic], cwd: Path) -> str:
    """A SARIF 2.1.0 log with one run: the whole catalogue as rules, the diagnostics as results."""
    catalogue = list(load_all().values())
    index = {rule.code: position for position, rule in enumerate(catalogue)}
    run = {
        "tool": {
            "driver": {
                "name": "adrledger",
                "semanticVersion": __version__,
                "informationUri": HOME,
                "rules": [_sarif_rule(rule) for rule in catalogue],
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": cwd.resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(item, index) for item in diagnostics],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("What it does")},
        "help": {"text": rule.explanation, "markdown": rule.explanation},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"family": rule.family, "fixable": rule.fixable},
    }


def _artifact(path: str) -> dict[str, str]:
    candidate = Path(path)
    if candidate.is_absolute():
        return {"uri": candidate.as_uri()}
    return {"uri": quote(path), "uriBaseId": "SRCROOT"}


def _sarif_result(item: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": max(item.line, 1)}
    if item.column:
        region["startColumn"] = item.column
    result: dict[str, Any] = {
        "ruleId": item.code,
        "ruleIndex": index[item.code],
        "level": _SARIF_LEVEL[item.severity],
        "message": {"text": item.message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(item.path), "region": region}}],
        "properties": {"fixable": item.fixable},
    }
    fix = _sarif_fix(item)
    if fix:
        result["fixes"] = [fix]
    return result


def _sarif_fix(item: Diagnostic) -> dict[str, Any] | None:
    """The fix as SARIF replacements; fixes that rename files have no SARIF form and are left out."""
    if item.fix is None or any(e.is_rename for e in item.fix.edits):
        return None
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in item.fix.edits:
        if edit.new is None:  # the whole line goes, its line break too
            region = {"startLine": edit.line, "startColumn": 1, "endLine": edit.line + 1, "endColumn": 1}
            changes.setdefault(edit.path, []).append({"deletedRegion": region})
            continue
        changes.setdefault(edit.path, []).append(
            {
                "deletedRegion": {
                    "startLine": edit.line,
                    "startColumn": 1,
                    "endLine": edit.line,
                    "endColumn": len(edit.old) + 1,
                },
                "insertedContent": {"text": edit.new},
            }
        )
    return {
        "description": {"text": item.fix.description},
        "artifactChanges": [
            {"artifactLocation": _artifact(path), "replacements": replacements}
            for path, replacements in changes.items()
        ],
    }
