"""ADR303 and ADR501 judged from real git repositories made for each test."""

from __future__ import annotations

import json
from pathlib import Path

from gitrepo import GitRepo, nygard


def lint_codes(adr, root: Path, *extra: str) -> list[tuple[str, str]]:
    result = adr("lint", "--format", "json", *extra, cwd=root)
    assert result.code in (0, 1), result.err
    return [(d["code"], Path(d["path"]).name) for d in json.loads(result.out)]


def accepted_then_edited(repo: GitRepo, edit_date: str) -> None:
    repo.write("doc/adr/0001-use-postgresql.md", nygard(1, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL", date="2024-01-05T10:00:00+00:00")
    repo.branch("switch-database")  # the change under review
    repo.write("doc/adr/0001-use-postgresql.md", nygard(1, "Use PostgreSQL", "Accepted", body="We use MySQL."))
    repo.commit("Change our mind in place", author="Carol", date=edit_date)


def test_editing_an_accepted_record_is_reported(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    accepted_then_edited(repo, "2024-03-01T10:00:00+00:00")
    assert ("ADR501", "0001-use-postgresql.md") in lint_codes(adr, repo.root)


def test_superseding_an_accepted_record_is_not_an_edit(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X", "Accepted"))
    repo.commit("Accept X", date="2024-01-05T10:00:00+00:00")
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X", "Superseded by [2. Use Y](0002-use-y.md)"))
    supersedes = "\nSupersedes [1. Use X](0001-use-x.md)\n"
    repo.write("doc/adr/0002-use-y.md", nygard(2, "Use Y", "Accepted", extra=supersedes))
    repo.commit("Supersede", date="2024-03-01T10:00:00+00:00")
    assert "ADR501" not in {code for code, _ in lint_codes(adr, repo.root)}


def test_an_edit_within_the_grace_period_is_part_of_writing(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    accepted_then_edited(repo, "2024-01-05T18:00:00+00:00")
    assert ("ADR501", "0001-use-postgresql.md") in lint_codes(adr, repo.root)
    (repo.root / "doc/adr/.adrledger.toml").write_text("accept-grace-days = 1\n")
    assert "ADR501" not in {code for code, _ in lint_codes(adr, repo.root)}


def test_amend_with_log_allows_edits_that_add_a_review_row(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    head = "# ADR-0001: Cache with Redis\n\n**Status:** Accepted\n\n**Date:** 2024-01-10\n\n## Context\n\nSlow.\n\n"
    table = "## Review and Updates\n\n| Date | Change | Author |\n|---|---|---|\n| 2024-01-10 | Accepted | Ana |\n"
    repo.write("doc/adr/0001-cache-with-redis.md", head + "## Decision\n\nCache reads.\n\n" + table)
    repo.commit("Accept", date="2024-01-10T10:00:00+00:00")
    repo.branch("set-ttl")
    repo.write(
        "doc/adr/0001-cache-with-redis.md",
        head + "## Decision\n\nCache reads for 5 minutes.\n\n" + table + "| 2024-04-01 | TTL set | Bo |\n",
    )
    repo.commit("Amend", date="2024-04-01T10:00:00+00:00")
    assert ("ADR501", "0001-cache-with-redis.md") in lint_codes(adr, repo.root)
    (repo.root / "doc/adr/.adrledger.toml").write_text('policy = "amend-with-log"\n')
    assert "ADR501" not in {code for code, _ in lint_codes(adr, repo.root)}


def test_a_number_reused_after_a_deletion_is_reported(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    repo.write("doc/adr/0001-use-kafka.md", nygard(1, "Use Kafka", "Accepted"))
    repo.commit("Kafka", date="2024-01-05T10:00:00+00:00")
    repo.git("rm", "-q", "doc/adr/0001-use-kafka.md")
    repo.commit("Drop Kafka", date="2024-02-01T10:00:00+00:00")
    repo.write("doc/adr/0001-adopt-graphql.md", nygard(1, "Adopt GraphQL", "Accepted"))
    repo.commit("Reuse the number", date="2024-06-05T10:00:00+00:00")
    assert ("ADR303", "0001-adopt-graphql.md") in lint_codes(adr, repo.root, "--extend-select", "ADR303")


def test_a_number_left_behind_by_renumber_is_not_reuse(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "p")
    repo.write("doc/adr/0001-use-kafka.md", nygard(1, "Use Kafka", "Accepted"))
    repo.commit("Kafka on a branch", date="2024-01-05T10:00:00+00:00")
    repo.git("mv", "doc/adr/0001-use-kafka.md", "doc/adr/0002-use-kafka.md")
    repo.write("doc/adr/0002-use-kafka.md", nygard(2, "Use Kafka", "Accepted"))
    repo.write("doc/adr/0001-adopt-graphql.md", nygard(1, "Adopt GraphQL", "Accepted"))
    repo.commit("Merge collision: renumber Kafka to 2", date="2024-01-06T10:00:00+00:00")
    assert "ADR303" not in {code for code, _ in lint_codes(adr, repo.root)}
