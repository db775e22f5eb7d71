"""Media in S3 (CIELO_MEDIA_URL=s3://...), against a real S3 server: moto's, started here on 127.0.0.1.

The same store contract as the local folder; multipart uploads for big files; the read cache follows the
bucket (a replaced or deleted object is fetched again or gone); and a whole video through the API and a
worker with nothing in the local media folder: created, rendered, downloaded with byte ranges (streamed, or
redirected to a presigned URL), deleted from the bucket with the video."""

from __future__ import annotations

import asyncio
import os

import boto3
import httpx
import pytest

from cielo.workers.worker import worker_loop
from cielo.storage import LocalMediaStore, StorageKeyError
from cielo.storage.s3 import S3MediaStore, parse_s3_url
from tests.conftest import auth, make_settings, make_user


def bucket_objects(bucket: str) -> dict[str, bytes]:
    s3 = boto3.client("s3")
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {item["Key"]: s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read() for item in listed}


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalMediaStore(tmp_path / "media")
    return S3MediaStore(f"s3://{request.getfixturevalue('bucket')}/media", tmp_path / "cache")


def test_both_stores_keep_the_same_contract(store, tmp_path):
    store.put_bytes("videos/a.mp4", b"first")
    assert store.exists("videos/a.mp4") and store.size("videos/a.mp4") == 5
    assert store.local_path("videos/a.mp4").read_bytes() == b"first"
    source = tmp_path / "source.webp"
    source.write_bytes(b"x" * 1000)
    store.put_file("videos/a.webp", source)
    store.put_bytes("videos/a.mp4", b"second, longer")  # replaced whole
    assert store.local_path("videos/a.mp4").read_bytes() == b"second, longer"
    store.put_bytes("cameos/c1/face.png", b"face")
    store.put_bytes("cameos/c1/ref/0.png", b"ref")
    store.delete_prefix("cameos/c1")
    assert not store.exists("cameos/c1/face.png") and not store.exists("cameos/c1/ref/0.png")
    store.delete("videos/a.mp4")
    store.delete("videos/never-there.mp4")  # not an error
    assert not store.exists("videos/a.mp4") and store.exists("videos/a.webp")
    with pytest.raises(FileNotFoundError):
        store.local_path("videos/a.mp4")
    with pytest.raises(FileNotFoundError):
        store.size("videos/a.mp4")
    for bad in ("../etc/passwd", "/abs", "a/../b", ""):
        with pytest.raises(StorageKeyError):
            store.put_bytes(bad, b"no")


def test_big_files_go_up_in_parts_and_the_cache_follows_the_bucket(bucket, tmp_path):
    store = S3MediaStore(f"s3://{bucket}", tmp_path / "cache", multipart_bytes=5 * 1024 * 1024)
    big = tmp_path / "big.mp4"
    big.write_bytes(os.urandom(12 * 1024 * 1024))
    store.put_file("videos/big.mp4", big)
    head = boto3.client("s3").head_object(Bucket=bucket, Key="videos/big.mp4")
    assert head["ETag"].strip('"').endswith("-3")  # three parts of a multipart upload
    assert store.local_path("videos/big.mp4").read_bytes() == big.read_bytes()

    # Another host replaces, then deletes, an object: this host's cached copy is not served after that.
    other = S3MediaStore(f"s3://{bucket}", tmp_path / "other-cache")
    store.put_bytes("avatars/ana.webp", b"old")
    assert store.local_path("avatars/ana.webp").read_bytes() == b"old"
    other.put_bytes("avatars/ana.webp", b"new face")
    assert store.local_path("avatars/ana.webp").read_bytes() == b"new face"
    other.delete("avatars/ana.webp")
    with pytest.raises(FileNotFoundError):
        store.local_path("avatars/ana.webp")
    assert not (tmp_path / "cache" / "avatars" / "ana.webp").exists()


def test_media_urls_are_checked():
    assert parse_s3_url("s3://media/cielo/prod/") == ("media", "cielo/prod")
    assert parse_s3_url("s3://media") == ("media", "")
    for bad in ("s3:///nothing", "https://media/x", "/var/media"):
        with pytest.raises(ValueError):
            parse_s3_url(bad)
    with pytest.raises(ValueError):
        make_settings_with_url("https://bucket/x")


def make_settings_with_url(url: str):
    from cielo.config import Settings

    return Settings(media_url=url)


@pytest.fixture
def settings(tmp_path, database_url, bucket):
    return make_settings(tmp_path, database_url, media_url=f"s3://{bucket}/cielo", lease_seconds=30.0)


async def test_a_video_lives_in_the_bucket_from_render_to_delete(client, services, settings, bucket):
    _, key = await make_user(services, "ana")
    made = await client.post("/v1/videos", headers=auth(key), json={"prompt": "A red kite over a beach.",
                                                                    "seconds": "4"})
    assert made.status_code == 200, made.text
    video_id = made.json()["id"]
    await asyncio.wait_for(worker_loop(settings, asyncio.Event(), max_jobs=1), timeout=300)
    assert (await client.get(f"/v1/videos/{video_id}", headers=auth(key))).json()["status"] == "completed"

    stored = bucket_objects(bucket)
    [video_key] = [name for name in stored if name.endswith(".mp4") and video_id in name]
    assert video_key.startswith("cielo/")
    assert not settings.resolved_media_dir.exists() or not any(settings.resolved_media_dir.rglob("*.*"))

    # Streamed through the API, with byte ranges as players ask.
    whole = await client.get(f"/v1/videos/{video_id}/content", headers=auth(key))
    assert whole.status_code == 200 and whole.content == stored[video_key]
    part = await client.get(f"/v1/videos/{video_id}/content", headers={**auth(key), "range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == stored[video_key][:100]

    # With CIELO_MEDIA_REDIRECT the API answers with a presigned URL and the bucket serves the bytes.
    client.app.state.services.store.redirect = True
    moved = await client.get(f"/v1/videos/{video_id}/content", headers=auth(key))
    assert moved.status_code == 307
    fetched = httpx.get(moved.headers["location"], headers={"range": "bytes=100-199"})
    assert fetched.status_code == 206 and fetched.content == stored[video_key][100:200]
    assert fetched.headers["content-type"] == "video/mp4"

    assert (await client.delete(f"/v1/videos/{video_id}", headers=auth(key))).status_code == 200
    assert [name for name in bucket_objects(bucket) if video_id in name] == []
