"""ADR409 in real git repositories: references left behind by a renumbering commit."""

from __future__ import annotations

import json
from pathlib import Path

from gitrepo import GitRepo, nygard

LOG = "doc/adr"


def findings(adr, root: Path, *codes: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = adr("lint", "--format", "json", "--select", ",".join(codes or ("ADR409",)), cwd=root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def renumbered_log(tmp_path: Path, citing: str) -> GitRepo:
    """Record 3 (Kafka) cited by record 5; then a merge renumbers Kafka to 9 and gives 3 to GraphQL."""
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0003-use-kafka.md", nygard(3, "Use Kafka", "Accepted"))
    repo.write(f"{LOG}/0005-retry-deliveries.md", nygard(5, "Retry deliveries", "Accepted", extra=f"\n{citing}\n"))
    repo.commit("Kafka, and retries that rely on it", date="2024-02-01T10:00:00+00:00")
    repo.git("mv", f"{LOG}/0003-use-kafka.md", f"{LOG}/0009-use-kafka.md")
    repo.write(f"{LOG}/0009-use-kafka.md", nygard(9, "Use Kafka", "Accepted"))
    repo.write(f"{LOG}/0003-adopt-graphql.md", nygard(3, "Adopt GraphQL", "Accepted"))
    repo.commit("Merge the two series: renumber Kafka to 9", date="2024-05-01T10:00:00+00:00")
    return repo


def test_a_citation_written_before_a_renumbering_is_reported_with_the_record_it_meant(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_log(tmp_path, "Deliveries go through the broker chosen in ADR-0003.")
    [finding] = findings(adr, repo.root)
    lines = (repo.root / f"{LOG}/0005-retry-deliveries.md").read_text().splitlines()
    assert finding["path"] == f"{LOG}/0005-retry-deliveries.md"
    assert finding["line"] == lines.index("Deliveries go through the broker chosen in ADR-0003.") + 1
    assert finding["message"].startswith("ADR-0003 was written in ")
    assert "when 3 was 'Use Kafka' (0003-use-kafka.md); that record is now 9 'Use Kafka'" in finding["message"]
    assert "3 is now 3 'Adopt GraphQL'" in finding["message"]
    diff = adr("lint", "--select", "ADR409", "--diff", "--unsafe-fixes", cwd=repo.root)
    assert "+Deliveries go through the broker chosen in ADR-0009." in diff.out


def test_a_citation_written_after_the_renumbering_means_the_new_owner(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_log(tmp_path, "Nothing cited yet.")
    path = repo.root / f"{LOG}/0005-retry-deliveries.md"
    path.write_text(path.read_text().replace("Nothing cited yet.", "Queries go through ADR-3."))
    repo.commit("Cite GraphQL", date="2024-06-01T10:00:00+00:00")
    assert findings(adr, repo.root) == []


def test_a_link_to_a_renamed_record_gets_its_new_name_instead_of_a_broken_link(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_log(tmp_path, "See [ADR-3: Use Kafka](0003-use-kafka.md) for the broker.")
    [finding] = findings(adr, repo.root, "ADR409", "ADR404", "ADR405")
    assert finding["code"] == "ADR409"
    assert finding["message"].startswith("link to 0003-use-kafka.md, which was renamed to 0009-use-kafka.md in ")
    diff = adr("lint", "--select", "ADR409", "--diff", "--unsafe-fixes", cwd=repo.root)
    assert "+See [ADR-9: Use Kafka](0009-use-kafka.md) for the broker." in diff.out
    alone = findings(adr, repo.root, "ADR404")  # without ADR409 the broken link is still reported
    assert [f["code"] for f in alone] == ["ADR404"]


def test_a_number_two_records_shared_is_resolved_by_the_link_the_record_itself_makes(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0004-use-redis.md", nygard(4, "Use Redis", "Accepted"))
    repo.write(f"{LOG}/0004-trace-requests.md", nygard(4, "Trace requests", "Accepted"))
    cites = "As ADR 0004 says, cache for a minute.\n\n- [ADR 0004](0004-use-redis.md)"
    repo.write(f"{LOG}/0006-cache-sessions.md", nygard(6, "Cache sessions", "Accepted", extra=f"\n{cites}\n"))
    repo.commit("Two records numbered 4, and one citing the Redis one", date="2024-02-01T10:00:00+00:00")
    repo.git("mv", f"{LOG}/0004-use-redis.md", f"{LOG}/0007-use-redis.md")
    repo.write(f"{LOG}/0007-use-redis.md", nygard(7, "Use Redis", "Accepted"))
    repo.commit("Give Redis a number of its own", date="2024-03-01T10:00:00+00:00")
    found = sorted((f["line"], f["message"][:24]) for f in findings(adr, repo.root))
    lines = (repo.root / f"{LOG}/0006-cache-sessions.md").read_text().splitlines()
    assert found == [
        (lines.index("As ADR 0004 says, cache for a minute.") + 1, "ADR 0004 was written in "),
        (lines.index("- [ADR 0004](0004-use-redis.md)") + 1, "link to 0004-use-redis.m"),
    ]


def test_off_by_one_titles_are_reported_in_place_of_a_title_mismatch(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0001-use-kafka.md", nygard(1, "Use Kafka", "Accepted"))
    repo.write(f"{LOG}/0002-use-avro.md", nygard(2, "Use Avro", "Accepted"))
    related = "\n## Related Decisions\n\n- ADR-1: Use Avro\n"
    repo.write(f"{LOG}/0003-version-schemas.md", nygard(3, "Version schemas", "Accepted") + related)
    repo.commit("Three records", date="2024-02-01T10:00:00+00:00")
    [finding] = findings(adr, repo.root, "ADR405", "ADR409")
    assert finding["code"] == "ADR409"
    assert "the title of the neighbouring record 2 'Use Avro'" in finding["message"]
    [title] = findings(adr, repo.root, "ADR405")  # ADR405 alone still sees the mismatch
    assert title["line"] == finding["line"]


def test_issue_numbers_and_code_are_not_record_references(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_log(tmp_path, "Fixed in #3; the config key is `ADR-3` in code.")
    assert findings(adr, repo.root) == []


def test_without_git_history_nothing_is_guessed(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_log(tmp_path, "Deliveries go through the broker chosen in ADR-0003.")
    plain = tmp_path / "copy"
    (plain / LOG).mkdir(parents=True)
    for path in (repo.root / LOG).iterdir():
        (plain / LOG / path.name).write_bytes(path.read_bytes())
    assert findings(adr, plain) == []


def shared_four(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0004-trace-requests.md", nygard(4, "Trace requests", "Accepted"))
    repo.commit("Tracing", date="2024-01-01T10:00:00+00:00")
    return repo


def test_a_shared_number_means_the_record_written_in_the_same_commit(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = shared_four(tmp_path)
    repo.write(f"{LOG}/0004-dead-letter-queues.md", nygard(4, "Dead letter queues", "Accepted"))
    citing = "\nThe producer is owned by the consumer, per ADR 0004.\n"
    repo.write(f"{LOG}/0005-requeue-on-kafka.md", nygard(5, "Requeue on Kafka", "Accepted", extra=citing))
    repo.commit("Two records written together, on a branch that also took 4", date="2024-02-01T10:00:00+00:00")
    repo.git("mv", f"{LOG}/0004-dead-letter-queues.md", f"{LOG}/0009-dead-letter-queues.md")
    repo.write(f"{LOG}/0009-dead-letter-queues.md", nygard(9, "Dead letter queues", "Accepted"))
    repo.commit("Give the second 4 a number of its own", date="2024-03-01T10:00:00+00:00")
    [finding] = findings(adr, repo.root)
    assert "that record is now 9 'Dead letter queues'" in finding["message"]


def test_a_shared_number_means_the_record_a_broken_link_names(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = shared_four(tmp_path)
    repo.write(f"{LOG}/0004-use-redis.md", nygard(4, "Use Redis", "Accepted"))
    repo.commit("Redis", date="2024-01-15T10:00:00+00:00")
    citing = "\nSessions live in the cache, see [ADR-0004](0004-redis-cache.md).\n"
    repo.write(f"{LOG}/0006-cache-sessions.md", nygard(6, "Cache sessions", "Accepted", extra=citing))
    repo.commit("Sessions", date="2024-02-01T10:00:00+00:00")
    repo.git("mv", f"{LOG}/0004-use-redis.md", f"{LOG}/0007-use-redis.md")
    repo.write(f"{LOG}/0007-use-redis.md", nygard(7, "Use Redis", "Accepted"))
    repo.commit("Renumber Redis", date="2024-03-01T10:00:00+00:00")
    [finding] = [f for f in findings(adr, repo.root) if f["code"] == "ADR409"]
    assert "that record is now 7 'Use Redis'" in finding["message"]


def test_a_citation_beside_a_link_to_a_date_named_record_is_left_alone(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / LOG
    folder.mkdir(parents=True)
    (folder / "2023-06-30-api-language.md").write_text("# API language\n\n## Status\n\nAccepted\n")
    cites = "\nPython was chosen in [ADR #3](./2023-06-30-api-language.md).\n"
    (folder / "2023-07-07-api-framework.md").write_text(nygard(4, "API framework", "Accepted", extra=cites))
    assert findings(adr, tmp_path) == []


def test_only_lines_that_may_cite_a_record_are_read() -> None:
    from adrledger.parse import parse_text

    text = (
        "# 3. Title of ADR-3\nplain words\nsee ADR-7\nlink [x](0007-x.md)\nupper .MD only\nAddress\n"
        "```\nADR-9 in code\n```\nnothing"
    )
    (record,) = parse_text(text, "0003-title.md")
    # "dr" in any case (ADR, adr, address), ".md" as written; not the title, not code; kept with the record
    assert record.citing_lines == ((3, "see ADR-7"), (4, "link [x](0007-x.md)"), (6, "Address"))
