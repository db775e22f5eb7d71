"""Uploaded images (reference images, avatars, provenance checks): only JPEG, PNG and WebP, their size read
from the header and refused before a pixel is decoded, then decoded whole (a truncated file fails here)
and re-encoded, so nothing of the upload (metadata, trailing bytes) is kept."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from cielo.errors import InvalidInput, PayloadTooLarge

FORMATS = ("JPEG", "PNG", "WEBP")
# 4096 x 4096: more than any picture a video of at most 1920 px needs. A 128 KB PNG can claim 40 MP (and
# take 300 MB and seconds to decode), so the header is checked first.
MAX_IMAGE_PIXELS = 4096 * 4096
MAX_IMAGE_SIDE = 8192


def check_size(data: bytes, max_bytes: int, param: str) -> None:
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{param} is larger than {max_bytes // (1024 * 1024)} MB.", param=param)
    if not data:
        raise InvalidInput(f"{param} is empty.", param=param)


def read_image(data: bytes, max_bytes: int, param: str, *, max_pixels: int = MAX_IMAGE_PIXELS) -> Image.Image:
    """The upload as a decoded RGB image. Raises InvalidInput (code invalid_image or image_too_large)."""
    check_size(data, max_bytes, param)
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            width, height = image.size
            if width * height > max_pixels or max(width, height) > MAX_IMAGE_SIDE:
                raise InvalidInput(
                    f"{param} is {width}x{height} pixels; at most {max_pixels // 1_000_000} megapixels and "
                    f"{MAX_IMAGE_SIDE} pixels a side are accepted.", param=param, code="image_too_large")
            image.load()
            return image.convert("RGB")
    except InvalidInput:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own header check, for far larger claims
        raise InvalidInput(f"{param} claims far too many pixels.", param=param, code="image_too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(
            f"{param} must be a complete JPEG, PNG or WebP image ({type(exc).__name__}).",
            param=param,
            code="invalid_image",
        ) from exc


def reference_png(data: bytes, max_bytes: int, param: str = "input_reference") -> bytes:
    """The upload decoded and re-encoded as PNG (metadata dropped)."""
    out = io.BytesIO()
    read_image(data, max_bytes, param).save(out, format="PNG")
    return out.getvalue()
