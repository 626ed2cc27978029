"""What the benchmark times: adrledger's commands, and the peers' equivalents on the same files."""

from __future__ import annotations

from dataclasses import dataclass

ALL_SIZES = (100, 1_000, 10_000, 100_000)
BIG = 100_000
NEW_TITLE = "Benchmark record"


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    argv: tuple[str, ...]  # after the program name
    feature: tuple[str, ...]  # the command words that must exist ("generate", "toc")
    cache: str = "none"  # cold | warm | none: the state of adrledger's cache before each timed run
    sizes: tuple[int, ...] = (100, 1_000, 10_000)
    ok_codes: tuple[int, ...] = (0,)
    kind: str = "plain"  # plain | new (removes the record it made) | site-incremental | startup


ADRLEDGER_CASES: tuple[Case, ...] = (
    Case("startup", "adr --version", ("--version",), (), kind="startup", sizes=(100,)),
    Case("new", "adr new", ("new", NEW_TITLE), ("new",), kind="new"),
    Case("list", "adr list", ("list",), ("list",), sizes=ALL_SIZES),
    Case("list-table", "adr list --format table (warm)", ("list", "--format", "table"), ("list",), "warm"),
    Case("show", "adr show N/2 (warm)", ("show", "{middle}"), ("show",), "warm"),
    Case("show-cold", "adr show N/2 (cold)", ("show", "{middle}"), ("show",), "cold"),
    Case("export-cold", "adr export (cold)", ("export",), ("export",), "cold", ALL_SIZES),
    Case("export-warm", "adr export (warm)", ("export",), ("export",), "warm", ALL_SIZES),
    Case("lint-cold", "adr lint (cold)", ("lint",), ("lint",), "cold", ALL_SIZES, (0, 1)),
    Case("lint-warm", "adr lint (warm)", ("lint",), ("lint",), "warm", ALL_SIZES, (0, 1)),
    Case("toc-cold", "adr generate toc (cold)", ("generate", "toc"), ("generate", "toc"), "cold"),
    Case("toc-warm", "adr generate toc (warm)", ("generate", "toc"), ("generate", "toc"), "warm"),
    Case("index-cold", "adr index (cold)", ("index",), ("index",), "cold"),
    Case("index-warm", "adr index (warm)", ("index",), ("index",), "warm"),
    Case("graph", "adr graph (warm)", ("graph",), ("graph",), "warm"),
    Case("search", "adr search (warm)", ("search", "kafka latency"), ("search",), "warm"),
    Case("site-cold", "adr site (cold)", ("site", "{site_out}"), ("site",), "cold"),
    Case(
        "site-incremental",
        "adr site, one record changed",
        ("site", "{site_out}"),
        ("site",),
        "warm",
        kind="site-incremental",
    ),
)

# Side by side on the adr-tools layout: (label, adr-tools argv, adrledger case or None).
PEER_SIZES = (100, 1_000, 10_000)
ADR_TOOLS_CASES: tuple[tuple[str, tuple[str, ...], Case | None], ...] = (
    (
        "generate toc",
        ("generate", "toc"),
        Case("peer-toc", "adr generate toc (cold)", ("generate", "toc"), ("generate", "toc"), "cold"),
    ),
    (
        "generate graph",
        ("generate", "graph"),
        Case("peer-graph", "adr generate graph (cold)", ("generate", "graph"), ("generate", "graph"), "cold"),
    ),
    ("list", ("list",), Case("peer-list", "adr list", ("list",), ("list",))),
    ("new", ("new", NEW_TITLE), Case("peer-new", "adr new", ("new", NEW_TITLE), ("new",), kind="new")),
)
LOG4BRAINS_SIZES = (100, 1_000)


@dataclass(frozen=True)
class Goal:
    """A line of the issue's goals, checked against one figure."""

    text: str
    case: str
    size: int
    limit_s: float | None = None
    limit_mb: float | None = None


GOALS: tuple[Goal, ...] = (
    Goal("`adr --version` ≤ 100 ms", "startup", 100, 0.100),
    Goal("`adr new` in a 10,000-record log ≤ 150 ms", "new", 10_000, 0.150),
    Goal("`adr generate toc`, 10,000 records ≤ 1.5 s (cold cache)", "toc-cold", 10_000, 1.5),
    Goal("`adr generate toc`, 10,000 records ≤ 1.5 s (warm cache)", "toc-warm", 10_000, 1.5),
    Goal("`adr index`, 10,000 records ≤ 1.5 s (cold cache)", "index-cold", 10_000, 1.5),
    Goal("`adr index`, 10,000 records ≤ 1.5 s (warm cache)", "index-warm", 10_000, 1.5),
    Goal("`adr lint`, 10,000 records cold ≤ 3 s", "lint-cold", 10_000, 3.0),
    Goal("`adr lint`, 10,000 records warm ≤ 0.5 s", "lint-warm", 10_000, 0.5),
    Goal("`adr lint`, 100,000 records cold ≤ 30 s", "lint-cold", 100_000, 30.0),
    Goal("`adr site`, 1,000 records ≤ 3 s and ≤ 250 MB", "site-cold", 1_000, 3.0, 250.0),
    Goal("`adr site`, 10,000 records ≤ 20 s", "site-cold", 10_000, 20.0),
    Goal("`adr site` incremental rebuild after one change ≤ 1 s (10,000 records)", "site-incremental", 10_000, 1.0),
    Goal("`adr search`, 10,000 records ≤ 300 ms warm", "search", 10_000, 0.300),
    Goal("Memory under 1 GB at 100,000 records (`adr export`, cold)", "export-cold", 100_000, None, 1000.0),
    Goal("Memory under 1 GB at 100,000 records (`adr lint`, cold)", "lint-cold", 100_000, None, 1000.0),
)
