"""The highest record number git remembers, cheap enough for every `adr new`."""

from __future__ import annotations

from pathlib import Path

from ..cache import Cache
from ..config import Config
from .git import GitError, folder_pathspec, repo_info, run_git

_KEY = "removed-max"


def highest_removed_number(root: Path, config: Config) -> int:
    """The highest number of a record file ever deleted or renamed away (0 outside git).

    Files still present are counted by the caller from the folder itself; git is asked only about
    commits it has not seen yet (`LAST..HEAD`), so a warm call costs two small git processes.
    """
    try:
        repo = repo_info(root)
    except GitError:
        return 0
    if not repo.head:
        return 0
    cache = Cache.for_log(root, "numbering", config.cache_dir, config.cache)
    known = cache.get(_KEY)
    seen_head, highest = known if isinstance(known, tuple) and len(known) == 2 else ("", 0)
    if seen_head == repo.head:
        return int(highest)
    try:
        found = _removed_numbers(repo.toplevel, repo.prefix, f"{seen_head}..HEAD" if seen_head else "HEAD")
    except GitError:  # the commit we remembered is gone (rewritten history): start over
        found = _removed_numbers(repo.toplevel, repo.prefix, "HEAD")
        highest = 0
    highest = max([int(highest), *found])
    cache.put(_KEY, (repo.head, highest))
    cache.save()
    return highest


def _removed_numbers(toplevel: Path, prefix: str, revisions: str) -> list[int]:
    # lazy: keeps model off this module's import
    from ..parse.refs import number_from_filename  # only when there are new commits to read

    args = [
        "log",
        revisions,
        "--format=",
        "--diff-filter=D",
        "--name-only",
        "--no-renames",
        "-z",
        "--",
        *folder_pathspec(prefix),
    ]
    numbers = []
    for item in run_git(args, toplevel).split(b"\0"):
        name = item.strip(b"\n").decode("utf-8", "surrogateescape")
        relative = name[len(prefix) + 1 :] if prefix and name.startswith(prefix + "/") else name
        if relative and "/" not in relative and relative.lower().endswith((".md", ".markdown")):
            number, _ = number_from_filename(relative)
            if number is not None:
                numbers.append(number)
    return numbers
