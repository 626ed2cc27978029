"""Measured precision of each rule on real decision logs: written by benchmarks/realworld/kit.py."""

LOGS = 0  # real logs the findings were judged on
MEASURED_ON = ""
# code -> (findings judged TRUE, findings judged); a rule with no finding on those logs is absent.
PRECISION: dict[str, tuple[int, int]] = {
}
