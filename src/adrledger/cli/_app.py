"""The click application: lazy command loading, global options, and the one error handler."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .._version import __version__
from ..errors import AdrError, CompatError


@dataclass
class AppContext:
    """What every command may need; the log is discovered only when a command asks for it."""

    directory: str | None
    cwd: Path = field(default_factory=lambda: Path(os.getcwd()))
    all_logs: bool = False  # --all: every configured log, not only the current one
    verbose: bool = False  # --verbose: say which files beside the records were left out
    writes: bool = False  # the command changes the log (cli.WRITERS)
    one_shot: bool = True  # the process ends with the command (not cli.LONG_RUNNING): records may be frozen
    _log: Any = None
    _workspace: Any = None

    @property
    def config(self) -> Any:
        return self.log.config

    @property
    def log(self) -> Any:
        if self._log is None:
            from ..log import DecisionLog

            self._log = DecisionLog.discover(self.directory, self.cwd)
            self._adopt(self._log)
            _interrupted_change(self._log, self.writes)
            if self.verbose:
                _tell_skipped(self._log)
        return self._log

    @property
    def workspace(self) -> Any:
        """Every configured log (just the current one when none are configured)."""
        if self._workspace is None:
            from ..log.workspace import Workspace

            self._workspace = Workspace.from_config(self.config, self.cwd)
            for log in self._workspace.logs:
                self._adopt(log)
                if log.root != self.log.root:
                    _interrupted_change(log, False)
        return self._workspace

    def _adopt(self, log: Any) -> None:
        """The CLI's choices for a log it opens: a one-shot command freezes the records it loads."""
        if self.one_shot:
            log.after_load = freeze_records

    @property
    def records(self) -> list[Any]:
        """The records commands read: the log's, or with --all the whole workspace's."""
        chosen = self.workspace if self.all_logs else self.log
        return chosen.records  # type: ignore[no-any-return]

    def report_unnamed(self) -> bool:
        """Say once, one line each, which files the command skipped for a name that is not UTF-8."""
        logs = ([self._log] if self._log is not None else []) + (
            list(self._workspace.logs) if self._workspace is not None else []
        )
        shown = dict.fromkeys(f"{log.config.dir_display}/{name}" for log in logs for name in log.unnamed)
        if shown:
            from ..base.termtext import one_line

            label = "Warning" if self.writes else "Error"
            for path in shown:
                click.echo(one_line(f"{label}: {path}: name is not valid UTF-8 (shown escaped): skipped"), err=True)
        return bool(shown)

    def locate(self, reference: str) -> tuple[Any, Any]:
        """The (log, record) a reference names (`package/NNNN` needs no --all)."""
        package = reference.partition("/")[0]
        if self.all_logs or any(spec.name == package for spec in self.config.logs):
            return self.workspace.locate(reference)  # type: ignore[no-any-return]
        return self.log, self.log.get(reference)


def freeze_records() -> None:
    """Move everything alive (the records just loaded) out of the garbage collector's walks.

    Each full collection walks every tracked object: after 10,000 records were loaded, every one
    (four in one `adr export`) walked their 200,000 objects again, a second in all. gc.freeze moves
    them to the permanent generation, which collections skip. Records hold no reference cycles, so
    reference counting still frees them when dropped; only a cycle alive now and dropped later is
    kept, a fair price in a process that ends with its command, never in `adr serve`, whose records
    are replaced at every rebuild.
    """
    gc.freeze()


def _tell_skipped(log: Any) -> None:
    """List, once per command, the templates beside the records that no command reads."""
    skipped = log.skipped_templates() if log.root.is_dir() else []
    if skipped:
        from ..base.termtext import one_line

        click.echo(
            one_line(
                f"skipped {len(skipped)} template file{'s' if len(skipped) != 1 else ''} in "
                f"{log.config.dir_display}: {', '.join(skipped)}"
            ),
            err=True,
        )


def _interrupted_change(log: Any, writes: bool) -> None:
    """A command that writes finishes a change killed half-way first; one that reads only says so."""
    if writes:
        _sweep_stale(log)
    if not log.has_journal():
        return
    from ..edit.repolinks import repository_root
    from ..ops.transaction import JOURNAL, pending_change, recover

    shown = f"{log.config.dir_display}/{JOURNAL}"
    scope = repository_root(log.root, log.config.project_root)  # a rename's links may be outside the log
    if writes:
        try:
            recover(log.root, scope)
        except AdrError as err:  # a journal it cannot use stops a command that writes
            raise AdrError(err.message, path=shown) from err
        return
    problem = pending_change(log.root, scope)
    if problem:
        from ..base.termtext import one_line

        click.echo(one_line(f"Warning: {shown}: {problem}"), err=True)


def _sweep_stale(log: Any) -> None:
    """Remove the temporaries killed commands left in the log folder, and say how git can ignore them."""
    from ..base.textio import TEMP_SUFFIX, sweep_temporaries

    removed = sweep_temporaries(log.root)
    if removed:
        from ..base.termtext import one_line

        click.echo(
            one_line(
                f"Warning: {log.config.dir_display}: removed {removed} temporary file(s) left by an "
                f"interrupted adr command; add the line `.*{TEMP_SUFFIX}` to .gitignore so that git "
                f"never commits them"
            ),
            err=True,
        )


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from . import COMMANDS

        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        from . import COMMANDS

        if name in self.commands:
            return self.commands[name]
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--dir",
    "directory",
    metavar="DIR",
    envvar="ADRLEDGER_DIR",
    help="Folder of records to work on (default: found from .adr-dir or configuration).",
)
@click.option(
    "--all", "all_logs", is_flag=True, help="Work on every configured log (packages, other repositories) as one."
)
@click.option("-v", "--verbose", is_flag=True, help="Also say which template files beside the records were skipped.")
@click.version_option(__version__, prog_name="adrledger", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, all_logs: bool, verbose: bool) -> None:
    """adrledger: author, lint, link, index, publish and search Architecture Decision Records."""
    from . import LONG_RUNNING, WRITERS

    app = ctx.obj if isinstance(ctx.obj, AppContext) else AppContext(None)
    app.directory, app.all_logs, app.writes = directory, all_logs, ctx.invoked_subcommand in WRITERS
    app.one_shot = ctx.invoked_subcommand not in LONG_RUNNING
    app.verbose = verbose
    ctx.obj = app


def run(args: list[str]) -> int:
    from ._output import escaped_output

    app = AppContext(None)
    with escaped_output():  # record text cannot drive the terminal, whichever output shows it
        status = _run(args, app)
        if app.report_unnamed() and status in (0, 1) and not app.writes:
            status = 2  # a file could not be read (as list and export say of any file they could not read)
    return status


def _run(args: list[str], app: AppContext) -> int:
    try:
        # Outside standalone mode click hands back the status of an Exit raised by a command.
        status = cli.main(args, prog_name="adr", standalone_mode=False, obj=app)
    except CompatError as err:
        stream = sys.stdout if err.stream == "stdout" else sys.stderr
        if err.message:
            stream.write(err.message if err.message.endswith("\n") else err.message + "\n")
        return err.exit_code
    except AdrError as err:
        from ..base.termtext import one_line

        click.echo(one_line(f"Error: {err}"), err=True)
        return err.exit_code
    except click.exceptions.Exit as err:
        return int(err.exit_code)
    except click.ClickException as err:
        err.show()
        return 2 if isinstance(err, click.UsageError) else err.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as err:
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        click.echo(f"Error: {where}{err.strerror or err}", err=True)
        return 2
    except SystemExit as err:
        return int(err.code or 0) if not isinstance(err.code, str) else 1
    return status if isinstance(status, int) else 0


def exit_with(code: int) -> None:
    """Commands call this to end with a status other than 0 without printing anything."""
    raise click.exceptions.Exit(code)
