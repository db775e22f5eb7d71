from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

# Keys are relative paths of plain segments; nothing that could climb out of the store.
_KEY = re.compile(r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*)*$")


class StorageKeyError(ValueError):
    pass


def check_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key:
        raise StorageKeyError(f"invalid storage key {key!r}")
    return key


class MediaStore(Protocol):
    def put_file(self, key: str, source: Path) -> None:
        """Copy `source` in under `key`, atomically: readers see the old object or the whole new one."""

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, atomically."""

    def local_path(self, key: str) -> Path:
        """A readable local file holding the object (downloaded first for remote stores)."""

    def download_url(self, key: str, *, filename: str, media_type: str, attachment: bool) -> str | None:
        """Where a client may fetch the object itself (a presigned URL), or None: stream it through the API."""

    def size(self, key: str) -> int:
        """Size in bytes; FileNotFoundError when absent."""

    def exists(self, key: str) -> bool:
        """Whether an object is stored under `key`."""

    def delete(self, key: str) -> None:
        """Remove the object; absent objects are not an error."""

    def delete_prefix(self, prefix: str) -> None:
        """Remove every object under `prefix/`."""
