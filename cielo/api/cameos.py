"""Cameos over HTTP: the JSON API under /api/cameos (what the cameo page calls), and the OpenAI Videos API's
characters (POST /v1/videos/characters, GET /v1/videos/characters/{id}; `character_ids` in POST /v1/videos).

Clip analysis takes seconds of CPU: it runs in a thread, after the request's transaction is closed, so a
SQLite write lock is never held while faces are measured.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.deps import CurrentUser, Services, ServicesDep, SessionDep
from cielo.api.events import progress_events
from cielo.api.forms import expect_fields, read_body, text_field
from cielo.api.media import media_response, with_head
from cielo.api.schema import ERRORS, CameoRecord, CharacterCreate, VoiceRecord, body
from cielo.cameos import consent, recorded_voice, trainings
from cielo.likeness import voices
from cielo.cameos import service as cameos
from cielo.db.models import LikenessTraining, User
from cielo.social import deletion
from cielo.errors import InvalidInput, NotFound
from cielo.text import Line, Paragraph
from cielo.uploads import decode_off_loop
from cielo.videos.retention import is_published
from cielo.videos import service as videos

router = APIRouter(tags=["cameos"], responses=ERRORS)


class CameoPatch(BaseModel):
    permission: Literal["only_me", "approved", "mutuals", "everyone"] | None = None
    restrictions: list[Paragraph] | None = Field(None, max_length=100)
    voice: Line | None = Field(None, max_length=40)
    name: Line | None = Field(None, max_length=200)
    voice_enabled: bool | None = None


class HandleBody(BaseModel):
    handle: Line = Field(max_length=80)


class TrainingBody(BaseModel):
    model: Line = Field(max_length=64)


def character_ids_field(body: dict[str, object]) -> list[str]:
    """`character_ids` of POST /v1/videos: a JSON list, a comma-separated string, or multipart fields
    (`character_ids`, `character_ids[0]`..., or `character_ids[]` repeated, as the openai SDK sends a list in
    `extra_body`)."""
    raw: list[object] = []
    for key, value in body.items():
        if key == "character_ids" or (key.startswith("character_ids[") and key.endswith("]")):
            raw.extend(value if isinstance(value, list) else [value])
    values: list[str] = []
    for value in raw:
        if not isinstance(value, str | int):
            raise InvalidInput("character_ids must be text.", param="character_ids")
        values.extend(item.strip() for item in str(value).split(",") if item.strip())
    if len(values) > 10:
        raise InvalidInput("character_ids has too many ids.", param="character_ids")
    return list(dict.fromkeys(values))


async def _clip(request: Request, svc: Services) -> dict[str, object]:
    body = await read_body(request, svc.settings.max_upload_bytes)
    video = body.get("video")
    if not isinstance(video, bytes) or not video:
        seconds = f"{svc.settings.cameo_clip_min_seconds:g}-{svc.settings.cameo_clip_max_seconds:g} s"
        raise InvalidInput(f"video is required: upload a {seconds} clip (webm or mp4) as the multipart field 'video'.",
                           param="video", code="clip_missing")
    return body


async def _with_owner(session: AsyncSession, cameo, viewer: User) -> dict:
    return cameos.cameo_json(cameo, await session.get(User, cameo.user_id), viewer)


# ----------------------------------------------------------------------------------------- creating


@router.get("/api/cameos/voices", summary="The voices a cameo can speak with")
async def list_voices(user: CurrentUser) -> dict:
    return {"object": "list", "data": [{"name": "auto", "voice": None,
                                        "description": "Picked from the pitch of your recording"}, *voices.menu()]}


@router.get("/api/cameos/voice-scripts", summary="Sentences to read aloud when re-recording my voice")
async def voice_scripts(user: CurrentUser) -> dict:
    return {"object": "list", "data": [{"language": language, "script": script}
                                       for language, scripts in recorded_voice.VOICE_SCRIPTS.items()
                                       for script in scripts]}


@router.post("/api/cameos/challenge", summary="A fresh liveness challenge to follow while recording a cameo")
async def challenge(svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    row = await cameos.new_challenge(session, svc.settings, user)
    await session.commit()
    return cameos.challenge_json(row)


@router.post("/api/cameos", summary="Record (or re-record) my cameo: multipart challenge_id, video, voice",
             openapi_extra=body(CameoRecord, files=("video",), json=False))
async def create_cameo(request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    body = await _clip(request, svc)
    expect_fields(body, ("challenge_id", "video", "voice"))
    voice = text_field(body, "voice")
    if voice not in (None, "", "auto"):
        voices.voice_id(voice)  # a bad voice fails before the challenge is spent
    taken = await cameos.take_challenge(session, user, text_field(body, "challenge_id"))
    await session.commit()  # the challenge is spent whatever the clip shows
    analysis = await decode_off_loop(cameos.analyze_person_clip, svc.settings, body["video"], taken)
    cameo = await cameos.create_person_cameo(session, svc.settings, svc.store, user, analysis, voice=voice)
    await session.commit()
    return await _with_owner(session, cameo, user)


@router.post("/api/cameos/characters", summary="Create a character (pet, object): multipart name, video, handle, "
             "voice", openapi_extra=body(CharacterCreate, files=("video",), json=False))
async def create_character(request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await _new_character(request, svc, session, user)
    return await _with_owner(session, cameo, user)


async def _new_character(request: Request, svc: Services, session: AsyncSession, user: User):
    body = await _clip(request, svc)
    expect_fields(body, ("name", "video", "handle", "voice"))
    name, voice = text_field(body, "name"), text_field(body, "voice")
    if not (name or "").strip():
        raise InvalidInput("name is required.", param="name", code="invalid_name")
    if voice not in (None, "", "auto"):
        voices.voice_id(voice)
    await session.commit()  # no transaction (nor SQLite lock) held while the clip is analysed
    analysis = await decode_off_loop(cameos.analyze_character_clip, svc.settings, body["video"])
    cameo = await cameos.create_character(session, svc.settings, svc.store, user, analysis, name=name,
                                          handle=text_field(body, "handle"), voice=voice)
    await session.commit()
    return cameo


# ----------------------------------------------------------------------------------------- reading


@router.get("/api/cameos", summary="My cameo and my characters")
async def list_mine(session: SessionDep, user: CurrentUser) -> dict:
    return {"object": "list", "data": [cameos.cameo_json(c, user, user) for c in await cameos.my_cameos(session, user)]}


@router.get("/api/cameos/usable", summary="Cameos I may put in a video now (mine first)")
async def list_usable(session: SessionDep, user: CurrentUser) -> dict:
    rows = await cameos.usable_cameos(session, user)
    return {"object": "list", "data": [await _with_owner(session, c, user) for c in rows]}


@router.get("/api/cameos/lookup/{handle}", summary="Someone's cameo by @handle, and whether I may use it")
async def lookup(handle: str, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.visible_cameo(session, user, handle=handle)
    return await cameos.public_view(session, user, cameo)


@router.get("/api/cameos/{cameo_id}", summary="A cameo (all of it for its owner)")
async def get_cameo(cameo_id: str, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.visible_cameo(session, user, cameo_id=cameo_id)
    return await cameos.public_view(session, user, cameo)


@router.get("/api/cameos/{cameo_id}/face", summary="My cameo's reference picture (PNG)")
async def face(cameo_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> FileResponse:
    cameo = await cameos.own_cameo(session, user, cameo_id)
    try:
        path = await asyncio.to_thread(svc.store.local_path, cameo.face_key or "")
    except (FileNotFoundError, ValueError) as exc:
        raise NotFound("This cameo has no picture.", param="cameo_id") from exc
    return FileResponse(path, media_type="image/png", headers={"cache-control": "private, no-store"})


# ----------------------------------------------------------------------------------------- settings


@router.patch("/api/cameos/{cameo_id}", summary="Change who may use my cameo, its restrictions, voice or name")
async def update(cameo_id: str, patch: CameoPatch, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.update_cameo(session, svc.settings, user, cameo_id, permission=patch.permission,
                                      restrictions=patch.restrictions, voice=patch.voice, name=patch.name,
                                      voice_enabled=patch.voice_enabled)
    await session.commit()
    return cameos.cameo_json(cameo, user, user)


@router.put("/api/cameos/{cameo_id}/voice", summary="Re-record my voice alone: multipart audio (webm, ogg, m4a or "
            "wav) and script (the sentence read, from /api/cameos/voice-scripts)",
            openapi_extra=body(VoiceRecord, files=("audio",), json=False))
async def replace_voice(cameo_id: str, request: Request, svc: ServicesDep, session: SessionDep,
                        user: CurrentUser) -> dict:
    from cielo.uploads.audio import read_voice

    data = await read_body(request, svc.settings.max_upload_bytes)
    expect_fields(data, ("audio", "script"))
    script = text_field(data, "script") or ""
    recorded_voice.script_language(script)  # a wrong script fails before the upload is decoded
    audio = data.get("audio")
    if not isinstance(audio, bytes) or not audio:
        raise InvalidInput("audio is required: a recording of the script read aloud.", param="audio",
                           code="audio_missing")
    cameo = await cameos.own_cameo(session, user, cameo_id)
    await session.commit()  # no write lock is held while the recording is decoded
    pcm = await decode_off_loop(read_voice, audio, min_seconds=recorded_voice.MIN_SECONDS,
                                max_seconds=recorded_voice.MAX_SECONDS)
    cameo = await cameos.own_cameo(session, user, cameo_id, for_update=True)
    await recorded_voice.replace_voice(session, svc.settings, svc.store, user, cameo, pcm, script)
    await session.commit()
    return cameos.cameo_json(cameo, user, user)


@router.get("/api/cameos/{cameo_id}/voice/sample", summary="Hear how my cameo speaks in videos (WAV)",
            response_class=Response, responses={200: {"content": {"audio/wav": {}}}})
async def voice_sample(cameo_id: str, request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser,
                       lang: str | None = None) -> Response:
    """The sample line in `lang` (en or es; default: the owner's language, else the browser's)."""
    from cielo.i18n import page_language

    cameo = await cameos.own_cameo(session, user, cameo_id)
    await session.commit()
    language = lang if lang in recorded_voice.SAMPLE_LINES else page_language(
        user.language, request.headers.get("accept-language"))
    data = await decode_off_loop(recorded_voice.sample_wav, svc.store, svc.models, cameo, language)
    return Response(data, media_type="audio/wav", headers={"cache-control": "private, no-store"})


@router.delete("/api/cameos/{cameo_id}", summary="Delete my cameo and erase its likeness data")
async def delete(cameo_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.delete_cameo(session, svc.settings, svc.store, user, cameo_id)
    await session.commit()
    return {"id": cameo.id, "object": "cameo.deleted", "deleted": True}


@router.get("/api/cameos/{cameo_id}/access", summary="Who asked for, or was given, access to my cameo")
async def access(cameo_id: str, session: SessionDep, user: CurrentUser) -> dict:
    return {"object": "list", "data": await cameos.access_list(session, user, cameo_id)}


@router.post("/api/cameos/{cameo_id}/access", summary="Approve someone (their request, or directly)")
async def approve(cameo_id: str, body: HandleBody, session: SessionDep, user: CurrentUser) -> dict:
    target = await cameos.approve(session, user, cameo_id, body.handle)
    await session.commit()
    return {"handle": target.handle, "status": "approved"}


@router.delete("/api/cameos/{cameo_id}/access/{handle}", summary="Withdraw an approval or turn down a request")
async def revoke(cameo_id: str, handle: str, session: SessionDep, user: CurrentUser) -> dict:
    target = await cameos.revoke(session, user, cameo_id, handle)
    await session.commit()
    return {"handle": target.handle, "status": None}


@router.post("/api/cameos/{cameo_id}/requests", summary="Ask a cameo's owner for access")
async def ask(cameo_id: str, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.visible_cameo(session, user, cameo_id=cameo_id)
    status = await cameos.request_access(session, user, cameo)
    await session.commit()
    return {"id": cameo.id, "handle": cameo.handle, "status": status,
            "can_use": await consent.can_use(session, cameo, user.id)}


# ----------------------------------------------------------------------------------------- uses


@router.get("/api/cameos/{cameo_id}/uses", summary="Every video that uses my cameo, anyone's, drafts included")
async def list_uses(cameo_id: str, session: SessionDep, user: CurrentUser) -> dict:
    return {"object": "list", "data": await cameos.uses(session, user, cameo_id)}


@with_head(router, "/api/cameos/{cameo_id}/uses/{video_id}/media")
@router.get("/api/cameos/{cameo_id}/uses/{video_id}/media", summary="Watch a video that uses my cameo")
async def use_media(cameo_id: str, video_id: str, request: Request, svc: ServicesDep, session: SessionDep,
                    user: CurrentUser, variant: Literal["video", "thumbnail", "spritesheet"] = "video") -> Response:
    video = await cameos.used_video(session, user, cameo_id, video_id)
    key, media_type = videos.content_key(video, variant, svc.settings,
                                         published=await is_published(session, video.id))
    return await media_response(request, svc.store, key, media_type, name=video.id, cache="private, no-store")


@router.delete("/api/cameos/{cameo_id}/uses/{video_id}", summary="Delete a video that uses my cameo")
async def delete_use(cameo_id: str, video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    video = await deletion.delete_cameo_use(session, svc.store, user, cameo_id, video_id)
    await session.commit()
    return {"id": video.id, "object": "video.deleted", "deleted": True}


# ---------------------------------------------------------------------------------- trained likeness


@router.post("/api/cameos/{cameo_id}/trainings", status_code=202,
             summary="Train my cameo's likeness (a LoRA adapter) for a model; it runs in a worker")
async def train(cameo_id: str, body: TrainingBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    training = await trainings.request_training(session, svc.settings, user, cameo_id, body.model,
                                                models=svc.models)
    await session.commit()
    return trainings.training_json(training)


@router.get("/api/cameos/{cameo_id}/trainings",
            summary="My cameo's likeness trainings, newest first, and the models it may be trained for")
async def list_trainings(cameo_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    found = await trainings.list_trainings(session, user, cameo_id)
    return {"object": "list", "data": [trainings.training_json(t) for t in found],
            "models": trainings.trainable_models(svc.models)}


@router.get("/api/cameos/{cameo_id}/trainings/{training_id}", summary="One likeness training and its progress")
async def get_training(cameo_id: str, training_id: str, session: SessionDep, user: CurrentUser) -> dict:
    return trainings.training_json(await trainings.get_training(session, user, cameo_id, training_id))


@router.get("/api/cameos/{cameo_id}/trainings/{training_id}/events",
            summary="Server-Sent Events: a `progress` event per change of a likeness training, then `done`")
async def training_events(cameo_id: str, training_id: str, request: Request, svc: ServicesDep, session: SessionDep,
                          user: CurrentUser):
    await trainings.get_training(session, user, cameo_id, training_id)  # 404 before the stream starts
    await session.close()

    async def read() -> tuple[dict, bool]:
        async with svc.sessions() as poll:
            training = await poll.get(LikenessTraining, training_id)
            if training is None:  # the cameo was deleted, and its trainings with it
                return {"id": training_id, "object": "cameo.training", "status": "deleted"}, True
            return trainings.training_json(training), training.status not in trainings.ACTIVE

    return progress_events(request, read)


@router.delete("/api/cameos/{cameo_id}/trainings/{training_id}",
               summary="Cancel a likeness training (a running one stops at its next step, writing nothing)")
async def cancel_training(cameo_id: str, training_id: str, session: SessionDep, user: CurrentUser) -> dict:
    training = await trainings.cancel_training(session, user, cameo_id, training_id)
    await session.commit()
    return trainings.training_json(training)


# ----------------------------------------------------------------------------------------- OpenAI characters


@router.post("/v1/videos/characters", tags=["videos"], summary="Create a character from a clip (name, video)",
             openapi_extra=body(CharacterCreate, files=("video",), json=False))
async def openai_create_character(request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await _new_character(request, svc, session, user)
    return cameos.character_json(cameo)


@router.get("/v1/videos/characters/{character_id}", tags=["videos"], summary="Fetch a character")
async def openai_get_character(character_id: str, session: SessionDep, user: CurrentUser) -> dict:
    cameo = await cameos.visible_cameo(session, user, cameo_id=character_id)
    return cameos.character_json(cameo)
