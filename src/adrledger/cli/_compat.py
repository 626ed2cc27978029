"""Option errors worded as adr-tools' getopts reports them, for the commands adr-tools also has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import CompatError


class GetoptsCommand(click.Command):
    """A command whose short-option errors read "adr new: illegal option -- x" (exit 1), as in adr-tools."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as err:
            name = err.option_name
            if name.startswith("--") or len(name) != 2:
                raise
            raise CompatError(f"{ctx.command_path}: illegal option -- {name[1]}", exit_code=1) from err
        except click.BadOptionUsage as err:
            name = err.option_name
            if name.startswith("--") or len(name) != 2 or "requires an argument" not in err.message:
                raise
            raise CompatError(f"{ctx.command_path}: option requires an argument -- {name[1]}", exit_code=1) from err


def required(values: tuple[str, ...], names: tuple[str, ...], command: str) -> list[str]:
    """Positional arguments checked as bash's `${1:?SOURCE}` does: the first missing one is named."""
    for position, name in enumerate(names):
        if position >= len(values) or values[position] == "":
            raise CompatError(f"adr {command}: {position + 1}: {name}", exit_code=1)
    return list(values[: len(names)])


def command(name: str, **settings: Any) -> Callable[[Callable[..., None]], click.Command]:
    """click.command with adr-tools' wording of option errors."""
    return click.command(name, cls=GetoptsCommand, **settings)
