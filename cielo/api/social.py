"""JSON API of the social app under /api: feeds, posts, likes, comments, remixes, profiles, follows,
blocks and notifications. The pages call the same cielo.social services."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.accounts.credentials import hash_token
from cielo.api.deps import CurrentUser, SESSION_COOKIE, Services, ServicesDep, SessionDep, require_region
from cielo.api.forms import read_body
from cielo.api.media import media_response, with_head
from cielo.api.schema import ERRORS, Upload, body
from cielo.db.models import User
from cielo.errors import CieloError, InvalidInput, NotFound
from cielo.people import blocks, notifications
from cielo.social import captions, comments, feed, follows, likes, posts, profiles, steering, views
from cielo.text import Line, Paragraph, Secret
from cielo.videos import service as videos
from cielo import i18n

router = APIRouter(prefix="/api", tags=["social"], responses=ERRORS)

_tasks: set[asyncio.Task] = set()


def _background(work) -> None:  # noqa: ANN001 - a coroutine
    """Runs after the response; the set keeps a reference so the task is not collected mid-way."""
    task = asyncio.get_running_loop().create_task(work)
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)


# Pydantic bounds only stop absurd bodies; the services give the precise, documented limits.
_TEXT = 20_000


class PublishBody(BaseModel):
    caption: Paragraph = Field("", max_length=_TEXT)
    show_prompt: bool = False


class CommentBody(BaseModel):
    body: Paragraph = Field(max_length=_TEXT)
    parent_id: Line | None = Field(None, max_length=64)


class RemixBody(BaseModel):
    prompt: Paragraph = Field(max_length=_TEXT)


class SteerBody(BaseModel):
    instruction: Paragraph = Field(max_length=_TEXT)


class ProfileBody(BaseModel):
    display_name: Line | None = Field(None, max_length=_TEXT)
    bio: Paragraph | None = Field(None, max_length=_TEXT)
    language: Line | None = Field(None, max_length=16,
                                  description="'en', 'es', or 'auto' (the browser's language)")


class PasswordBody(BaseModel):
    current_password: Secret = Field(max_length=1024)
    new_password: Secret = Field(max_length=1024)
    revoke_api_keys: bool = Field(False, description="Also revoke every API key (a leaked password may have "
                                  "been used to make one).")


class ReadBody(BaseModel):
    ids: list[Line] | None = Field(None, max_length=1000, description="Notification ids; omit to mark all read.")


# ---------------------------------------------------------------------------------------------- feeds
class ImpressionsBody(BaseModel):
    video_ids: list[Line] = Field(max_length=feed.MAX_IMPRESSIONS)


@router.get("/feed", summary="A page of the 'For you' or 'Following' feed")
async def get_feed(svc: ServicesDep, session: SessionDep, user: CurrentUser,
                   tab: Literal["for_you", "following"] = "for_you", cursor: str | None = None,
                   limit: int | None = Query(None),
                   start_at: str | None = Query(None, max_length=64,
                                                description="First page only: start with this video")) -> dict:
    source = feed.for_you if tab == "for_you" else feed.following
    page = await source(session, svc.settings, user, cursor=cursor, limit=limit, start_at=start_at)
    await session.commit()  # the session's served list, and teens' count
    return views.feed_json(page, user)


@router.post("/feed/impressions", summary="Videos I watched (about a second, at least half visible): seen")
async def impressions(body: ImpressionsBody, session: SessionDep, user: CurrentUser) -> dict:
    recorded = await feed.record_impressions(session, user, body.video_ids)
    await session.commit()
    return {"recorded": recorded}


def _steering_json(preference) -> dict:  # noqa: ANN001
    if preference is None:
        return {"instruction": None, "more": [], "less": []}
    return {"instruction": preference.instruction, "more": preference.terms.get("more", []),
            "less": preference.terms.get("less", [])}


@router.get("/feed/steering", summary="The current steering instruction of 'For you'")
async def get_steering(session: SessionDep, user: CurrentUser) -> dict:
    return _steering_json(await steering.get_steering(session, user))


@router.put("/feed/steering", summary="Steer 'For you' in words, e.g. 'more animals, less sports'")
async def put_steering(body: SteerBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    preference = await steering.set_steering(session, svc.settings, user, body.instruction)
    await session.commit()
    return _steering_json(preference)


@router.delete("/feed/steering", summary="Stop steering 'For you'")
async def delete_steering(session: SessionDep, user: CurrentUser) -> dict:
    await steering.clear_steering(session, user)
    await session.commit()
    return _steering_json(None)


# ---------------------------------------------------------------------------------------------- posts
@router.get("/drafts", summary="My videos that are not on the feed")
async def get_drafts(session: SessionDep, user: CurrentUser, cursor: str | None = None,
                     limit: int | None = Query(None)) -> dict:
    found, next_cursor = await posts.drafts(session, user, cursor=cursor, limit=limit)
    return {"object": "list", "data": [views.post_json(c, user) for c in found], "next_cursor": next_cursor}


@router.post("/videos/{video_id}/publish", summary="Publish one of my videos (or edit its caption)")
async def publish(video_id: str, body: PublishBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    _, post = await posts.publish(session, svc.settings, user, video_id, caption=body.caption,
                                  show_prompt=body.show_prompt, wait_for_embedding=False)
    await session.commit()
    if post.embedding is None and svc.settings.feed_embeddings:
        _background(posts.embed_later(svc.sessions, svc.settings, video_id))
    return views.post_json(await posts.card(session, user, video_id), user)


@router.post("/videos/{video_id}/unpublish", summary="Take my video off the feed, back to drafts")
async def unpublish(video_id: str, session: SessionDep, user: CurrentUser) -> dict:
    await posts.unpublish(session, user, video_id)
    await session.commit()
    return views.post_json(await posts.card(session, user, video_id), user)


@router.get("/posts/{video_id}", summary="A post (or my own draft)")
async def get_post(video_id: str, session: SessionDep, user: CurrentUser) -> dict:
    found = await posts.card(session, user, video_id)
    chain = await posts.remix_chain(session, user, found.video)
    return views.post_json(found, user) | {"remix_chain": views.chain_json(chain)}


@router.get("/posts/{video_id}/remixes", summary="Published remixes of a post")
async def get_remixes(video_id: str, session: SessionDep, user: CurrentUser) -> dict:
    await posts.viewable_video(session, user, video_id)
    found = await posts.remixes_of(session, user, video_id)
    return {"object": "list", "data": [views.post_json(c, user) for c in found]}


@router.post("/posts/{video_id}/remix", dependencies=[Depends(require_region)],
             summary="Remix a published video with a new prompt; the new video lands in my drafts")
async def remix(video_id: str, body: RemixBody, response: Response, svc: ServicesDep, session: SessionDep,
                user: CurrentUser) -> dict:
    video = await posts.remix(session, svc.settings, user, video_id, guard=svc.guard, models=svc.models,
                              prompt=body.prompt)
    await session.commit()
    response.headers["openai-poll-after-ms"] = str(svc.settings.poll_after_ms)
    return videos.to_openai(video)


async def _media(request: Request, svc: Services, session: AsyncSession, user: User, video_id: str,
                 variant: str | None, attachment: bool) -> Response:
    video, post = await posts.viewable_video(session, user, video_id)
    key, media_type = posts.media_key(video, variant, svc.settings, post)
    return await media_response(request, svc.store, key, media_type, name=f"cielo-{video.id}", attachment=attachment)


@with_head(router, "/posts/{video_id}/media")
@router.get("/posts/{video_id}/media",
            summary="A post's video, thumbnail or spritesheet (range requests work)")
async def media(video_id: str, request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser,
                variant: Literal["video", "thumbnail", "spritesheet"] = "video") -> Response:
    return await _media(request, svc, session, user, video_id, variant, attachment=False)


@router.get("/posts/{video_id}/captions.vtt", summary="A post's spoken lines as a WebVTT captions track")
async def captions_track(video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> Response:
    video, post = await posts.viewable_video(session, user, video_id)
    return vtt_response(video, post, svc.settings)


def vtt_response(video, post, settings) -> Response:  # noqa: ANN001 - a Video, its Post, the Settings
    # The track is cached like the media it belongs to; content_key refuses a taken-down or unfinished video.
    posts.media_key(video, "video", settings, post)
    return Response(captions.webvtt(video), media_type="text/vtt; charset=utf-8",
                    headers={"cache-control": "private, max-age=3600"})


@router.get("/posts/{video_id}/download", summary="Download a post's video as an mp4 file")
async def download(video_id: str, request: Request, svc: ServicesDep, session: SessionDep,
                   user: CurrentUser) -> Response:
    return await _media(request, svc, session, user, video_id, "video", attachment=True)


# ---------------------------------------------------------------------------------------------- likes
def _counts(post) -> dict:  # noqa: ANN001
    return {"id": post.video_id, "like_count": post.like_count, "comment_count": post.comment_count,
            "remix_count": post.remix_count}


@router.post("/posts/{video_id}/like", summary="Like a post (idempotent)")
async def like(video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    post = await likes.like(session, svc.settings, user, video_id)
    await session.commit()
    return _counts(post) | {"liked": True}


@router.delete("/posts/{video_id}/like", summary="Take a like back")
async def unlike(video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    post = await likes.unlike(session, svc.settings, user, video_id)
    await session.commit()
    return _counts(post) | {"liked": False}


# ------------------------------------------------------------------------------------------- comments
@router.get("/posts/{video_id}/comments", summary="Comments, oldest first, with their replies")
async def list_comments(video_id: str, session: SessionDep, user: CurrentUser, cursor: str | None = None,
                        limit: int | None = Query(None)) -> dict:
    threads, next_cursor = await comments.list_comments(session, user, video_id, cursor=cursor, limit=limit)
    video, _ = await posts.viewable_video(session, user, video_id)
    return {"object": "list", "data": [views.thread_json(t, user, video.user_id) for t in threads],
            "next_cursor": next_cursor}


@router.post("/posts/{video_id}/comments", summary="Comment on a post, or reply to a comment")
async def add_comment(video_id: str, body: CommentBody, svc: ServicesDep, session: SessionDep,
                      user: CurrentUser) -> dict:
    comment = await comments.add_comment(session, svc.settings, user, video_id, body.body, parent_id=body.parent_id)
    await session.commit()
    video, _ = await posts.viewable_video(session, user, video_id)
    return views.comment_json(comment, user, user, video.user_id)


@router.delete("/comments/{comment_id}", summary="Delete my comment, or any comment on my video")
async def delete_comment(comment_id: str, session: SessionDep, user: CurrentUser) -> dict:
    removed = await comments.delete_comment(session, user, comment_id)
    await session.commit()
    return {"id": comment_id, "object": "comment.deleted", "deleted": True, "removed": removed}


# ----------------------------------------------------------------------------------- profiles, follows
@router.get("/users/{handle}", summary="A profile: name, bio, avatar, counts, relationship to me")
async def get_profile(handle: str, session: SessionDep, user: CurrentUser) -> dict:
    return views.profile_json(await profiles.profile(session, user, handle))


@router.get("/users/{handle}/posts", summary="A user's published videos, newest first")
async def user_posts(handle: str, session: SessionDep, user: CurrentUser, cursor: str | None = None,
                     limit: int | None = Query(None)) -> dict:
    _, found, next_cursor = await posts.user_posts(session, user, handle, cursor=cursor, limit=limit)
    return {"object": "list", "data": [views.post_json(c, user) for c in found], "next_cursor": next_cursor}


async def _people_json(session: AsyncSession, user: User, people: list[User], next_cursor: str | None) -> dict:
    followed = await follows.followed_ids(session, user.id, [p.id for p in people])
    return {"object": "list", "next_cursor": next_cursor,
            "data": [views.user_json(p) | {"following": p.id in followed} for p in people]}


@router.get("/users/{handle}/followers", summary="Who follows a user")
async def get_followers(handle: str, session: SessionDep, user: CurrentUser, cursor: str | None = None,
                        limit: int | None = Query(None)) -> dict:
    _, people, next_cursor = await follows.followers(session, user, handle, cursor=cursor, limit=limit)
    return await _people_json(session, user, people, next_cursor)


@router.get("/users/{handle}/following", summary="Who a user follows")
async def get_following(handle: str, session: SessionDep, user: CurrentUser, cursor: str | None = None,
                        limit: int | None = Query(None)) -> dict:
    _, people, next_cursor = await follows.following(session, user, handle, cursor=cursor, limit=limit)
    return await _people_json(session, user, people, next_cursor)


@router.post("/users/{handle}/follow", summary="Follow a user")
async def follow(handle: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    await follows.follow(session, svc.settings, user, handle)
    await session.commit()
    return views.profile_json(await profiles.profile(session, user, handle))


@router.delete("/users/{handle}/follow", summary="Unfollow a user")
async def unfollow(handle: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    await follows.unfollow(session, svc.settings, user, handle)
    await session.commit()
    return views.profile_json(await profiles.profile(session, user, handle))


@router.post("/users/{handle}/block", summary="Block a user: neither of you sees or reaches the other")
async def block(handle: str, session: SessionDep, user: CurrentUser) -> dict:
    target = await blocks.block(session, user, handle)
    await session.commit()
    return {"handle": target.handle, "blocked": True}


@router.delete("/users/{handle}/block", summary="Unblock a user")
async def unblock(handle: str, session: SessionDep, user: CurrentUser) -> dict:
    target = await blocks.unblock(session, user, handle)
    await session.commit()
    return {"handle": target.handle, "blocked": False}


@router.get("/blocks", summary="Users I blocked")
async def list_blocks(session: SessionDep, user: CurrentUser) -> dict:
    return {"object": "list", "data": [views.user_json(u) for u in await blocks.list_blocked(session, user)]}


@router.get("/users/{handle}/avatar", summary="A user's avatar (WebP)")
async def avatar(handle: str, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> FileResponse:
    owner = await blocks.visible_user(session, user, handle)
    try:
        if not owner.avatar_key:
            raise FileNotFoundError(handle)
        path = await asyncio.to_thread(svc.store.local_path, owner.avatar_key)  # a remote store downloads it
    except FileNotFoundError as exc:
        raise NotFound(f"@{owner.handle} has no avatar.", param="handle") from exc
    return FileResponse(path, media_type="image/webp", headers={"cache-control": "private, max-age=86400"})


@router.patch("/me/profile", summary="Change my display name, bio and the language of my pages")
async def update_profile(body: ProfileBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    await profiles.update_profile(session, svc.settings, user, display_name=body.display_name, bio=body.bio,
                                  language=body.language, languages=i18n.SUPPORTED)
    await session.commit()
    return views.user_json(user) | {"language": user.language or profiles.AUTOMATIC}


@router.put("/me/avatar", summary="Upload my avatar (multipart field 'avatar': JPEG, PNG or WebP)",
            openapi_extra=body(Upload, files=("avatar",), json=False))
async def put_avatar(request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    body = await read_body(request, svc.settings.max_upload_bytes)
    data = body.get("avatar")
    if not isinstance(data, bytes):
        raise InvalidInput("Upload an image file in the 'avatar' field.", param="avatar")
    await profiles.set_avatar(session, svc.settings, svc.store, user, data)
    await session.commit()
    return views.user_json(user)


@router.delete("/me/avatar", summary="Remove my avatar")
async def delete_avatar(svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    await profiles.remove_avatar(session, svc.store, user)
    await session.commit()
    return views.user_json(user)


@router.post("/me/password", summary="Change my password (signs out my other sessions; optionally revokes my "
             "API keys)")
async def change_password(body: PasswordBody, request: Request, session: SessionDep, user: CurrentUser) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    try:
        revoked = await profiles.change_password(session, user, current=body.current_password,
                                                 new=body.new_password, revoke_api_keys=body.revoke_api_keys,
                                                 keep_session_hash=hash_token(token) if token else None)
    except CieloError:
        await session.commit()  # the attempt is counted, so guessing here is throttled
        raise
    await session.commit()
    return {"ok": True, "revoked_api_keys": revoked}


# -------------------------------------------------------------------------------------- notifications
@router.get("/notifications", summary="My notifications, newest first")
async def list_notifications(session: SessionDep, user: CurrentUser, cursor: str | None = None,
                             limit: int | None = Query(None)) -> dict:
    items, next_cursor = await notifications.list_notifications(session, user, cursor=cursor, limit=limit)
    return {"object": "list", "data": [views.notification_json(i) for i in items], "next_cursor": next_cursor,
            "unread_count": await notifications.unread_count(session, user)}


@router.get("/notifications/unread_count", summary="How many notifications I have not read")
async def unread(session: SessionDep, user: CurrentUser) -> dict:
    return {"unread_count": await notifications.unread_count(session, user)}


@router.post("/notifications/read", summary="Mark notifications read (all of them when no ids are given)")
async def mark_read(body: ReadBody, session: SessionDep, user: CurrentUser) -> dict:
    changed = await notifications.mark_read(session, user, body.ids)
    await session.commit()
    return {"marked": changed, "unread_count": await notifications.unread_count(session, user)}
