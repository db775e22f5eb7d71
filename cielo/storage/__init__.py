"""Media storage behind a small interface; local folder now, S3 plugs in behind the same methods."""

from cielo.storage.base import MediaStore, StorageKeyError
from cielo.storage.local import LocalMediaStore

__all__ = ["LocalMediaStore", "MediaStore", "StorageKeyError", "make_media_store"]


def make_media_store(settings) -> MediaStore:  # noqa: ANN001
    return LocalMediaStore(settings.resolved_media_dir)
