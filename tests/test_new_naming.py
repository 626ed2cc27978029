"""`adr new` names new files after the log's convention: its padding, its prefix, its dates, its capitals."""

from __future__ import annotations

from pathlib import Path

import pytest

NYGARD = "# {n}. {title}\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n"


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.suffix == ".md"}


@pytest.mark.parametrize(
    "existing, created",
    [
        (["adr-001-track-coins.md", "adr-002-version-modules.md"], "adr-003-route-packets.md"),
        (
            ["ADR-0001-Use-AWS-Lambda.md", "ADR-0002-Adopt-GraphQL.md", "ADR-0003-cache-sessions.md"],
            "ADR-0004-Route-packets.md",
        ),
        (["001-keep-a-log.md", "002-pick-a-queue.md", "003-sign-releases.md"], "004-route-packets.md"),
        (["0001_keep_a_log.md", "0002_pick_a_queue.md"], "0003_route_packets.md"),
        (["20230604-pick-a-queue.md", "20230901-cache-the-catalogue.md"], "20240501-route-packets.md"),
        ([], "0001-route-packets.md"),
    ],
)
def test_new_follows_the_log_s_names(adr, tmp_path: Path, existing: list[str], created: str) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for number, name in enumerate(existing, 1):
        (folder / name).write_text(NYGARD.format(n=number, title=name))
    result = adr("new", "Route packets")
    assert result.code == 0, result.err
    assert _names(folder) - set(existing) == {created}


def test_new_follows_the_stated_file_pattern(adr, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-keep-a-log.md").write_text(NYGARD.format(n=1, title="Keep a log"))
    (folder / ".adrledger.toml").write_text('file-pattern = "ADR-NNN-slug"\n')
    assert adr("new", "Route packets").code == 0
    assert "ADR-002-route-packets.md" in _names(folder)


def test_a_draft_numbered_on_acceptance_takes_the_log_s_convention(adr, tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for number in (1, 2):
        (folder / f"adr-00{number}-r{number}.md").write_text(NYGARD.format(n=number, title=f"R{number}"))
    assert adr("new", "--draft", "Route packets").code == 0
    assert "XXXX-route-packets.md" in _names(folder)
    result = adr("propose", "XXXX-route-packets.md")
    assert result.code == 0, result.err
    assert "adr-003-route-packets.md" in _names(folder)
