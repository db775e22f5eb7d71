"""OpenAI-compatible Videos API: /v1/videos and friends."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Query, Request, Response

from cielo.api.cameos import character_ids_field
from cielo.api.deps import CurrentUser, Services, ServicesDep, SessionDep, require_region
from cielo.api.events import progress_events
from cielo.api.forms import expect_fields, int_field, read_body, reference_image, text_field
from cielo.api.media import media_response, with_head
from cielo.api.schema import ERRORS, VideoCreate, VideoEdit, VideoExtend, VideoRemix, body
from cielo.db.models import Video
from cielo.errors import InvalidInput, NotFound
from cielo.social import deletion
from cielo.videos import service as videos
from cielo.videos.retention import is_published
from cielo.videos.service import SourceVideo

router = APIRouter(prefix="/v1/videos", tags=["videos"], responses=ERRORS)


def _video_response(response: Response, svc: Services, video: Video) -> dict:
    if video.status in ("queued", "in_progress"):
        response.headers["openai-poll-after-ms"] = str(svc.settings.poll_after_ms)
    return videos.to_openai(video)


@router.post("", dependencies=[Depends(require_region)],
             openapi_extra=body(VideoCreate, files=("input_reference",)))
async def create_video(request: Request, response: Response, svc: ServicesDep, session: SessionDep,
                       user: CurrentUser) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    expect_fields(body, CREATE_FIELDS)
    video = await videos.create_video(
        session, svc.settings, svc.store, user, guard=svc.guard, models=svc.models,
        prompt=text_field(body, "prompt", multiline=True),
        model=text_field(body, "model"),
        seconds=text_field(body, "seconds"),
        size=text_field(body, "size"),
        input_reference=reference_image(body),
        seed=_seed(int_field(body, "seed")),
        character_ids=character_ids_field(body),
    )
    await session.commit()
    return _video_response(response, svc, video)


# What each endpoint takes: OpenAI's fields, and Cielo's documented extensions (seed, character_ids).
CREATE_FIELDS = ("prompt", "model", "seconds", "size", "input_reference", "seed", "character_ids")
EDIT_FIELDS = ("prompt", "video")
EXTEND_FIELDS = ("prompt", "video", "seconds")
REMIX_FIELDS = ("prompt",)


def _seed(number: int | None) -> int | None:
    if number is not None and not 0 <= number < 2**31:
        raise InvalidInput("seed must be between 0 and 2^31-1.", param="seed")
    return number


def _source(body: dict) -> SourceVideo:
    upload = body.get("video")
    if isinstance(upload, bytes):
        return SourceVideo(upload=upload)
    video_id = text_field(body, "video[id]") or (upload if isinstance(upload, str) else None)
    return SourceVideo(video_id=video_id)


@router.post("/edits", dependencies=[Depends(require_region)], openapi_extra=body(VideoEdit, files=("video",)))
async def edit_video(request: Request, response: Response, svc: ServicesDep, session: SessionDep,
                     user: CurrentUser) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    expect_fields(body, EDIT_FIELDS)
    video = await videos.derive_video(session, svc.settings, svc.store, user, mode="edit", guard=svc.guard,
                                      models=svc.models, prompt=text_field(body, "prompt", multiline=True),
                                      source=_source(body))
    await session.commit()
    return _video_response(response, svc, video)


@router.post("/extensions", dependencies=[Depends(require_region)],
             openapi_extra=body(VideoExtend, files=("video",)))
async def extend_video(request: Request, response: Response, svc: ServicesDep, session: SessionDep,
                       user: CurrentUser) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    expect_fields(body, EXTEND_FIELDS)
    video = await videos.derive_video(session, svc.settings, svc.store, user, mode="extend", guard=svc.guard,
                                      models=svc.models, prompt=text_field(body, "prompt", multiline=True),
                                      source=_source(body), seconds=text_field(body, "seconds"))
    await session.commit()
    return _video_response(response, svc, video)


@router.get("")
async def list_videos(session: SessionDep, user: CurrentUser, after: str | None = None,
                      limit: int | None = Query(None), order: str | None = None) -> dict:
    rows, has_more = await videos.list_videos(session, user, after=after, limit=limit, order=order)
    data = [videos.to_openai(v) for v in rows]
    return {"object": "list", "data": data, "has_more": has_more,
            "first_id": data[0]["id"] if data else None, "last_id": data[-1]["id"] if data else None}


@router.get("/{video_id}")
async def retrieve_video(video_id: str, response: Response, svc: ServicesDep, session: SessionDep,
                         user: CurrentUser) -> dict:
    return _video_response(response, svc, await videos.get_video(session, user, video_id))


@router.delete("/{video_id}")
async def delete_video(video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    video = await deletion.delete_video(session, svc.store, user, video_id)
    await session.commit()
    return {"id": video.id, "object": "video.deleted", "deleted": True}


@router.post("/{video_id}/remix", dependencies=[Depends(require_region)], openapi_extra=body(VideoRemix))
async def remix_video(video_id: str, request: Request, response: Response, svc: ServicesDep, session: SessionDep,
                      user: CurrentUser) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    expect_fields(body, REMIX_FIELDS)
    source = await videos.get_video(session, user, video_id)
    video = await videos.remix_video(session, svc.settings, user, source, guard=svc.guard, models=svc.models,
                                     prompt=text_field(body, "prompt", multiline=True))
    await session.commit()
    return _video_response(response, svc, video)


@with_head(router, "/{video_id}/content")
@router.get("/{video_id}/content",
            responses={200: {"description": "The video (mp4), thumbnail (webp), spritesheet or preview (jpeg); "
                                            "byte ranges and If-None-Match work"},
                       304: {"description": "Not modified"},
                       416: ERRORS[400] | {"description": "No part of the range exists"}})
async def download_content(video_id: str, request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser,
                           variant: str | None = None) -> Response:
    video = await videos.get_video(session, user, video_id)
    key, media_type = videos.content_key(video, variant, svc.settings,
                                         published=await is_published(session, video.id))
    if variant == videos.PREVIEW_VARIANT and not svc.store.exists(key):
        raise NotFound(f"Video {video.id} has no preview yet (only neural engines show one).", param="variant")
    return await media_response(request, svc.store, key, media_type, name=video.id, cache="private, no-cache")


@router.get("/{video_id}/events")
async def video_events(video_id: str, request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser):
    """Server-Sent Events: one `progress` event per change, then one final `done` event."""
    await videos.get_video(session, user, video_id)  # 404 before the stream starts
    await session.close()

    async def read() -> tuple[dict, bool]:
        async with svc.sessions() as poll:
            video = await poll.get(Video, video_id)
            return videos.progress_event(video, svc.store), (video.status in videos.TERMINAL
                                                             or video.deleted_at is not None)

    return progress_events(request, read)
