"""The default rule set is chosen by measured precision (docs/adr: precision-first defaults).

`src/adrledger/lint/measured.py` is written by benchmarks/realworld/kit.py from findings judged by hand
on real decision logs; these tests hold the default set to the policy those figures support."""

from __future__ import annotations

from adrledger.lint import measured
from adrledger.lint.registry import default_codes, load_all

THRESHOLD = 0.9


def test_precision_was_measured_on_real_logs() -> None:
    assert measured.LOGS >= 10 and measured.MEASURED_ON
    assert sum(judged for _, judged in measured.PRECISION.values()) >= 300


def test_every_default_rule_with_judged_findings_is_precise() -> None:
    imprecise = {
        code: f"{true}/{judged}"
        for code, (true, judged) in measured.PRECISION.items()
        if code in default_codes() and judged and true / judged < THRESHOLD
    }
    assert imprecise == {}, "below 90 %: make these opt-in or fix the shapes they misread"


def test_the_default_set_as_a_whole_is_precise() -> None:
    pairs = [measured.PRECISION[code] for code in default_codes() if code in measured.PRECISION]
    true, judged = sum(t for t, _ in pairs), sum(j for _, j in pairs)
    assert judged and true / judged >= THRESHOLD


def test_imprecise_rules_stay_available() -> None:
    rules = load_all()
    for code, (true, judged) in measured.PRECISION.items():
        if judged and true / judged < THRESHOLD:
            assert code in rules and not rules[code].default
