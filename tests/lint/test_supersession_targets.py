"""ADR402 reads the record a relation names as its writer meant it: a sentence, a code host's address, a link's file."""

from __future__ import annotations

import json
from pathlib import Path

from gitrepo import GitRepo, nygard


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def findings(adr, root: Path, *codes: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = adr("lint", "--format", "json", "--select", ",".join(codes), cwd=root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_a_we_supersede_sentence_is_the_newer_records_side(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Decisions\n", encoding="utf-8")  # `/adr/18` is a site route
    (log / "0018-cache-sessions-in-memory.md").write_text(
        nygard(18, "Cache sessions in memory", "Superseded by ADR 23"), encoding="utf-8"
    )
    (log / "0023-cache-sessions-in-valkey.md").write_text(
        nygard(
            23,
            "Cache sessions in Valkey",
            "Accepted",
            body="- Sessions live in a Valkey cluster.\n- We supersede [ADR 18](/adr/18) with this record.",
        ),
        encoding="utf-8",
    )
    (log / "0030-drop-the-edge-cache.md").write_text(
        nygard(
            30, "Drop the edge cache", "Accepted", body="This decision supersedes [the edge caching record](/adr/31)."
        ),
        encoding="utf-8",
    )
    (log / "0031-cache-at-the-edge.md").write_text(
        nygard(31, "Cache at the edge", "Superseded by ADR-30"), encoding="utf-8"
    )
    before = snapshot(tmp_path)
    assert findings(adr, tmp_path, "ADR402", "ADR404", "ADR407") == []
    adr("lint", "--fix", cwd=tmp_path)
    assert snapshot(tmp_path) == before


def test_a_sentence_in_the_body_never_raises_a_finding_of_its_own(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-cron.md").write_text(nygard(1, "Use cron", "Accepted"), encoding="utf-8")
    (log / "0002-use-a-job-queue.md").write_text(
        nygard(2, "Use a job queue", "Accepted", body="We supersede ADR-1 for new jobs only."), encoding="utf-8"
    )
    assert findings(adr, tmp_path, "ADR402") == []


def test_a_code_host_address_of_the_logs_own_file_names_that_record(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "shop")
    folder = "docs/architecture/decisions"
    url = f"https://github.com/acme/shop/blob/main/{folder}/036-keep-carts-in-cookies.md"
    repo.write(
        f"{folder}/036-keep-carts-in-cookies.md",
        "# ADR 036: Keep carts in cookies\n\nStatus: Superseded by ADR-041\nDate: 2024-02-01\n\n"
        "## Context\n\nCarts were small.\n\n## Decision\n\nCookies hold the cart.\n",
    )
    repo.write(
        f"{folder}/041-keep-carts-on-the-server.md",
        f"# ADR 041: Keep carts on the server\n\nStatus: Accepted\nDate: 2024-06-01\nSupersedes: {url}\n\n"
        "## Context\n\nCarts grew.\n\n## Decision\n\nThe server holds the cart.\n",
    )
    repo.commit("Two carts")
    before = snapshot(repo.root)
    assert findings(adr, repo.root, "ADR402", "ADR404") == []
    adr("lint", "--fix", cwd=repo.root)
    assert snapshot(repo.root) == before


def test_a_code_host_address_of_another_repository_names_no_record_of_this_log(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = GitRepo(tmp_path / "shop")
    folder = "docs/architecture/decisions"
    elsewhere = "https://github.com/acme/billing/blob/main/docs/decisions/0003-invoice-monthly.md"
    repo.write(f"{folder}/0003-log-to-files.md", nygard(3, "Log to files", "Accepted"))
    repo.write(
        f"{folder}/0004-adopt-billing-conventions.md",
        nygard(4, "Adopt billing conventions", "Accepted", extra=f"\nSupersedes [ADR 3]({elsewhere})\n"),
    )
    repo.commit("A relation to another repository's record")
    before = snapshot(repo.root)
    assert findings(adr, repo.root, "ADR402") == []
    adr("lint", "--fix", cwd=repo.root)
    assert snapshot(repo.root) == before


LOG = "doc/adr"
OLD_LINK = "Superseded by [ADR 16](0016-compliance-documentation.md)"


def renumbered_successor(tmp_path: Path) -> GitRepo:
    """10 is superseded by 16; a merge renumbers 16 to 25 and gives 16 to an unrelated record."""
    repo = GitRepo(tmp_path / "project")
    repo.write(f"{LOG}/0010-keep-audit-trails-in-files.md", nygard(10, "Keep audit trails in files", OLD_LINK))
    repo.write(
        f"{LOG}/0016-compliance-documentation.md",
        nygard(16, "Compliance documentation", "Accepted\n\nSupersedes [ADR 10](0010-keep-audit-trails-in-files.md)"),
    )
    repo.commit("Compliance documentation replaces audit files", date="2024-02-01T10:00:00+00:00")
    repo.git("mv", f"{LOG}/0016-compliance-documentation.md", f"{LOG}/0025-compliance-documentation.md")
    repo.write(
        f"{LOG}/0025-compliance-documentation.md",
        nygard(25, "Compliance documentation", "Accepted\n\nSupersedes [ADR 10](0010-keep-audit-trails-in-files.md)"),
    )
    repo.write(f"{LOG}/0016-file-uploads.md", nygard(16, "File uploads", "Accepted"))
    repo.commit("Merge the two series: compliance documentation becomes 25", date="2024-05-01T10:00:00+00:00")
    return repo


def test_a_link_to_a_renamed_record_is_left_to_adr409_never_fixed_into_the_numbers_owner(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_successor(tmp_path)
    uploads = repo.root / LOG / "0016-file-uploads.md"
    found = findings(adr, repo.root, "ADR402", "ADR409")
    # Where the link went; not a relation to file uploads, and 25 is not one-sided: 10 names its former file.
    assert [(f["path"], f["code"]) for f in found] == [(f"{LOG}/0010-keep-audit-trails-in-files.md", "ADR409")]
    before = uploads.read_bytes()
    adr("lint", "--fix", cwd=repo.root)
    assert uploads.read_bytes() == before
    assert OLD_LINK in (repo.root / LOG / "0010-keep-audit-trails-in-files.md").read_text(encoding="utf-8")
    adr("lint", "--fix", "--unsafe-fixes", cwd=repo.root)  # ADR409's fix points the link at the new file
    assert uploads.read_bytes() == before
    assert "Superseded by [ADR 25](0025-compliance-documentation.md)" in (
        repo.root / LOG / "0010-keep-audit-trails-in-files.md"
    ).read_text(encoding="utf-8")
    assert findings(adr, repo.root, "ADR402", "ADR409") == []


def test_without_adr409_the_stale_link_is_reported_without_a_fix(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = renumbered_successor(tmp_path)
    uploads = repo.root / LOG / "0016-file-uploads.md"
    found = findings(adr, repo.root, "ADR402")
    assert [(f["path"], f["fixable"]) for f in found] == [(f"{LOG}/0010-keep-audit-trails-in-files.md", False)]
    before = uploads.read_bytes()
    adr("lint", "--fix", "--select", "ADR402", cwd=repo.root)
    assert uploads.read_bytes() == before


def test_a_link_whose_text_and_file_disagree_names_the_file_and_offers_no_fix(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (log / "0004-poll-the-inbox.md").write_text(
        nygard(4, "Poll the inbox", "Superseded by [ADR 6](0007-receive-webhooks.md)"), encoding="utf-8"
    )
    (log / "0006-sign-requests.md").write_text(nygard(6, "Sign requests", "Accepted"), encoding="utf-8")
    (log / "0007-receive-webhooks.md").write_text(nygard(7, "Receive webhooks", "Accepted"), encoding="utf-8")
    [finding] = findings(adr, tmp_path, "ADR402")
    assert finding["message"] == "ADR-4 is superseded by ADR-7, but ADR-7 does not say it supersedes ADR-4"
    assert not finding["fixable"]
    before = snapshot(tmp_path)
    adr("lint", "--fix", "--select", "ADR402", cwd=tmp_path)
    assert snapshot(tmp_path) == before


def test_the_parser_reads_a_first_person_sentence_and_a_bare_code_host_address() -> None:
    from adrledger.parse.refs import relations_in_text

    url = "https://gitlab.com/acme/shop/-/blob/main/docs/adr/0036-keep-carts-in-cookies.md"
    [sentence] = relations_in_text("We hereby supersede [the cart record](/adr/36) with this one.", 9, "prose")
    assert (sentence.kind, sentence.number, sentence.target) == ("supersedes", 36, "/adr/36")
    for text in (url, f"<{url}#decision>.", f"{url}, as agreed"):
        [relation] = relations_in_text(text, 4, "metadata", ("supersedes", "Supersedes"))
        assert (relation.number, relation.target.split("#")[0]) == (36, url)
    assert relations_in_text("https://example.com/adr/36/", 4, "metadata", ("supersedes", "Supersedes")) == []
    assert relations_in_text("We superseded nothing; we supersede nothing.", 2, "prose") == []
