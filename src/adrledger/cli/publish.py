"""Publishing commands: index, graph, site, serve."""

from __future__ import annotations

from pathlib import Path

import click

from ..names import INDEX_GROUPS, INDEX_SORTS
from ._app import AppContext
from ._params import status_option

pass_app = click.make_pass_decorator(AppContext)


@click.command("index")
@click.option(
    "--write",
    "target",
    type=click.Path(dir_okay=False),
    help="Keep the index between markers in FILE (created when missing) instead of printing it.",
)
@click.option(
    "--check",
    is_flag=True,
    help="With --write: change nothing; exit 1 with a diff when FILE is not what --write would write.",
)
@click.option(
    "--group-by",
    type=click.Choice(INDEX_GROUPS),
    help="Group the rows by status (default: as FILE was written, else none).",
)
@click.option(
    "--sort", type=click.Choice(INDEX_SORTS), help="Order of the rows (default: as FILE was written, else number)."
)
@pass_app
def index_command(app: AppContext, target: str | None, check: bool, group_by: str | None, sort: str | None) -> None:
    """Print a Markdown index of the log, or keep it up to date inside a README."""
    from ..errors import UsageError
    from ..render.index import render_index
    from ..render.written_index import index_state

    log = app.log
    if target is None:
        if check:
            raise UsageError("--check needs --write FILE: the written index to compare")
        click.echo(render_index(log.records, log.root, log.root, group_by or "none", sort or "number"), nl=False)
        return
    state = index_state((app.cwd / target).resolve(), log.records, log.root, group_by, sort)
    if check:
        report_check(state.fresh, state.diff(target), target, f"adr index --write {target}")
        return
    if not state.fresh:
        from ..base.textio import atomic_write

        atomic_write(state.path, state.data())
    click.echo(f"{'unchanged' if state.fresh else 'updated'} {target}")


def report_check(fresh: bool, diff: str, target: str, command: str) -> None:
    """--check: say the file is up to date, or print what `command` would change in it and exit 1."""
    from ._app import exit_with

    if fresh:
        click.echo(f"up to date {target}")
        return
    click.echo(diff, nl=False)
    click.echo(f"stale {target}: `{command}` would change it as shown", err=True)
    exit_with(1)


@click.command("graph")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
@status_option()
@pass_app
def graph_command(app: AppContext, fmt: str, statuses: tuple[str, ...]) -> None:
    """Print the relation graph (supersedes, amends, related) for Mermaid or Graphviz."""
    from ..render.graph import to_dot, to_mermaid

    render = to_mermaid if fmt == "mermaid" else to_dot
    click.echo(render(app.log.records, statuses), nl=False)


@click.command("site")
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--base-url", default="", help="Public address of the site (canonical links, sitemap).")
@click.option("--full", is_flag=True, help="Rebuild every page, even those whose inputs did not change.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary.")
@click.option("--drafts", is_flag=True, help="Publish draft records too (left out by default; `adr serve` shows them).")
@pass_app
def site_command(app: AppContext, out: str, base_url: str, full: bool, quiet: bool, drafts: bool) -> None:
    """Build the static knowledge base into OUT (works opened from disk, no server needed)."""
    from ..errors import UsageError
    from ..render.site import build_site
    from ._progress import progress_reporter

    if not app.log.root.is_dir():
        raise UsageError(f"the decision log folder {app.log.config.dir_display} does not exist")
    with progress_reporter(quiet) as progress:
        report = build_site(app.log, app.cwd / out, base_url=base_url, full=full, progress=progress, drafts=drafts)
    if not quiet:
        records = f"{report.records} record{'' if report.records == 1 else 's'}"
        click.echo(
            f"{out}: {report.written} page{'' if report.written == 1 else 's'} written, "
            f"{report.skipped} unchanged ({records})"
        )


@click.command("serve")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback exposes your drafts to the network.",
)
@click.option("--out", type=click.Path(file_okay=False), help="Build folder (default: a temporary folder).")
@click.option("--no-watch", is_flag=True, help="Serve the build without watching for changes.")
@pass_app
def serve_command(app: AppContext, port: int, host: str, out: str | None, no_watch: bool) -> None:
    """Preview the site on http://127.0.0.1:PORT, rebuilding and reloading as records change."""
    from ..errors import UsageError
    from ..render.serve import preview

    if not app.log.root.is_dir():
        raise UsageError(f"the decision log folder {app.log.config.dir_display} does not exist")
    _stop_on_sigterm()
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        click.echo(
            f"Warning: binding {host} makes the preview (drafts included) reachable from other machines", err=True
        )

    def announce(url: str) -> None:
        click.echo(f"Serving {app.log.config.dir_display} on {url} (Ctrl+C to stop)", err=True)

    preview(
        app.log, host=host, port=port, out=Path(out).resolve() if out else None, watch=not no_watch, on_ready=announce
    )


def _stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl+C so the preview's temporary build folder is removed."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
