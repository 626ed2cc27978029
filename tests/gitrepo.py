"""Real git repositories for tests: set authors and dates, nothing from the user's config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


class GitRepo:
    """A repository in a temporary folder, driven by the real git."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Default")
        self.git("config", "user.email", "default@example.com")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            env={**os.environ, **ISOLATED, **(env or {})},
            check=False,
        )
        if proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout

    def branch(self, name: str) -> None:
        """Start a branch off the current commit and switch to it (the change under review)."""
        self.git("checkout", "-q", "-b", name)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(
        self,
        message: str,
        author: str = "Alice",
        date: str = "2024-01-01T10:00:00+00:00",
        email: str | None = None,
    ) -> str:
        """Stage everything and commit it as `author` on `date` (author and committer alike)."""
        email = email or f"{author.split()[0].lower()}@example.com"
        env = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
        }
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()


def nygard(
    number: int,
    title: str,
    status: str = "Proposed",
    date: str = "2024-01-01",
    body: str = "We will do it.",
    extra: str = "",
) -> str:
    """An adr-tools record."""
    return (
        f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n{extra}\n## Context\n\n"
        f"The context of {title.lower()}.\n\n## Decision\n\n{body}\n\n## Consequences\n\nSome.\n"
    )
