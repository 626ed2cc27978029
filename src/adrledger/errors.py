"""The single exception family of adrledger: the CLI turns any of these into one line."""

from __future__ import annotations

from pathlib import Path


class AdrError(Exception):
    """Root of every error adrledger raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ParseError(AdrError):
    """A file could not be read as a decision record at all."""


class ConfigError(AdrError):
    """The log's configuration is invalid."""


class UsageError(AdrError):
    """The command was asked for something it cannot do (unknown record, illegal transition)."""


class CompatError(AdrError):
    """An error that adr-tools reports with its own exact wording and exit status."""

    def __init__(self, message: str, *, exit_code: int = 1, stream: str = "stderr"):
        super().__init__(message)
        self.exit_code = exit_code
        self.stream = stream

    def __str__(self) -> str:
        return self.message
