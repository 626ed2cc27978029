"""The reader on shapes real logs use (each written for its pattern here, never copied from a real record)."""

from __future__ import annotations

from pathlib import Path

from adrledger import parse_text

from lintkit import lines_of, lint_folder


def one(text: str):
    records = parse_text(text, "0001-x.md")
    return records[0] if isinstance(records, list) else records


def test_options_written_as_bold_labelled_lines() -> None:
    record = one(
        "# 3. Release cadence\n\n## Status\n\nProposed\n\n## Context\n\nWe ship.\n\n## Considered Options\n\n"
        "**Option 1:** Release every sprint\nThe work waits for the end of the sprint.\n"
        "**[SELECTED] Option 2:** Release every week\nFixes reach users sooner.\n\n"
        "## Decision\n\nWeekly.\n"
    )
    assert [(a.name, a.verdict, a.description) for a in record.alternatives] == [
        ("Release every sprint", None, "The work waits for the end of the sprint."),
        ("Release every week", "chosen", "Fixes reach users sooner."),
    ]


def test_options_written_as_bold_led_paragraphs_with_their_verdicts() -> None:
    record = one(
        "# 7. Lock keys\n\n## Status\n\nAccepted\n\n## Context\n\nKeys collide.\n\n## Decision\n\n"
        "Hash the name.\n\n## Alternatives Considered\n\n**(a) Keep the short hash.** Cheap. Rejected: it "
        "still collides.\n\n**(b) Ask the database for a key.** Rejected because it needs a round trip.\n\n"
        "**2. Do nothing**\n\nThe status quo.\n"
    )
    assert [(a.name, a.verdict, a.reason) for a in record.alternatives] == [
        ("Keep the short hash", "rejected", "it still collides"),
        ("Ask the database for a key", "rejected", "it needs a round trip"),
        ("Do nothing", None, ""),
    ]


def test_sections_written_as_bold_lines_are_sections() -> None:
    record = one(
        "---\nstatus: accepted\n---\n# Store files in buckets\n\n**Context and Problem Statement**\n\n"
        "Files grow.\n\n**Considered Options**\n\n* Buckets\n* Database\n\n**Decision Outcome**\n\n"
        'Chosen option: "Buckets", because they are cheap.\n\n**Positive Consequences**\n\n* Cheap\n'
    )
    assert [(s.title, s.key) for s in record.sections] == [
        ("Context and Problem Statement", "context"),
        ("Considered Options", "alternatives"),
        ("Decision Outcome", "decision"),
        ("Positive Consequences", "positive"),
    ]
    assert [(a.name, a.verdict) for a in record.alternatives] == [("Buckets", "chosen"), ("Database", "rejected")]
    assert record.consequences.positive == ("Cheap",)


def test_a_bold_line_that_names_no_section_is_text() -> None:
    record = one("# 2. Pick a queue\n\n## Context\n\n**Important**\n\nQueues matter.\n\n## Decision\n\nKafka.\n")
    assert [s.title for s in record.sections] == ["Context", "Decision"]


def test_an_alternative_described_in_a_paragraph_counts(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-host-on-a-platform.md").write_text(
        "# 1. Host on a platform\n\nDate: 2022-08-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need hosting.\n\n"
        "## Decision\n\nUse the shared platform.\n\n## Alternatives Considered\n\nRun containers in our own cloud "
        "account instead.\n\n## Consequences\n\nLess to run.\n",
        encoding="utf-8",
    )
    (folder / "0002-log-in-one-format.md").write_text(
        "# 2. Log in one format\n\nDate: 2022-08-02\n\n## Status\n\nAccepted\n\n## Context\n\nLogs differ.\n\n"
        '## Considered Options\n\n* One format for every service\n\n## Decision\n\nChosen option: "One format '
        'for every service", because it is the only option.\n\n## Consequences\n\nMore effort.\n',
        encoding="utf-8",
    )
    assert lines_of(lint_folder(folder, select=("ADR603",))) == [
        "0002-log-in-one-format.md:13: ADR603 only one option considered: weigh at least two"
    ]


def test_word_count_is_prose_only() -> None:
    code = "\n".join(f"    call_{n}(argument_{n}, other_{n})" for n in range(50))
    record = one(
        "---\nstatus: accepted\ndate: 2024-01-02\ntags: [a, b, c]\n---\n# Cache the catalogue\n\n"
        "We cache the [catalogue](https://example.org/a/very/long/path) for speed.\n\n"
        f"```python\n{code}\n```\n\n| Option | Verdict |\n|---|---|\n| Cache | chosen |\n\n"
        "<!-- a comment the reader never sees -->\n"
    )
    # title (3) + sentence (6) + the table (4): no front matter, code, link target, markup or comment
    assert record.word_count == 13


def test_links_as_a_repository_and_its_docs_site_read_them(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    folder = repo / "docs" / "decisions"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "docs" / "mkdocs.yml").write_text("site_name: Decisions\n", encoding="utf-8")
    (repo / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (folder / "0001-split-the-queue.md").write_text("# 1. Split the queue\n", encoding="utf-8")
    (folder / "0002-name-things.md").write_text(
        "# 2. Name things\n\n## Context\n\n"
        "See [the guide](/docs/guide.md) and [the first record](0001-split-the-queue) and [the route](/adr/1).\n"
        "Names match `[a-z]([a-z0-9-]*[a-z0-9])?` here.\n"
        "The [old plan](/docs/plan.md) and [old record](0009-gone.md) are gone.\n",
        encoding="utf-8",
    )
    # The log is linted from inside the docs folder: root-relative links still start at the repository.
    found = lines_of(lint_folder(folder, select=("ADR404",)))
    assert found == [
        "0002-name-things.md:7: ADR404 link target '/docs/plan.md' does not exist",
        "0002-name-things.md:7: ADR404 link target '0009-gone.md' does not exist",
    ]


def test_every_date_line_is_checked_not_only_the_one_that_dates_the_record(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-serve-pages.md").write_text(
        "# 1. Serve pages\n\n* **Status:** Accepted\n* **Date:** 2023-07-20\n* **Last Modified:** 2023-07-2i\n\n"
        "## Context\n\nWhy.\n",
        encoding="utf-8",
    )
    assert lines_of(lint_folder(folder, select=("ADR204",))) == [
        "0001-serve-pages.md:5: ADR204 cannot read a date in '2023-07-2i'"
    ]


def test_without_a_docs_site_a_record_named_without_md_is_a_broken_link(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-split-the-queue.md").write_text("# 1. Split the queue\n", encoding="utf-8")
    (folder / "0002-name-things.md").write_text(
        "# 2. Name things\n\nAfter [the split](0001-split-the-queue).\n", encoding="utf-8"
    )
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        "0002-name-things.md:3: ADR404 link target '0001-split-the-queue' does not exist"
    ]


def test_a_web_link_to_the_logs_own_file_is_checked_on_disk(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    folder = repo / "docs" / "adr"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "remote", "add", "origin", "git@github.com:Example/Project.git"], check=True
    )
    (folder / "0016-keep-evidence.md").write_text("# 16. Keep evidence\n", encoding="utf-8")
    base = "https://github.com/example/project/blob/main"
    (folder / "0014-file-evidence.md").write_text(
        f"# 14. File evidence\n\nSuperseded by [ADR 16]({base}/docs/adr/0016-keep-evidence.md).\n"
        f"Earlier: [ADR 11]({base}/docs/adr/0011-old-name.md#context), [code]({base}/src/app.py).\n",
        encoding="utf-8",
    )
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        f"0014-file-evidence.md:4: ADR404 link target '{base}/docs/adr/0011-old-name.md#context' does not exist"
    ]
