"""The `adr` fixture runs the CLI in this process: it must show tests what a real process shows.

Each case runs the same commands both ways and compares exit status, stdout and stderr byte for byte,
so a difference in the in-process harness (streams, encodings, newlines, folder, environment, state
left by an earlier call) fails here rather than hiding behind a test that happens to pass. The
smoke tests marked `subprocess` keep the real entry point (`python -m adrledger`) under test."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

import pytest

from clirun import PROCESS_STATE, Adr, Result

# Each case: commands run in order on one fresh folder (init first), with env and stdin where given.
CASES: dict[str, list[tuple[list[str], dict[str, str], str | None]]] = {
    "author and read": [
        (["init"], {}, None),
        (["new", "Use", "PostgreSQL"], {}, None),
        (["list"], {}, None),
        (["show", "2"], {}, None),
        (["export"], {}, None),
    ],
    "lint findings exit 1": [(["init"], {}, None), (["lint", "--extend-select", "ALL"], {}, None)],
    "usage error exits 2": [(["list", "--no-such-option"], {}, None)],
    "adr-tools wording exits 1": [(["new"], {}, None), (["new", "-z", "Title"], {}, None)],
    "an error naming the file": [(["init"], {}, None), (["show", "99"], {}, None)],
    "environment": [
        (["init"], {}, None),
        (["new", "Dated"], {"ADR_DATE": "1999-12-31"}, None),
        (["list", "--format", "table"], {}, None),
    ],
    "control characters escaped, crlf kept": [
        (["init"], {}, None),
        (["new", "Bell\x07and\rreturn"], {}, None),
        (["list", "--format", "json"], {}, None),
    ],
    "non-ASCII": [
        (["init", "--style", "madr"], {}, None),
        (["new", "Café", "über", "東京"], {}, None),
        (["show", "2"], {}, None),
    ],
    "help": [(["--help"], {}, None), (["lint", "--help"], {}, None)],
    "completion": [([], {"_ADR_COMPLETE": "bash_complete", "COMP_WORDS": "adr li", "COMP_CWORD": "1"}, None)],
}


def _both_ways(tmp_path: Path, steps: list[tuple[list[str], dict[str, str], str | None]]) -> tuple[list[Result], ...]:
    runs: list[list[Result]] = []
    for way in ("process", "in-process"):
        folder = tmp_path / way
        folder.mkdir()
        adr = Adr(folder, always_process=way == "process")
        runs.append([adr(*args, env=env, input=stdin) for args, env, stdin in steps])
    return tuple(runs)


@pytest.mark.subprocess
@pytest.mark.parametrize("case", CASES)
def test_in_process_runs_show_what_a_process_shows(tmp_path: Path, case: str) -> None:
    process, in_process = _both_ways(tmp_path, CASES[case])
    assert in_process == process
    assert all(result.code in (0, 1, 2) for result in process)


@pytest.mark.subprocess
def test_the_real_entry_point_answers_version_and_exit_codes(adr) -> None:
    version = importlib.import_module("adrledger._version").__version__
    assert adr("--version") == Result(0, f"adrledger {version}\n", "")
    assert adr("list").code == 1  # adr-tools: no log folder
    assert adr("init").code == 0
    assert adr("lint", "--extend-select", "ALL").code in (0, 1)
    usage = adr("show")
    assert usage.code == 2 and "Usage:" in usage.err and "Traceback" not in usage.err


def test_a_call_leaves_the_process_as_it_found_it(adr, tmp_path: Path) -> None:
    """Folder, environment, streams and frozen objects are restored; process-wide caches are emptied."""
    before = (os.getcwd(), dict(os.environ), sys.stdout, sys.stderr, sys.stdin)
    (tmp_path / "elsewhere").mkdir()
    assert adr("init", cwd=tmp_path / "elsewhere", env={"ADR_DATE": "2001-02-03", "EXTRA_VARIABLE": "1"}).code == 0
    assert adr("export").out == "[]\n"  # no log in tmp_path: init ran where it was told
    exported = adr("export", cwd=tmp_path / "elsewhere")
    assert exported.code == 0 and '"date": "2001-02-03"' in exported.out  # with the environment it was given
    assert (os.getcwd(), dict(os.environ), sys.stdout, sys.stderr, sys.stdin) == before
    assert gc.get_freeze_count() == 0
    for module_name, attribute in PROCESS_STATE:
        module = sys.modules.get(module_name)
        assert module is None or not getattr(module, attribute), f"{module_name}.{attribute} kept"


def test_every_name_of_process_state_still_exists() -> None:
    """A module moved or renamed: update clirun.PROCESS_STATE so its state is still forgotten per call."""
    for module_name, attribute in PROCESS_STATE:
        module = importlib.import_module(module_name)
        assert hasattr(module, attribute), f"{module_name}.{attribute} no longer exists: update tests/clirun.py"


def test_a_crash_point_is_refused_in_process(adr) -> None:
    with pytest.raises(AssertionError, match=r"adr\.process"):
        adr("new", "Title", env={"ADRLEDGER_FAULT": "after-first-rename"})
