"""adrledger: a typed model, parser and toolkit for Architecture Decision Records.

The public API is small and imported lazily, so `import adrledger` costs almost nothing:

    from adrledger import DecisionLog
    log = DecisionLog.discover("docs/adr")
    for record in log.records:
        print(record.number, record.title, record.status)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .config import Config, load_config
    from .errors import AdrError, ConfigError, ParseError, UsageError
    from .log import DecisionLog
    from .model import Record
    from .parse import parse_bytes, parse_file, parse_text

__all__ = [
    "AdrError",
    "Config",
    "ConfigError",
    "DecisionLog",
    "ParseError",
    "Record",
    "UsageError",
    "__version__",
    "load_config",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

_HOMES = {
    "AdrError": "errors",
    "ConfigError": "errors",
    "ParseError": "errors",
    "UsageError": "errors",
    "Config": "config",
    "load_config": "config",
    "DecisionLog": "log",
    "Record": "model",
    "parse_bytes": "parse",
    "parse_file": "parse",
    "parse_text": "parse",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        # lazy: importlib is only needed here (startup cost)
        from importlib import import_module

        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'adrledger' has no attribute {name!r}")
