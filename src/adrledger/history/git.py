"""Talking to git: a handful of processes, each reading a whole answer in one go.

Nothing here knows about records. Every function returns data or raises GitError; callers
turn "not a repository" or "git is not installed" into a history that is simply unavailable.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import AdrError

NULL_SHA = "0" * 40
# No prompts, no index lock taken by `status`, and in partial clones no network fetch per blob.
_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "LC_ALL": "C",
    "GIT_NO_LAZY_FETCH": "1",
}
# Settings that would change the shape of the output we parse; forced for every call.
_FORCED = ("-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "color.ui=false")


class GitError(AdrError):
    """git is missing, the folder is not in a repository, or a git command failed.

    One of adrledger's own errors: where no caller turns it into an unavailable history (a
    command that needs git, such as numbering a record in a damaged repository), the CLI says
    it in one line and exits with status 2.
    """


@dataclass(frozen=True)
class RepoInfo:
    """Where a folder sits in its repository."""

    toplevel: Path
    prefix: str  # the folder relative to the repository root, posix, "" at the root
    head: str  # commit sha, "" in a repository without commits
    shallow_commits: frozenset[str]


@dataclass(frozen=True)
class FileChange:
    """One entry of `git log --raw`: status letter A M D R (T C treated as M A)."""

    status: str
    old_blob: str
    new_blob: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    date: str
    author: str
    email: str
    message: str
    changes: tuple[FileChange, ...]


def _run(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *_FORCED, *args], cwd=cwd, capture_output=True, env={**os.environ, **_ENV}, check=False
        )
    except OSError as err:  # git not installed, or cwd vanished
        raise GitError(f"cannot run git: {err.strerror or err}") from err


def _first_error_line(proc: subprocess.CompletedProcess[bytes], fallback: str) -> str:
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else fallback


def run_git(args: Sequence[str], cwd: Path, check: bool = True) -> bytes:
    """Run one git command and return its standard output."""
    proc = _run(args, cwd)
    if check and proc.returncode != 0:
        raise GitError(_first_error_line(proc, f"git {args[0]} failed ({proc.returncode})"))
    return proc.stdout


def repo_info(folder: Path) -> RepoInfo:
    """Find the repository holding `folder` (which need not exist yet)."""
    existing = folder
    while not existing.is_dir():
        if existing.parent == existing:
            raise GitError(f"{folder} does not exist")
        existing = existing.parent
    proc = _run(["rev-parse", "--show-toplevel", "--git-path", "shallow", "HEAD"], existing)
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:  # not a repository, or one git refuses to read (safe.directory)
        raise GitError(_first_error_line(proc, f"{folder} is not in a git repository"))
    toplevel = Path(lines[0])
    head = lines[2] if len(lines[2]) >= 40 and lines[2] != "HEAD" else ""
    prefix = os.path.relpath(folder.resolve(), toplevel.resolve())
    if prefix.startswith(".."):
        raise GitError(f"{folder} is outside its repository")
    prefix = "" if prefix == "." else Path(prefix).as_posix()
    return RepoInfo(toplevel, prefix, head, _shallow_commits(existing / lines[1]))


def _shallow_commits(path: Path) -> frozenset[str]:
    try:
        return frozenset(path.read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return frozenset()


def folder_pathspec(prefix: str) -> list[str]:
    """Pathspecs for a folder, taken literally (spaces, brackets, stars are just characters)."""
    if not prefix:
        return [":(glob,icase)**/*.md", ":(glob,icase)**/*.markdown"]
    return [f":(literal){prefix}"]


# %aI: the author date, when the change was written (a rebase or cherry-pick moves only the committer date).
_FORMAT = "%x1e%H%x1f%P%x1f%aI%x1f%aN%x1f%aE%x1f%s"


def read_log(repo: RepoInfo, revision: str = "HEAD") -> list[Commit]:
    """Every commit touching the folder, oldest first, with its file changes (renames followed)."""
    if not repo.head:
        return []
    args = [
        "log",
        revision,
        "--reverse",
        "--date-order",
        "-z",
        "--raw",
        "--no-abbrev",
        "-M",
        "--no-ext-diff",
        "--encoding=UTF-8",
        f"--format={_FORMAT}",
        "--",
        *folder_pathspec(repo.prefix),
    ]
    return list(parse_log(run_git(args, repo.toplevel)))


def is_ancestor(repo: RepoInfo, commit: str) -> bool:
    """Whether `commit` is HEAD or one of its ancestors (False when it no longer exists)."""
    return _run(["merge-base", "--is-ancestor", commit, "HEAD"], repo.toplevel).returncode == 0


def parse_log(output: bytes) -> Iterator[Commit]:
    """Parse `git log -z --raw`: a header token, then `:meta` tokens each followed by paths."""
    tokens = output.split(b"\0")
    header: list[str] | None = None
    changes: list[FileChange] = []
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        index += 1
        if token.startswith(b"\x1e"):
            if header is not None:
                yield _commit(header, changes)
            # Authors and messages are text to show, not names to hand back to git: bytes that are not
            # UTF-8 (a hand-made commit keeps them) are replaced, so every output can encode them.
            header, changes = token[1:].decode("utf-8", "replace").split("\x1f", 5), []
        elif token.startswith(b":") and header is not None:
            meta = _decode(token[1:]).split()
            letter = meta[4][:1]
            paths = 2 if letter in "RC" else 1
            names = [_decode(t) for t in tokens[index : index + paths]]
            index += paths
            changes.append(_change(letter, meta[2], meta[3], names))
    if header is not None:
        yield _commit(header, changes)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _change(letter: str, old_blob: str, new_blob: str, names: list[str]) -> FileChange:
    if letter == "R":
        return FileChange("R", old_blob, new_blob, names[1], names[0])
    if letter == "C":  # a copy is a new file as far as history goes
        return FileChange("A", NULL_SHA, new_blob, names[1])
    return FileChange(letter if letter in "ADM" else "M", old_blob, new_blob, names[0])


def _commit(header: list[str], changes: list[FileChange]) -> Commit:
    header += [""] * (6 - len(header))
    sha, parents, date, author, email, message = header
    return Commit(sha, tuple(parents.split()), date, author, email, message, tuple(changes))


class BlobReader:
    """One `git cat-file --batch` process serving every blob asked of it."""

    def __init__(self, toplevel: Path):
        try:
            self._proc = subprocess.Popen(
                ["git", *_FORCED, "cat-file", "--batch"],
                cwd=toplevel,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, **_ENV},
            )
        except OSError as err:
            raise GitError(f"cannot run git: {err.strerror or err}") from err

    def read_many(self, names: Iterable[str]) -> dict[str, bytes | None]:
        """Contents of the objects named (blob shas or `rev:path`), None for those missing."""
        wanted = list(dict.fromkeys(names))
        assert self._proc.stdin is not None and self._proc.stdout is not None
        # A writer thread keeps both pipes moving: no deadlock however many objects are asked for.
        request = "".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape")
        writer = threading.Thread(target=self._write, args=(request,), daemon=True)
        writer.start()
        found = {name: self._read_one() for name in wanted}
        writer.join()
        return found

    def _write(self, data: bytes) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.flush()
        except OSError:
            pass

    def _read_one(self) -> bytes | None:
        assert self._proc.stdout is not None
        header = self._proc.stdout.readline()
        if not header:
            raise GitError("git cat-file stopped answering")
        parts = header.split()
        if len(parts) < 3 or parts[-1] == b"missing" or not parts[-1].isdigit():
            return None
        size = int(parts[-1])
        data = self._proc.stdout.read(size + 1)
        return data[:size] if parts[1] == b"blob" else None

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._proc.wait()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ls_tree(repo: RepoInfo, revision: str) -> list[tuple[str, str]]:
    """(blob sha, path from the repository root) of every file under the folder at `revision`."""
    # ls-tree knows no glob magic: at the repository root, list everything; the caller filters.
    scope = [f":(literal){repo.prefix}"] if repo.prefix else []
    args = ["ls-tree", "-r", "-z", "--full-tree", revision, "--", *scope]
    entries = []
    for item in run_git(args, repo.toplevel).split(b"\0"):
        if not item:
            continue
        meta, _, name = item.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob":
            entries.append((fields[2].decode("ascii"), _decode(name)))
    return entries


def resolve_revision(repo: RepoInfo, revision: str) -> str:
    """The commit sha a revision names (branch, tag, sha, HEAD~3, a date-based @{...})."""
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    output = run_git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        repo.toplevel,
        check=False,
    ).strip()
    if not output:
        raise GitError(f"unknown revision '{revision}'")
    return output.decode("ascii")


def author_ident(repo: RepoInfo) -> tuple[str, str]:
    """(name, email) the next commit will carry: git's own answer, environment included."""
    try:
        line = run_git(["var", "GIT_AUTHOR_IDENT"], repo.toplevel).decode("utf-8", "replace").strip()
    except GitError:  # no user configured: the change stays anonymous until committed
        return "", ""
    name, _, rest = line.partition(" <")
    return name.strip(), rest.partition(">")[0]


def worktree_status(repo: RepoInfo) -> list[tuple[str, str, str | None]]:
    """(status letter, path, old path) of uncommitted changes under the folder, staged or not."""
    args = [
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--",
        *folder_pathspec(repo.prefix),
    ]
    result: list[tuple[str, str, str | None]] = []
    for item in run_git(args, repo.toplevel).split(b"\0"):
        if len(item) < 4:
            continue
        code, name = item[:2].decode("ascii", "replace"), _decode(item[3:])
        letter = "D" if "D" in code else "A" if code in ("??", "A ", "AM") else "M"
        result.append((letter, name, None))
    return result


# Where a repository's default branch may be, nearest to the upstream first.
DEFAULT_BRANCH_REFS = (
    "refs/remotes/origin/HEAD",
    "refs/remotes/origin/main",
    "refs/remotes/origin/master",
    "refs/heads/main",
    "refs/heads/master",
)


def branch_refs(repo: RepoInfo) -> tuple[str, dict[str, str]]:
    """(the branch HEAD is on, "" when detached; {existing candidate ref: the ref it points to, or itself})."""
    current = run_git(["symbolic-ref", "-q", "HEAD"], repo.toplevel, check=False).decode("utf-8", "replace").strip()
    listing = run_git(
        ["for-each-ref", "--format=%(refname)%00%(symref)", *DEFAULT_BRANCH_REFS], repo.toplevel, check=False
    )
    found: dict[str, str] = {}
    for line in listing.decode("utf-8", "replace").splitlines():
        name, _, target = line.partition("\0")
        if name:
            found[name] = target or name
    return current, found


def merge_base(repo: RepoInfo, first: str, second: str) -> str:
    """The best common ancestor of two commits ("" when they share none)."""
    output = run_git(["merge-base", first, second], repo.toplevel, check=False).strip()
    return output.decode("ascii", "replace")


def commits_between(repo: RepoInfo, base: str, prefix: str) -> frozenset[str]:
    """Commits reachable from HEAD but not from `base` that touch the folder (all of HEAD's when base is "")."""
    revisions = [f"{base}..HEAD"] if base else ["HEAD"]
    output = run_git(["rev-list", *revisions, "--", *folder_pathspec(prefix)], repo.toplevel)
    return frozenset(output.decode("ascii", "replace").split())
