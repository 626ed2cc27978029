"""Several logs at once: a log4brains monorepo with two packages, another repository's folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.errors import ConfigError, UsageError
from adrledger.log.workspace import Workspace

from gitrepo import GitRepo, nygard

LOG4BRAINS = """---
project:
  name: shop
  tz: Europe/Paris
  adrFolder: ./docs/adr
  packages:
    - name: auth
      path: ./packages/auth
      adrFolder: ./packages/auth/adr
    - name: billing
      path: ./packages/billing
      adrFolder: ./packages/billing/adr
"""

MADR = """---
status: {status}
date: 2024-02-01
---
# {title}

## Context and Problem Statement

Why {title} matters.
"""


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    files = {
        ".log4brains.yml": LOG4BRAINS,
        "docs/adr/0001-use-a-monorepo.md": MADR.format(status="accepted", title="Use a monorepo"),
        "packages/auth/adr/0001-use-oauth.md": MADR.format(status="accepted", title="Use OAuth"),
        "packages/auth/adr/0002-rotate-keys.md": MADR.format(status="proposed", title="Rotate keys"),
        "packages/billing/adr/0002-bill-in-cents.md": MADR.format(status="accepted", title="Bill in cents"),
        "packages/billing/adr/20240301-use-stripe.md": MADR.format(status="proposed", title="Use Stripe"),
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def test_workspace_from_log4brains_packages(monorepo: Path) -> None:
    workspace = Workspace.from_config(load_config(cwd=monorepo), monorepo)
    assert workspace.names == ["auth", "billing"]
    assert [r.id for r in workspace.records] == [
        "0001",
        "auth/0001",
        "auth/0002",
        "billing/0002",
        "billing/20240301-use-stripe",
    ]
    log, record = workspace.locate("billing/0002")
    assert (log.package, record.title) == ("billing", "Bill in cents")
    assert workspace.locate("0001")[1].title == "Use a monorepo"  # the project's own log wins
    assert workspace.locate("use-stripe")[1].id == "billing/20240301-use-stripe"
    with pytest.raises(UsageError, match=r"ambiguous.*auth/0002, billing/0002"):
        workspace.locate("2")
    assert workspace.display_path(record) == "packages/billing/adr/0002-bill-in-cents.md"


def test_every_read_command_works_over_all_logs(adr, monorepo: Path) -> None:  # type: ignore[no-untyped-def]
    listed = adr("--all", "list", cwd=monorepo)
    assert listed.code == 0, listed.err
    assert listed.out.splitlines() == [
        "docs/adr/0001-use-a-monorepo.md",  # .log4brains.yml's "./docs/adr", tidied
        "packages/auth/adr/0001-use-oauth.md",
        "packages/auth/adr/0002-rotate-keys.md",
        "packages/billing/adr/0002-bill-in-cents.md",
        "packages/billing/adr/20240301-use-stripe.md",
    ]
    accepted = adr("--all", "list", "--status", "accepted", "--format", "table", cwd=monorepo)
    assert [line.split()[0] for line in accepted.out.splitlines()[1:]] == [
        "0001",
        "auth/0001",
        "billing/0002",
    ]
    exported = json.loads(adr("--all", "export", cwd=monorepo).out)
    assert [(r["id"], r["package"]) for r in exported][:2] == [
        ("0001", None),
        ("auth/0001", "auth"),
    ]
    shown = json.loads(adr("show", "auth/0002", "--json", cwd=monorepo).out)  # no --all needed
    assert (shown["title"], shown["status"], shown["package"]) == (
        "Rotate keys",
        "proposed",
        "auth",
    )
    assert adr("list", cwd=monorepo).out.splitlines() == ["docs/adr/0001-use-a-monorepo.md"]


def test_other_repository_folder(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    platform = GitRepo(tmp_path / "platform")
    platform.write("decisions/0001-use-kubernetes.md", nygard(1, "Use Kubernetes"))
    platform.commit("Propose Kubernetes", "Paula", "2024-01-10T10:00:00+00:00")
    platform.write("decisions/0001-use-kubernetes.md", nygard(1, "Use Kubernetes", "Accepted"))
    platform.commit("Accept Kubernetes", "Quentin", "2024-01-20T10:00:00+00:00")
    app = GitRepo(tmp_path / "app")
    app.write(
        ".adrledger.toml",
        'dir = "doc/adr"\nlogs = [{name = "platform", path = "../platform/decisions"}]\n',
    )
    app.write("doc/adr/0001-use-django.md", nygard(1, "Use Django", "Accepted"))
    app.commit("Django")
    listed = adr("--all", "list", "--format", "json", cwd=app.root)
    assert [r["title"] for r in json.loads(listed.out)] == ["Use Django", "Use Kubernetes"]
    history = json.loads(adr("log", "platform/0001", "--format", "json", cwd=app.root).out)
    assert [(c["kind"], c["author"]) for c in history["changes"]] == [
        ("created", "Paula"),
        ("status", "Quentin"),
    ]
    assert history["id"] == "platform/0001"


def test_misconfigured_logs_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / ".adrledger.toml").write_text(
        'logs = [{name = "a", path = "missing"}, {name = "a", path = "doc/adr"}]\n'
    )
    with pytest.raises(ConfigError) as caught:
        Workspace.from_config(load_config(cwd=tmp_path), tmp_path)
    assert "two logs are named 'a'" in str(caught.value) and "does not exist" in str(caught.value)


def test_for_path_across_packages(adr, monorepo: Path) -> None:  # type: ignore[no-untyped-def]
    scoped = MADR.format(status="accepted", title="Hash passwords with argon2").replace(
        "date: 2024-02-01\n", "date: 2024-02-01\nscope: packages/auth/src/**\n"
    )
    (monorepo / "packages/auth/adr/0003-hash-passwords.md").write_text(scoped, encoding="utf-8")
    result = adr("--all", "for", "packages/auth/src/login.py", cwd=monorepo)
    assert result.code == 0, result.err
    assert result.out.split()[:3] == ["auth/0003", "accepted", "Hash"]
    assert adr("for", "packages/auth/src/login.py", cwd=monorepo).out == ""  # the project's log only
