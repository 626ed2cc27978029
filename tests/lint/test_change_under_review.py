"""ADR501 judges the change under review (a branch, or --since), and only edits of a decision's prose.

Every case is a real git repository: a log accepted on main, then a change on a branch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import GitRepo

TOPICS = ("queue", "cache", "database", "gateway", "logging", "search", "storage", "tracing")
ACCEPTED_ON = "2024-01-05T10:00:00+00:00"
CHANGED_ON = "2024-06-01T10:00:00+00:00"


def record(number: int, topic: str = "", status: str = "Accepted", decision: str = "") -> str:
    topic = topic or TOPICS[number - 1]
    decision = decision or f"We will run one shared {topic} for every service."
    return (
        f"# {number}. Choose a {topic}\n\nDate: 2024-01-05\n\n## Status\n\n{status}\n\n## Context\n\n"
        f"Each team runs its own {topic}, which costs us time\nand money every month. The options:\n\n"
        f"* a shared {topic} run by the platfrom team;\n* one {topic} per team, as today.\n\n"
        f"The [cost study](https://wiki.example.com/{topic}-costs) has the figures.\n\n"
        f"## Decision\n\n{decision}\n\n## Consequences\n\nTeams stop paying for their own {topic}.\n"
    )


def name(number: int) -> str:
    return f"doc/adr/{number:04d}-choose-a-{TOPICS[number - 1]}.md"


def accepted_log(tmp_path: Path, count: int = 2) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    for number in range(1, count + 1):
        repo.write(name(number), record(number))
    repo.commit("Accept the first decisions", date=ACCEPTED_ON)
    return repo


def edit(repo: GitRepo, number: int, old: str, new: str) -> None:
    path = repo.root / name(number)
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def findings(adr, root: Path, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = adr("lint", "--format", "json", "--select", "ADR501", *extra, cwd=root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_a_prose_edit_on_a_feature_branch_is_reported(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    repo.branch("share-the-queue")
    edit(repo, 1, "one shared queue for every service", "one queue per region")
    sha = repo.commit("Change our mind in place", "Bo", CHANGED_ON)
    [finding] = findings(adr, repo.root)
    assert finding["path"] == name(1)
    lines = (repo.root / name(1)).read_text().splitlines()
    assert finding["line"] == lines.index("We will run one queue per region.") + 1
    assert f"then its prose was edited in {sha[:7]} (2024-06-01, Bo)" in finding["message"]


def test_edits_already_on_the_default_branch_are_history_not_review(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    edit(repo, 1, "one shared queue for every service", "one queue per region")
    sha = repo.commit("Edited on main long ago", "Bo", CHANGED_ON)
    assert findings(adr, repo.root) == []  # HEAD is on main: only the working tree is under review
    repo.git("checkout", "-q", "--detach", "HEAD")
    assert findings(adr, repo.root) == []  # detached at a commit main already holds
    [since] = findings(adr, repo.root, "--since", "HEAD~1")
    assert sha[:7] in since["message"]
    (repo.root / "doc/adr/.adrledger.toml").write_text('[lint]\nsince = "HEAD~1"\n')
    assert len(findings(adr, repo.root)) == 1  # the `since` setting chooses the base as --since does
    report = adr("report", "edits", "--format", "json", cwd=repo.root)
    assert report.code == 0, report.err
    [row] = json.loads(report.out)["edits"]
    assert (row["sha"], row["path"], row["accepted"]) == (sha, Path(name(1)).name, "2024-01-05")


def test_a_clone_compares_with_origin_and_ignores_what_main_did_since(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    upstream = accepted_log(tmp_path)
    clone = tmp_path / "clone"
    upstream.git("clone", "-q", str(upstream.root), str(clone))
    work = GitRepo.__new__(GitRepo)
    work.root = clone
    work.git("config", "user.name", "Default")
    work.git("config", "user.email", "default@example.com")
    edit(upstream, 2, "one shared cache for every service", "a cache per service")
    upstream.commit("Meanwhile on main", "Cy", CHANGED_ON)
    work.branch("feature")
    edit(work, 1, "one shared queue for every service", "one queue per region")
    work.commit("The change under review", "Bo", CHANGED_ON)
    work.git("fetch", "-q", "origin")  # origin/main moved on: the base is where the branch left it
    [finding] = findings(adr, clone)
    assert finding["path"] == name(1) and "Bo" in finding["message"]


def test_an_unknown_since_revision_is_a_usage_error(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    result = adr("lint", "--since", "no-such-branch", cwd=repo.root)
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "Error: cannot review the changes since 'no-such-branch': unknown revision 'no-such-branch'"
    ]


def test_a_record_accepted_and_edited_in_the_same_change_is_being_written(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    repo.branch("new-decision")
    repo.write(name(3), record(3, status="Proposed"))
    repo.commit("Propose", date="2024-05-01T10:00:00+00:00")
    repo.write(name(3), record(3))
    repo.commit("Accept", date="2024-05-02T10:00:00+00:00")
    edit(repo, 3, "one shared database for every service", "one database per domain")
    repo.commit("Rework after review", date="2024-05-03T10:00:00+00:00")
    assert findings(adr, repo.root) == []


def _prettier(repo: GitRepo) -> None:
    for number in (1, 2):
        path = repo.root / name(number)
        path.write_text(path.read_text().replace("\n* ", "\n- "))


def _rewrap(repo: GitRepo) -> None:
    edit(
        repo,
        1,
        "which costs us time\nand money every month. The options:",
        "which costs\nus time and money every\nmonth. The options:",
    )


def _front_matter(repo: GitRepo) -> None:
    for number in (1, 2):
        path = repo.root / name(number)
        path.write_text("---\nstatus: accepted\ndate: 2024-01-05\ndeciders: [platform]\n---\n" + path.read_text())


def _link_target(repo: GitRepo) -> None:
    edit(repo, 1, "https://wiki.example.com/queue-costs", "https://docs.example.org/finance/queues")


def _status_line(repo: GitRepo) -> None:
    edit(repo, 1, "\nAccepted\n", "\nSuperseded by [3. Choose a database](0003-choose-a-database.md)\n")
    repo.write(name(3), record(3))


def _spelling(repo: GitRepo) -> None:
    edit(repo, 1, "the platfrom team", "the platform team")


def _renumbered(repo: GitRepo) -> None:
    repo.git("mv", name(2), "doc/adr/0005-choose-a-cache.md")
    path = repo.root / "doc/adr/0005-choose-a-cache.md"
    path.write_text(path.read_text().replace("# 2. Choose", "# 5. Choose"))


NOT_EDITS = {
    "prettier list-marker sweep": _prettier,
    "line wrapping": _rewrap,
    "front matter added to every record": _front_matter,
    "link target": _link_target,
    "status line": _status_line,
    "heading renumbered with its file": _renumbered,
    "spelling fix": _spelling,
}


@pytest.mark.parametrize("kind", sorted(NOT_EDITS))
def test_changes_that_leave_the_prose_alone_are_not_edits(adr, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    repo.branch("tidy")
    NOT_EDITS[kind](repo)
    repo.commit(kind, date=CHANGED_ON)
    assert findings(adr, repo.root) == [], kind


def test_a_commit_across_most_of_the_log_is_a_maintenance_sweep(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path, count=6)
    repo.branch("spelling")
    for number in range(1, 7):
        edit(repo, number, "which costs us time", "which cost us time")  # a word changed in every record
    repo.commit("Fix grammar everywhere", date=CHANGED_ON)
    assert findings(adr, repo.root) == []
    (repo.root / "doc/adr/.adrledger.toml").write_text("sweep-files = 7\n")  # six files are no longer a sweep
    assert len(findings(adr, repo.root)) == 6


def test_an_edit_followed_by_other_commits_points_at_the_record_not_a_stale_line(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = accepted_log(tmp_path)
    repo.branch("amend")
    edit(repo, 1, "one shared queue for every service", "one queue per region")
    repo.commit("Change our mind in place", "Bo", CHANGED_ON)
    edit(repo, 1, "# 1. Choose a queue\n", "---\nstatus: accepted\n---\n\n# 1. Choose a queue\n")
    repo.commit("Front matter: the edit's line numbers no longer hold", "Bo", "2024-06-02T10:00:00+00:00")
    [finding] = findings(adr, repo.root)
    lines = (repo.root / name(1)).read_text().splitlines()
    assert finding["line"] == lines.index("# 1. Choose a queue") + 1
