"""Time `adr search` on a generated log: FTS5 index (the product) vs a hand-written BM25 index.

    python benchmarks/search_bench.py [N]          # default 10,000 records, corpus in benchmarks/corpus/

Prints cold build, warm query (index up to date), query after one file changed, index size, for
both engines; and the end-to-end `adr search` command (Python start-up included). The BM25
prototype below exists only to measure the alternative recorded in docs/adr (search engine choice).
"""

from __future__ import annotations

import math
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from search_corpus import generate  # noqa: E402

from adrledger.config import load_config  # noqa: E402
from adrledger.log import DecisionLog  # noqa: E402
from adrledger.search import SearchIndex, search  # noqa: E402
from adrledger.search.sources import source_files  # noqa: E402

QUERIES = ["kafka retention", "cache invalidation", '"error budget"', "kube*", "what did we decide about oauth"]


def timed(function, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# ---- the alternative: a compact inverted index in pure Python, pickled ---------------------

WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return [w[:6] for w in WORD.findall(text.lower())]  # crude stemming: a 6-letter prefix


def build_bm25(files: list[Path]) -> dict:
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lengths = []
    for doc, path in enumerate(files):
        words = tokens(path.read_text(encoding="utf-8"))
        lengths.append(len(words))
        for word, count in Counter(words).items():
            postings[word].append((doc, count))
    return {"postings": dict(postings), "lengths": lengths, "names": [p.name for p in files]}


def query_bm25(index: dict, text: str, k1: float = 1.2, b: float = 0.75) -> list[tuple[float, str]]:
    lengths, postings = index["lengths"], index["postings"]
    average = sum(lengths) / len(lengths)
    scores: dict[int, float] = defaultdict(float)
    for word in tokens(text):
        found = postings.get(word, [])
        idf = math.log(1 + (len(lengths) - len(found) + 0.5) / (len(found) + 0.5))
        for doc, tf in found:
            scores[doc] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[doc] / average))
    best = sorted(scores.items(), key=lambda kv: -kv[1])[:10]
    return [(score, index["names"][doc]) for doc, score in best]


def main(count: int) -> None:
    corpus = HERE / "corpus" / f"search-{count}"
    if not corpus.is_dir():
        generate(count, corpus)
    log = DecisionLog(load_config(corpus))
    files = source_files([log])
    size = sum(os.stat(f.path).st_size for f in files)
    print(f"{count} records, {size / 1e6:.1f} MB of Markdown, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "search.sqlite"
        start = time.perf_counter()
        index = SearchIndex(db)
        index.sync(source_files([log]))
        took, size = time.perf_counter() - start, db.stat().st_size / 1e6
        print(f"FTS5  cold build            {took:8.2f} s   index {size:.1f} MB")
        sync, _ = timed(lambda: index.sync(source_files([log])))
        print(f"FTS5  freshness check       {sync * 1000:8.1f} ms  (stat of every file)")
        for query in QUERIES:
            took, hits = timed(lambda q=query: search(index, q, (), 10))
            print(f"FTS5  query {query!r:34} {took * 1000:6.1f} ms  {len(hits)} hits")
        changed = Path(files[len(files) // 2].path)
        changed.write_text(changed.read_text() + "\nA late note about kafka retention.\n")
        took, stats = timed(lambda: index.sync(source_files([log])), repeat=1)
        print(f"FTS5  resync, one file changed {took * 1000:5.1f} ms  {stats}")
        index.close()
        env = {**os.environ, "ADRLEDGER_CACHE_DIR": tmp, "PYTHONPATH": str(HERE.parent / "src")}
        command = [sys.executable, "-m", "adrledger", "--dir", str(corpus), "search", "kafka retention"]
        subprocess.run(command, env=env, capture_output=True, check=True)  # builds the cache index
        took, _ = timed(lambda: subprocess.run(command, env=env, capture_output=True, check=True))
        print(f"adr search end to end (warm) {took * 1000:6.1f} ms")
        paths = [Path(f.path) for f in files]
        took, bm25 = timed(lambda: build_bm25(paths), repeat=1)
        blob = pickle.dumps(bm25, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"BM25  cold build            {took:8.2f} s   pickle {len(blob) / 1e6:.1f} MB")
        took, _ = timed(lambda: pickle.loads(blob))
        print(f"BM25  load pickle           {took * 1000:8.1f} ms  (every run, before any query)")
        for query in QUERIES[:2]:
            took, _ = timed(lambda q=query: query_bm25(bm25, q))
            print(f"BM25  query {query!r:34} {took * 1000:6.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
