"""A content-addressed cache of parsed records (and anything else keyed by file content).

Entries are keyed by a digest of the file's path and bytes plus the parser version, so a
changed file is simply a miss: the cache is never stale and always safe to delete. A pickle can
run code when loaded, so every cache file is signed with a secret key that lives only in this
user's own cache folder (mode 0600): a cache file planted by anyone else — in a pull request,
in a shared folder — fails the signature and is ignored, wherever the cache folder is.

Records are stored as one pickled blob per file (see blobs.py): a blob made by a parse worker
goes into the cache as it is, and loading the cache file costs a copy of bytes, not the
rebuilding of every object in it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from ..base.textio import atomic_writer, write_synced

CACHE_FORMAT = 4
_MAGIC = b"ADRLEDGER-CACHE\n"
_SIGNATURE_BYTES = 32


def default_cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "adrledger"


def digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


class Cache:
    """One pickle file of {key: value} per namespace, loaded once and written back atomically."""

    def __init__(self, folder: Path | None, namespace: str):
        self.path = folder / f"{namespace}-v{CACHE_FORMAT}.pickle" if folder else None
        self._data: dict[str, Any] | None = None
        self._dirty = False
        self._used: set[str] = set()

    @classmethod
    def for_log(cls, log_dir: Path, namespace: str, root: Path | None = None, enabled: bool = True) -> Cache:
        if not enabled:
            return cls(None, namespace)
        folder = (root or default_cache_root()) / digest(str(log_dir.resolve()).encode())[:16]
        return cls(folder, namespace)

    def _load(self) -> dict[str, Any]:
        if self._data is None:
            self._data = {}
            if self.path is not None and _trusted(self.path):
                loaded = _read_signed(self.path)
                if isinstance(loaded, dict):
                    self._data = loaded
        return self._data

    def get(self, key: str) -> Any:
        value = self._load().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def keys(self) -> list[str]:
        return list(self._load())

    def detach(self) -> dict[str, Any]:
        """Hand over the entries held in memory and forget them, once saved: a caller that uses
        them one by one and drops each frees the memory as it goes. The cache reads and writes
        nothing more."""
        data, self._data, self.path = self._load(), {}, None
        return data

    def put(self, key: str, value: Any) -> None:
        self._load()[key] = value
        self._used.add(key)
        self._dirty = True

    def save(self, prune: bool = True) -> None:
        """Write back if anything changed; drop entries this run did not touch."""
        if self.path is None or self._data is None:
            return
        if prune and set(self._data) - self._used:
            self._data = {k: v for k, v in self._data.items() if k in self._used}
            self._dirty = True
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            key = _secret_key()
            if key is None:
                return
            _write_signed(self.path, key, self._data)
            os.chmod(self.path, 0o600)
            self._dirty = False
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _trusted(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _sign(key: bytes, payload: bytes | memoryview) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_SIGNATURE_BYTES).digest()


def _write_signed(path: Path, key: bytes, data: dict[str, Any]) -> None:
    """Write MAGIC, the signature and the pickle, streamed: never a copy of the whole payload
    in memory (hundreds of megabytes at 100,000 records)."""
    signer = hashlib.blake2b(key=key, digest_size=_SIGNATURE_BYTES)  # the same digest as _sign
    with atomic_writer(path, point=None) as handle:  # the cache is not the log: no crash-test point
        handle.write(_MAGIC + bytes(_SIGNATURE_BYTES))
        pickle.Pickler(_Signing(handle, signer), protocol=pickle.HIGHEST_PROTOCOL).dump(data)
        handle.seek(len(_MAGIC))
        handle.write(signer.digest())


class _Signing:
    """A file that passes what is written on to a file and to a signer."""

    def __init__(self, handle: BinaryIO, signer: Any):
        self.handle, self.signer = handle, signer

    def write(self, data: bytes) -> int:
        self.signer.update(data)
        return self.handle.write(data)


def _read_signed(path: Path) -> Any:
    """The unpickled content of a cache file, or None unless this user's key signed it."""
    key = _secret_key()
    if key is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _SIGNATURE_BYTES
    if not data.startswith(_MAGIC) or len(data) < head:
        return None
    view = memoryview(data)  # slices of a view: no copy of the payload
    signature, payload = view[len(_MAGIC) : head], view[head:]
    if not hmac.compare_digest(signature, _sign(key, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a cache written by an incompatible version is a cold cache
        return None


_KEY: list[bytes] = []


def _secret_key() -> bytes | None:
    """This user's cache signing key, created on first use (None when it cannot be kept)."""
    if _KEY:
        return _KEY[0]
    path = default_cache_root() / "signing.key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = path.read_bytes() if _trusted(path) else b""
        if len(key) != 32 and (_trusted(path) or not path.exists()):
            key = _new_key(path)  # none yet, or one left empty by a process killed while writing it
    except OSError:
        return None
    if len(key) != 32:
        return None
    _KEY.append(key)
    return key


def _new_key(path: Path) -> bytes:
    """Write a fresh key beside `path` and move it into place whole; a key another process made wins."""
    key = secrets.token_bytes(32)
    fd, temp = tempfile.mkstemp(prefix=".signing.", dir=path.parent)  # mode 0600
    try:
        write_synced(fd, key)
        try:
            os.link(temp, path)
        except FileExistsError:
            existing = path.read_bytes()
            if len(existing) == 32:
                return existing
            os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return key


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made (see cli._app.freeze_records)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
