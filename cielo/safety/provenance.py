"""Answers "where did this clip or image come from?": the invisible watermark names the video, the
perceptual hashes find near duplicates, and a C2PA manifest (for mp4 files) says who signed it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import VALID_SIZES
from cielo.db.models import User, Video, VideoFingerprint
from cielo.errors import InvalidInput
from cielo.safety.guard import SafetyGuard
from cielo.uploads import ClipError, decode_off_loop, read_image, read_opening
from cielo.uploads.images import check_size

# The invisible mark sits on every Nth frame; the first 13 frames of any cut contain at least one.
FRAMES_TO_SCAN = 13
SIZE_HINTS = [tuple(int(v) for v in size.split("x")) for size in VALID_SIZES]


def decode_upload(data: bytes, max_bytes: int, max_seconds: float) -> tuple[list[np.ndarray], str]:
    """RGB frames of an uploaded image or clip (its first FRAMES_TO_SCAN), and which of the two it was.
    Both go through the guarded readers: sizes and lengths are refused before decoding."""
    check_size(data, max_bytes, "file")
    try:
        return [np.asarray(read_image(data, max_bytes, "file"))], "image"
    except InvalidInput as exc:
        if exc.code != "invalid_image":
            raise  # an image, but too large
    try:
        return read_opening(data, FRAMES_TO_SCAN, max_duration=max_seconds, param="file").frames, "video"
    except ClipError as exc:
        if exc.code == "not_a_video":
            raise InvalidInput("file must be a JPEG, PNG or WebP image or an mp4, mov or webm video.",
                               param="file", code="invalid_file") from exc
        raise


def _analyse(guard: SafetyGuard, data: bytes, frames: list[np.ndarray], kind: str) -> dict[str, Any]:
    """The CPU-heavy part (run in a thread): watermark, hashes and C2PA of the upload (each when the
    safety extra provides it)."""
    found: dict[str, Any] = {"kind": kind, "watermark": None, "hashes": [], "c2pa": None}
    if guard.invisible and min(frames[0].shape[:2]) >= 256:
        detection = guard.invisible_watermark().detect_frames(frames, sizes=SIZE_HINTS)
        if detection is not None:
            found["watermark"] = detection
    if kind == "image":
        from cielo.safety.hashes import hash_image

        found["hashes"] = [hash_image(frames[0])]
    else:
        with tempfile.TemporaryDirectory(prefix="cielo-check-") as tmp:
            path = Path(tmp) / "upload.mp4"
            path.write_bytes(data)
            from cielo.safety.hashes import hash_video

            found["hashes"] = hash_video(path)
            if guard.signing:
                report = guard.credentials.verify(path)
                if report.manifest is not None:
                    found["c2pa"] = {"valid": report.valid, "trusted": report.trusted,
                                     "video_id": report.video_id, "errors": report.errors}
    return found


async def check_provenance(session: AsyncSession, guard: SafetyGuard, data: bytes, max_bytes: int,
                           max_seconds: float) -> dict:
    frames, kind = await decode_off_loop(decode_upload, data, max_bytes, max_seconds)
    found = await decode_off_loop(_analyse, guard, data, frames, kind)
    answer: dict[str, Any] = {"object": "provenance.check", "kind": kind, "watermark": None, "near_duplicates": [],
                              "c2pa": found["c2pa"]}
    detection = found["watermark"]
    if detection is not None:
        from cielo.safety.invisible import VideoIdCodec

        codec = VideoIdCodec()
        candidates = await session.scalars(
            select(Video).where(Video.id.like(codec.id_prefix(detection.key) + "%")))
        for video in candidates:
            if codec.matches(video.id, detection.key):
                creator = await session.get(User, video.user_id)
                answer["watermark"] = {"video_id": video.id, "creator": creator.handle if creator else None,
                                       "confidence": round(detection.confidence, 3)}
                break
    if found["hashes"]:
        from cielo.safety.hashes import best_match

        rows = await session.execute(select(VideoFingerprint.video_id, VideoFingerprint.hashes))
        match = best_match(found["hashes"], {video_id: hashes for video_id, hashes in rows})
        if match is not None:
            video = await session.get(Video, match.id)
            creator = await session.get(User, video.user_id) if video else None
            answer["near_duplicates"].append({"video_id": match.id, "creator": creator.handle if creator else None,
                                              "distance": match.distance,
                                              "matched_fraction": round(match.matched_fraction, 3)})
    return answer
