"""`adr config`: where the log's settings come from, and the reference of every setting."""

from __future__ import annotations

import click

from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)


@click.command("config")
@click.option("--reference", is_flag=True, help="Print the reference of every setting (Markdown).")
@pass_app
def config_command(app: AppContext, reference: bool) -> None:
    """Show the settings of the current log and the file they come from."""
    from ..settings import LINT_SETTINGS, SETTINGS
    from ..settings import reference as reference_page

    if reference:
        click.echo(reference_page().rstrip("\n"))
        return
    config = app.config
    click.echo(f"log folder    {config.dir_display}  ({config.dir})")
    click.echo(f"settings from {config.source or '(defaults)'}")
    values = {
        "dir": config.dir_display,
        "style": config.style,
        "padding": config.padding,
        "policy": config.policy,
        "accept-grace-days": config.accept_grace_days,
        "max-words": config.max_words,
        "stale-days": config.stale_days,
        "date-order": config.date_order,
        "exclude": list(config.exclude),
        "include": list(config.include),
        "file-pattern": config.file_pattern,
        "cache": config.cache,
        "cache-dir": str(config.cache_dir or ""),
        "logs": [f"{spec.name}={spec.path}" for spec in config.logs],
    }
    for setting in SETTINGS:
        if setting.key in values:
            click.echo(f"  {setting.key:<18} {values[setting.key]!r}")
    lint = config.lint
    lint_values = {
        "select": list(lint.select),
        "extend-select": list(lint.extend_select),
        "ignore": list(lint.ignore),
        "severity": lint.severity,
        "per-file-ignores": {k: list(v) for k, v in lint.per_file_ignores.items()},
        "fail-on": lint.fail_on,
    }
    for setting in LINT_SETTINGS:
        click.echo(f"  {'lint.' + setting.key:<18} {lint_values[setting.key]!r}")
