"""ADR404 and ADR401 on links a reader does or does not follow: commented out, another repository's, a status line's."""

from __future__ import annotations

import subprocess
from pathlib import Path

from adrledger import parse_text
from adrledger.parse.scanner import without_comments

from lintkit import lines_of, lint_folder


def _record(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_link_in_an_inline_comment_is_not_a_link(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    _record(
        folder,
        "0001-pick-a-broker.md",
        "# 1. Pick a broker\n\n## Status\n\nAccepted\n\n## Links\n\n"
        "- [Link kind](link to a record) <!-- such as Refined by [broker](yyyymmdd-broker.md) -->\n"
        "- [Gone](0009-gone.md) <!-- a note --> and [also gone](0010-also-gone.md)\n",
    )
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        "0001-pick-a-broker.md:10: ADR404 link target '0009-gone.md' does not exist",
        "0001-pick-a-broker.md:10: ADR404 link target '0010-also-gone.md' does not exist",
    ]


def test_a_comment_opened_after_text_hides_links_until_it_closes(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    _record(
        folder,
        "0001-pick-a-broker.md",
        "# 1. Pick a broker\n\n## Context\n\nQueues matter. <!-- to do: cite\n[the draft](draft-notes.md) and\n"
        "[the spike](spike.md) --> See [the study](study.md).\n",
    )
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        "0001-pick-a-broker.md:7: ADR404 link target 'study.md' does not exist"
    ]


def test_a_comment_never_closed_in_its_paragraph_is_literal_text() -> None:
    pairs = [(1, "a <!-- b [x](x.md)"), (2, "c"), (3, ""), (4, "d --> [y](y.md)")]
    assert without_comments(pairs) == pairs


def test_comment_spans_are_blanked_in_place() -> None:
    assert without_comments([(5, "[a](a.md) <!-- [b](b.md) --> [c](c.md)"), (6, "x <!-- y"), (7, "z --> w")]) == [
        (5, "[a](a.md)                    [c](c.md)"),
        (6, "x       "),
        (7, "      w"),
    ]


def test_a_relation_in_a_comment_is_not_a_relation() -> None:
    records = parse_text(
        "# 2. Use a broker\n\n## Status\n\nAccepted <!-- Superseded by [ADR 7](0007-x.md) -->\n\n"
        "## Links\n\n- Related to [ADR 1](0001-a.md) <!-- Refines [ADR 3](0003-c.md) -->\n",
        "0002-use-a-broker.md",
    )
    record = records[0] if isinstance(records, list) else records
    assert [(r.kind, r.number) for r in record.relations] == [("related", 1)]


def _repository(tmp_path: Path, *remotes: tuple[str, str]) -> Path:
    """A git repository with the given remotes and a log in docs/architecture; the log folder."""
    repo = tmp_path / "repo"
    folder = repo / "docs" / "architecture"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name, url in remotes:
        subprocess.run(["git", "-C", str(repo), "remote", "add", name, url], check=True)
    return folder


OTHER = "https://github.com/other-org/other-repo/blob/main/docs/architecture/adr-033-share-tokens.md"
OWN = "https://github.com/me/proj/blob/main/docs/architecture/adr-034-rotate-keys.md"


def _links_to_both(folder: Path) -> None:
    _record(
        folder,
        "adr-001-issue-tokens.md",
        f"# 1. Issue tokens\n\n## Context\n\nAs [their record]({OTHER}) does.\n\nSee [our record]({OWN}).\n",
    )


def test_a_web_link_to_another_repositorys_file_is_not_checked(tmp_path: Path) -> None:
    folder = _repository(tmp_path, ("origin", "https://github.com/me/proj.git"))
    _links_to_both(folder)
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        f"adr-001-issue-tokens.md:7: ADR404 link target '{OWN}' does not exist"
    ]


def test_the_own_repository_is_known_by_any_remote_in_any_form(tmp_path: Path) -> None:
    folder = _repository(
        tmp_path, ("fork", "git@github.com:someone/fork.git"), ("upstream", "ssh://git@GitHub.com/Me/Proj")
    )
    _links_to_both(folder)
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        f"adr-001-issue-tokens.md:7: ADR404 link target '{OWN}' does not exist"
    ]


def test_without_a_remote_no_web_link_is_checked(tmp_path: Path) -> None:
    folder = _repository(tmp_path)
    _links_to_both(folder)
    assert lines_of(lint_folder(folder, select=("ADR404",))) == []


def test_a_worktree_reads_the_remotes_of_its_repository(tmp_path: Path) -> None:
    folder = _repository(tmp_path, ("origin", "https://gitlab.com/me/proj.git"))
    repo = folder.parent.parent
    _record(folder, "adr-000-start.md", "# 0. Start\n")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start"],
        check=True,
    )
    subprocess.run(["git", "-C", str(repo), "worktree", "add", "-q", str(tmp_path / "wt")], check=True)
    own = "https://gitlab.com/me/proj/-/blob/main/docs/architecture/adr-009-gone.md"
    _record(
        tmp_path / "wt" / "docs" / "architecture",
        "adr-001-issue-tokens.md",
        f"# 1. Issue tokens\n\n## Context\n\nSee [ours]({own}) and [theirs]({OTHER}).\n",
    )
    assert lines_of(lint_folder(tmp_path / "wt" / "docs" / "architecture", select=("ADR404",))) == [
        f"adr-001-issue-tokens.md:5: ADR404 link target '{own}' does not exist"
    ]


def test_clone_urls_name_their_repository() -> None:
    from adrledger.base.remotes import repository_name

    assert repository_name("https://github.com/Me/Proj.git") == "github.com/me/proj"
    assert repository_name("https://token@github.com/me/proj") == "github.com/me/proj"
    assert repository_name("git@github.com:me/proj.git") == "github.com/me/proj"
    assert repository_name("ssh://git@gitlab.com:2222/group/sub/proj.git") == "gitlab.com/group/sub/proj"
    assert repository_name("/srv/git/proj.git") is None
    assert repository_name("file:///srv/git/proj.git") is None


STATUS_LINK = "https://github.com/me/proj/blob/main/docs/architecture/0016-keep-evidence.md"


def _superseded_three_ways(folder: Path) -> None:
    _record(
        folder,
        "0011-file-evidence.md",
        f"# 11. File evidence\n\n## Status\n\nSuperseded by [ADR 16]({STATUS_LINK})\n\n## Context\n\nX.\n",
    )
    _record(
        folder,
        "0012-keep-files.md",
        f"# 12. Keep files\n\n- Status: Superseded by [ADR 16]({STATUS_LINK})\n\n## Context\n\nX.\n",
    )
    _record(
        folder,
        "0013-store-files.md",
        f'---\nstatus: superseded\nsuperseded_by: "[ADR 16]({STATUS_LINK})"\n---\n# 13. Store files\n\n'
        "## Context\n\nX.\n",
    )


def test_a_status_link_to_a_missing_successor_file_is_reported(tmp_path: Path) -> None:
    folder = _repository(tmp_path, ("origin", "https://github.com/me/proj.git"))
    _superseded_three_ways(folder)
    _record(folder, "0016-keep-evidence-longer.md", "# 16. Keep evidence longer\n\n## Status\n\nAccepted\n")
    missing = f"ADR404 link target '{STATUS_LINK}' does not exist"
    assert lines_of(lint_folder(folder, select=("ADR401", "ADR404"))) == [
        f"0011-file-evidence.md:5: {missing}",
        f"0012-keep-files.md:3: {missing}",
        f"0013-store-files.md:1: {missing}",
    ]


def test_a_status_link_to_a_missing_successor_record_is_reported_once(tmp_path: Path) -> None:
    folder = _repository(tmp_path, ("origin", "https://github.com/me/proj.git"))
    _superseded_three_ways(folder)
    missing = "ADR401 superseded by ADR-16, but the log has no record 16"
    assert lines_of(lint_folder(folder, select=("ADR401", "ADR404"))) == [
        f"0011-file-evidence.md:5: {missing}",
        f"0012-keep-files.md:3: {missing}",
        f"0013-store-files.md:1: {missing}",
    ]
