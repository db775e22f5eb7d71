"""A person's own voice: what is kept of it, who it may not belong to, re-recording it, and hearing it.

The recording comes with the cameo clip (the liveness digits read aloud) or is re-recorded alone (a
sentence from VOICE_SCRIPTS read aloud). Either way the words said are kept with it, because a speech
model continues a voice from a recording *and its transcript*. Its voiceprint (cielo.likeness.voiceprint)
is compared with every other user's: a recording of someone else's cameo voice is refused, as their face
would be. The owner can turn voice use off (their lines are then spoken by a voice of the model's own or
espeak-ng) and hear a sample of how their cameo sounds now.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time

import numpy as np
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.likeness import voices
from cielo.likeness.voiceprint import DEFAULT_VOICE_MATCH_THRESHOLD, closest_voice, from_bytes, to_bytes, voiceprint
from cielo.config import Settings
from cielo.generation.catalog import ModelCatalog
from cielo.db.models import Cameo, User
from cielo.errors import Conflict, InvalidInput
from cielo.generation.speech.recording import PROMPT_RATE, clean_recording, digits_transcript, load_prompt
from cielo.storage import MediaStore

MIN_SECONDS, MAX_SECONDS = 2.0, 15.0
# Sentences to read when re-recording the voice alone: varied sounds, a few seconds each.
VOICE_SCRIPTS = {
    "en": (
        "The quick brown fox jumps over the lazy dog while the sun sets behind the hills.",
        "On windy days I like to walk by the sea and listen to the waves crash on the rocks.",
        "Could you bring me a cup of hot chocolate and two slices of lemon cake, please?",
    ),
    "es": (
        "El veloz murciélago hindú comía feliz cardillo y kiwi mientras cantaba la cigüeña.",
        "Los días de viento me gusta caminar junto al mar y escuchar las olas contra las rocas.",
        "¿Me traes una taza de chocolate caliente y dos trozos de tarta de limón, por favor?",
    ),
}
SAMPLE_LINES = {
    "en": "Hi! This is how I sound in videos. See you in the feed!",
    "es": "¡Hola! Así sueno en los vídeos. ¡Nos vemos en el feed!",
}


def clip_transcript(analysis) -> str:
    """What a person said in their cameo clip: the liveness digits, read aloud."""
    challenge = ((analysis.summary or {}).get("liveness") or {}).get("challenge") or {}
    return digits_transcript(str(challenge.get("digits") or ""))


def print_of(audio: np.ndarray | None, rate: int) -> bytes | None:
    vector = voiceprint(audio, rate) if audio is not None and audio.size else None
    return to_bytes(vector) if vector is not None else None


async def refuse_someone_elses(session: AsyncSession, settings: Settings, print_: bytes | None, user: User) -> None:
    """Conflict when the recording's voiceprint matches another user's cameo voice."""
    if print_ is None:
        return
    rows = (await session.execute(select(Cameo.id, Cameo.voiceprint).where(
        Cameo.kind == "person", Cameo.voiceprint.is_not(None), Cameo.user_id != user.id))).all()
    others = {cid: from_bytes(data) for cid, data in rows}
    threshold = settings.cameo_voice_match_threshold or DEFAULT_VOICE_MATCH_THRESHOLD
    if closest_voice(from_bytes(print_), others, threshold) is not None:
        raise Conflict("This voice matches another person's cameo; you can only record your own voice.",
                       param="audio", code="cameo_voice_taken")


def script_language(script: str) -> str:
    """The language of one of VOICE_SCRIPTS' sentences; InvalidInput for any other text."""
    for language, sentences in VOICE_SCRIPTS.items():
        if script in sentences:
            return language
    raise InvalidInput("script must be one of the sentences offered for reading.", param="script",
                       code="invalid_script")


async def replace_voice(session: AsyncSession, settings: Settings, store: MediaStore, user: User, cameo: Cameo,
                        audio: np.ndarray, script: str) -> Cameo:
    """Keep a new recording of the owner's voice (read from `script`); the face is untouched."""
    script_language(script)
    if cameo.kind != "person":
        raise InvalidInput("Only a person's cameo has a voice of its own to record.", param="cameo_id")
    cleaned = await asyncio.to_thread(clean_recording, audio, PROMPT_RATE)
    if cleaned.size < MIN_SECONDS * PROMPT_RATE * 0.5:
        raise InvalidInput("The recording is almost silent: read the sentence aloud, close to the microphone.",
                           param="audio", code="voice_too_quiet")
    print_ = await asyncio.to_thread(print_of, cleaned, PROMPT_RATE)
    await refuse_someone_elses(session, settings, print_, user)
    key = f"cameos/{cameo.id}/{secrets.token_hex(4)}/voice.wav"
    store.put_bytes(key, voices.to_wav(cleaned, PROMPT_RATE))
    old = cameo.voice_key
    cameo.voice_key, cameo.voice_transcript, cameo.voiceprint = key, script, print_  # voice_enabled stays as set
    cameo.updated_at = time.time()
    await session.flush()
    if old:  # the old recording, and the samples spoken from it, go
        folder = old.rsplit("/", 1)[0]
        shared = folder in {k.rsplit("/", 1)[0] for k in cameo.reference_keys or []}  # beside the face crops
        store.delete(old) if shared else store.delete_prefix(folder)
    store.delete_prefix(_samples(cameo))
    return cameo


def _samples(cameo: Cameo) -> str:
    return f"cameos/{cameo.id}/samples"


def sample_key(cameo: Cameo, model: str, language: str) -> str:
    what = f"{model}|{language}|{cameo.voice_enabled}|{cameo.voice}|{cameo.voice_key}"  # anything new: a new sample
    return f"{_samples(cameo)}/{hashlib.sha1(what.encode()).hexdigest()[:16]}.wav"


def sample_wav(store: MediaStore, models: ModelCatalog, cameo: Cameo, language: str = "en") -> bytes:
    """How the cameo sounds in a video made now, saying a line in `language`: the configured speech model
    continuing the recording (when the owner allows it and the model speaks that language), else espeak-ng
    with the cameo's menu voice. Kept under the cameo's folder, so it is made once per recording, setting and
    language, and deleted with the recording or the cameo."""
    from cielo.generation.audio.speech import VoiceSettings, speak
    from cielo.generation.plan.voices import VOICE_ID_RE
    language = language if language in SAMPLE_LINES else "en"
    line = SAMPLE_LINES[language]
    name, budget = models.speech_model_for(None), models.settings.engine_memory_budget_gb
    spec, problem = models.speech_problem(name) if name else (None, "no speech model")
    use_model = (spec is not None and problem is None and cameo.voice_enabled and cameo.voice_key
                 and language in spec.languages)
    key = sample_key(cameo, name if use_model else "espeak-ng", language)
    if store.exists(key):
        return store.local_path(key).read_bytes()
    pcm = None
    if use_model:
        from cielo.generation.speech.model import Turn, say, warm_speech

        prompt = load_prompt(store.local_path(cameo.voice_key), cameo.voice_transcript or "", cameo.handle)
        if prompt is not None:
            pcm = say(warm_speech(spec, budget), line, speaker=0, seed=1, max_seconds=8.0,
                      context=[Turn(0, prompt.transcript, prompt.audio)])
    if pcm is None:
        match = VOICE_ID_RE.match(cameo.voice or "") or VOICE_ID_RE.match(voices.VOICES["bright_male"][0])
        pitch = int(match.group("pitch") or 50)
        pcm = speak(line, VoiceSettings(language, match.group("variant"), pitch, 165), PROMPT_RATE)
    peak = float(np.abs(pcm).max(initial=0.0))
    data = voices.to_wav(pcm * (0.7 / peak) if peak > 0 else pcm, PROMPT_RATE)
    store.put_bytes(key, data)
    return data
