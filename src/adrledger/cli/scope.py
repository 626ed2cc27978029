"""`adr for PATH`: the decisions that govern a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)


@click.command("for")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def for_command(app: AppContext, path: str, fmt: str) -> None:
    """List the decisions whose scope covers PATH (accepted first, superseded ones flagged).

    A record declares the files it governs in one of three ways:

    \b
      front matter:     scope: [src/billing/**, "!src/billing/legacy/"]
      a section:        ## Scope   then one pattern per list item
      a metadata line:  Scope: src/billing/**, docs/billing.md
                        (also **Scope:** ..., - Scope: ..., or under ## Status)

    Patterns are .gitignore-style and relative to the repository root: a pattern without a
    slash matches a name at any depth, ** crosses folders, a trailing / means a folder and
    everything in it, ! excludes again, and the last matching pattern decides.

    \b
    Example:  adr for src/billing/invoice.py
    """
    from ..reports.scope import governing

    target = (app.cwd / path).resolve()
    matches = []
    logs = app.workspace.logs if app.all_logs else [app.log]
    for root, group in _by_repository(logs, Path(app.config.project_root)).items():
        relative = _relative_to(target, root)
        if relative is not None:
            matches += governing([r for log in group for r in log.records], relative)
    if fmt == "json":
        click.echo(json.dumps([_match_json(m) for m in matches], indent=2, ensure_ascii=False))
        return
    if not matches:
        click.echo(f"no decision names {path} in its scope", err=True)
    for match in matches:
        record = match.record
        flag = ""
        if match.superseded:
            later = ", ".join(f"{n:04d}" if isinstance(n, int) else n for n in record.superseded_by)
            flag = f"  (superseded{' by ' + later if later else ''})"
        click.echo(f"{record.id:<10} {record.status:<11} {record.title}{flag}  [{match.pattern}]")


def _by_repository(logs: list[Any], project_root: Path) -> dict[Path, list[Any]]:
    """Logs grouped by the root their scopes are relative to: git's top level, else the project's."""
    from ..history.git import GitError, repo_info

    groups: dict[Path, list[Any]] = {}
    for log in logs:
        try:
            root = repo_info(log.root).toplevel.resolve()
        except GitError:
            root = project_root.resolve()
        groups.setdefault(root, []).append(log)
    return groups


def _relative_to(target: Path, root: Path) -> str | None:
    try:
        relative = target.relative_to(root).as_posix()
    except ValueError:
        return None
    if relative in ("", "."):
        raise UsageError("name a file or folder inside the repository, not its root")
    return relative


def _match_json(match: Any) -> dict[str, Any]:
    record = match.record
    return {
        "id": record.id,
        "number": record.number,
        "title": record.title,
        "status": record.status,
        "path": record.path,
        "package": record.package or None,
        "pattern": match.pattern,
        "superseded": match.superseded,
        "superseded_by": list(record.superseded_by),
    }
