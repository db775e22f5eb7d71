"""OpenAI-compatible Videos API: /v1/videos and friends."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.cameos import character_ids_field
from cielo.api.deps import Services, current_user, db_session, require_region, services
from cielo.api.events import progress_events
from cielo.api.forms import read_body, reference_image, text_field
from cielo.api.schema import ERRORS, VideoCreate, VideoEdit, VideoExtend, VideoRemix, body
from cielo.db.models import User, Video
from cielo.errors import InvalidInput, NotFound
from cielo.videos import service as videos
from cielo.videos.service import SourceVideo

router = APIRouter(prefix="/v1/videos", tags=["videos"], responses=ERRORS)


def _video_response(response: Response, svc: Services, video: Video) -> dict:
    if video.status in ("queued", "in_progress"):
        response.headers["openai-poll-after-ms"] = str(svc.settings.poll_after_ms)
    return videos.to_openai(video)


@router.post("", dependencies=[Depends(require_region)],
             openapi_extra=body(VideoCreate, files=("input_reference",)))
async def create_video(
    request: Request,
    response: Response,
    svc: Services = Depends(services),
    session: AsyncSession = Depends(db_session),
    user: User = Depends(current_user),
) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    video = await videos.create_video(
        session, svc.settings, svc.store, user, guard=svc.guard,
        prompt=text_field(body, "prompt", multiline=True),
        model=text_field(body, "model"),
        seconds=text_field(body, "seconds"),
        size=text_field(body, "size"),
        input_reference=reference_image(body),
        seed=_optional_int(text_field(body, "seed"), "seed"),
        character_ids=character_ids_field(body),
    )
    await session.commit()
    return _video_response(response, svc, video)


def _optional_int(value: str | None, param: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(f"{param} must be an integer.", param=param) from exc
    if not 0 <= number < 2**31:
        raise InvalidInput(f"{param} must be between 0 and 2^31-1.", param=param)
    return number


def _source(body: dict) -> SourceVideo:
    upload = body.get("video")
    if isinstance(upload, bytes):
        return SourceVideo(upload=upload)
    video_id = text_field(body, "video[id]") or (upload if isinstance(upload, str) else None)
    return SourceVideo(video_id=video_id)


@router.post("/edits", dependencies=[Depends(require_region)], openapi_extra=body(VideoEdit, files=("video",)))
async def edit_video(request: Request, response: Response, svc: Services = Depends(services),
                     session: AsyncSession = Depends(db_session), user: User = Depends(current_user)) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    video = await videos.derive_video(session, svc.settings, svc.store, user, mode="edit", guard=svc.guard,
                                      prompt=text_field(body, "prompt", multiline=True), source=_source(body))
    await session.commit()
    return _video_response(response, svc, video)


@router.post("/extensions", dependencies=[Depends(require_region)],
             openapi_extra=body(VideoExtend, files=("video",)))
async def extend_video(request: Request, response: Response, svc: Services = Depends(services),
                       session: AsyncSession = Depends(db_session), user: User = Depends(current_user)) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    video = await videos.derive_video(session, svc.settings, svc.store, user, mode="extend", guard=svc.guard,
                                      prompt=text_field(body, "prompt", multiline=True), source=_source(body),
                                      seconds=text_field(body, "seconds"))
    await session.commit()
    return _video_response(response, svc, video)


@router.get("")
async def list_videos(
    after: str | None = None,
    limit: int | None = Query(None),
    order: str | None = None,
    session: AsyncSession = Depends(db_session),
    user: User = Depends(current_user),
) -> dict:
    rows, has_more = await videos.list_videos(session, user, after=after, limit=limit, order=order)
    data = [videos.to_openai(v) for v in rows]
    return {"object": "list", "data": data, "has_more": has_more,
            "first_id": data[0]["id"] if data else None, "last_id": data[-1]["id"] if data else None}


@router.get("/{video_id}")
async def retrieve_video(video_id: str, response: Response, svc: Services = Depends(services),
                         session: AsyncSession = Depends(db_session), user: User = Depends(current_user)) -> dict:
    return _video_response(response, svc, await videos.get_video(session, user, video_id))


@router.delete("/{video_id}")
async def delete_video(video_id: str, svc: Services = Depends(services), session: AsyncSession = Depends(db_session),
                       user: User = Depends(current_user)) -> dict:
    video = await videos.delete_video(session, svc.store, user, video_id)
    await session.commit()
    return {"id": video.id, "object": "video.deleted", "deleted": True}


@router.post("/{video_id}/remix", dependencies=[Depends(require_region)], openapi_extra=body(VideoRemix))
async def remix_video(video_id: str, request: Request, response: Response, svc: Services = Depends(services),
                      session: AsyncSession = Depends(db_session), user: User = Depends(current_user)) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    source = await videos.get_video(session, user, video_id)
    video = await videos.remix_video(session, svc.settings, user, source, guard=svc.guard,
                                     prompt=text_field(body, "prompt", multiline=True))
    await session.commit()
    return _video_response(response, svc, video)


@router.get("/{video_id}/content")
async def download_content(video_id: str, variant: str | None = None, svc: Services = Depends(services),
                           session: AsyncSession = Depends(db_session), user: User = Depends(current_user)):
    video = await videos.get_video(session, user, video_id)
    key, media_type = videos.content_key(video, variant)
    if variant == videos.PREVIEW_VARIANT and not svc.store.exists(key):
        raise NotFound(f"Video {video.id} has no preview yet (only neural engines show one).", param="variant")
    extension = {"video/mp4": "mp4", "image/webp": "webp", "image/jpeg": "jpg"}[media_type]
    return FileResponse(svc.store.local_path(key), media_type=media_type,
                        filename=f"{video.id}.{extension}", content_disposition_type="inline")


@router.get("/{video_id}/events")
async def video_events(video_id: str, request: Request, svc: Services = Depends(services),
                       session: AsyncSession = Depends(db_session), user: User = Depends(current_user)):
    """Server-Sent Events: one `progress` event per change, then one final `done` event."""
    await videos.get_video(session, user, video_id)  # 404 before the stream starts
    await session.close()

    async def read() -> tuple[dict, bool]:
        async with svc.sessions() as poll:
            video = await poll.get(Video, video_id)
            return videos.progress_event(video, svc.store), (video.status in videos.TERMINAL
                                                             or video.deleted_at is not None)

    return progress_events(request, read)
