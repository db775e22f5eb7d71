"""Videos as the API sees them: create (generate, remix, edit, extend), read, list, delete.

A video row is also its job; the worker side lives in cielo.jobs. Validation happens before any write,
so a refused request changes nothing.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.accounts.quotas import check_can_create
from cielo.cameos import service as cameos
from cielo.config import VALID_SECONDS, VALID_SIZES, Settings
from cielo.db.models import User, Video
from cielo.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge, Unavailable
from cielo.generation.errors import GenerationError
from cielo.generation.catalog import ModelCatalog
from cielo.ids import is_valid_id, new_id
from cielo.safety.appeals import sync_allow_examples
from cielo.safety.guard import SafetyGuard, spoken_lines
from cielo.storage import MediaStore
from cielo.text import clean_text, visible
from cielo.videos.retention import is_expired
from cielo.videos.spec import VideoSpec
from cielo.uploads import Clip, decode_off_loop, read_opening, reference_png

VARIANTS = {"video": ("video_key", "video/mp4"), "thumbnail": ("thumbnail_key", "image/webp"),
            "spritesheet": ("spritesheet_key", "image/jpeg")}
TERMINAL = ("completed", "failed", "cancelled")
PREVIEW_VARIANT = "preview"  # the picture forming while a neural engine denoises (JPEG), gone once it ends


def preview_key(video_id: str) -> str:
    return f"videos/{video_id}/preview.jpg"


@dataclass(frozen=True)
class SourceVideo:
    """The video an edit or extension starts from: one of the user's videos, or an uploaded file."""

    video_id: str | None = None
    upload: bytes | None = None


def _check_prompt(settings: Settings, prompt: str | None) -> str:
    prompt = clean_text(prompt or "", "prompt", multiline=True).strip()
    if not visible(prompt):
        raise InvalidInput(code="empty_prompt", param="prompt")
    if len(prompt) > settings.max_prompt_chars:
        raise InvalidInput(code="prompt_too_long", param="prompt", limit=settings.max_prompt_chars)
    return prompt


def _check_seconds(seconds: str | int | None, default: str = "4") -> str:
    value = str(seconds).strip() if seconds is not None else default
    if value not in VALID_SECONDS:
        raise InvalidInput(code="invalid_seconds", param="seconds", choices=", ".join(VALID_SECONDS))
    return value


def _check_size(size: str | None) -> str:
    value = (size or "720x1280").strip()
    if value not in VALID_SIZES:
        raise InvalidInput(code="invalid_size", param="size", choices=", ".join(VALID_SIZES))
    return value


def _check_model(settings: Settings, models: ModelCatalog, model: str | None, mode: str = "generate") -> str:
    """The engine name for `model`, refused before anything is queued when it cannot render `mode` here
    (unknown name, weights or the neural extra missing, a mode the model lacks): never a crash mid-job."""
    name = settings.resolve_model(model)
    try:
        models.check_ready(name, mode)
    except GenerationError as exc:
        message = exc.message
        if exc.code == "model_not_found":
            message = f"Unknown model {model!r}; available: {', '.join(models.names())}."
        raise InvalidInput(message, param="model", code=exc.code) from exc
    return name


async def get_video(session: AsyncSession, user: User, video_id: str, *, for_update: bool = False) -> Video:
    """The user's own video; anything else (another user's, deleted, malformed id) is 404 alike."""
    if not is_valid_id(video_id or "", "video"):
        raise NotFound(f"No video found with id {video_id[:80]!r}.", param="video_id")
    video = await session.get(Video, video_id, with_for_update=for_update)
    if video is None or video.user_id != user.id or video.deleted_at is not None:
        raise NotFound(f"No video found with id {video_id!r}.", param="video_id")
    return video


async def _completed_source(session: AsyncSession, user: User, video_id: str, param: str) -> Video:
    try:
        source = await get_video(session, user, video_id)
    except NotFound as exc:
        raise NotFound(exc.message, param=param) from exc
    check_finished(source, param)
    return source


def _check_words(guard: SafetyGuard, prompt: str, lines: list[str], teen: bool) -> None:
    """The prompt, then the lines the video will speak: the same checks the worker makes once it renders."""
    guard.check_prompt(prompt, teen=teen)
    guard.check_lines(lines, teen=teen)


def check_finished(video: Video, param: str) -> None:
    """A video whose content exists: 404 otherwise, which OpenAI's SDKs do not retry (they retry a 409)."""
    if video.status in ("failed", "cancelled"):
        raise NotFound(code="video_failed", param=param)
    if video.status != "completed":
        raise NotFound(code="video_not_ready", param=param)


async def create_video(
    session: AsyncSession,
    settings: Settings,
    store: MediaStore,
    user: User,
    *,
    guard: SafetyGuard,
    models: ModelCatalog,
    prompt: str | None,
    model: str | None = None,
    seconds: str | int | None = None,
    size: str | None = None,
    input_reference: bytes | None = None,
    seed: int | None = None,
    character_ids: tuple[str, ...] | list[str] = (),
) -> Video:
    prompt = _check_prompt(settings, prompt)
    seconds = _check_seconds(seconds)
    size = _check_size(size)
    engine = _check_model(settings, models, model, "generate")
    reference = (await decode_off_loop(reference_png, input_reference, settings.max_upload_bytes)
                 if input_reference is not None else None)
    if reference is None and models.needs_image(engine):
        raise InvalidInput(f"Model {engine!r} turns an image into a video: send input_reference.",
                           param="input_reference", code="input_reference_required")
    await sync_allow_examples(session, guard)
    seed = _seed(seed)
    # The lines the worker will check once the video renders, checked now: a refused line costs nothing.
    lines = spoken_lines(prompt, seconds=int(seconds), size=size, seed=seed)
    await asyncio.to_thread(_check_words, guard, prompt, lines, user.is_teen)  # CPU: off the event loop
    used = await cameos.resolve_for_video(session, settings, user, prompt=prompt, character_ids=character_ids,
                                          reference_png=reference)
    await check_can_create(session, settings, user)
    video = _new_row(settings, user, prompt=prompt, model=engine, seconds=seconds, size=size, seed=seed)
    if reference is not None:
        key = f"inputs/{video.id}/reference.png"
        store.put_bytes(key, reference)
        video.input_reference_key = key
    _write_spec(video, requested_model=model or settings.default_model)
    session.add(video)
    await session.flush()
    await cameos.record_uses(session, video, used)
    return video


async def remix_video(
    session: AsyncSession, settings: Settings, user: User, source: Video, *, guard: SafetyGuard, models: ModelCatalog,
    prompt: str | None,
) -> Video:
    """A new video from `source` with a new prompt (same length, size and seed). The caller has already
    decided that `user` may remix `source` (their own video, or a published one they can see)."""
    prompt = _check_prompt(settings, prompt)
    await sync_allow_examples(session, guard)
    if source.deleted_at is not None:
        raise NotFound(code="video_not_found", param="video_id")
    check_finished(source, "video_id")
    # A remix with no lines of its own speaks its source's: those are checked too, under this user's profile.
    lines = spoken_lines(prompt, seconds=int(source.seconds), size=source.size, seed=source.seed,
                         mode="remix", source_prompt=source.prompt)
    await asyncio.to_thread(_check_words, guard, prompt, lines, user.is_teen)  # CPU: off the event loop
    used = await cameos.resolve_for_video(session, settings, user, prompt=prompt, source=source)
    await check_can_create(session, settings, user)
    _check_model(settings, models, source.model, "remix")
    video = _new_row(
        settings, user, prompt=prompt, model=source.model, seconds=source.seconds, size=source.size,
        seed=source.seed, mode="remix",
    )
    video.remixed_from_video_id = source.id
    video.source_video_id = source.id
    _write_spec(video, source_prompt=source.prompt)
    session.add(video)
    await session.flush()
    await cameos.record_uses(session, video, used)
    return video


async def derive_video(
    session: AsyncSession,
    settings: Settings,
    store: MediaStore,
    user: User,
    *,
    mode: str,
    guard: SafetyGuard,
    models: ModelCatalog,
    prompt: str | None,
    source: SourceVideo,
    seconds: str | int | None = None,
) -> Video:
    """An edit (same length, new look) or an extension (the source followed by `seconds` more)."""
    prompt = _check_prompt(settings, prompt)
    await sync_allow_examples(session, guard)
    await asyncio.to_thread(guard.check_prompt, prompt, teen=user.is_teen)  # CPU: off the event loop
    new_seconds = _check_seconds(seconds) if mode == "extend" else None
    base = None
    if source.video_id:
        base = await _completed_source(session, user, source.video_id, "video")
        base_seconds, size, model, seed = int(base.seconds), base.size, base.model, base.seed
    elif source.upload is not None:
        clip = await decode_off_loop(_check_source_upload, settings, source.upload, int(new_seconds or 0))
        base_seconds, size, seed = max(1, round(clip.duration)), _size_like(clip), None
        model = settings.resolve_model(None)
    else:
        raise InvalidInput("video is required: a video id or an uploaded file.", param="video")
    total = base_seconds + int(new_seconds) if new_seconds else base_seconds
    if total > settings.max_total_seconds:
        raise InvalidInput(
            f"An extended video may last at most {settings.max_total_seconds} s (this one would be {total} s).",
            param="seconds", code="video_too_long",
        )
    model = _check_model(settings, models, model, mode)
    lines = spoken_lines(prompt, seconds=int(new_seconds) if new_seconds else base_seconds, size=size,
                         seed=seed or 0, mode=mode)
    guard.check_lines(lines, teen=user.is_teen)
    used = await cameos.resolve_for_video(session, settings, user, prompt=prompt, source=base)
    await check_can_create(session, settings, user)
    video = _new_row(settings, user, prompt=prompt, model=model, seconds=str(total), size=size, seed=seed, mode=mode)
    source_key = None
    if source.video_id:
        video.source_video_id = source.video_id
    else:
        source_key = f"inputs/{video.id}/source.mp4"
        store.put_bytes(source_key, source.upload)
    # An edit's new content is the whole video; an extension's is what it adds.
    _write_spec(video, new_seconds=int(new_seconds) if new_seconds else int(video.seconds), source_key=source_key)
    session.add(video)
    await session.flush()
    await cameos.record_uses(session, video, used)
    return video


def _check_source_upload(settings: Settings, data: bytes, new_seconds: int) -> Clip:
    """An uploaded edit or extension source: a readable video no longer than the longest video Cielo
    makes (an edit) or than what an extension may reach (refused from its metadata before decoding)."""
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"video is larger than {settings.max_upload_bytes // (1024 * 1024)} MB.", param="video")
    longest = settings.max_total_seconds - new_seconds if new_seconds else max(int(s) for s in VALID_SECONDS)
    return read_opening(data, 1, min_duration=0.5, max_duration=longest, param="video")


def _size_like(clip: Clip) -> str:
    """The standard size an uploaded source keeps: its own when it is one, else the one of its shape."""
    exact = f"{clip.width}x{clip.height}"
    if exact in VALID_SIZES:
        return exact
    return "1280x720" if clip.width > clip.height else "720x1280"


def _seed(seed: int | None) -> int:
    return seed if seed is not None else secrets.randbelow(2**31)


def _new_row(settings: Settings, user: User, *, prompt: str, model: str, seconds: str, size: str,
             seed: int | None, mode: str = "generate") -> Video:
    now = time.time()
    return Video(
        id=new_id("video"),
        user_id=user.id,
        model=model,
        status="queued",
        progress=0,
        prompt=prompt,
        seconds=seconds,
        size=size,
        seed=_seed(seed),
        mode=mode,
        created_at=now,
        attempts=0,
        cancel_requested=False,
    )


def _write_spec(video: Video, *, requested_model: str | None = None, new_seconds: int | None = None,
                source_key: str | None = None, source_prompt: str | None = None) -> None:
    """The job's spec from the row just made and what only the request knew."""
    width, height = (int(v) for v in video.size.split("x"))
    video.spec = VideoSpec(
        model=video.model, requested_model=requested_model or video.model, prompt=video.prompt,
        new_seconds=new_seconds if new_seconds is not None else int(video.seconds), width=width, height=height,
        seed=video.seed, mode=video.mode, source_video_id=video.source_video_id, source_key=source_key,
        source_prompt=source_prompt, input_reference_key=video.input_reference_key,
    ).to_json()


async def list_videos(
    session: AsyncSession, user: User, *, after: str | None, limit: int | None, order: str | None
) -> tuple[list[Video], bool]:
    limit = 20 if limit is None else limit
    if not 1 <= limit <= 100:
        raise InvalidInput("limit must be between 1 and 100.", param="limit")
    order = order or "desc"
    if order not in ("asc", "desc"):
        raise InvalidInput("order must be 'asc' or 'desc'.", param="order")
    query = select(Video).where(Video.user_id == user.id, Video.deleted_at.is_(None))
    if after:
        # The cursor's video may have been deleted since the page was read (the everyday loop that lists
        # and deletes): its row still orders the list, so the next page starts after it.
        anchor = await session.get(Video, after) if is_valid_id(after or "", "video") else None
        if anchor is None or anchor.user_id != user.id:
            raise NotFound(f"No video found with id {after[:80]!r}.", param="after")
        if order == "desc":
            query = query.where(or_(Video.created_at < anchor.created_at,
                                    and_(Video.created_at == anchor.created_at, Video.id < anchor.id)))
        else:
            query = query.where(or_(Video.created_at > anchor.created_at,
                                    and_(Video.created_at == anchor.created_at, Video.id > anchor.id)))
    if order == "desc":
        query = query.order_by(Video.created_at.desc(), Video.id.desc())
    else:
        query = query.order_by(Video.created_at.asc(), Video.id.asc())
    rows = list(await session.scalars(query.limit(limit + 1)))
    return rows[:limit], len(rows) > limit


async def discard_video(session: AsyncSession, store: MediaStore, user: User, video_id: str) -> Video:
    """The video's part of deleting it (cielo.social.deletion does the whole of it): hidden at once, its media
    deleted, a queued job cancelled and a rendering one told to stop."""
    video = await get_video(session, user, video_id, for_update=True)
    video.deleted_at = time.time()
    if video.status == "queued":
        video.status = "cancelled"
    elif video.status == "in_progress":
        video.cancel_requested = True
    for key in (video.video_key, video.thumbnail_key, video.spritesheet_key):
        if key:
            store.delete(key)
    video.video_key = video.thumbnail_key = video.spritesheet_key = None
    if video.input_reference_key or VideoSpec.from_json(video.spec or {}).source_key:
        store.delete_prefix(f"inputs/{video.id}")
    return video


def content_key(video: Video, variant: str | None, settings: Settings, *, published: bool = False) -> tuple[str, str]:
    """Where the asked-for content of `video` is stored. Past `expires_at` its downloads are gone (a
    published video keeps them while published, unless CIELO_EXPIRE_PUBLISHED)."""
    variant = variant or "video"
    if variant not in VARIANTS and variant != PREVIEW_VARIANT:
        raise InvalidInput("variant must be video, thumbnail, spritesheet or preview.", param="variant")
    if video.taken_down_at is not None:
        raise Unavailable(f"Video {video.id} was taken down by the moderators.")
    if variant == PREVIEW_VARIANT:
        if video.status != "in_progress":
            raise Conflict(f"Video {video.id} is {video.status}; a preview exists only while it renders.",
                           code="video_not_rendering")
        return preview_key(video.id), "image/jpeg"
    check_finished(video, "video_id")
    if is_expired(video, settings, published=published) or not video.video_key:
        raise NotFound(code="video_expired", param="video_id")
    attribute, media_type = VARIANTS[variant]
    key = getattr(video, attribute)
    if not key:
        raise NotFound(f"Video {video.id} has no {variant}.", param="variant")
    return key, media_type


def progress_event(video: Video, store: MediaStore) -> dict:
    """What the events stream sends: the video object, its stage, and while a neural engine shows the
    picture forming, `preview_url` (the progress in it changes the URL, so a page fetches each new one)."""
    event = to_openai(video) | {"stage": video.stage}
    if video.status == "in_progress" and store.exists(preview_key(video.id)):
        event["preview_url"] = f"/v1/videos/{video.id}/content?variant=preview&progress={video.progress}"
    return event


def to_openai(video: Video) -> dict:
    status = video.status if video.status != "cancelled" else "failed"
    error = None
    if video.status in ("failed", "cancelled"):
        error = {"code": video.error_code or video.status, "message": video.error_message or f"Video {video.status}."}
    return {
        "id": video.id,
        "object": "video",
        "model": video.model,
        "status": status,
        "progress": video.progress,
        "created_at": int(video.created_at),
        "completed_at": int(video.completed_at) if video.completed_at else None,
        "expires_at": int(video.expires_at) if video.expires_at else None,
        "seconds": video.seconds,
        "size": video.size,
        "prompt": video.prompt,
        "remixed_from_video_id": video.remixed_from_video_id,
        "error": error,
    }
