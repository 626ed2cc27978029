"""Links to a file from anywhere in its repository: what must change when a record file is renamed.

A record is linked from READMEs, docs and indexes outside its log as well as from other records.
Renaming it (ADR207, ADR208) rewrites every such link in the same transaction, so the repository
is searched: the Markdown files git knows (tracked, or untracked but not ignored), or every
Markdown file under the project root when the log is not in git.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..base.textio import read_record_bytes
from ..errors import AdrError
from ..parse.lexer import fenced_lines
from .rawtext import RawDocument

MARKDOWN = (".md", ".markdown", ".mdx")
_INLINE = re.compile(r"\]\(\s*(?P<target><[^>\n]*>|[^)\s]+)")  # [text](target) and ![alt](target)
_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*(?P<target><[^>\n]*>|\S+)")  # [label]: target
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SKIPPED = {"node_modules", "vendor", "target", "dist", "build", "_site", "site-packages", "__pycache__"}
MAX_BYTES = 2 * 1024 * 1024  # a Markdown file larger than this is generated output, not a document


@dataclass(frozen=True)
class LinkAt:
    """One link in one file: the file (absolute), its 1-based line, the line's text, the target as written."""

    file: str
    line: int
    text: str
    target: str


def repository_root(folder: Path, fallback: Path) -> Path:
    """The repository holding `folder` (the folder with `.git`), else `fallback` (the project root)."""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return Path(os.path.abspath(fallback))


def markdown_files(root: Path) -> list[str]:
    """Absolute paths of the repository's Markdown files (git's view when it is one: ignored files left out)."""
    if os.path.exists(os.path.join(root, ".git")):
        listed = _git_markdown(root)
        if listed is not None:
            return listed
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED]
        found += [os.path.join(folder, name) for name in files if name.lower().endswith(MARKDOWN)]
    return sorted(found)


def _git_markdown(root: Path) -> list[str] | None:
    patterns = [f":(glob,icase)**/*{suffix}" for suffix in MARKDOWN]
    try:
        proc = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=off",
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
                "--",
                *patterns,
            ],
            cwd=root,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    names = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({os.path.join(root, name) for name in names if name})


def links_in(path: str, root: Path) -> Iterator[tuple[LinkAt, str]]:
    """(link, the absolute path it points at) for every local link of a Markdown file, outside code blocks."""
    lines = _read_lines(path)
    if lines is None:
        return
    folder = os.path.dirname(path)
    code = fenced_lines(lines)
    for number, line in enumerate(lines, 1):
        if code[number - 1] or ("](" not in line and "]:" not in line):
            continue
        for match in [*_INLINE.finditer(line), *_DEFINITION.finditer(line)]:
            target = match.group("target").strip("<>")
            resolved = resolve(target, folder, root)
            if resolved is not None:
                yield LinkAt(path, number, line, target), resolved


def resolve(target: str, folder: str, root: Path) -> str | None:
    """The absolute path a link's target names (None for URLs, mail and anchors in the same page)."""
    path = target.split("#", 1)[0].split("?", 1)[0].strip()
    if not path or _SCHEME.match(path) or path.startswith("//"):
        return None
    path = unquote(path)
    base = str(root) if path.startswith("/") else folder
    return os.path.normpath(os.path.join(base, path.lstrip("/")))


def retarget(line: str, target: str, new_name: str) -> str:
    """`line` with the link `target` pointed at `new_name` in the same folder (anchor kept)."""
    path, mark, rest = target.partition("#")
    head, _, _ = path.rpartition("/")
    new_target = (f"{head}/" if "/" in path else "") + new_name + (mark + rest if mark else "")
    return (
        line.replace(f"]({target}", f"]({new_target}")
        .replace(f"](<{target}>", f"](<{new_target}>")
        .replace(f"]: {target}", f"]: {new_target}")
        .replace(f"]: <{target}>", f"]: <{new_target}>")
    )


def _read_lines(path: str) -> list[str] | None:
    """The file's lines as the fixer will edit them (rawtext: its encoding and line ends kept)."""
    try:
        data = read_record_bytes(Path(path))  # never blocks on a pipe
    except OSError:
        return None
    if len(data) > MAX_BYTES or b"\0" in data:
        return None
    try:
        return RawDocument.from_bytes(data, path).lines
    except (AdrError, UnicodeDecodeError):
        return None


class LinkIndex:
    """Every local link of the repository's Markdown files, by the absolute path it points at (built once)."""

    def __init__(self, root: Path, skip: frozenset[str] = frozenset()):
        self.root = root
        self._skip = skip  # files whose links are read another way (the log's parsed records)
        self._by_target: dict[str, list[LinkAt]] | None = None

    def links_to(self, path: str) -> list[LinkAt]:
        if self._by_target is None:
            index: dict[str, list[LinkAt]] = {}
            for file in markdown_files(self.root):
                if os.path.normpath(file) in self._skip:
                    continue
                for link, resolved in links_in(file, self.root):
                    index.setdefault(resolved, []).append(link)
            self._by_target = index
        return self._by_target.get(os.path.normpath(path), [])
