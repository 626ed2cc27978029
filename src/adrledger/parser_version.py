"""The parser's fingerprint, importable without importing the parser (caches check it at start-up)."""

from __future__ import annotations

from pathlib import Path


def _fingerprint() -> str:
    """A digest of the code that shapes a Record, so cached records never outlive a parser change."""
    package = Path(__file__).resolve().parent / "parse"
    shared = ("model.py", "base/textio.py", "files/filenames.py")
    styles = sorted((package.parent / "styles").glob("*.py"))  # a style reads parts of a record itself
    return source_digest(sorted(package.glob("*.py")) + styles + [package.parent / name for name in shared])


def source_digest(sources: list[Path]) -> str:
    """A digest of some source files (the release number when the sources are not on disk)."""
    # lazy: this module is on `adr --help`'s import path
    import hashlib

    hasher = hashlib.blake2b(digest_size=8)
    for source in sources:
        try:
            hasher.update(source.read_bytes())
        except OSError:  # installed without sources (zipapp, frozen): fall back on the release
            from ._version import __version__

            return __version__
    return hasher.hexdigest()


# Parsed records are cached by content and by this fingerprint of the parser itself.
PARSER_VERSION = _fingerprint()
