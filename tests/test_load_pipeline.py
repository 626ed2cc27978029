"""Loading a log through the cache: the stat index, parse workers, blobs. Behaviour, never timing."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import adrledger.log as log_module
from adrledger.cache import Cache
from adrledger.cache.blobs import dumps_records, loads_records
from adrledger.config import load_config
from adrledger.log import DecisionLog
from adrledger.model import Alternative, Consequences, DecisionMatrix, Record, Section


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def nygard(number: int, title: str) -> str:
    return f"# {number}. {title}\n\nDate: 2024-01-0{number % 9 + 1}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat every file as long unchanged, as files checked out hours ago are."""
    monkeypatch.setattr(log_module, "RACY_NS", -(10**18))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = log_module._read_with_stat
    monkeypatch.setattr(
        log_module, "_read_with_stat", lambda path, root: reads.append(Path(path).name) or real(path, root)
    )
    return reads


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    write(root / "0002-b.md", nygard(2, "B"))
    config = load_config(cwd=tmp_path)
    first = DecisionLog(config).records
    reads = count_reads(monkeypatch)
    assert DecisionLog(config).records == first
    assert reads == []


def test_a_rewrite_that_restores_the_old_mtime_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None
):
    root = tmp_path / "doc/adr"
    target = root / "0001-a.md"
    write(target, nygard(1, "A"))
    config = load_config(cwd=tmp_path)
    assert DecisionLog(config).records
    before = target.stat()
    write(target, nygard(1, "Z"))  # same size, new text
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime still moves on
    reads = count_reads(monkeypatch)
    (record,) = DecisionLog(config).records
    assert record.title == "Z" and reads == ["0001-a.md"]


def test_recently_changed_files_are_always_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    config = load_config(cwd=tmp_path)
    assert DecisionLog(config).records
    reads = count_reads(monkeypatch)
    assert DecisionLog(config).records
    assert reads == ["0001-a.md"]  # written just now: its timestamp could hide a second change


def test_parallel_load_uses_the_cache_and_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None):
    root = tmp_path / "doc/adr"
    for number in range(1, 31):
        write(root / f"{number:04d}-r{number}.md", nygard(number, f"R{number}"))
    monkeypatch.setattr(log_module, "PARALLEL_THRESHOLD", 2)
    config = load_config(cwd=tmp_path)
    cold = DecisionLog(config).records
    write(root / "0007-r7.md", nygard(7, "Seven changed"))
    again = DecisionLog(config).records
    assert [r.title for r in again] == [r.title if r.number != 7 else "Seven changed" for r in cold]
    monkeypatch.setenv("ADRLEDGER_NO_CACHE", "1")
    assert DecisionLog(load_config(cwd=tmp_path)).records == again


def test_a_deleted_file_leaves_the_log_and_the_cache(tmp_path: Path, settled: None):
    root = tmp_path / "doc/adr"
    write(root / "0001-a.md", nygard(1, "A"))
    write(root / "0002-b.md", nygard(2, "B"))
    config = load_config(cwd=tmp_path)
    assert DecisionLog(config).records
    (root / "0002-b.md").unlink()
    assert [r.title for r in DecisionLog(config).records] == ["A"]
    (cache_file,) = Path(os.environ["ADRLEDGER_CACHE_DIR"]).rglob("records-*.pickle")
    entries = Cache(cache_file.parent, "records")._load()
    (index,) = (value for name, value in entries.items() if name.startswith(log_module.STAT_INDEX))
    assert list(index) == ["0001-a.md"]
    assert len(entries) == 2  # the index and one blob


def test_blobs_round_trip_every_model_type():
    section = Section("Context", 2, 3, 9, "context", 8)
    matrix = DecisionMatrix(
        criteria=(),
        options=("A",),
        scores=(),
        stated_totals=(None,),
        stated_totals_raw=("",),
        computed_totals=(None,),
        weight_unit="percent",
        weight_sum=None,
        line=4,
    )
    record = Record(
        path="0001-a.md",
        style="full",
        title="A",
        sections=(section,),
        alternatives=(Alternative("A", pros=("fast",)),),
        consequences=Consequences(("x",)),
        decision_matrix=matrix,
        front_matter={"status": "accepted", "tags": ["a"]},
    )
    assert loads_records(dumps_records([record])) == [record]
    assert type(loads_records(dumps_records(record)).sections[0]) is Section


def test_a_failing_parse_worker_has_its_share_read_by_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "doc/adr"
    for number in range(1, 21):
        write(root / f"{number:04d}-r{number}.md", nygard(number, f"R{number}"))
    monkeypatch.setenv("ADRLEDGER_NO_CACHE", "1")
    serial = DecisionLog(load_config(cwd=tmp_path)).records

    def crash(worker: object, task: tuple[str, str]) -> None:
        raise RuntimeError("worker lost")

    monkeypatch.setattr(log_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(log_module, "_worker_count", lambda: 3)
    monkeypatch.setattr(log_module, "_parse_path", crash)
    assert DecisionLog(load_config(cwd=tmp_path)).records == serial


@given(st.text(alphabet="0123456789-_ .xXmdA٣²", min_size=1, max_size=14).filter(lambda s: s[:1].isdigit()))
def test_numbered_names_read_numbers_as_the_parser_does(name: str):
    from adrledger.files.logfiles import numbered_names
    from adrledger.parse.refs import number_from_filename

    found = numbered_names(Path("unused"), [name])
    assert (found[0][0] if found else None) == number_from_filename(name)[0]


def test_a_new_parser_version_reads_every_file_again(tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch):
    """The stat index belongs to one parser: after an upgrade, records come from the new parser, not the cache."""
    import adrledger.parse as parse_module

    write(tmp_path / "doc/adr/0001-a.md", nygard(1, "A"))
    config = load_config(cwd=tmp_path)
    assert DecisionLog(config).records
    reads = count_reads(monkeypatch)
    assert DecisionLog(config).records and reads == []  # unchanged file, same parser: answered from the index
    monkeypatch.setattr(parse_module, "PARSER_VERSION", parse_module.PARSER_VERSION + "-upgraded")
    assert DecisionLog(config).records
    assert reads == ["0001-a.md"]


def test_a_process_with_other_threads_parses_without_forking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`adr serve` runs an HTTP server thread: a fork then could copy a lock another thread holds."""
    root = tmp_path / "doc/adr"
    for number in range(1, 21):
        write(root / f"{number:04d}-r{number}.md", nygard(number, f"R{number}"))
    monkeypatch.setenv("ADRLEDGER_NO_CACHE", "1")
    serial = DecisionLog(load_config(cwd=tmp_path)).records
    monkeypatch.setattr(log_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(log_module, "_worker_count", lambda: 3)
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert DecisionLog(load_config(cwd=tmp_path)).records == serial
    finally:
        stop.set()
        thread.join()
    assert forks == []


def test_loading_records_leaves_the_garbage_collector_as_it_was(tmp_path: Path):
    """Freezing loaded records (gc.freeze) is the CLI's choice, never the loader's: `adr serve` reloads."""
    root = tmp_path / "doc/adr"
    for number in range(1, 4):
        write(root / f"{number:04d}-r{number}.md", nygard(number, f"R{number}"))
    log = DecisionLog(load_config(cwd=tmp_path))
    called: list[int] = []
    log.after_load = lambda: called.append(gc.get_freeze_count())
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    assert len(log.records) == 3 and log.records
    assert gc.get_freeze_count() == frozen and gc.isenabled() == enabled
    assert called == [frozen]  # once, when the records were loaded


def test_the_parser_fingerprint_digests_its_sources() -> None:
    # A source file the fingerprint names but cannot read (a module moved away) makes it fall back on the
    # release number, and cached records would then outlive parser changes.
    from adrledger._version import __version__
    from adrledger.parser_version import PARSER_VERSION

    assert __version__ != PARSER_VERSION
    assert len(PARSER_VERSION) == 16


def test_the_lint_fingerprint_digests_its_sources() -> None:
    # As the parser's: the rules and the edit type their cached fixes are made of, read from disk.
    from adrledger._version import __version__
    from adrledger.lint import LINT_VERSION
    from adrledger.parser_version import PARSER_VERSION

    assert LINT_VERSION.startswith(PARSER_VERSION)
    assert not LINT_VERSION.endswith(__version__)
