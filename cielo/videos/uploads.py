"""Checks on uploaded files before anything is stored: real, complete images and decodable videos."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from cielo.errors import InvalidInput, PayloadTooLarge

MAX_IMAGE_PIXELS = 40_000_000


def normalized_reference_png(data: bytes, max_bytes: int, param: str = "input_reference") -> bytes:
    """Decode the whole image (truncated files fail here) and re-encode it as PNG, dropping metadata."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{param} is larger than {max_bytes // (1024 * 1024)} MB.", param=param)
    if not data:
        raise InvalidInput(f"{param} is empty.", param=param)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise InvalidInput(f"{param} has too many pixels.", param=param)
            image.load()
            rgb = image.convert("RGB")
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidInput(
            f"{param} must be a complete JPEG, PNG or WebP image ({type(exc).__name__}).",
            param=param,
            code="invalid_image",
        ) from exc
    out = io.BytesIO()
    rgb.save(out, format="PNG")
    return out.getvalue()


def check_video_upload(data: bytes, max_bytes: int, param: str = "video") -> float:
    """Returns the duration in seconds of a decodable video with one video stream."""
    import av

    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{param} is larger than {max_bytes // (1024 * 1024)} MB.", param=param)
    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.video:
                raise InvalidInput(f"{param} has no video stream.", param=param)
            stream = container.streams.video[0]
            frames = 0
            last_time = 0.0
            for frame in container.decode(stream):
                frames += 1
                last_time = float(frame.time or 0.0)
            if frames == 0:
                raise InvalidInput(f"{param} has no decodable frames.", param=param)
            rate = float(stream.average_rate or 24)
            return last_time + 1.0 / rate
    except InvalidInput:
        raise
    except Exception as exc:  # PyAV raises many error types for corrupt media
        raise InvalidInput(f"{param} is not a readable video file.", param=param, code="invalid_video") from exc
