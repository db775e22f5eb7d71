"""Media in an S3 bucket (AWS or any S3-compatible service: MinIO, Ceph, R2...), chosen with
CIELO_MEDIA_URL=s3://bucket/prefix and configured by the standard AWS variables (AWS_ENDPOINT_URL,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION), so API processes and workers on any host share
one store without a shared folder.

Writes are single PUTs, or multipart uploads for big files (boto3's transfer manager); an object appears whole
or not at all, as S3 promises. Reads that need a file (ffmpeg, zip export, serving with byte ranges) go through
a local cache of whole objects under $CIELO_HOME/cache/media, checked against the object's ETag on every use,
so a replaced avatar is fetched again and a deleted object is gone everywhere. The cache only ever holds
copies: deleting it loses nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from cielo.storage.base import check_key

MULTIPART_BYTES = 16 * 1024 * 1024  # files above this go up in parts of this size, several at once
PRESIGNED_SECONDS = 3600


def parse_s3_url(url: str) -> tuple[str, str]:
    """s3://bucket/some/prefix -> ("bucket", "some/prefix"); ValueError for anything else."""
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise ValueError(f"A media URL of S3 looks like s3://bucket/prefix, not {url!r}.")
    return parsed.netloc, parsed.path.strip("/")


class S3MediaStore:
    def __init__(self, url: str, cache_dir: Path, *, redirect: bool = False,
                 multipart_bytes: int = MULTIPART_BYTES) -> None:
        import boto3
        from boto3.s3.transfer import TransferConfig

        self.bucket, self.prefix = parse_s3_url(url)
        self.redirect = redirect
        self.cache = Path(cache_dir).resolve()
        self.cache.mkdir(parents=True, exist_ok=True)
        # boto3 reads AWS_ENDPOINT_URL, the keys and the region from the environment (or its config files).
        self.client = boto3.client("s3")
        self.transfer = TransferConfig(multipart_threshold=multipart_bytes, multipart_chunksize=multipart_bytes)

    def _name(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _head(self, key: str) -> dict | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    # ------------------------------------------------------------------------------------------- writes

    def put_file(self, key: str, source: Path) -> None:
        self.client.upload_file(str(source), self.bucket, self._name(key), Config=self.transfer)

    def put_bytes(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=data)

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))
        self._forget(self.cache / key)

    def delete_prefix(self, prefix: str) -> None:
        start = self._name(prefix) + "/"
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=start)
        for page in pages:
            names = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if names:  # a page holds at most 1,000 keys, as many as one delete_objects call takes
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": names, "Quiet": True})
        shutil.rmtree(self.cache / check_key(prefix), ignore_errors=True)

    # -------------------------------------------------------------------------------------------- reads

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def size(self, key: str) -> int:
        head = self._head(key)
        if head is None:
            raise FileNotFoundError(key)
        return int(head["ContentLength"])

    def local_path(self, key: str) -> Path:
        head = self._head(key)
        path = self.cache / key
        if head is None:
            self._forget(path)
            raise FileNotFoundError(key)
        tag = _tag_file(path)
        if path.is_file() and tag.is_file() and tag.read_text() == head["ETag"]:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        os.close(fd)
        try:
            self.client.download_file(self.bucket, self._name(key), tmp, Config=self.transfer)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        tag.write_text(head["ETag"])
        return path

    def download_url(self, key: str, *, filename: str, media_type: str, attachment: bool) -> str | None:
        """With `redirect`, a presigned URL valid for an hour: the client fetches the object from the bucket
        (byte ranges included) and the API moves no bytes. A missing object answers 404 here, not there."""
        if not self.redirect:
            return None
        if self._head(key) is None:
            raise FileNotFoundError(key)
        disposition = "attachment" if attachment else "inline"
        return self.client.generate_presigned_url(
            "get_object", ExpiresIn=PRESIGNED_SECONDS,
            Params={"Bucket": self.bucket, "Key": self._name(key), "ResponseContentType": media_type,
                    "ResponseContentDisposition": f'{disposition}; filename="{filename}"'})

    @staticmethod
    def _forget(path: Path) -> None:
        path.unlink(missing_ok=True)
        _tag_file(path).unlink(missing_ok=True)


def _tag_file(path: Path) -> Path:
    # Beside the copy, under a name no key can have (keys never start with a dot).
    return path.with_name(f".{path.name}.etag")
