"""ADR211 in real git repositories: dates after today, far after their commit, or a year off."""

from __future__ import annotations

import json
from pathlib import Path

from gitrepo import GitRepo, nygard

LOG = "doc/adr"
TODAY = {"ADR_DATE": "2024-12-01"}


def findings(adr, root: Path, env: dict[str, str] | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    result = adr("lint", "--format", "json", "--select", "ADR211", cwd=root, env=env or TODAY)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def started_log(tmp_path: Path) -> GitRepo:
    """A log begun in January 2023 with one record dated the day it was written."""
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0001-record-decisions.md", nygard(1, "Record decisions", "Accepted", date="2023-01-10"))
    repo.commit("Start the log", date="2023-01-10T10:00:00+00:00")
    return repo


def add(repo: GitRepo, number: int, title: str, dated: str, on: str) -> None:
    slug = title.lower().replace(" ", "-")
    repo.write(f"{LOG}/{number:04d}-{slug}.md", nygard(number, title, "Accepted", date=dated))
    repo.commit(title, date=f"{on}T10:00:00+00:00")


def test_a_date_a_year_after_its_commit_names_both_dates(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = started_log(tmp_path)
    add(repo, 2, "Use Kafka", "2025-03-04", "2024-03-04")
    [finding] = findings(adr, repo.root, {"ADR_DATE": "2025-06-01"})
    assert finding["path"] == f"{LOG}/0002-use-kafka.md" and finding["line"] == 3
    assert finding["message"].startswith("dated 2025-03-04, 365 days after the commit that wrote the date (")
    assert finding["message"].endswith(", 2024-03-04); date-margin-days is 30")
    (repo.root / f"{LOG}/.adrledger.toml").write_text("date-margin-days = 400\n")
    assert findings(adr, repo.root, {"ADR_DATE": "2025-06-01"}) == []


def test_a_date_after_today(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = started_log(tmp_path)
    add(repo, 2, "Use Kafka", "2024-12-20", "2024-11-30")
    [finding] = findings(adr, repo.root)
    assert finding["message"] == "dated 2024-12-20, after today (2024-12-01)"
    assert findings(adr, repo.root, {"ADR_DATE": "2024-12-20"}) == []


def test_the_year_of_last_january(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = started_log(tmp_path)
    add(repo, 2, "Use Kafka", "2023-01-08", "2024-01-09")
    [finding] = findings(adr, repo.root)
    assert "dated 2023-01-08, 1 year(s) before the commit that wrote it (" in finding["message"]
    assert finding["message"].endswith("2024-01-09) on nearly the same day: a typo in the year?")


def test_a_date_copied_from_an_older_record(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0001-record-decisions.md", nygard(1, "Record decisions", "Accepted", date="2019-05-01"))
    repo.commit("Move the log here", date="2022-06-01T10:00:00+00:00")
    add(repo, 2, "Use Kafka", "2019-05-01", "2024-02-06")
    [finding] = findings(adr, repo.root)
    assert finding["path"] == f"{LOG}/0002-use-kafka.md"
    assert finding["message"].startswith("dated 2019-05-01, years before the log's first commit (2022-06-01)")


def test_dates_that_are_possible_are_not_reported(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = started_log(tmp_path)
    add(repo, 2, "Use Kafka", "2023-03-01", "2023-03-02")  # written the next day
    add(repo, 3, "Use Avro", "2023-02-01", "2023-05-01")  # decided in a meeting, written up later
    path = repo.root / f"{LOG}/0003-use-avro.md"
    path.write_text(nygard(3, "Use Avro", "Accepted", date="2023-09-01"))
    repo.commit("Accepted: the date is the day of acceptance", date="2023-09-01T10:00:00+00:00")
    assert findings(adr, repo.root) == []


def test_dates_backfilled_by_a_sweep_are_the_decisions_own(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "project")
    titles = ((1, "Use Kafka"), (2, "Use Avro"), (3, "Use gRPC"), (4, "Use Redis"), (5, "Use Vault"))
    for number, title in titles:  # decided in 2019 elsewhere, moved here undated in 2022
        undated = nygard(number, title).replace("Date: 2024-01-01\n\n", "")
        repo.write(f"{LOG}/{number:04d}-{title.lower().replace(' ', '-')}.md", undated)
    repo.commit("Move the decisions here", date="2022-06-01T10:00:00+00:00")
    repo.write(f"{LOG}/0006-use-nats.md", nygard(6, "Use NATS", "Accepted", date="2022-09-01"))
    repo.commit("A decision of our own", date="2022-09-01T10:00:00+00:00")
    for path in sorted((repo.root / LOG).glob("000[1-5]-*.md")):
        path.write_text(path.read_text().replace("\n## Status", "Date: 2019-05-01\n\n## Status", 1))
    repo.commit("Add the original dates to every moved record", date="2024-03-05T10:00:00+00:00")
    assert findings(adr, repo.root) == []


def test_an_uncommitted_date_is_checked_against_today_only(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = started_log(tmp_path)
    add(repo, 2, "Use Kafka", "2024-03-04", "2024-03-04")
    path = repo.root / f"{LOG}/0002-use-kafka.md"
    path.write_text(path.read_text().replace("Date: 2024-03-04", "Date: 2024-11-30"))
    assert findings(adr, repo.root) == []
    path.write_text(path.read_text().replace("Date: 2024-11-30", "Date: 2025-11-30"))
    [finding] = findings(adr, repo.root)
    assert finding["message"] == "dated 2025-11-30, after today (2024-12-01)"


def test_without_git_only_today_is_known(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / LOG
    folder.mkdir(parents=True)
    (folder / "0001-use-kafka.md").write_text(nygard(1, "Use Kafka", "Accepted", date="2023-01-08"))
    (folder / "0002-use-avro.md").write_text(nygard(2, "Use Avro", "Accepted", date="2030-01-01"))
    assert [f["path"] for f in findings(adr, tmp_path)] == [f"{LOG}/0002-use-avro.md"]
