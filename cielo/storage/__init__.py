"""Media storage behind a small interface: a local folder, or an S3 bucket (CIELO_MEDIA_URL=s3://...)."""

from cielo.storage.base import MediaStore, StorageKeyError
from cielo.storage.local import LocalMediaStore

__all__ = ["LocalMediaStore", "MediaStore", "StorageKeyError", "make_media_store"]


def make_media_store(settings) -> MediaStore:  # noqa: ANN001
    if settings.media_url:
        from cielo.storage.s3 import S3MediaStore

        return S3MediaStore(settings.media_url, settings.home.resolve() / "cache" / "media",
                            redirect=settings.media_redirect)
    return LocalMediaStore(settings.resolved_media_dir)
