"""Measured precision of each rule on real decision logs: written by benchmarks/realworld/kit.py."""

LOGS = 12  # real logs the findings were judged on
MEASURED_ON = "2026-12-01"
# code -> (findings judged TRUE, findings judged); a rule with no finding on those logs is absent.
PRECISION: dict[str, tuple[int, int]] = {
    "ADR101": (18, 41),
    "ADR102": (6, 6),
    "ADR103": (25, 27),
    "ADR201": (4, 7),
    "ADR203": (2, 4),
    "ADR204": (3, 3),
    "ADR206": (1, 1),
    "ADR207": (8, 8),
    "ADR208": (2, 2),
    "ADR209": (5, 5),
    "ADR210": (0, 14),
    "ADR211": (13, 13),
    "ADR301": (5, 5),
    "ADR302": (0, 2),
    "ADR303": (0, 6),
    "ADR402": (2, 2),
    "ADR404": (14, 14),
    "ADR407": (0, 2),
    "ADR409": (71, 71),
    "ADR502": (48, 51),
    "ADR603": (0, 13),
    "ADR604": (0, 8),
    "ADR607": (0, 86),
}
