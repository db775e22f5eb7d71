"""Speech synthesis with espeak-ng, loaded in-process through ctypes.

espeakng-loader ships the shared library and its voice data, so speech works from a plain
`pip install` with no system packages and no subprocess. espeak-ng keeps global state (one current
voice, one callback), so every call goes through a process-wide lock.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cielo.generation.errors import GenerationError

# Constants from espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # without it a bad data path calls exit() inside the library
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE, _PARAM_VOLUME, _PARAM_PITCH, _PARAM_RANGE = 1, 2, 3, 4

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


@dataclass(frozen=True)
class VoiceSettings:
    """What espeak-ng needs to speak one line in one character's voice."""

    language: str  # espeak voice name: "en", "es", ...
    variant: str  # espeak variant file: "m3", "f2", ...
    pitch: int  # 0..100, espeak's base pitch
    rate: int  # words per minute
    pitch_range: int = 50  # 0..100, intonation range


# Two wave generator settings keep state from one utterance to the next in espeak-ng's C statics:
# "flutter" (pitch wobble, a table index that never resets) and "roughness" (alternate-cycle
# jitter). With them, the same line sounds slightly different each time it is spoken in a process.
# We run espeak on a private copy of its data folder whose voice variants turn both off, so a line
# is sample-identical every time; all other data files are links to the package's own.
DETERMINISM_OVERRIDES = "\n// cielo: deterministic output\nflutter 0\nroughness 0\n"


def deterministic_data_dir(source: Path) -> Path:
    """A folder containing an espeak-ng-data that mirrors `source` with patched variants.

    Built once per machine under the temp folder (under a unique name, then renamed into place, so
    concurrent workers never see a half-built folder) and reused afterwards.
    """
    stamp = hashlib.sha1(f"{source.resolve()}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    final = Path(tempfile.gettempdir()) / f"cielo-espeak-{stamp}"
    if (final / "espeak-ng-data" / "voices" / "!v").is_dir():
        return final
    building = final.with_name(f"{final.name}.{uuid.uuid4().hex[:8]}.part")
    data = building / "espeak-ng-data"
    (data / "voices" / "!v").mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "voices":
            _link(entry, data / entry.name)
    for entry in (source / "voices").iterdir():
        if entry.name != "!v":
            _link(entry, data / "voices" / entry.name)
    for variant in (source / "voices" / "!v").iterdir():
        text = variant.read_bytes().decode("utf-8", errors="replace")
        (data / "voices" / "!v" / variant.name).write_text(text + DETERMINISM_OVERRIDES, encoding="utf-8")
    try:
        os.rename(building, final)
    except OSError:  # another process finished first: use theirs
        shutil.rmtree(building, ignore_errors=True)
    return final


def _link(target: Path, link: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError:  # no symlinks (some Windows setups): copy instead
        if target.is_dir():
            shutil.copytree(target, link)
        else:
            shutil.copy2(target, link)


class _Espeak:
    """The loaded library plus the buffer its callback fills."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise GenerationError("engine_unavailable", "espeakng-loader is not installed") from exc
        try:
            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        except OSError as exc:
            raise GenerationError("engine_unavailable", f"cannot load libespeak-ng: {exc}") from exc
        lib = self.lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synchronize.argtypes = []
        # Aspiration and breath use a pseudo-random generator; reseeding it before every line is
        # what makes the same line come out sample-identical every time.
        self._set_seed = getattr(lib, "espeak_ng_SetRandSeed", None)
        if self._set_seed is not None:
            self._set_seed.argtypes = [ctypes.c_long]
            self._set_seed.restype = None
        package_data = Path(espeakng_loader.get_data_path())
        try:
            data_path = str(deterministic_data_dir(package_data)).encode()
        except OSError:  # no writable temp folder: speak anyway, just not sample-identical
            data_path = str(package_data).encode()
        self.sample_rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, _INITIALIZE_DONT_EXIT
        )
        if self.sample_rate <= 0:
            raise GenerationError("engine_unavailable", "espeak-ng failed to initialise its voice data")
        self._chunks: list[np.ndarray] = []
        # Keep a reference: ctypes callbacks are freed when the Python object is collected.
        self._callback = _SYNTH_CALLBACK(self._on_audio)
        lib.espeak_SetSynthCallback(self._callback)

    def _on_audio(self, wav: ctypes.POINTER(ctypes.c_short), count: int, _events: int) -> int:
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = keep going

    def synthesize(self, text: str, voice: VoiceSettings) -> np.ndarray:
        lib = self.lib
        name = f"{voice.language}+{voice.variant}" if voice.variant else voice.language
        if lib.espeak_SetVoiceByName(name.encode()) != 0 and lib.espeak_SetVoiceByName(b"en") != 0:
            raise GenerationError("engine_unavailable", f"espeak-ng has no voice {name!r}")
        lib.espeak_SetParameter(_PARAM_RATE, int(np.clip(voice.rate, 80, 450)), 0)
        lib.espeak_SetParameter(_PARAM_PITCH, int(np.clip(voice.pitch, 0, 100)), 0)
        lib.espeak_SetParameter(_PARAM_RANGE, int(np.clip(voice.pitch_range, 0, 100)), 0)
        lib.espeak_SetParameter(_PARAM_VOLUME, 100, 0)
        encoded = text.encode("utf-8") + b"\0"
        if self._set_seed is not None:
            self._set_seed(1)
        self._chunks = []
        lib.espeak_Synth(encoded, len(encoded), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        lib.espeak_Synchronize()
        chunks, self._chunks = self._chunks, []
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32) / 32768.0


_lock = threading.Lock()
_engine: _Espeak | None = None


def _get_engine() -> _Espeak:
    global _engine
    if _engine is None:
        _engine = _Espeak()
    return _engine


def speak(text: str, voice: VoiceSettings, sample_rate: int) -> np.ndarray:
    """Mono float32 speech for `text` at `sample_rate`, trimmed of leading/trailing silence."""
    with _lock:
        engine = _get_engine()
        pcm = engine.synthesize(text, voice)
        native_rate = engine.sample_rate
    pcm = trim_silence(pcm)
    if pcm.size == 0:
        return pcm
    return resample(pcm, native_rate, sample_rate)


def trim_silence(pcm: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    """`pcm` without its leading and trailing samples at or under `threshold`."""
    loud = np.flatnonzero(np.abs(pcm) > threshold)
    if loud.size == 0:
        return pcm[:0]
    return pcm[loud[0] : loud[-1] + 1]


def resample(signal: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Band-limited enough for speech: linear interpolation after espeak's own 22 kHz output.

    espeak's output has little energy above 8 kHz, so linear interpolation up to 48 kHz adds no
    audible aliasing and costs almost nothing.
    """
    if rate_in == rate_out or signal.size == 0:
        return signal.astype(np.float32, copy=False)
    n_out = round(signal.size * rate_out / rate_in)
    positions = np.arange(n_out, dtype=np.float64) * (rate_in / rate_out)
    return np.interp(positions, np.arange(signal.size), signal).astype(np.float32)
