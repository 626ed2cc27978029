"""SVG files that records link to or show: the site publishes them sanitised, so opening one as a page
(clicking the link, "open image in new tab", over file:// or `adr serve`) runs nothing, and the image
shown inside the record page still draws."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.render.site import build_site
from adrledger.render.site.svg import SvgRefused, sanitize_svg

from browser import Watched
from conftest import ROOT

RUN = "alert(document.domain);window.__xss=1"
HOSTILE_SVG = f"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40"
     onload="{RUN}">
  <script>{RUN}</script>
  <script type="text/ecmascript" xlink:href="data:text/javascript,{RUN}"/>
  <rect id="box" width="120" height="40" fill="rgb(10, 120, 200)" onclick="{RUN}" onmouseover="{RUN}"/>
  <a href="javascript:{RUN}"><text x="5" y="25">click</text></a>
  <a xlink:href="javascript:{RUN}"><circle cx="100" cy="20" r="5"/></a>
  <set attributeName="onmouseover" to="{RUN}"/>
  <animate attributeName="href" values="javascript:{RUN}"/>
  <foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml">
    <iframe src="javascript:{RUN}"></iframe><img src="x" onerror="{RUN}"/></body></foreignObject>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <use href="https://tracker.example/sprite.svg#icon"/>
  <use href="#box" x="0" y="0"/>
  <style>@import url("https://tracker.example/a.css"); rect {{ fill: url(https://tracker.example/p) }}</style>
  <handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">{RUN}</handler>
</svg>
"""

pytestmark = pytest.mark.browser


def write_log(folder: Path) -> Path:
    log = folder / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "d.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    (log / "0001-diagram.md").write_text(
        "# 1. Diagram\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "See the [diagram](d.svg) and here it is:\n\n![inline diagram](d.svg)\n",
        encoding="utf-8",
    )
    return log


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("svg")
    out = folder / "site"
    build_site(DecisionLog.discover(write_log(folder)), out)
    return out


def assert_nothing_ran(watched: Watched, page: Any) -> None:
    page.wait_for_timeout(400)
    assert page.evaluate("window.__xss") is None, page.url
    assert watched.dialogs == []
    assert watched.external_requests() == []


def test_the_published_svg_has_no_script_handler_or_external_reference(site: Path) -> None:
    [published] = (site / "media").glob("*.svg")
    text = published.read_text(encoding="utf-8")
    for banned in (
        "<script",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "foreignObject",
        "iframe",
        "tracker.example",
        "@import",
        "<set",
        "<animate",
        "handler",
    ):
        assert banned not in text, banned
    assert 'href="#box"' in text and "<rect" in text and "click</text>" in text  # the drawing itself stays


def test_clicking_the_link_opens_the_svg_without_running_it(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "records" / "0001.html").as_uri())
    link = page.locator("article a", has_text="diagram").first
    assert link.get_attribute("href").startswith("../media/")
    link.click()
    page.wait_for_url("**/media/*.svg")
    assert_nothing_ran(watched, page)
    page.mouse.move(10, 10)  # over the rect that carried onmouseover
    page.mouse.click(10, 10)
    page.mouse.click(100, 20)
    assert_nothing_ran(watched, page)
    assert page.url.endswith(".svg")  # the javascript: links are gone: no navigation


def test_the_inline_image_draws_and_opened_in_a_tab_runs_nothing(site: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((site / "records" / "0001.html").as_uri())
    image = page.locator("article img[alt='inline diagram']")
    image.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth", image.element_handle()) == 120
    assert_nothing_ran(watched, page)
    page.goto(page.evaluate("(img) => img.src", image.element_handle()))  # "open image in new tab"
    assert_nothing_ran(watched, page)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`adr serve` over the hostile log; yields the server's URL."""
    from test_serve import _read_url

    log = write_log(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "adrledger", "--dir", str(log), "serve", "--port", "0", "--no-watch"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        yield _read_url(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_over_adr_serve_the_svg_runs_nothing(served: str, watched: Watched) -> None:
    page = watched.page
    page.goto(served + "records/0001.html")
    page.locator("article a", has_text="diagram").first.click()
    page.wait_for_url("**/media/*.svg")
    assert_nothing_ran(watched, page)
    with urllib.request.urlopen(page.url, timeout=10) as answer:  # defence in depth: no script even unsanitised
        assert "sandbox" in answer.headers["Content-Security-Policy"]
        assert answer.headers["Content-Type"].startswith("image/svg+xml")


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        b'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g>" * 100_000 + b"</g>" * 100_000 + b"</svg>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect",
        b"<html><script>alert(1)</script></html>",
        b"\x89PNG\r\n\x1a\n not an svg at all",
    ],
    ids=["entities", "external-dtd", "deep", "truncated", "not-svg", "binary"],
)
def test_svg_that_cannot_be_made_safe_is_refused(data: bytes) -> None:
    with pytest.raises(SvgRefused):
        sanitize_svg(data)
