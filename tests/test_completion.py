"""Shell completion: scripts for bash, zsh and fish, completing commands, record numbers and titles."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def log(adr, tmp_path: Path) -> Path:
    adr("init")
    adr("new", "Use", "PostgreSQL")
    adr("new", "Cache", "query", "results")
    return tmp_path


def complete(adr, shell: str, words: str, cword: str) -> list[str]:
    result = adr(env={"_ADR_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert result.code == 0 and result.err == ""
    return result.out.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(adr, shell: str) -> None:
    result = adr("completion", shell)
    assert result.code == 0 and "_ADR_COMPLETE" in result.out
    assert f"{shell}_complete" in result.out


def test_script_is_valid_bash(adr, tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "adr.bash"
    script.write_text(adr("completion", "bash").out)
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_commands_complete(adr, log: Path) -> None:
    assert complete(adr, "bash", "adr sup", "1") == ["plain,supersede"]


def test_record_numbers_complete_with_titles(adr, log: Path) -> None:
    assert complete(adr, "bash", "adr accept ", "2") == ["plain,1", "plain,2", "plain,3"]
    zsh = complete(adr, "zsh", "adr supersede 1 ", "3")
    assert zsh[:6] == ["plain", "1", "Record architecture decisions", "plain", "2", "Use PostgreSQL"]
    assert complete(adr, "fish", "adr show cach", "cach") == ["plain,0003-cache-query-results\tCache query results"]


def test_link_completes_records_and_link_words(adr, log: Path) -> None:
    assert "plain,Amends" in complete(adr, "bash", "adr link 3 ", "3")
    assert complete(adr, "bash", "adr link 3 Amends 2", "4") == ["plain,2"]
    assert "plain,Amended by" in complete(adr, "bash", "adr link 3 Amends 2 Am", "5")
