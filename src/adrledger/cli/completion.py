"""Shell completion (bash, zsh, fish) through click, completing record numbers and titles.

Enable it with `eval "$(_ADR_COMPLETE=bash_source adr)"` (zsh_source, fish_source), or
print the script with `adr completion bash|zsh|fish`.
"""

from __future__ import annotations

import re
from typing import Any

import click
from click.shell_completion import CompletionItem

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_ADR_COMPLETE"
LINK_LABELS = ("Amends", "Supersedes", "Clarifies", "Extends", "Related to", "Depends on")
REVERSE_LABELS = ("Amended by", "Superseded by", "Clarified by", "Extended by", "Related to", "Needed by")
_HEADING = re.compile(r"#{1,2}\s+(.*)")
_NUMBER_PREFIX = re.compile(r"(?:\[?\s*(?:adr|rfc)\s*[-_ #:]?\s*)?\d+\s*[.:)\]–—-]?\s+", re.IGNORECASE)


class RecordReference(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A record, by number or part of its file name; completes to numbers described by their titles."""

    name = "record"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        return record_completions(ctx, incomplete)


class LinkArguments(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """adr link's SOURCE LINK TARGET REVERSE-LINK: records in odd places, link words in even ones."""

    name = "link"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        position = len(ctx.params.get(param.name or "", None) or ())
        if position in (0, 2):
            return record_completions(ctx, incomplete)
        labels = LINK_LABELS if position == 1 else REVERSE_LABELS
        return [CompletionItem(label) for label in labels if label.lower().startswith(incomplete.lower())]


def record_completions(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    """Numbers (with titles as help) of the records matching what was typed so far."""
    from ..files.logfiles import is_utf8_name
    from ..log import DecisionLog

    try:
        log = DecisionLog.discover(ctx.find_root().params.get("directory"))
        names = sorted((n, name) for n, name in log.numbered_names() if is_utf8_name(name))
    except Exception:  # completion must never print a traceback into the user's prompt
        return []
    items = []
    typed = incomplete.lower()
    for number, name in names:
        if typed.isdigit() and not (str(number).startswith(typed.lstrip("0") or "0") or name.startswith(typed)):
            continue
        if typed and not typed.isdigit() and typed not in name.lower():
            continue
        value = str(number) if not typed or typed.isdigit() else name.rsplit(".", 1)[0]
        items.append(CompletionItem(value, help=_title(log.root / name)))
    return items


def _title(path: Any) -> str:
    """The record's title from its first heading, cheaply (completion runs on every Tab)."""
    try:
        from ..base.textio import open_record

        with open_record(path, path.parent) as handle:  # Tab must never hang on a pipe
            head = [handle.readline().decode("utf-8", "replace") for _ in range(40)]
    except OSError:
        return ""
    for line in head:
        match = _HEADING.match(line.strip())
        if match:
            return _NUMBER_PREFIX.sub("", match.group(1), count=1).strip()
    return ""


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL; e.g. add `eval "$(adr completion bash)"` to ~/.bashrc."""
    from click.shell_completion import get_completion_class

    root = ctx.find_root()
    completer = get_completion_class(shell)
    assert completer is not None
    click.echo(completer(root.command, {}, "adr", COMPLETE_VAR).source().rstrip("\n"))
