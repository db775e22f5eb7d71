"""The one guarded reader for every upload: reference images, avatars, edit and extension sources, cameo
clips, provenance checks.

An upload is refused as early as possible: by its byte size before it is read, by its pixel size from the
image header or the container metadata, by its length and frame count from a demux pass that decodes
nothing; only then is it decoded, off the event loop, by at most `DECODERS` uploads at a time per process,
so a hostile file can neither stall other requests nor take all the memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from cielo.uploads.images import MAX_IMAGE_PIXELS, read_image, reference_png
from cielo.uploads.video import Clip, ClipError, read_clip, read_opening

__all__ = ["MAX_IMAGE_PIXELS", "Clip", "ClipError", "decode_off_loop", "read_clip", "read_image",
           "read_opening", "reference_png"]

T = TypeVar("T")
DECODERS = 2
_decoders: asyncio.Semaphore | None = None


async def decode_off_loop(decode: Callable[..., T], *args, **kwargs) -> T:
    """Runs a decoding call in a worker thread; at most DECODERS run at once, the others wait their turn
    without holding up the event loop."""
    global _decoders
    if _decoders is None:
        _decoders = asyncio.Semaphore(DECODERS)
    async with _decoders:
        return await asyncio.to_thread(decode, *args, **kwargs)
