"""`adr serve`: loopback only, confined to the built site, sturdy under a burst, live reload."""

from __future__ import annotations

import http.client
import os
import re
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from adrledger.render.serve import safe_path

from browser import Watched
from conftest import ROOT
from publish_helpers import copy_fixture_log

TRAVERSALS = [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/records%2f..%2f..%2f..%2fetc%2fpasswd",
    "/..%2f..%2f..%2fetc/passwd",
    "/static/../../../etc/passwd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..\\..\\..\\etc\\passwd",
    "/%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/index.html%00.png",
    "/.adrledger-build.json",
    "/outside-link/secret.txt",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/records/../../secret.txt",
]


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str
    port: int
    out: Path
    log: Path


def _read_url(process: subprocess.Popen[str], timeout: float = 60) -> str:
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            seen += line
            match = re.search(r"on (http://\S+/)", line)
            if match:
                return match.group(1)
        if process.poll() is not None:
            break
    raise AssertionError(f"adr serve did not start: {seen}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of the test's own, for tests that change the log."""
    yield from _serve(tmp_path)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server shared by the tests that only send requests (none changes the log or the site)."""
    yield from _serve(tmp_path_factory.mktemp("served"))


def _serve(tmp_path: Path) -> Iterator[Server]:
    log = copy_fixture_log(tmp_path / "log")
    (tmp_path / "secret.txt").write_text("top secret\n")
    out = tmp_path / "built"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "adrledger", "--dir", str(log), "serve", "--port", "0", "--out", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        url = _read_url(process)
        (out / "outside-link").symlink_to(tmp_path, target_is_directory=True)
        yield Server(process, url, int(url.rsplit(":", 1)[1].strip("/")), out, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def raw_get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send the path byte for byte (no client-side normalisation) and return status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_binds_loopback_by_default(served: Server):
    assert served.url.startswith("http://127.0.0.1:")
    listening = Path("/proc/net/tcp")
    if listening.exists():  # the socket's local address is 127.0.0.1 (0100007F), not 0.0.0.0
        rows = [line.split() for line in listening.read_text().splitlines()[1:]]
        local = [row[1] for row in rows if row[3] == "0A" and int(row[1].split(":")[1], 16) == served.port]
        assert local == [f"0100007F:{served.port:04X}"]


def test_serves_the_site_with_the_reload_script(served: Server):
    status, body = raw_get(served.port, "/")
    assert status == 200 and b"<title>Home" in body and b"/__adrledger/reload.js" in body
    status, body = raw_get(served.port, "/records/0003.html")
    assert status == 200 and b"Use CockroachDB for orders" in body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_leaves_the_built_site(served: Server, path: str):
    status, body = raw_get(served.port, path)
    assert status in (400, 404), (path, status)
    assert b"root:" not in body and b"top secret" not in body


def test_foreign_host_names_are_refused(served: Server):
    status, _ = raw_get(served.port, "/", host="attacker.example")
    assert status == 403


def test_survives_a_burst_of_requests(served: Server):
    paths = [
        "/",
        "/decisions.html",
        "/graph.html",
        "/search-index.js",
        "/static/app.js",
        "/records/0002.html",
        "/missing.html",
        "/%2e%2e/x",
    ]

    def fetch(index: int) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
        try:
            connection.request("GET", paths[index % len(paths)])
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    with ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(fetch, range(400)))
    assert statuses.count(200) == 300 and statuses.count(404) == 100
    assert fetch(0) == 200 and served.process.poll() is None


def test_saving_a_record_rebuilds_and_notifies(server: Server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/__adrledger/events")
    stream = connection.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream"
    first = _next_event(stream)
    record = server.log / "0001-record-architecture-decisions.md"
    record.write_text(record.read_text().replace("# 1. Record architecture decisions", "# 1. Keep a decision log"))
    assert _next_event(stream) != first
    connection.close()
    assert b"Keep a decision log" in raw_get(server.port, "/records/0001.html")[1]


def _next_event(stream: http.client.HTTPResponse) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = stream.readline().decode()
        assert line, "event stream closed"
        if line.startswith("data: "):
            return line[6:].strip()
    raise AssertionError("no rebuild event within 60 s")


def test_browser_reloads_when_a_record_is_saved(server: Server, watched: Watched):
    page = watched.page
    page.goto(server.url + "records/0004.html")
    page.wait_for_function("() => document.documentElement.dataset.liveBuild !== undefined")
    record = server.log / "0004-adopt-event-sourcing-for-billing.md"
    record.write_text(record.read_text().replace("# Adopt event sourcing for billing", "# Adopt a ledger for billing"))
    page.wait_for_function(
        "() => document.querySelector('h1').textContent === 'Adopt a ledger for billing'", timeout=30000
    )
    assert watched.dialogs == []


def test_safe_path_unit(tmp_path: Path):
    (tmp_path / "site" / "records").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("home")
    (tmp_path / "site" / "records" / "a b.html").write_text("a")
    root = tmp_path / "site"
    assert safe_path(root, "/") == (root / "index.html").resolve()
    assert safe_path(root, "/records/a%20b.html?x=1#y") == (root / "records" / "a b.html").resolve()
    for path in TRAVERSALS + ["", "records/a b.html", "/records/./a%20b.html"]:
        assert safe_path(root, path) is None, path


def test_a_rebuild_beside_the_server_thread_parses_without_forking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many records saved at once (a branch switch) are parsed in the serving process, never in a fork."""
    import threading

    import adrledger.log as log_module
    from adrledger.config import load_config
    from adrledger.log import DecisionLog
    from adrledger.render.serve import Reloader, watch_and_rebuild
    from adrledger.render.site import build_site

    folder = copy_fixture_log(tmp_path / "log")
    log = DecisionLog(load_config(folder, tmp_path))
    out = tmp_path / "built"
    build_site(log, out, drafts=True)
    forks: list[int] = []

    def no_fork() -> int:
        forks.append(1)
        raise OSError("fork refused by the test")  # forkmap then does the share itself

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(log_module, "_worker_count", lambda: 2)
    reloader, stop, rebuilt = Reloader(), threading.Event(), threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(
        target=watch_and_rebuild,
        args=(log, out, reloader, stop),
        kwargs={"on_rebuild": lambda report: rebuilt.set(), "on_watching": watching.set},
    )
    watcher.start()
    try:
        assert watching.wait(30)
        count = log_module.PARALLEL_THRESHOLD + 6
        for number in range(100, 100 + count):
            (folder / f"{number:04d}-decision-{number}.md").write_text(
                f"# {number}. Decision {number}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
            )
        assert rebuilt.wait(60), "no rebuild within 60 s"
    finally:
        stop.set()
        watcher.join(30)
    assert forks == []
    assert (out / "records" / f"{100 + count - 1:04d}.html").is_file()
