"""The repositories a checkout is a copy of, from its git remotes: which web links name its own files.

Read from the git config file (no subprocess: the linter asks once per run and git may be slow or
absent). Every remote counts, not only origin: a fork's records often link to the upstream repository.
"""

from __future__ import annotations

import os
import re

_SECTION = re.compile(r'\s*\[\s*remote\s+"[^"\n]*"\s*\]', re.IGNORECASE)
_URL = re.compile(r"\s*url\s*=\s*(?P<url>\S+)", re.IGNORECASE)
# https://host/owner/repo(.git), ssh://user@host:port/owner/repo, git@host:owner/repo
_WEB = re.compile(r"[a-z][a-z0-9+.-]*://(?:[^@/\s]+@)?(?P<host>[^/:\s]+)(?::\d+)?/(?P<path>\S+)$", re.IGNORECASE)
_SCP = re.compile(r"(?:[^@/\s]+@)?(?P<host>[^/:\s]+):(?P<path>[^/\s]\S*)$")
MAX_CONFIG_BYTES = 1024 * 1024


def remote_repositories(root: str) -> frozenset[str]:
    """`host/owner/repo` (lower case) of every remote of the repository at `root`; empty when none is known."""
    config = _config_file(root)
    if config is None:
        return frozenset()
    try:
        with open(config, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_CONFIG_BYTES)
    except OSError:
        return frozenset()
    return frozenset(name for url in _remote_urls(text) if (name := repository_name(url)))


def repository_name(url: str) -> str | None:
    """`host/owner/repo` of a clone URL (https, ssh or scp-like), lower case and without `.git`."""
    match = _WEB.match(url) or _SCP.match(url)
    if match is None:
        return None
    path = match.group("path").strip("/")
    if path.lower().endswith(".git"):
        path = path[:-4]
    parts = path.split("/")
    if len(parts) < 2 or not all(parts):
        return None
    return f"{match.group('host')}/{'/'.join(parts)}".lower()


def _remote_urls(text: str) -> list[str]:
    urls: list[str] = []
    in_remote = False
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            in_remote = _SECTION.match(line) is not None
        elif in_remote and (match := _URL.match(line)):
            urls.append(match.group("url").strip('"'))
    return urls


def _config_file(root: str) -> str | None:
    """The config file of the repository at `root`: `.git/config`, or the main one for a worktree."""
    folders = git_folders(root)
    return os.path.join(folders[1], "config") if folders is not None else None


def git_folders(root: str) -> tuple[str, str] | None:
    """(git dir, common dir) of the repository at `root`: both `.git` for a plain clone; a worktree's own
    folder and the main repository's for a worktree; a submodule's folder twice. None when `.git` is
    neither a folder nor a `gitdir:` file."""
    dot_git = os.path.join(root, ".git")
    if os.path.isdir(dot_git):
        return dot_git, dot_git
    try:
        with open(dot_git, encoding="utf-8") as handle:
            first = handle.readline(4096)
    except (OSError, UnicodeDecodeError):
        return None
    if not first.startswith("gitdir:"):
        return None
    git_dir = os.path.normpath(os.path.join(root, first[len("gitdir:") :].strip()))
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as handle:
            return git_dir, os.path.normpath(os.path.join(git_dir, handle.readline(4096).strip()))
    except (OSError, UnicodeDecodeError):
        return git_dir, git_dir  # a submodule: its git dir holds its own refs and config
