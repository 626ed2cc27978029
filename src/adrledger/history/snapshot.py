"""The log as it stood at a git revision: read from the object store, parsed in memory."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..cache import Cache, digest
from ..errors import UsageError
from ..log import resolve_dates
from ..model import Record
from ..parse import PARSER_VERSION, parse_bytes
from .build import record_filter
from .git import BlobReader, GitError, ls_tree, repo_info, resolve_revision
from .replay import inside_log

if TYPE_CHECKING:
    from ..log import DecisionLog


def records_at(log: DecisionLog, revision: str) -> list[Record]:
    """The records of the log folder at `revision` (a branch, tag, sha, HEAD~3 ...)."""
    try:
        repo = repo_info(log.root)
        commit = resolve_revision(repo, revision)
        entries = ls_tree(repo, commit)
    except GitError as err:
        raise UsageError(f"cannot read the log at '{revision}': {err}") from err
    is_record = record_filter(log.config)
    wanted = sorted(
        (relative, blob) for blob, path in entries if (relative := inside_log(path, repo.prefix, is_record)) is not None
    )
    cache = Cache.for_log(log.root, "records-at", log.config.cache_dir, log.config.cache)
    records: list[Record] = []
    missing = []
    for relative, blob in wanted:
        cached = cache.get(_key(blob, relative, log.package))
        if cached is None:
            missing.append((relative, blob))
        else:
            records += cached
    if missing:
        with BlobReader(repo.toplevel) as reader:
            contents = reader.read_many(blob for _, blob in missing)
        for relative, blob in missing:
            parsed = [replace(r, package=log.package) for r in _parse(contents.get(blob), relative)]
            cache.put(_key(blob, relative, log.package), parsed)
            records += parsed
    cache.save()
    records.sort(key=lambda r: (r.path, r.ordinal))
    return resolve_dates(records, log.config.date_order)


def _parse(data: bytes | None, relative: str) -> list[Record]:
    try:
        return parse_bytes(data or b"", relative)
    except RecursionError:
        return parse_bytes(b"", relative)


def _key(blob: str, relative: str, package: str) -> str:
    return digest(PARSER_VERSION.encode(), blob.encode(), relative.encode(), package.encode())
