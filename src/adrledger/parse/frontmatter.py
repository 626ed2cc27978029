"""YAML front matter, read defensively: records arrive in pull requests from anyone."""

from __future__ import annotations

import re
from typing import Any

from ..model import Problem

MAX_NODES = 5000
MAX_DEPTH = 20
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)
_TEMPLATE_BRACES = re.compile(r":\s*\{([^{}:,]*)\}\s*$", re.MULTILINE)  # _unbrace strips: linear


def parse_front_matter(text: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
    """Parse the YAML between the --- lines; return {} and a problem when it is unusable."""
    problems: list[Problem] = []
    # MADR templates write `status: {proposed | accepted}`; YAML would read a mapping. A single
    # value left inside the braces (`{ accepted }`) is the value the author chose.
    text = _TEMPLATE_BRACES.sub(_unbrace, text)
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(text, Loader=loader)
    except Exception as err:  # yaml raises many types; any of them means "unreadable"
        mark = getattr(err, "problem_mark", None)
        where = line + 1 + (mark.line if mark is not None else 0)
        reason = str(getattr(err, "problem", None) or err).splitlines()[0][:120]
        return {}, [Problem(where, "front-matter-invalid", f"front matter is not valid YAML: {reason}", "error")]
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(line, "front-matter-invalid", "front matter is not a mapping of keys to values", "error")]
    if not within_bounds(data):
        return {}, [
            Problem(
                line,
                "front-matter-too-large",
                "front matter expands beyond a sane size (YAML aliases?): ignored",
                "error",
            )
        ]
    problems.extend(_duplicate_keys(text, line))
    return {str(key).strip().lower(): value for key, value in data.items()}, problems


def _unbrace(match: re.Match[str]) -> str:
    inner = match.group(1).strip()
    if "|" in inner or "…" in inner or "..." in inner or not inner:
        return ": '{" + inner.replace("'", "''") + "}'"
    return ": '" + inner.replace("'", "''") + "'"


def within_bounds(data: Any) -> bool:
    """Walk the structure with a budget: aliases can make a tiny text describe a huge tree (every YAML
    file a record or a project holds is checked with it before its values are used)."""
    budget = [MAX_NODES]

    def walk(node: Any, depth: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            return False
        if isinstance(node, dict):
            return all(walk(k, depth + 1) and walk(v, depth + 1) for k, v in node.items())
        if isinstance(node, (list, tuple)):
            return all(walk(item, depth + 1) for item in node)
        return True

    return walk(data, 0)


def _duplicate_keys(text: str, line: int) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for match in _TOP_KEY.finditer(text):
        key = match.group(1).lower()
        at = line + 1 + text.count("\n", 0, match.start())
        if key in seen:
            problems.append(
                Problem(
                    at,
                    "front-matter-duplicate-key",
                    f"front matter key '{key}' appears twice (line {seen[key]}): the last one wins",
                )
            )
        else:
            seen[key] = at
    return problems


def as_text(value: Any) -> str:
    """A front matter value as one line of text ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, dict):  # {accepted} in a template reads as {'accepted': None}
        return ", ".join(str(key) if val is None else f"{key} {val}" for key, val in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(item) for item in value)
    return str(value).strip()


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [as_text(item) for item in value if as_text(item)]
    return [part.strip() for part in re.split(r"[,;]", as_text(value)) if part.strip()]
