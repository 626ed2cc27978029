"""Turn a Report into text for the terminal, a Markdown document, or JSON."""

from __future__ import annotations

import json

from . import Report, Table

FORMATS = ("text", "markdown", "json")


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(report)
    return to_text(report)


def to_text(report: Report) -> str:
    parts = [report.title, "=" * len(report.title)]
    for table in report.tables:
        parts += ["", *_text_table(table)]
    if report.notes:
        parts += ["", *report.notes]
    return "\n".join(parts) + "\n"


def _text_table(table: Table) -> list[str]:
    lines = [table.title] if table.title else []
    if not table.rows:
        return [*lines, "  (none)"]
    widths = [max(len(row[i]) for row in (table.columns, *table.rows)) for i in range(len(table.columns))]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()

    lines.append(line(table.columns))
    lines.append(line(tuple("-" * width for width in widths)))
    lines += [line(row) for row in table.rows]
    return lines


def to_markdown(report: Report) -> str:
    parts = [f"# {report.title}"]
    for table in report.tables:
        parts.append("")
        if table.title:
            parts += [f"## {table.title}", ""]
        if not table.rows:
            parts.append("_None._")
            continue
        parts.append("| " + " | ".join(_cell(c) for c in table.columns) + " |")
        parts.append("|" + "|".join(" --- " for _ in table.columns) + "|")
        parts += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    if report.notes:
        parts += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
