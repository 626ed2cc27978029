"""The rule families (ADR0xx reading ... ADR6xx content); importing this package registers them all."""

from . import (
    content,
    content_quality,
    dates,
    files,
    history,
    metadata,
    numbering,
    reading,
    relations,
    renumbering,
    structure,
    supersession,
)

__all__ = [
    "content",
    "content_quality",
    "dates",
    "files",
    "history",
    "metadata",
    "numbering",
    "reading",
    "relations",
    "renumbering",
    "structure",
    "supersession",
]
