"""How should `adr serve` parse once its HTTP server thread runs? Serially, or in a spawned pool?

    python benchmarks/serve_parse.py [--sizes 10,100,1000] [--repeat 3]

A process with other threads must not fork (forkmap.can_fork), so a rebuild in `adr serve`
either parses in the serving process or hands the files to a pool whose workers start clean
(multiprocessing's forkserver). Loads the first N records of the mixed-1000 corpus with the
cache off, while a thread runs, both ways; the pool's time includes starting it (a rebuild
would pay that each time, or keep idle processes alive between saves). Best wall time of
--repeat runs. The answer is recorded in docs/adr (serve parses serially).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def _parse_blob(item: tuple[str, str, bytes]) -> bytes:
    from adrledger.cache.blobs import dumps_records
    from adrledger.log import _parse_one

    return dumps_records(_parse_one(item)[1])


def pooled(root: Path, files: list[str], workers: int) -> int:
    """Read in this process, parse in a fresh forkserver pool, unpickle here: what serve would do."""
    from adrledger.cache.blobs import loads_records

    items = [(name, name, (root / name).read_bytes()) for name in files]
    with ProcessPoolExecutor(workers, mp_context=get_context("forkserver")) as pool:
        blobs = list(pool.map(_parse_blob, items, chunksize=max(1, len(items) // (workers * 4))))
    return sum(len(loads_records(blob)) for blob in blobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["ADRLEDGER_NO_CACHE"] = "1"
    from corpus import ensure_corpus

    import adrledger.log as log_module
    from adrledger.base.forkmap import can_fork
    from adrledger.config import load_config

    config = load_config(cwd=ensure_corpus("mixed", 1000))
    files = log_module.DecisionLog(config).relative_files()
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()  # stands for the HTTP server thread
    assert not can_fork()
    workers = min(len(os.sched_getaffinity(0)), 8)
    print(f"workers {workers}, load average {' '.join(map(str, os.getloadavg()))}")
    for size in (int(s) for s in args.sizes.split(",")):
        best = {"serial": float("inf"), "forkserver pool": float("inf")}
        for _ in range(args.repeat):
            started = time.perf_counter()
            log_module.load_relative(files[:size], config.dir, config)
            best["serial"] = min(best["serial"], time.perf_counter() - started)
            started = time.perf_counter()
            pooled(config.dir, files[:size], workers)
            best["forkserver pool"] = min(best["forkserver pool"], time.perf_counter() - started)
        print(
            f"{size:6} files: " + ", ".join(f"{mode} {wall * 1000:7.1f} ms" for mode, wall in best.items()), flush=True
        )
    stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
