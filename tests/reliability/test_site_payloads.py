"""More XSS payloads for the built site, beside tests/test_site_browser.py's corpus: Mermaid directives
that try to loosen its security level, link schemes disguised by case, entities and control
characters, payloads in the tables the site renders from the model (alternatives, risks, decision
matrix, review log, checklists) and in what the search box shows. Every link and node is clicked.
Nothing may run: no dialog, no window.__xss, no navigation to a javascript: URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.render.site import build_site

from browser import Watched

pytestmark = pytest.mark.browser

RUN = "alert(document.domain);window.__xss=1"
MERMAID = f"""
```mermaid
%%{{init: {{"securityLevel": "loose", "startOnLoad": true, "flowchart": {{"htmlLabels": true}}}}}}%%
graph LR
  A["<img src=x onerror={RUN}>"] --> B["<a href='javascript:{RUN}'>b</a>"]
  click A call alert("mermaid-call")
  click B href "javascript:{RUN}"
```

```mermaid
%%{{init: {{"theme": "base", "themeCSS": "}} </style><img src=x onerror={RUN}><style>"}}}}%%
graph TD
  C --> D
```
"""

LINKS = "\n".join(
    [
        f"[case](JaVaScRiPt:{RUN})",
        f"[entity](&#x6A;avascript:{RUN})",
        f"[colon](javascript&colon;{RUN})",
        f"[tab](java\tscript:{RUN})",
        f"[angle](<javascript:{RUN}>)",
        f"[spaces]( \x01javascript:{RUN})",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        f"[vb](VBScript:{RUN})",
        f"[ref][r]\n\n[r]: javascript:{RUN}",
        f'[quote](0002-x.md" onmouseover="{RUN})',
        f"<a href='#' onclick='{RUN}'>raw</a> <svg><a xlink:href='javascript:{RUN}'><text>svg</text></a></svg>",
    ]
)

TABLES = f"""
## Alternatives Considered

| Approach | Pros | Cons | Verdict |
|---|---|---|---|
| <img src=x onerror={RUN}> | [p](javascript:{RUN}) | `</td><script>{RUN}</script>` | Chosen |

## Consequences

### Risks & Mitigations

| Risk | Impact | Likelihood | Mitigation |
|---|---|---|---|
| "><svg onload={RUN}> | High | Low | [m](javascript:{RUN}) |

## Decision Matrix

| Criterion | Weight | <script>{RUN}</script> | "><img src=x onerror={RUN}> |
|---|---|---|---|
| Cost' onmouseover='{RUN} | 100% | 5 | 3 |
| **Total** | | 5 | 3 |

## Review and Updates

| Date | Change | Author |
|---|---|---|
| 2024-05-03 | <img src=x onerror={RUN}> | "><script>{RUN}</script> |

## Acceptance Criteria

- [ ] <img src=x onerror={RUN}>
- [x] [done](javascript:{RUN})
"""


def write_log(folder: Path) -> Path:
    log = folder / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-mermaid.md").write_text(
        f"# 1. Mermaid directives\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n"
        f"## Context\n\nxsscanary diagrams\n{MERMAID}\n",
        encoding="utf-8",
    )
    (log / "0002-links.md").write_text(
        f"# 2. Disguised links\n\nDate: 2024-05-02\n\n## Status\n\nAccepted\n\n"
        f"## Context\n\nxsscanary links\n\n{LINKS}\n",
        encoding="utf-8",
    )
    (log / "0003-tables.md").write_text(
        f'---\nstatus: accepted\ndate: 2024-05-03\ndecision-makers: "</title><script>{RUN}</script>"\n'
        f'tags: ["\\" onfocus=\\"{RUN}\\" autofocus x=\\"", "<img src=x onerror={RUN}>"]\n---\n\n'
        f'# "><img src=x onerror={RUN}> xsscanary tables\n{TABLES}',
        encoding="utf-8",
    )
    return log


def visit(watched: Watched, url: str) -> Any:
    page = watched.page
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)
    assert page.evaluate("window.__xss") is None, url
    return page


def click_everything(page: Any, url: str) -> None:
    """Click each link, button and drawn node; come back whenever a click navigated."""
    selectors = ["article a", "div.mermaid svg g.node", "div.mermaid svg a", "button", "summary"]
    for selector in selectors:
        for index in range(page.locator(selector).count()):
            target = page.locator(selector).nth(index)
            if not target.is_visible():
                continue
            target.click(timeout=2000, no_wait_after=True, force=True)
            page.wait_for_timeout(100)
            assert page.evaluate("window.__xss") is None, (url, selector, index)
            if page.url != url:
                assert not page.url.lower().startswith(("javascript:", "data:", "vbscript:")), page.url
                page.goto(url)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payloads")
    out = folder / "site"
    build_site(DecisionLog.discover(write_log(folder)), out)
    return out


@pytest.mark.parametrize(
    "page",
    ["records/0001.html", "records/0002.html", "records/0003.html", "index.html", "decisions.html", "graph.html"],
)
def test_no_payload_runs(page: str, site: Path, watched: Watched) -> None:
    url = (site / page).as_uri()
    opened = visit(watched, url)
    if page == "records/0001.html":
        opened.locator("div.mermaid svg").first.wait_for(timeout=15000)
    click_everything(opened, url)
    assert watched.dialogs == []
    assert not [error for error in watched.errors if "__xss" in error or "document.domain" in error]
    schemes = opened.evaluate(
        "[...document.querySelectorAll('a[href], area[href], [action], [formaction]')]"
        ".map(e => new URL(e.getAttribute('href') || e.getAttribute('action') || "
        "e.getAttribute('formaction'), document.baseURI).protocol)"
    )
    assert not {"javascript:", "vbscript:", "data:"} & set(schemes)


def test_search_results_show_payloads_as_text(site: Path, watched: Watched) -> None:
    page = visit(watched, (site / "index.html").as_uri())
    page.fill("#search-input", "xsscanary")
    page.locator("#search-results li[role=option]").first.wait_for()
    page.wait_for_timeout(400)
    assert page.locator("#search-results img, #search-results script, #search-results svg").count() == 0
    assert "xsscanary tables" in page.locator("#search-results").inner_text()
    click_everything(page, page.url)
    assert watched.dialogs == [] and page.evaluate("window.__xss") is None


def test_every_page_carries_a_strict_content_security_policy(site: Path) -> None:
    """Defence in depth: even a payload that slipped through the sanitiser could not run inline."""
    for page in site.rglob("*.html"):
        head = page.read_text(encoding="utf-8")[:3000]
        assert "Content-Security-Policy" in head, page
        policy = head.split("Content-Security-Policy", 1)[1].split(">", 1)[0]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
        assert "object-src 'none'" in policy and "base-uri 'none'" in policy
