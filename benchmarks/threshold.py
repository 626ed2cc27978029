"""Where does parsing in parallel start to pay? Serial against forked, for growing numbers of files.

    python benchmarks/threshold.py [--sizes 10,25,50,100,200,400,1000] [--workers 2]

Loads the first N records of the mixed-1000 corpus with the cache off, once forced serial and
once forced parallel, best wall time of --repeat runs each, and the CPU time both took
(parent and children). Run it on a quiet machine: with every core busy, a second process
gains nothing. The answer sets PARALLEL_THRESHOLD in src/adrledger/log/__init__.py.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,25,50,100,200,400,1000")
    parser.add_argument("--workers", type=int, default=0, help="processes in parallel mode (default: cores)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["ADRLEDGER_NO_CACHE"] = "1"
    from corpus import ensure_corpus

    import adrledger.log as log_module
    from adrledger.config import load_config

    config = load_config(cwd=ensure_corpus("mixed", 1000))
    files = log_module.DecisionLog(config).relative_files()
    if args.workers:
        log_module._worker_count = lambda: args.workers  # type: ignore[assignment]
    print(f"workers {log_module._worker_count()}, load average {' '.join(map(str, os.getloadavg()))}")
    for size in (int(s) for s in args.sizes.split(",")):
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for mode, threshold in (("serial", 10**9), ("parallel", 0)):
                log_module.PARALLEL_THRESHOLD = threshold
                started, used = time.perf_counter(), cpu()
                log_module.load_relative(files[:size], config.dir, config)
                wall, spent = time.perf_counter() - started, cpu() - used
                if mode not in best or wall < best[mode][0]:
                    best[mode] = (wall, spent)
        (serial, serial_cpu), (parallel, parallel_cpu) = best["serial"], best["parallel"]
        print(
            f"{size:6} files: serial {serial * 1000:7.1f} ms ({serial_cpu * 1000:6.0f} ms CPU), "
            f"parallel {parallel * 1000:7.1f} ms ({parallel_cpu * 1000:6.0f} ms CPU), "
            f"speed-up {serial / parallel:4.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
