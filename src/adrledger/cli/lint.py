"""Lint commands: `adr lint`, `adr rule CODE`, `adr rules`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..settings import SEVERITIES
from ._app import AppContext, exit_with

if TYPE_CHECKING:
    from ..lint.diagnostics import Diagnostic
    from ..lint.fixes import FixPlan
    from ..lint.runner import LintOptions, Target

pass_app = click.make_pass_decorator(AppContext)
FORMATS = ("text", "json", "github", "sarif", "gitlab")
MAX_FIX_PASSES = 10


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Rules to check: codes, prefixes (ADR6), names, ALL / STRICT or DEFAULT, comma-separated "
    "(replaces the configured select).",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="CODES",
    help="Rules to check in addition to the selected ones (opt into a rule outside the default set).",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to check (added to the configured ignore).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or show) the fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output: text, json (array of diagnostics), github (annotations), sarif (2.1.0) or gitlab "
    "(Code Quality report).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails (default: configured, else warning)."
)
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when problems are found.")
@click.option("--no-cache", is_flag=True, help="Do not read or write cached results.")
@click.option(
    "--since",
    metavar="REF",
    default="",
    help="Judge the changes since this git revision (ADR501; default: since the default branch).",
)
@pass_app
def lint_command(
    app: AppContext,
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    fmt: str,
    output: str | None,
    fail_on: str | None,
    exit_zero: bool,
    no_cache: bool,
    since: str,
) -> None:
    """Check records (the log, or PATHS: folders and files of any extension) against the rule catalogue."""
    from ..lint.fixes import apply_plan, plan_fixes, render_diff
    from ..lint.runner import LintOptions

    options = LintOptions(_codes(select), _codes(ignore), not no_cache, app.cwd, _codes(extend_select), since)
    options.reuse = not (fix or diff)  # fixes are planned from the files as they are, never from a kept run
    targets, diagnostics = _lint(app, list(paths), options)
    threshold = fail_on or (targets[0].config.lint.fail_on if targets else "warning")
    if diff:
        plan = plan_fixes(diagnostics, unsafe_fixes)
        _with_indexes(plan, targets, app.cwd)
        click.echo(render_diff(plan, app.cwd), nl=False)
        click.echo(f"Would fix {len(plan.fixed)} of {len(diagnostics)} problems.", err=True)
        # As ruff: 1 while there is something to fix or a problem remains, so CI never passes a dry run.
        exit_with(1 if (plan.changes or _fails(diagnostics, threshold)) and not exit_zero else 0)
    if fix:
        fixed = 0
        for _ in range(MAX_FIX_PASSES):  # a fix skipped for a collision may apply once the other is written
            plan = plan_fixes(diagnostics, unsafe_fixes)
            if not plan.changes:
                break
            moved = {str(c.path.resolve()): c.new_path for c in plan.changes if c.new_path}
            _with_indexes(plan, targets, app.cwd)
            apply_plan(plan, [target.base for target in targets], _scopes(targets))
            fixed += len(plan.fixed)
            app._log = None  # the files changed: read the log again
            paths = tuple(_moved(p, app.cwd, moved) for p in paths)
            targets, diagnostics = _lint(app, list(paths), options)
        click.echo(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.", err=True)
    _report(diagnostics, fmt, output, unsafe_fixes, app.cwd)
    if not exit_zero and _fails(diagnostics, threshold):
        exit_with(1)


def _lint(app: AppContext, paths: list[str], options: LintOptions) -> tuple[list[Target], list[Diagnostic]]:
    from ..lint.runner import lint_targets
    from ..lint.targets import collect_targets

    targets = collect_targets(paths, lambda: app.log, app.cwd)
    return targets, lint_targets(targets, options)


def _with_indexes(plan: FixPlan, targets: list[Target], cwd: Path) -> None:
    """Written indexes in a log folder change with the fixes (same transaction); those outside are named."""
    from ..lint.runner import display_path
    from ..render.written_index import refresh_in_plan

    for target in targets:
        if not target.is_log:
            continue
        for path in refresh_in_plan(plan, target.records, target.base, target.config):
            shown = display_path(path, cwd)
            click.echo(
                f"Warning: {shown} holds an index these fixes make stale, outside the log folder: "
                f"run `adr index --write {shown}` after them",
                err=True,
            )


def _scopes(targets: list[Target]) -> dict[Path, Path]:
    """Where each log's fixes may reach: its repository (git's top folder, else the project root)."""
    from ..edit.repolinks import repository_root

    return {target.base: repository_root(target.base, target.config.project_root) for target in targets}


def _moved(raw: str, cwd: Path, moved: dict[str, Path]) -> str:
    new = moved.get(str(Path(cwd, raw).resolve()))
    return str(new) if new else raw


def _report(diagnostics: list[Diagnostic], fmt: str, output: str | None, unsafe_fixes: bool, cwd: Path) -> None:
    import os

    from ..lint.formats import render

    # GitLab matches report paths to the repository's files: its jobs say where the checkout is.
    project = os.environ.get("CI_PROJECT_DIR")
    text = render(diagnostics, fmt, unsafe_fixes, cwd, Path(project) if project else None)
    if output:
        from ..base.textio import atomic_write

        atomic_write(Path(cwd, output), text)
    else:
        click.echo(text, nl=False)


def _fails(diagnostics: list[Diagnostic], threshold: str) -> bool:
    from ..lint.diagnostics import SEVERITY_RANK

    return any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[threshold] for d in diagnostics)


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print the documentation of one lint rule (by code, e.g. ADR601, or by name)."""
    from ..lint.docs import rule_text
    from ..lint.registry import find_rule

    click.echo(rule_text(find_rule(code)), nl=False)


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
    help="table: one line per rule; markdown: the full catalogue (docs/rules.md); json: for tools.",
)
def rules_command(fmt: str) -> None:
    """List the lint rules: code, name, default severity, fix, summary."""
    from ..lint import docs

    text = {"table": docs.catalogue_table, "markdown": docs.catalogue_markdown, "json": docs.catalogue_json}[fmt]()
    click.echo(text, nl=False)
