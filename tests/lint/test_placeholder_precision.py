"""ADR103 on what real records contain: prompts are placeholders; notation, citations and labels are not.

Every line below is written for the pattern it stands for (never copied from a real record).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lintkit import lines_of, lint_folder

HEAD = "# 1. Route messages\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
TAIL = "\n\n## Decision\n\nWe route.\n\n## Consequences\n\nFine.\n"


def placeholders_in(tmp_path: Path, body: str) -> list[str]:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-route-messages.md").write_text(HEAD + body + TAIL, encoding="utf-8")
    return [line.split(": ADR103 ", 1)[1] for line in lines_of(lint_folder(folder, select=("ADR103",)))]


@pytest.mark.parametrize(
    "body",
    [
        "Each transport has a class {Transport}Sender where {Transport} names the queue.",  # braces in identifiers
        "We wrap calls with the Retry[Sync] attribute.",  # brackets attached to an identifier
        "Metrics are named queue_[kafka|rabbit] today.",
        "Listeners are named [in|out]|port by the proxy.",
        "This is the style of API that [Meyer] calls command-query separation.",  # a citation
        "* [Jenkins](https://example.org/jenkins) [current]",  # a label after a link
        "**[CHOSEN] Option 2:** keep the queue per tenant.",  # a label in a bold option line
        "We looked at [Some Workflow Engine] and others.",  # a shortcut link without a definition
        "The lock name is `lock_{table}` and the log says waiting on {table}.",  # one word in braces is notation
        '{% hint style="info" %}\nRead the runbook first.\n{% endhint %}',  # template tags of a docs platform
        'Set the space field to "[your sandbox, e.g. dev]" when you try it.',  # an instruction in quotes
        "- [Message store] (https://example.org/store)",  # a link broken by a space, not a prompt
        "Tickets #{id} are linked from the board.",  # interpolation notation
        "<details open>\n<summary>Benchmarks</summary>\n\nNumbers.\n\n</details>",  # HTML, not a prompt
        'See <https://example.org/a b> and <img src="x.png" alt="a list">.',
    ],
)
def test_notation_citations_and_labels_are_not_placeholders(tmp_path: Path, body: str) -> None:
    assert placeholders_in(tmp_path, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[Describe the forces at play]", "template placeholder left: '[Describe the forces at play]'"),
        ("Impact: [High/Medium/Low]", "template placeholder left: '[High/Medium/Low]'"),
        ("* Owner: [name of the owning team]", "template placeholder left: '[name of the owning team]'"),
        ("{short title of the solved problem}", "template placeholder left: '{short title of the solved problem}'"),
        (
            "Status: Proposed [Proposed, Accepted, Rejected, Superseded]",
            "template placeholder left: '[Proposed, Accepted, Rejected, Superseded]'",
        ),
        ("- \\[{Link name}]\\(link to a page)", "template placeholder left: '{Link name}'"),
        (
            "<delete the items from this list that do not apply>",
            "template placeholder left: '<delete the items from this list that do…>'",
        ),
        ("* [A guide](https://example.org)\n* …", "template placeholder left: '* …'"),
    ],
)
def test_prompts_are_placeholders(tmp_path: Path, body: str, expected: str) -> None:
    assert placeholders_in(tmp_path, body) == [expected]


def test_adr_tools_template_text_left_in_a_new_record_is_reported(adr, tmp_path: Path) -> None:
    assert adr("init").code == 0
    assert adr("new", "Use a queue").code == 0
    result = adr("lint", "--format", "json")
    import json

    found = [(d["path"], d["code"]) for d in json.loads(result.out)]
    assert found.count(("doc/adr/0002-use-a-queue.md", "ADR103")) == 3  # context, decision, consequences
    assert ("doc/adr/0001-record-architecture-decisions.md", "ADR103") not in found
    assert result.code == 1


def test_a_draft_is_not_asked_for_its_number(adr, tmp_path: Path) -> None:
    assert adr("init", "docs/adr", "--style", "full").code == 0
    assert adr("new", "--draft", "--style", "full", "Try events").code == 0
    import json

    result = adr("lint", "--select", "ADR103", "--format", "json", "docs/adr/XXXX-try-events.md")
    assert json.loads(result.out) == []
