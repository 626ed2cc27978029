"""`adr serve` under abuse, beside tests/test_serve.py: connections that never finish their request,
oversized request lines and header floods, methods it does not serve, absolute-form targets and a
crowd of live-reload streams. The server answers each with an error and keeps serving everyone else."""

from __future__ import annotations

import http.client
import socket
import struct
from concurrent.futures import ThreadPoolExecutor

import pytest

from test_serve import Server, raw_get, server  # noqa: F401 - the running server fixture

pytestmark = pytest.mark.slow


def fetch(port: int, path: str = "/") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def send_raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_idle_half_requests_do_not_block_others(server: Server) -> None:
    """Fifty clients that send half a request and wait (slowloris) do not starve a burst of real ones."""
    idle = [socket.create_connection(("127.0.0.1", server.port), timeout=30) for _ in range(50)]
    try:
        for sock in idle:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        with ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(lambda _: fetch(server.port, "/decisions.html"), range(64)))
        assert statuses == [200] * 64
    finally:
        for sock in idle:
            sock.close()
    assert fetch(server.port) == 200 and server.process.poll() is None


def test_an_oversized_request_line_is_refused(server: Server) -> None:
    reply = send_raw(server.port, b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert reply.split(b" ", 2)[1] == b"414"
    assert fetch(server.port) == 200


def test_a_header_flood_is_refused(server: Server) -> None:
    headers = b"".join(b"X-%d: y\r\n" % index for index in range(500))
    reply = send_raw(server.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"\r\n")
    assert reply.split(b" ", 2)[1] == b"431"
    assert fetch(server.port) == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"])
def test_only_get_and_head_are_served(method: str, server: Server) -> None:
    before = sorted(p.relative_to(server.out) for p in server.out.rglob("*"))
    body = b"<script>alert(1)</script>"
    reply = send_raw(
        server.port,
        f"{method} /records/0001.html HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body,
    )
    assert reply.split(b" ", 2)[1] in (b"405", b"501")
    assert sorted(p.relative_to(server.out) for p in server.out.rglob("*")) == before
    assert fetch(server.port) == 200


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.1/../../../etc/passwd", "http://evil.example/index.html", "file:///etc/passwd", "*", "index.html"],
)
def test_odd_request_targets_reveal_nothing(target: str, server: Server) -> None:
    reply = send_raw(server.port, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    status = int(reply.split(b" ", 2)[1])
    if not target.startswith("http://"):  # absolute http:// targets may name a page of the site
        assert status in (400, 403, 404)
    assert b"root:" not in reply and b"top secret" not in reply


def test_many_live_reload_streams_do_not_block_pages(server: Server) -> None:
    streams = []
    try:
        for _ in range(24):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            connection.request("GET", "/__adrledger/events")
            response = connection.getresponse()
            assert response.status == 200
            streams.append(connection)
        with ThreadPoolExecutor(8) as pool:
            assert list(pool.map(lambda _: fetch(server.port, "/graph.html"), range(32))) == [200] * 32
    finally:
        for connection in streams:
            connection.close()
    status, _ = raw_get(server.port, "/")
    assert status == 200


def test_clients_that_hang_up_leave_no_traceback(server: Server) -> None:
    """Readers close tabs mid-page all the time: the server says nothing, and stops promptly."""
    for index in range(40):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
        sock.sendall(b"GET /graph.html HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (b"\r\n" if index % 2 else b""))
        sock.close()
    assert fetch(server.port) == 200
    server.process.terminate()
    _, errors = server.process.communicate(timeout=20)
    assert "Traceback" not in errors and "Exception occurred" not in errors, errors[-2000:]
