"""Publishing commands: index, graph, site, serve."""

from __future__ import annotations

from pathlib import Path

import click

from ..names import STATUSES
from ._app import AppContext

pass_app = click.make_pass_decorator(AppContext)


@click.command("index")
@click.option("--write", "target", type=click.Path(dir_okay=False),
              help="Keep the index between markers in FILE (created when missing) instead of printing it.")
@click.option("--group-by", type=click.Choice(["status", "none"]), default="none", show_default=True)
@click.option("--sort", type=click.Choice(["number", "date", "title"]), default="number", show_default=True)
@pass_app
def index_command(app: AppContext, target: str | None, group_by: str, sort: str) -> None:
    """Print a Markdown index of the log, or keep it up to date inside a README."""
    from ..render.index import render_index

    log = app.log
    if target is None:
        click.echo(render_index(log.records, log.root, log.root, group_by, sort), nl=False)
        return
    path = (app.cwd / target).resolve()
    block = render_index(log.records, log.root, path.parent, group_by, sort)
    changed = _write_index(path, block)
    click.echo(f"{'updated' if changed else 'unchanged'} {target}")


def _write_index(path: Path, block: str) -> bool:
    """Splice the block into the file; write only when the text changes (so reruns are no-ops)."""
    from ..render.index import new_index_document, splice
    from ..termtext import without_controls
    from ..textio import DecodedText, atomic_write, decode, encode_like

    block = without_controls(block)  # the index keeps the titles' text, never their escape sequences
    if path.exists():
        original = decode(path.read_bytes())
        updated = splice(original.text, block, str(path))
    else:
        original, updated = DecodedText(""), new_index_document(block)
    if path.exists() and updated == original.text:
        return False
    atomic_write(path, encode_like(updated, original))
    return True


@click.command("graph")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only records of these statuses (repeatable).")
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
@pass_app
def site_command(app: AppContext, out: str, base_url: str, full: bool, quiet: bool) -> None:
    """Build the static knowledge base into OUT (works opened from disk, no server needed)."""
    from ..errors import UsageError
    from ..render.site import build_site
    from ._progress import progress_reporter

    if not app.log.root.is_dir():
        raise UsageError(f"the decision log folder {app.log.config.dir_display} does not exist")
    with progress_reporter(quiet) as progress:
        report = build_site(app.log, app.cwd / out, base_url=base_url, full=full, progress=progress)
    if not quiet:
        click.echo(f"{out}: {report.written} pages written, {report.skipped} unchanged "
                   f"({report.records} records)")


@click.command("serve")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes your drafts to the network.")
@click.option("--out", type=click.Path(file_okay=False), help="Build folder (default: a temporary folder).")
@click.option("--no-watch", is_flag=True, help="Serve the build without watching for changes.")
@pass_app
def serve_command(app: AppContext, port: int, host: str, out: str | None, no_watch: bool) -> None:
    """Preview the site on http://127.0.0.1:PORT, rebuilding and reloading as records change."""
    from ..errors import UsageError
    from ..serve import preview

    if not app.log.root.is_dir():
        raise UsageError(f"the decision log folder {app.log.config.dir_display} does not exist")
    _stop_on_sigterm()
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        click.echo(f"Warning: binding {host} makes the preview (drafts included) reachable from other machines",
                   err=True)

    def announce(url: str) -> None:
        click.echo(f"Serving {app.log.config.dir_display} on {url} (Ctrl+C to stop)", err=True)

    preview(app.log, host=host, port=port, out=Path(out).resolve() if out else None,
            watch=not no_watch, on_ready=announce)


def _stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl+C so the preview's temporary build folder is removed."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
