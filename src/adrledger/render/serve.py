"""`adr serve`: a live preview of the site on loopback that rebuilds and reloads as records change.

The server only ever reads files inside the build folder: the request path is decoded once,
every `.`/`..` segment and backslash is refused, and the resolved file (symlinks followed) must
still lie inside the folder. It answers only to loopback host names, so a web page elsewhere
cannot reach the preview through DNS rebinding.
"""

from __future__ import annotations

import errno
import mimetypes
import sys
import tempfile
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import AdrError, UsageError

EVENTS = "/__adrledger/events"
RELOAD_JS = "/__adrledger/reload.js"
# The first message names the build the page came from; any other build number means reload.
RELOAD_SCRIPT = (
    b"(function(){var first=null;var es=new EventSource('" + EVENTS.encode() + b"');"
    b"es.onmessage=function(e){if(first===null){first=e.data;"
    b"document.documentElement.dataset.liveBuild=first;}else if(e.data!==first)"
    b"{es.close();location.reload();}};})();\n"
)
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
HEARTBEAT_SECONDS = 10.0
# An image opened as a page (an SVG is a document) may draw, but never script or fetch.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
WATCHED_SUFFIXES = {
    ".md",
    ".markdown",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".webp",
    ".toml",
    ".yaml",
    ".yml",
    ".json",
}


class Reloader:
    """A build counter that SSE clients wait on."""

    def __init__(self) -> None:
        self.version = 0
        self.closed = False
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version


def safe_path(root: Path, request_path: str) -> Path | None:
    """The file inside `root` a URL path names, or None for anything outside, hidden or odd."""
    try:
        path = unquote(urlsplit(request_path).path, errors="strict")
    except UnicodeDecodeError:  # overlong or invalid UTF-8 escapes (%c0%ae) name no file of ours
        return None
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") for p in parts):
        return None
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root.resolve()):
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request: a silent one frees its thread

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        if not self._host_allowed():
            self._error(HTTPStatus.FORBIDDEN, "preview answers to loopback host names only")
            return
        route = urlsplit(self.path).path
        if route == EVENTS and not head:
            self._events()
        elif route == RELOAD_JS:
            self._send(HTTPStatus.OK, RELOAD_SCRIPT, "text/javascript; charset=utf-8", head)
        else:
            self._file(head)

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in LOOPBACK_NAMES

    def _file(self, head: bool) -> None:
        target = safe_path(self.server.root, self.path)
        if target is None:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        try:
            body = target.read_bytes()
        except OSError:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = body.replace(b"</body>", b'<script src="' + RELOAD_JS.encode() + b'"></script></body>', 1)
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        # Defence in depth beside the build's sanitiser: an image opened as a page runs no script.
        policy = IMAGE_POLICY if kind.startswith("image/") else None
        self._send(HTTPStatus.OK, body, kind, head, policy)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        reloader = self.server.reloader
        seen = reloader.version
        try:
            self.wfile.write(f"retry: 1000\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while not reloader.closed:
                version = reloader.wait(seen, HEARTBEAT_SECONDS)
                message = f"data: {version}\n\n" if version != seen else ": keep-alive\n\n"
                seen = version
                self.wfile.write(message.encode())
                self.wfile.flush()
        except OSError:
            return  # the browser went away

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, f"{status.value} {message}\n".encode(), "text/plain; charset=utf-8", False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(self, root: Path, host: str, port: int, reloader: Reloader, verbose: bool = False):
        self.root = root
        self.reloader = reloader
        self.verbose = verbose
        self.loopback_only = host in LOOPBACK_NAMES or host.startswith("127.")
        if ":" in host:
            # lazy: socket is only needed here (startup cost)
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), PreviewHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is routine: no traceback; anything else, one line."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(f"Error: request from {client_address[0]}: {type(error).__name__}: {error}\n")

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


def _relevant(changes: set[tuple[Any, str]], out: Path) -> bool:
    for _, changed in changes:
        path = Path(changed)
        if path.is_relative_to(out) or any(part.startswith(".") for part in path.parts[-3:]):
            continue
        if path.suffix.lower() in WATCHED_SUFFIXES:
            return True
    return False


def watch_and_rebuild(
    log: Any,
    out: Path,
    reloader: Reloader,
    stop: threading.Event,
    on_rebuild: Callable[[Any], None] | None = None,
    on_watching: Callable[[], None] | None = None,
) -> None:
    """Rebuild (incrementally) after each batch of saved files, then tell browsers to reload."""
    import watchfiles

    # lazy: keeps importlib off this module's import
    from .site import build_site

    # yield_on_timeout: the first (empty) batch proves the watcher is live, so a file saved
    # right after the "Serving" line is never missed.
    # raise_interrupt: Ctrl+C (or SIGTERM, made an interrupt by the CLI) ends the watch through our
    # own handler, instead of watchfiles' "KeyboardInterrupt caught" warning.
    for changes in watchfiles.watch(
        log.root, stop_event=stop, debounce=150, step=50, rust_timeout=100, yield_on_timeout=True, raise_interrupt=True
    ):
        if on_watching is not None:
            on_watching()
            on_watching = None
        if not changes or not _relevant(changes, out.resolve()):
            continue
        log.invalidate()
        try:
            report = build_site(log, out, drafts=True)
        except AdrError as err:
            sys.stderr.write(f"Error: {err}\n")
            continue
        if on_rebuild is not None:
            on_rebuild(report)
        reloader.bump()


def _bind(folder: Path, host: str, port: int, reloader: Reloader, verbose: bool) -> PreviewServer:
    """The server bound to host:port; a port in use is a clear error that names it and says what to do."""
    try:
        return PreviewServer(folder, host, port, reloader, verbose)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        raise UsageError(
            f"port {port} on {host} is already in use (another `adr serve`?): choose another with "
            f"--port {port + 1 if port < 65535 else 8000}, or --port 0 for any free port"
        ) from err


def preview(
    log: Any,
    host: str = "127.0.0.1",
    port: int = 8000,
    out: Path | None = None,
    watch: bool = True,
    on_ready: Callable[[str], None] | None = None,
    on_rebuild: Callable[[Any], None] | None = None,
    verbose: bool = False,
) -> None:
    """Build, serve on host:port, and (with watch) rebuild and reload until interrupted."""
    # lazy: keeps importlib off this module's import
    from .site import build_site

    with tempfile.TemporaryDirectory(prefix="adrledger-preview-") as scratch:
        folder = out or Path(scratch)
        reloader = Reloader()
        server = _bind(folder, host, port, reloader, verbose)  # a busy port is said before a long build
        try:
            build_site(log, folder, drafts=True)
        except BaseException:
            server.server_close()
            raise
        thread = threading.Thread(target=server.serve_forever, name="adr-serve", daemon=True)
        thread.start()
        stop = threading.Event()
        announce = (lambda: on_ready(server.url)) if on_ready is not None else None
        try:
            if watch:
                watch_and_rebuild(log, folder, reloader, stop, on_rebuild, on_watching=announce)
            else:
                if announce is not None:
                    announce()
                thread.join()
        except KeyboardInterrupt:
            pass  # Ctrl+C or SIGTERM: the way to stop the preview, not an error
        finally:
            stop.set()
            reloader.close()
            server.shutdown()
            server.server_close()
