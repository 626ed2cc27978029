"""Option types shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from click.shell_completion import CompletionItem

from ..names import STATUSES


class StatusList(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """One status or several, comma-separated (`--status accepted,proposed`), as `--tags` takes tags."""

    name = "status"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        words = tuple(word.strip().lower() for word in str(value).split(",") if word.strip())
        unknown = [word for word in words if word not in STATUSES]
        if unknown or not words:
            self.fail(
                f"{', '.join(repr(w) for w in unknown) or repr(value)} is not a status: choose from "
                f"{', '.join(STATUSES)}",
                param,
                ctx,
            )
        return words

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        done, _, current = incomplete.rpartition(",")
        prefix = done + "," if done else ""
        return [CompletionItem(prefix + status) for status in STATUSES if status.startswith(current)]


def _flatten(ctx: click.Context, param: click.Parameter, value: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(status for group in value for status in group))


def status_option(help: str = "Only records with these statuses (comma-separated or repeated).") -> Callable[..., Any]:
    """`--status S[,S...]`, repeatable; the command receives one flat tuple of status words."""
    return click.option(
        "--status",
        "statuses",
        multiple=True,
        type=StatusList(),
        callback=_flatten,
        metavar="STATUS[,STATUS...]",
        help=help,
    )
