"""Scope patterns come from records (a pull request can write any): matching them never backtracks, an
invalid one never raises, and the automaton agrees with the .gitignore semantics the regex translation had."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import make_log, run_limited

from adrledger.reports.scope import compile_pattern, matching_pattern


def _oracle_translate(text: str) -> str:
    """The regex translation scope.py used before its automaton (exponential on `*a*a*a...`), as a reference."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("**/", index) and (index == 0 or text[index - 1] == "/"):
            out.append("(?:.*/)?")
            index += 3
        elif text.startswith("**", index) and index + 2 == len(text) and (index == 0 or text[index - 1] == "/"):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[" and "]" in text[index + 2 :]:
            end = text.index("]", index + 2)
            inner = text[index + 1 : end]
            inner = "^" + inner[1:] if inner.startswith("!") else inner
            out.append(f"[{inner.replace(chr(92), chr(92) * 2)}]")
            index = end + 1
        elif char == "\\" and index + 1 < len(text):
            out.append(re.escape(text[index + 1]))
            index += 2
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


def oracle(pattern: str, path: str) -> bool:
    text = pattern.strip().strip("`")
    if not text or text.startswith("#"):
        return False
    text = text[1:] if text.startswith("!") else text
    while text.startswith("./"):
        text = text[2:]
    folder_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return False
    start = "" if "/" in text else "(?:.*/)?"
    tail = "/.*" if folder_only else "(?:/.*)?"
    return re.fullmatch(f"{start}{_oracle_translate(text.lstrip('/'))}{tail}", path, re.DOTALL) is not None


PIECES = ["a", "b", ".", "/", "*", "**", "**/", "?", "[ab]", "[!a]", "[a-b]", "\\*", "./"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(["a", "b", "/", ".", "*", "ab"]), max_size=10).map("".join),
)
def test_the_automaton_agrees_with_the_regex_it_replaces(pattern: str, path: str) -> None:
    compiled = compile_pattern(pattern)
    assert (compiled is not None and compiled[0].matches(path)) is oracle(pattern, path), (pattern, path)


def test_a_backtracking_pattern_is_matched_in_one_pass() -> None:
    """`*a*a...*b` (30 stars) against `src/aaaa...`: days with a backtracking regex, instant here."""
    hostile = "*a" * 30 + "*b"
    assert matching_pattern([hostile], "src/" + "a" * 4000) is None
    assert matching_pattern([hostile], "src/" + "a" * 4000 + "b") == hostile
    assert matching_pattern(["**/" * 150 + "x"], "/".join("a" * 300) + "/x") is not None


def test_an_invalid_class_matches_nothing_instead_of_raising() -> None:
    assert compile_pattern("src/[z-a]x") is None
    assert matching_pattern(["src/[z-a]x", "src/**"], "src/zx") == "src/**"


def test_adr_for_with_hostile_scopes_ends_quickly(tmp_path: Path) -> None:
    log = make_log(tmp_path)
    stars = "*a" * 30 + "*b"
    (log / "0003-scoped.md").write_text(
        f'---\nstatus: accepted\nscope: ["{stars}", "src/[z-a]x", "{"**/" * 300}y"]\n---\n# Scoped\n'
    )
    result = run_limited("for", "src/" + "a" * 3000, cwd=tmp_path, timeout=30)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "no decision names" in result.stderr
