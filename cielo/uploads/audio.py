"""Uploaded voice recordings (a cameo's voice, re-recorded alone): decode a short webm/ogg/mp4/wav with
PyAV into mono float32, refusing what is not audio, too long or damaged before decoding it all.

The browser's MediaRecorder gives webm or ogg Opus, phones give m4a AAC, a desktop recorder gives WAV. As
for clips, the duration is measured from the packets' timestamps in a demux pass that decodes nothing,
stopping as soon as it is over the limit; then the audio is decoded and resampled in one pass.

Errors are InvalidInput with these codes (their messages are templates, so they are translated):
``not_audio``, ``corrupt_audio``, ``audio_too_short``, ``audio_too_long``.
"""

from __future__ import annotations

import io

import numpy as np

from cielo.errors import InvalidInput

ALLOWED_FORMATS = ("webm", "matroska", "ogg", "mp4", "mov", "m4a", "wav", "mp3")
TOLERANCE = 0.5  # seconds
NOT_AUDIO = "This is not an audio recording we can read; send webm, ogg, m4a or wav."
DAMAGED = "The recording is damaged and cannot be read."
TOO_LONG = "The recording is longer than %(seconds)s s."
TOO_SHORT = "The recording is shorter than %(seconds)s s."


def read_voice(data: bytes, *, min_seconds: float, max_seconds: float, rate: int = 24_000,
               param: str = "audio") -> np.ndarray:
    """Mono float32 in [-1, 1] at `rate`: the first audio stream of `data`."""
    import av

    def opened():
        try:
            container = av.open(io.BytesIO(data), mode="r")
        except Exception as exc:
            raise InvalidInput(NOT_AUDIO, param=param, code="not_audio") from exc
        names = set(container.format.name.split(","))
        if not names & set(ALLOWED_FORMATS) or not container.streams.audio:
            container.close()
            raise InvalidInput(NOT_AUDIO, param=param, code="not_audio")
        return container

    with opened() as container:  # pass 1: the length, from timestamps only
        stream = container.streams.audio[0]
        base = float(stream.time_base or 0)
        first = last = None
        try:
            for packet in container.demux(stream):
                if packet.pts is None or not packet.size:
                    continue
                end = (packet.pts + (packet.duration or 0)) * base
                first = packet.pts * base if first is None else first
                last = end
                if last - first > max_seconds + TOLERANCE:
                    raise InvalidInput(TOO_LONG, param=param, code="audio_too_long", seconds=f"{max_seconds:g}")
        except InvalidInput:
            raise
        except Exception as exc:
            raise InvalidInput(DAMAGED, param=param, code="corrupt_audio") from exc
    if first is None or last - first < min_seconds - TOLERANCE:
        raise InvalidInput(TOO_SHORT, param=param, code="audio_too_short", seconds=f"{min_seconds:g}")
    chunks = []
    with opened() as container:  # pass 2: decode and resample
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        try:
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except Exception as exc:
            raise InvalidInput(DAMAGED, param=param, code="corrupt_audio") from exc
    if not chunks:
        raise InvalidInput(DAMAGED, param=param, code="corrupt_audio")
    audio = np.concatenate(chunks).astype(np.float32)[: int((max_seconds + TOLERANCE) * rate)]
    return np.clip(audio, -1.0, 1.0)
