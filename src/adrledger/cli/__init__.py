"""The `adr` command: a thin layer over the library, and the only place that prints or exits.

Sub-commands live in their own modules and are imported only when invoked, so `adr --version`
and `adr new` never pay for Markdown, Jinja or rich.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# name -> "module:attribute". A module per concern; the registry is the table of contents.
COMMANDS: dict[str, str] = {
    "init": "adrledger.cli.core:init_command",
    "new": "adrledger.cli.core:new_command",
    "list": "adrledger.cli.core:list_command",
    "show": "adrledger.cli.core:show_command",
    "export": "adrledger.cli.core:export_command",
    "schema": "adrledger.cli.core:schema_command",
    "log": "adrledger.cli.history:log_command",
    "for": "adrledger.cli.scope:for_command",
    "help": "adrledger.cli.core:help_command",
    "config": "adrledger.cli.configuration:config_command",
    "lint": "adrledger.cli.lint:lint_command",
    "rule": "adrledger.cli.lint:rule_command",
    "rules": "adrledger.cli.lint:rules_command",
    "propose": "adrledger.cli.lifecycle:propose_command",
    "accept": "adrledger.cli.lifecycle:accept_command",
    "reject": "adrledger.cli.lifecycle:reject_command",
    "deprecate": "adrledger.cli.lifecycle:deprecate_command",
    "supersede": "adrledger.cli.lifecycle:supersede_command",
    "amend": "adrledger.cli.lifecycle:amend_command",
    "renumber": "adrledger.cli.lifecycle:renumber_command",
    "link": "adrledger.cli.adrtools:link_command",
    "generate": "adrledger.cli.adrtools:generate_command",
    "upgrade-repository": "adrledger.cli.adrtools:upgrade_command",
    "completion": "adrledger.cli.completion:completion_command",
    "report": "adrledger.cli.reports:report_command",
    "search": "adrledger.cli.search:search_command",
    "convert": "adrledger.cli.importing:convert_command",
    "import": "adrledger.cli.importing:import_command",
    "index": "adrledger.cli.publish:index_command",
    "graph": "adrledger.cli.publish:graph_command",
    "site": "adrledger.cli.publish:site_command",
    "serve": "adrledger.cli.publish:serve_command",
}

# Commands that change the log: they finish an interrupted change (transaction.py) before reading
# it. Every other command only reads, and reports such a change instead of replaying it.
# (`lint --fix` and `index --write` finish one when they commit their own change.)
WRITERS = frozenset(
    {
        "init",
        "new",
        "propose",
        "accept",
        "reject",
        "deprecate",
        "supersede",
        "amend",
        "renumber",
        "link",
        "upgrade-repository",
        "convert",
        "import",
    }
)
# Commands that keep running and reload the log: they never freeze loaded records out of the
# garbage collector (cli._app.freeze_records), and parse without forking once they run threads.
LONG_RUNNING = frozenset({"serve"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run `adr` with `argv` and return its exit status (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # answered before importing anything else: startup time matters
        from .._version import __version__

        sys.stdout.write(f"adrledger {__version__}\n")
        return 0
    from ._app import run

    return run(args)


def entry_point() -> None:  # pragma: no cover - used by `python -m adrledger`
    sys.exit(main())
