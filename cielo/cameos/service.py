"""Cameos on the platform: create one from a clip (a person after a liveness challenge, or a character),
decide who may use it, resolve the @mentions of a prompt, record every use, and erase it on request.

Clip analysis is CPU work (a couple of seconds): callers run :func:`analyze_person_clip` and
:func:`analyze_character_clip` in a thread, outside any database transaction, then store the result.

Likeness data lives in two places only: the ``cameos`` row (the face embedding) and the media store under
``cameos/{id}/`` (reference crops and the recorded voice). :func:`delete_cameo` removes both.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import and_, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.text import visible
from cielo.cameos import consent
from cielo.likeness import voices
from cielo.likeness.mentions import CHARACTER_PART_RE, mentioned_handles, slug
from cielo.config import Settings
from cielo.db.models import Cameo, CameoAccess, CameoChallenge, CameoUse, User, Video
from cielo.errors import CieloError, Conflict, Forbidden, InvalidInput, NotFound
from cielo.generation.errors import GenerationError
from cielo.likeness.reference import CameoRef
from cielo.ids import is_valid_id, new_id
from cielo.people.blocks import blocked_between
from cielo.db.queries import insert_ignore
from cielo.people.notifications import notify
from cielo.storage import MediaStore

log = logging.getLogger("cielo.cameos")

MAX_CHARACTERS = 20
REFERENCES = 4
EMBEDDING_DTYPE = np.float32


class FacesUnavailable(CieloError):
    status = 503
    type = "server_error"
    code = "faces_unavailable"


class LivenessFailed(InvalidInput):
    """The clip did not show one live person following the challenge; `codes` say every reason."""

    def __init__(self, message: str, codes: list[str]) -> None:
        super().__init__(message, param="video", code="liveness_failed")
        self.codes = codes


# ------------------------------------------------------------------------------------------- challenges


async def new_challenge(session: AsyncSession, settings: Settings, user: User) -> CameoChallenge:
    from cielo.likeness.liveness import Challenge

    challenge = Challenge.random(n_turns=2, n_digits=settings.cameo_challenge_digits)
    now = time.time()
    await session.execute(delete(CameoChallenge).where(  # answered or expired ones are of no use any more
        CameoChallenge.user_id == user.id, (CameoChallenge.used_at.is_not(None)) | (CameoChallenge.expires_at < now)))
    row = CameoChallenge(id=new_id("chal"), user_id=user.id, turns=list(challenge.turns), digits=challenge.digits,
                         created_at=now, expires_at=now + settings.cameo_challenge_seconds)
    session.add(row)
    await session.flush()
    return row


def challenge_json(row: CameoChallenge) -> dict[str, Any]:
    from cielo.likeness.liveness import Challenge

    return {"id": row.id, "object": "cameo.challenge", "turns": list(row.turns), "digits": row.digits,
            "instructions": Challenge(tuple(row.turns), row.digits).instructions(),
            "expires_at": int(row.expires_at)}


async def take_challenge(session: AsyncSession, user: User, challenge_id: str | None):
    """The user's unused, unexpired challenge, marked used (one clip per challenge: a failed attempt needs a
    new one). Returns the library's Challenge."""
    from cielo.likeness.liveness import Challenge

    if not challenge_id or not is_valid_id(challenge_id, "chal"):
        raise InvalidInput("challenge_id is required: ask for a challenge first (POST /api/cameos/challenge).",
                           param="challenge_id", code="challenge_invalid")
    row = await session.get(CameoChallenge, challenge_id, with_for_update=True)
    if row is None or row.user_id != user.id:
        raise InvalidInput("No such challenge.", param="challenge_id", code="challenge_invalid")
    if row.used_at is not None:
        raise InvalidInput("This challenge was already answered; ask for a new one.", param="challenge_id",
                           code="challenge_used")
    if row.expires_at < time.time():
        raise InvalidInput("This challenge has expired; ask for a new one.", param="challenge_id",
                           code="challenge_expired")
    row.used_at = time.time()
    return Challenge(tuple(row.turns), row.digits)


# ------------------------------------------------------------------------------------------- analysis


@dataclass
class ClipAnalysis:
    """What is kept of a clip: reference PNGs, the embedding (people), the voice, a JSON summary."""

    references: list[bytes]
    embedding: np.ndarray | None
    audio: np.ndarray | None
    audio_rate: int
    summary: dict[str, Any] = field(default_factory=dict)


def _analyzer(max_side: int | None = None):
    from cielo.likeness.faces import FaceAnalyzer, FaceModelsMissing

    analyzer = FaceAnalyzer(max_side=max_side)
    try:
        analyzer.models  # noqa: B018 - load now, to fail with a clear message
    except (FaceModelsMissing, ImportError) as exc:
        # The person recording sees what happened; the operator finds the details here and in `cielo doctor`.
        log.error("cameos are unavailable: %s", exc)
        raise FacesUnavailable("Cameos are not available on this server right now: its face models are missing. "
                               "An administrator can run `cielo doctor` to fix it.") from exc
    return analyzer


def _read(settings: Settings, data: bytes):
    from cielo.uploads import read_clip

    if not data:
        seconds = f"{settings.cameo_clip_min_seconds:g}-{settings.cameo_clip_max_seconds:g} s"
        raise InvalidInput(f"video is required: a {seconds} clip (webm or mp4).", param="video", code="clip_missing")
    return read_clip(data, n_frames=settings.cameo_clip_frames, min_duration=settings.cameo_clip_min_seconds,
                     max_duration=settings.cameo_clip_max_seconds, param="video")


def analyze_person_clip(settings: Settings, data: bytes, challenge) -> ClipAnalysis:
    """Decode, find the face in every sampled frame, check liveness against `challenge` and face quality,
    and build the profile. Raises ClipError, LivenessFailed or InvalidInput (with the reason's code)."""
    from cielo.likeness.faces import QualityCheck
    from cielo.likeness.liveness import build_cameo_profile, check_liveness

    analyzer = _analyzer()
    clip = _read(settings, data)
    observations = []
    for frame in clip.frames:
        faces = analyzer.analyze(frame)
        if len(faces) > 1:  # no need to look further
            raise InvalidInput(f"More than one face ({len(faces)}) in the clip: a cameo shows exactly one person.",
                               param="video", code="multiple_faces")
        observations.append(faces)
    if not any(observations):
        raise InvalidInput("No face was found in the clip: record your face, well lit, filling the frame.",
                           param="video", code="no_face")
    result = check_liveness(observations, challenge, frames=clip.frames, audio=clip.audio,
                            audio_rate=clip.audio_rate)
    if not result.passed:
        raise LivenessFailed("Liveness check failed: " + "; ".join(result.reasons) + ".", result.codes)
    profile = build_cameo_profile(clip.frames, observations, n_references=REFERENCES, quality=QualityCheck())
    if not profile.quality_ok:
        code = (profile.quality.get("codes") or ["low_quality"])[0]
        raise InvalidInput("The face is not clear enough: " + "; ".join(profile.quality_reasons) + ".",
                           param="video", code=code)
    summary = {
        "clip": {"duration": round(clip.duration, 2), "width": clip.width, "height": clip.height,
                 "codec": clip.video_codec, "container": clip.container, "has_audio": clip.has_audio},
        "quality": profile.quality,
        "liveness": {"passed": True, "challenge": challenge.to_dict(), "observed_turns": result.observed_turns,
                     "max_parallax": result.max_parallax, "identity_spread": result.identity_spread,
                     "voiced_seconds": result.voiced_seconds, "digits_verified": result.digits_verified},
    }
    return ClipAnalysis(profile.reference_pngs, profile.embedding.astype(EMBEDDING_DTYPE), clip.audio,
                        clip.audio_rate, summary)


def analyze_character_clip(settings: Settings, data: bytes) -> ClipAnalysis:
    """A pet or an object: no liveness, but no human face either (that would be a person, without consent)."""
    from cielo.likeness.faces import to_png

    analyzer = _analyzer()
    clip = _read(settings, data)
    for frame in clip.frames:  # detection only: any face refuses, no need to know whose
        if analyzer.detect(frame):
            raise InvalidInput("The clip shows a human face: characters are pets and objects; record a person "
                               "as a cameo instead.", param="video", code="character_has_human_face")
    n = len(clip.frames)
    order = [n // 2, n // 4, (3 * n) // 4, n - 1][: min(REFERENCES, n)]
    references = []
    for index in dict.fromkeys(order):
        frame = clip.frames[index]
        h, w = frame.shape[:2]
        side = min(h, w)
        y, x = (h - side) // 2, (w - side) // 2
        references.append(to_png(frame[y : y + side, x : x + side]))
    summary = {"clip": {"duration": round(clip.duration, 2), "width": clip.width, "height": clip.height,
                        "codec": clip.video_codec, "container": clip.container, "has_audio": clip.has_audio}}
    return ClipAnalysis(references, None, clip.audio, clip.audio_rate, summary)


def faces_in_image(png: bytes) -> list[np.ndarray]:
    """Embeddings of the faces in an image (for the input_reference likeness check)."""
    import io

    from PIL import Image

    analyzer = _analyzer(max_side=1024)  # large photos are shrunk; faces from ~40 px are still found
    with Image.open(io.BytesIO(png)) as image:
        rgb = np.asarray(image.convert("RGB"))
    return [face.embedding for face in analyzer.analyze(rgb, upsample=1)]


# ------------------------------------------------------------------------------------------- storing


def _embedding(cameo: Cameo) -> np.ndarray | None:
    if not cameo.embedding:
        return None
    return np.frombuffer(cameo.embedding, dtype=EMBEDDING_DTYPE).astype(np.float64)


async def _person_embeddings(session: AsyncSession, *, except_user: str | None = None) -> dict[str, np.ndarray]:
    query = select(Cameo.id, Cameo.embedding).where(Cameo.kind == "person", Cameo.embedding.is_not(None))
    if except_user:
        query = query.where(Cameo.user_id != except_user)
    rows = (await session.execute(query)).all()
    return {cid: np.frombuffer(data, dtype=EMBEDDING_DTYPE).astype(np.float64) for cid, data in rows}


def _store_likeness(store: MediaStore, cameo_id: str, analysis: ClipAnalysis) -> tuple[str, list[str], str | None]:
    """Writes the references and the voice under a fresh folder; returns (face key, reference keys, voice key)."""
    folder = f"cameos/{cameo_id}/{secrets.token_hex(4)}"
    keys = []
    for i, png in enumerate(analysis.references):
        key = f"{folder}/ref-{i}.png"
        store.put_bytes(key, png)
        keys.append(key)
    voice_key = None
    if analysis.audio is not None and analysis.audio.size:
        voice_key = f"{folder}/voice.wav"
        store.put_bytes(voice_key, voices.to_wav(analysis.audio, analysis.audio_rate))
    return keys[0], keys, voice_key


def _forget_files(store: MediaStore, keys: Sequence[str | None]) -> None:
    folders = {key.rsplit("/", 1)[0] for key in keys if key}
    for folder in folders:
        store.delete_prefix(folder)


def _choose_voice(voice: str | None, analysis: ClipAnalysis, default: str | None = None) -> str:
    if voice in (None, "", "auto"):
        if default:
            return voices.voice_id(default)
        return voices.auto_voice(analysis.audio, analysis.audio_rate)
    return voices.voice_id(voice)


async def create_person_cameo(session: AsyncSession, settings: Settings, store: MediaStore, user: User,
                              analysis: ClipAnalysis, *, voice: str | None = None) -> Cameo:
    """Stores a person's cameo from an analysed clip, or re-records theirs (settings kept, likeness replaced).
    Refused when the face matches someone else's cameo."""
    from cielo.likeness.faces import closest_match

    from cielo.cameos.recorded_voice import clip_transcript, print_of, refuse_someone_elses

    assert analysis.embedding is not None
    others = await _person_embeddings(session, except_user=user.id)
    match = closest_match(analysis.embedding.astype(np.float64), others, settings.cameo_match_threshold)
    if match is not None:
        raise Conflict("This face matches another person's cameo; you can only record your own likeness.",
                       param="video", code="cameo_likeness_taken")
    voice_print = await asyncio.to_thread(print_of, analysis.audio, analysis.audio_rate)
    await refuse_someone_elses(session, settings, voice_print, user)
    existing = await session.scalar(select(Cameo).where(Cameo.user_id == user.id, Cameo.kind == "person"))
    cameo = existing or Cameo(id=new_id("cameo"), user_id=user.id, kind="person", handle=user.handle,
                              handle_key=user.handle_key, name=user.display_name, permission="only_me",
                              restrictions=[], reference_keys=[], created_at=time.time())
    old_keys = [*(existing.reference_keys if existing else []), existing.voice_key if existing else None]
    face_key, keys, voice_key = _store_likeness(store, cameo.id, analysis)
    try:
        cameo.embedding = analysis.embedding.astype(EMBEDDING_DTYPE).tobytes()
        cameo.face_key, cameo.reference_keys, cameo.voice_key = face_key, keys, voice_key
        cameo.voice_transcript, cameo.voiceprint = clip_transcript(analysis), voice_print
        cameo.voice = _choose_voice(voice, analysis) if (voice or not existing) else existing.voice
        cameo.quality = analysis.summary
        cameo.updated_at = time.time()
        if existing is None:
            session.add(cameo)
        await session.flush()
    except BaseException:
        _forget_files(store, [face_key])
        raise
    _forget_files(store, old_keys)
    if existing is not None:  # adapters trained on the old recording would bring the old likeness back
        from cielo.cameos.trainings import stop_trainings
        from cielo.generation.training.store import erase_adapters

        await stop_trainings(session, cameo.id)
        erase_adapters(settings, cameo.handle)
    return cameo


async def create_character(session: AsyncSession, settings: Settings, store: MediaStore, user: User,
                           analysis: ClipAnalysis, *, name: str | None, handle: str | None = None,
                           voice: str | None = None) -> Cameo:
    name = (name or "").strip()
    if not visible(name) or not 1 <= len(name) <= 60:
        raise InvalidInput("name is required (1-60 characters).", param="name", code="invalid_name")
    part = (handle or "").strip().lstrip("@").lower()
    if part and "." in part:
        owner, _, part = part.partition(".")
        if owner != user.handle_key:
            raise InvalidInput(f"A character's handle starts with your own: @{user.handle}.<name>.", param="handle")
    if part and not CHARACTER_PART_RE.match(part):
        raise InvalidInput("A character's handle is 1-30 letters, digits or underscores.", param="handle",
                           code="invalid_handle")
    count = await session.scalar(select(func.count()).select_from(Cameo).where(
        Cameo.user_id == user.id, Cameo.kind == "character"))
    if count >= MAX_CHARACTERS:
        raise Conflict(f"You have {MAX_CHARACTERS} characters already; delete one first.", code="too_many_characters")
    base = part or slug(name)
    taken = set(await session.scalars(select(Cameo.handle_key).where(Cameo.handle_key.like(f"{user.handle_key}.%"))))
    candidate, n = base, 2
    while f"{user.handle_key}.{candidate}" in taken:
        if part:
            raise Conflict(f"You already have a character @{user.handle}.{part}.", param="handle", code="handle_taken")
        suffix = f"_{n}"
        candidate, n = base[: 30 - len(suffix)] + suffix, n + 1
    cameo = Cameo(id=new_id("cameo"), user_id=user.id, kind="character", handle=f"{user.handle}.{candidate}",
                  handle_key=f"{user.handle_key}.{candidate}", name=name, permission="only_me", restrictions=[],
                  reference_keys=[], created_at=time.time(), updated_at=time.time())
    face_key, keys, voice_key = _store_likeness(store, cameo.id, analysis)
    try:
        cameo.face_key, cameo.reference_keys, cameo.voice_key = face_key, keys, voice_key
        cameo.voice = _choose_voice(voice, analysis, default=voices.DEFAULT_CHARACTER_VOICE)
        cameo.quality = analysis.summary
        session.add(cameo)
        await session.flush()
    except BaseException:
        _forget_files(store, [face_key])
        raise
    return cameo


# ------------------------------------------------------------------------------------------- reading


async def own_cameo(session: AsyncSession, user: User, cameo_id: str, *, for_update: bool = False) -> Cameo:
    """One of the user's cameos; anyone else's, or a malformed id, is the same 404."""
    if not is_valid_id(cameo_id or "", "cameo"):
        raise NotFound("No such cameo.", param="cameo_id")
    cameo = await session.get(Cameo, cameo_id, with_for_update=for_update)
    if cameo is None or cameo.user_id != user.id:
        raise NotFound("No such cameo.", param="cameo_id")
    return cameo


async def cameo_by_handle(session: AsyncSession, handle: str | None) -> Cameo | None:
    """The cameo answering to @handle (with or without the @, in any case), whoever may see it."""
    return await session.scalar(select(Cameo).where(Cameo.handle_key == (handle or "").lstrip("@").lower()))


async def visible_cameo(session: AsyncSession, viewer: User, *, cameo_id: str | None = None,
                        handle: str | None = None) -> Cameo:
    """A cameo the viewer may look up (its existence is no secret, except across a block)."""
    if cameo_id is not None:
        cameo = await session.get(Cameo, cameo_id) if is_valid_id(cameo_id, "cameo") else None
    else:
        cameo = await cameo_by_handle(session, handle)
    if cameo is None or await blocked_between(session, viewer.id, cameo.user_id):
        raise NotFound("No such cameo.", param="cameo_id" if cameo_id is not None else "handle")
    return cameo


async def my_cameos(session: AsyncSession, user: User) -> list[Cameo]:
    rows = await session.scalars(select(Cameo).where(Cameo.user_id == user.id)
                                 .order_by(Cameo.kind.desc(), Cameo.created_at))
    return list(rows)


async def usable_cameos(session: AsyncSession, user: User, limit: int = 100) -> list[Cameo]:
    """Cameos the user may put in a video right now (their own first)."""
    candidates = await session.scalars(
        select(Cameo).outerjoin(CameoAccess, and_(CameoAccess.cameo_id == Cameo.id, CameoAccess.user_id == user.id))
        .where((Cameo.user_id == user.id) | (Cameo.permission == "everyone") | (Cameo.permission == "mutuals")
               | (CameoAccess.status == "approved"))
        .order_by(Cameo.created_at.desc()).limit(limit * 3)
    )
    out = [c for c in candidates if await consent.can_use(session, c, user.id)]
    out.sort(key=lambda c: (c.user_id != user.id, c.handle_key))
    return out[:limit]


def cameo_json(cameo: Cameo, owner: User | None, viewer: User) -> dict[str, Any]:
    own = cameo.user_id == viewer.id
    data = {
        "id": cameo.id,
        "object": "cameo",
        "kind": cameo.kind,
        "handle": cameo.handle,
        "name": cameo.name,
        "owner": owner.handle if owner else None,
        "created_at": int(cameo.created_at),
    }
    if own:
        data |= {
            "permission": cameo.permission,
            "restrictions": list(cameo.restrictions or []),
            "voice": cameo.voice,
            "voice_name": voices.voice_name(cameo.voice),
            "updated_at": int(cameo.updated_at),
            "face_url": f"/api/cameos/{cameo.id}/face" if cameo.face_key else None,
            "has_voice_recording": bool(cameo.voice_key),
            # Whether a speech model may speak this cameo's lines from its recording (persons only).
            "voice_enabled": bool(cameo.voice_enabled) and cameo.kind == "person",
            # Versioned by what the sample depends on, so a page or player never keeps a stale one.
            "voice_sample_url": f"/api/cameos/{cameo.id}/voice/sample?v={_voice_version(cameo)}",
            "quality": cameo.quality,
        }
    return data


def _voice_version(cameo: Cameo) -> str:
    return hashlib.sha1(f"{cameo.voice_key}|{cameo.voice_enabled}|{cameo.voice}".encode()).hexdigest()[:10]


def character_json(cameo: Cameo) -> dict[str, Any]:
    """The OpenAI Videos API's character object (plus the handle to mention it by)."""
    return {"id": cameo.id, "object": "character", "created_at": int(cameo.created_at), "name": cameo.name,
            "handle": cameo.handle}


# ------------------------------------------------------------------------------------------- settings


async def update_cameo(session: AsyncSession, settings: Settings, user: User, cameo_id: str, *,
                       permission: str | None = None, restrictions: list[str] | None = None,
                       voice: str | None = None, name: str | None = None,
                       voice_enabled: bool | None = None) -> Cameo:
    cameo = await own_cameo(session, user, cameo_id, for_update=True)
    if voice_enabled is not None:
        cameo.voice_enabled = voice_enabled
    if permission is not None:
        if permission not in consent.PERMISSIONS:
            raise InvalidInput(f"permission must be one of {', '.join(consent.PERMISSIONS)}.", param="permission",
                               code="invalid_permission")
        cameo.permission = permission
    if restrictions is not None:
        cleaned = [" ".join(str(r).split()) for r in restrictions if str(r).strip()]
        if len(cleaned) > settings.cameo_max_restrictions:
            raise InvalidInput(f"At most {settings.cameo_max_restrictions} restrictions.", param="restrictions")
        if any(len(r) > settings.cameo_max_restriction_chars for r in cleaned):
            raise InvalidInput(f"A restriction is at most {settings.cameo_max_restriction_chars} characters.",
                               param="restrictions")
        cameo.restrictions = list(dict.fromkeys(cleaned))
    if voice is not None:
        cameo.voice = voices.voice_id(voice)
    if name is not None:
        name = name.strip()
        if not 1 <= len(name) <= 60:
            raise InvalidInput("name must be 1-60 characters.", param="name")
        cameo.name = name
    cameo.updated_at = time.time()
    return cameo


async def delete_cameo(session: AsyncSession, settings: Settings, store: MediaStore, user: User,
                       cameo_id: str) -> Cameo:
    """Erases the cameo's likeness: its row (embedding, approvals, uses go with it), every stored file
    (reference crops, voice) and the LoRA adapters trained on it, so a later cameo with the same handle
    starts clean. Videos already made stay their makers'; queued ones that use it will fail."""
    from cielo.generation.training.store import erase_adapters

    cameo = await own_cameo(session, user, cameo_id, for_update=True)
    await session.delete(cameo)
    await session.flush()
    store.delete_prefix(f"cameos/{cameo.id}")
    erase_adapters(settings, cameo.handle)
    return cameo


# ------------------------------------------------------------------------------------------- access


async def request_access(session: AsyncSession, user: User, cameo: Cameo) -> str:
    """Ask the owner for access; returns the request's status (approved if it already was)."""
    if cameo.user_id == user.id:
        raise InvalidInput("This is your own cameo.", param="cameo_id")
    current = await consent.access_status(session, cameo.id, user.id)
    if current:
        return current
    await insert_ignore(session, CameoAccess, [{"cameo_id": cameo.id, "user_id": user.id, "status": "pending",
                                                "created_at": time.time()}])
    await notify(session, user_id=cameo.user_id, actor_id=user.id, kind="cameo_request", once=True)
    return "pending"


async def approve(session: AsyncSession, owner: User, cameo_id: str, handle: str) -> User:
    from cielo.accounts.service import user_by_handle

    cameo = await own_cameo(session, owner, cameo_id)
    target = await user_by_handle(session, (handle or "").lstrip("@"))
    if target.id == owner.id:
        raise InvalidInput("You may always use your own cameo.", param="handle")
    if await blocked_between(session, owner.id, target.id):
        raise Conflict(f"You and @{target.handle} are blocked; unblock first.", param="handle", code="blocked")
    row = await session.get(CameoAccess, (cameo.id, target.id), with_for_update=True)
    if row is None:
        session.add(CameoAccess(cameo_id=cameo.id, user_id=target.id, status="approved", created_at=time.time(),
                                decided_at=time.time()))
    elif row.status != "approved":
        row.status, row.decided_at = "approved", time.time()
    await notify(session, user_id=target.id, actor_id=owner.id, kind="cameo_approved", once=True)
    return target


async def revoke(session: AsyncSession, owner: User, cameo_id: str, handle: str) -> User:
    """Withdraws an approval (or turns down a request). Queued videos of that person using it will fail."""
    from cielo.accounts.service import user_by_handle

    cameo = await own_cameo(session, owner, cameo_id)
    target = await user_by_handle(session, (handle or "").lstrip("@"))
    row = await session.get(CameoAccess, (cameo.id, target.id))
    if row is not None:
        await session.delete(row)
    return target


async def access_list(session: AsyncSession, owner: User, cameo_id: str) -> list[dict[str, Any]]:
    cameo = await own_cameo(session, owner, cameo_id)
    rows = (await session.execute(
        select(CameoAccess, User).join(User, User.id == CameoAccess.user_id)
        .where(CameoAccess.cameo_id == cameo.id).order_by(CameoAccess.status, CameoAccess.created_at.desc())
    )).all()
    return [{"handle": u.handle, "display_name": u.display_name, "status": a.status,
             "requested_at": int(a.created_at), "decided_at": int(a.decided_at) if a.decided_at else None}
            for a, u in rows]


async def public_view(session: AsyncSession, viewer: User, cameo: Cameo) -> dict[str, Any]:
    owner = await session.get(User, cameo.user_id)
    reason = await consent.why_not(session, cameo, viewer.id)
    return cameo_json(cameo, owner, viewer) | {
        "permission_label": consent.PERMISSION_LABELS[cameo.permission],
        "can_use": reason is None,
        "reason": reason,
        "access": await consent.access_status(session, cameo.id, viewer.id),
    }


# ------------------------------------------------------------------------------------------- use in videos


@dataclass(frozen=True)
class UsedCameo:
    cameo: Cameo
    via: str  # mention | character_id | source | reference


def _forbidden(cameo: Cameo, reason: str, param: str) -> Forbidden:
    return Forbidden(reason, param=param, code="cameo_permission_denied")


async def resolve_for_video(
    session: AsyncSession,
    settings: Settings,
    user: User,
    *,
    prompt: str,
    character_ids: Sequence[str] = (),
    source: Video | None = None,
    reference_png: bytes | None = None,
) -> list[UsedCameo]:
    """The cameos a new video uses and whether `user` may: every @handle of the prompt, every id in
    `character_ids`, the cameos of the `source` video (remix, edit, extend) and any registered face in the
    `reference_png`. Raises before anything is written: unknown handle (cameo_not_found), too many
    (too_many_cameos), no permission (cameo_permission_denied, cameo_likeness_not_permitted) or a prompt
    that breaks the owner's restrictions (cameo_restricted)."""
    used: dict[str, UsedCameo] = {}
    handles = mentioned_handles(prompt)
    if handles:
        found = {c.handle_key: c for c in await session.scalars(select(Cameo).where(Cameo.handle_key.in_(handles)))}
        for handle in handles:
            cameo = found.get(handle)
            if cameo is None or await blocked_between(session, user.id, cameo.user_id):
                raise InvalidInput(f"@{handle} has no cameo you can use.", param="prompt", code="cameo_not_found")
            used.setdefault(cameo.id, UsedCameo(cameo, "mention"))
    for cid in character_ids:
        cameo = await session.get(Cameo, cid) if isinstance(cid, str) and is_valid_id(cid, "cameo") else None
        if cameo is None or await blocked_between(session, user.id, cameo.user_id):
            raise NotFound(f"No character {str(cid)[:60]!r}.", param="character_ids", code="character_not_found")
        used.setdefault(cameo.id, UsedCameo(cameo, "character_id"))
    if source is not None:
        for entry in (source.details or {}).get("cameos") or []:
            if entry.get("via") == "reference" or entry.get("id") in used:
                continue
            cameo = await session.get(Cameo, entry.get("id"))
            if cameo is None:
                raise Conflict(f"The source video's cameo @{entry.get('handle')} was deleted by its owner.",
                               param="video_id", code="cameo_permission_revoked")
            used[cameo.id] = UsedCameo(cameo, "source")
    if len(used) > settings.cameo_max_per_video:
        raise InvalidInput(f"A video may use at most {settings.cameo_max_per_video} cameos (this one names "
                           f"{len(used)}).", param="prompt", code="too_many_cameos")
    for item in used.values():
        reason = await consent.why_not(session, item.cameo, user.id)
        if reason is not None:
            raise _forbidden(item.cameo, reason, "character_ids" if item.via == "character_id" else "prompt")
    await _check_restrictions(settings, user, prompt, [u.cameo for u in used.values()])
    if reference_png is not None:
        for cameo in await _cameos_in_picture(session, settings, reference_png):
            if cameo.id in used:
                continue
            if await consent.why_not(session, cameo, user.id) is not None:
                raise Forbidden("input_reference shows the face of someone's cameo that you may not use.",
                                param="input_reference", code="cameo_likeness_not_permitted")
            await _check_restrictions(settings, user, prompt, [cameo])
            used[cameo.id] = UsedCameo(cameo, "reference")
    return list(used.values())


async def _check_restrictions(settings: Settings, user: User, prompt: str, cameos: Sequence[Cameo]) -> None:
    for cameo in cameos:
        if cameo.user_id == user.id or not cameo.restrictions:
            continue
        broken = await asyncio.to_thread(consent.broken_restriction, prompt, list(cameo.restrictions),
                                         similarity=settings.cameo_restriction_similarity)
        if broken is not None:
            raise InvalidInput(f"@{cameo.handle}'s owner does not allow this: \u201c{broken}\u201d.", param="prompt",
                               code="cameo_restricted")


async def _cameos_in_picture(session: AsyncSession, settings: Settings, png: bytes) -> list[Cameo]:
    from cielo.likeness.faces import closest_match

    known = await _person_embeddings(session)
    if not known:
        return []
    faces = await asyncio.to_thread(faces_in_image, png)
    ids = []
    for embedding in faces:
        match = closest_match(embedding, known, settings.cameo_match_threshold)
        if match is not None and match[0] not in ids:
            ids.append(match[0])
    return [await session.get(Cameo, cid) for cid in ids]


async def record_uses(session: AsyncSession, video: Video, used: Sequence[UsedCameo]) -> None:
    """After the video row is written: what it uses goes into its details (the worker reads them back, with
    the restrictions already checked), each cameo's owner gets the video in their list and a notification."""
    if not used:
        return
    video.details = {**(video.details or {}), "cameos": [
        {"id": u.cameo.id, "handle": u.cameo.handle, "via": u.via,
         "checked": list(u.cameo.restrictions or []) if u.cameo.user_id != video.user_id else []}
        for u in used]}
    now = time.time()
    await insert_ignore(session, CameoUse, [{"cameo_id": u.cameo.id, "video_id": video.id, "user_id": video.user_id,
                                             "via": u.via, "created_at": now} for u in used])
    for owner_id in dict.fromkeys(u.cameo.user_id for u in used):
        await notify(session, user_id=owner_id, actor_id=video.user_id, kind="cameo_use", video_id=video.id)


async def cameos_for_job(session: AsyncSession, settings: Settings, store: MediaStore,
                         video: Video) -> tuple[CameoRef, ...]:
    """When a job starts: the cameos to render, after checking again that its maker may still use each one.
    Raises GenerationError cameo_permission_revoked (deleted, permission withdrawn, blocked) or
    cameo_restricted (a restriction added since the video was requested).

    The worker's session only reads here; its transaction is ended before returning or raising, so no SQLite
    write lock is held while a new restriction is checked (the sentence model may have to load) or while the
    caller records the failure in a transaction of its own."""
    entries = (video.details or {}).get("cameos") or []
    found: list[tuple[dict, Cameo]] = []
    problem: GenerationError | None = None
    for entry in entries:
        cameo = await session.get(Cameo, entry.get("id"))
        if cameo is None:
            problem = GenerationError("cameo_permission_revoked", f"The cameo @{entry.get('handle')} was deleted by "
                                      "its owner before this video rendered.")
            break
        reason = await consent.why_not(session, cameo, video.user_id)
        if reason is not None:
            problem = GenerationError("cameo_permission_revoked", f"Permission to use @{cameo.handle} was withdrawn "
                                      f"before this video rendered: {reason}")
            break
        found.append((entry, cameo))
    prompt, maker = video.prompt, video.user_id
    if entries:
        await session.commit()
    if problem is not None:
        raise problem
    refs = []
    for entry, cameo in found:
        new = [r for r in cameo.restrictions or [] if r not in (entry.get("checked") or [])]
        if cameo.user_id != maker and new:
            broken = await asyncio.to_thread(consent.broken_restriction, prompt, new,
                                             similarity=settings.cameo_restriction_similarity)
            if broken is not None:
                raise GenerationError("cameo_restricted",
                                      f"@{cameo.handle}'s owner no longer allows this: \u201c{broken}\u201d.")
        if entry.get("via") == "reference" or not cameo.face_key:
            continue
        try:
            face = store.local_path(cameo.face_key)
        except FileNotFoundError as exc:
            raise GenerationError("cameo_unavailable", f"The cameo @{cameo.handle}'s picture is missing.") from exc
        embedding = _embedding(cameo)
        recording = None
        if cameo.kind == "person" and cameo.voice_enabled and cameo.voice_key and store.exists(cameo.voice_key):
            recording = store.local_path(cameo.voice_key)  # the owner's own voice, for a speech model
        refs.append(CameoRef(handle=cameo.handle, name=cameo.name, face_png=face, voice=cameo.voice, kind=cameo.kind,
                             embedding=tuple(float(v) for v in embedding) if embedding is not None else (),
                             voice_recording=recording, voice_transcript=cameo.voice_transcript or ""))
    return tuple(refs)


# ------------------------------------------------------------------------------------------- the owner's view


async def uses(session: AsyncSession, owner: User, cameo_id: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """Every live video that uses the cameo, anyone's, drafts included, newest first."""
    cameo = await own_cameo(session, owner, cameo_id)
    rows = (await session.execute(
        select(CameoUse, Video, User).join(Video, Video.id == CameoUse.video_id).join(User, User.id == Video.user_id)
        .where(CameoUse.cameo_id == cameo.id, Video.deleted_at.is_(None))
        .order_by(CameoUse.created_at.desc(), CameoUse.video_id.desc()).limit(limit)
    )).all()
    out = []
    for use, video, maker in rows:
        identity = ((video.details or {}).get("generation") or {}).get("identity") or {}
        mine = identity.get(cameo.handle) if isinstance(identity, dict) else None
        ready = video.status == "completed"
        out.append({
            "video_id": video.id, "via": use.via, "status": video.status, "prompt": video.prompt,
            "created_at": int(video.created_at), "creator": maker.handle, "own": maker.id == owner.id,
            "error": {"code": video.error_code, "message": video.error_message} if video.error_code else None,
            "identity": mine,
            "thumbnail_url": f"/api/cameos/{cameo.id}/uses/{video.id}/media?variant=thumbnail"
            if ready and video.thumbnail_key else None,
            "video_url": f"/api/cameos/{cameo.id}/uses/{video.id}/media" if ready and video.video_key else None,
        })
    return out


async def used_video(session: AsyncSession, owner: User, cameo_id: str, video_id: str) -> Video:
    cameo = await own_cameo(session, owner, cameo_id)
    use = await session.get(CameoUse, (cameo.id, video_id)) if is_valid_id(video_id or "", "video") else None
    video = await session.get(Video, video_id) if use else None
    if video is None or video.deleted_at is not None:
        raise NotFound("No such video uses this cameo.", param="video_id")
    return video
