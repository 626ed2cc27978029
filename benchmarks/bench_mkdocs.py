"""What the MkDocs plugin adds to a `mkdocs build`, and to a `mkdocs serve` rebuild, of a real-sized log.

Goal (issue 16): well under a second added to the build of a few hundred records; nothing parsed
again when the log has not changed.

Run: .venv/bin/python benchmarks/bench_mkdocs.py [--sizes 100,300] [--repeat 5]

The log is the benchmark's mixed corpus (corpus.py: seven styles, relations, a git history, so
lint's git rules run too). The same site is built without the plugin and with it:

- build: `python -m mkdocs build` as a user runs it (imports and start-up included), with an
  empty adrledger cache (cold: every record parsed and linted) and with a filled one (warm);
- rebuild: in one process, as `mkdocs serve` rebuilds after an edit elsewhere in the docs: the
  plugin instance stays, the configuration is read again and the site built again; "hooks" is
  the time spent in the plugin's own hooks, the rest of the difference is MkDocs writing what
  the plugin added.

Each figure is CPU seconds (user + system, the children's included), the least of the repeats:
on a machine shared with other work, wall-clock differences of a few tenths of a second drown in
the noise, CPU time much less so. The median wall-clock time is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ensure_corpus

CONFIG = """site_name: Bench
docs_dir: {docs}
site_dir: {site}
theme:
  name: mkdocs
  highlightjs: false
{plugins}
"""
PLUGIN = "plugins:\n  - adrledger:\n      logs: [adr]"
NO_PLUGIN = "plugins: []"


def write_config(folder: Path, docs: Path, plugin: bool) -> Path:
    path = folder / ("with.yml" if plugin else "without.yml")
    site = folder / ("site-with" if plugin else "site-without")
    path.write_text(CONFIG.format(docs=docs, site=site, plugins=PLUGIN if plugin else NO_PLUGIN), encoding="utf-8")
    return path


@dataclass
class Figure:
    cpu: float  # the least CPU time of the repeats
    wall: float  # the median wall-clock time

    def __str__(self) -> str:
        return f"{self.cpu:5.2f} s ({self.wall:5.2f})"


def measure(action: Callable[[], None], repeat: int, before: Callable[[], None] = lambda: None) -> Figure:
    cpu, wall = [], []
    for _ in range(repeat):
        before()
        start_cpu, start = _cpu(), time.perf_counter()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
    return Figure(min(cpu), statistics.median(wall))


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def process_build(config: Path, cache: Path) -> None:
    env = {**os.environ, "ADRLEDGER_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr}")


HOOKS = ("on_config", "on_files", "on_page_markdown", "on_page_content")


def rebuilds(config: Path, repeat: int) -> tuple[Figure, float]:
    """A `mkdocs serve` rebuild: startup once, then a fresh configuration and a build each time; and the
    least CPU time of a rebuild spent in the plugin's hooks (0 without the plugin)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    first = load_config(str(config))
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)  # the first build of `mkdocs serve`; the rebuilds follow
    spent = [0.0]
    plugin = first.plugins.get("adrledger")
    if plugin is not None:
        for name in HOOKS:
            setattr(plugin, name, _timed(getattr(plugin, name), spent))
    hooks = []

    def rebuild() -> None:
        spent[0] = 0.0
        build(load_config(str(config)))
        hooks.append(spent[0])

    figure = measure(rebuild, repeat)
    return figure, min(hooks)


def _timed(hook: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return hook(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    return timed


def bench(count: int, repeat: int, scratch: Path) -> None:
    docs = ensure_corpus("mixed", count) / "doc"
    without, with_plugin = write_config(scratch, docs, False), write_config(scratch, docs, True)
    cache = scratch / f"cache-{count}"

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    os.environ["ADRLEDGER_CACHE_DIR"] = str(cache)
    base = measure(lambda: process_build(without, cache), repeat)
    cold = measure(lambda: process_build(with_plugin, cache), repeat, before=empty_cache)
    warm = measure(lambda: process_build(with_plugin, cache), repeat)
    plain_rebuild, _ = rebuilds(without, repeat)
    plugin_rebuild, hooks = rebuilds(with_plugin, repeat)
    print(
        f"{count:>7} | {base} | {cold} +{cold.cpu - base.cpu:.2f} | {warm} +{warm.cpu - base.cpu:.2f} | "
        f"{plain_rebuild} | {plugin_rebuild} +{plugin_rebuild.cpu - plain_rebuild.cpu:.2f} | {hooks:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300", help="comma-separated record counts")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("CPU seconds, least of the repeats (median wall-clock seconds); +: added by the plugin")
    print("records | mkdocs build | with the plugin, cold cache | warm cache | serve rebuild | with the plugin | hooks")
    with tempfile.TemporaryDirectory(prefix="adrledger-bench-mkdocs-") as scratch:
        for count in (int(size) for size in args.sizes.split(",") if size):
            bench(count, args.repeat, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
