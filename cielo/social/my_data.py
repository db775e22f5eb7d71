"""A person's own data: download all of it as a zip, or delete the account and everything of theirs.

The zip holds profile.json, videos.json (every video, drafts included, with captions and prompts) and each
finished video's mp4, comments.json, cameos.json with each cameo's reference pictures and voice recording,
likes.json and follows.json.

Deleting an account deletes the person's videos (media, posts, likes and comments on them), the videos other
people made with the person's cameos (as the cameo's owner may delete them one by one), every cameo with its
likeness files and trained LoRA adapters, the avatar, and then the account row, which takes their comments,
likes, follows, blocks, notifications, sessions, API keys and webhooks with it. Rows that must outlive it
(invites they used, reports they resolved, audit entries they made) lose the link to them.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.cameos import service as cameos
from cielo.config import Settings
from cielo.db.models import (
    AuditEntry,
    Cameo,
    CameoUse,
    Comment,
    Follow,
    Invite,
    Like,
    Post,
    Report,
    User,
    Video,
)
from cielo.errors import InvalidInput
from cielo.social.deletion import delete_video
from cielo.social.posts import rescore
from cielo.storage import MediaStore


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


async def _rows(session: AsyncSession, user: User) -> dict[str, object]:
    """Everything of the person the zip describes, as plain data."""
    own_videos = list(
        await session.execute(
            select(Video, Post)
            .outerjoin(Post, Post.video_id == Video.id)
            .where(Video.user_id == user.id, Video.deleted_at.is_(None))
            .order_by(Video.created_at)
        )
    )
    comments = await session.scalars(
        select(Comment).where(Comment.user_id == user.id).order_by(Comment.created_at)
    )
    likes = await session.scalars(select(Like).where(Like.user_id == user.id).order_by(Like.created_at))
    following = await session.execute(
        select(User.handle).join(Follow, Follow.followee_id == User.id).where(Follow.follower_id == user.id)
    )
    followers = await session.execute(
        select(User.handle).join(Follow, Follow.follower_id == User.id).where(Follow.followee_id == user.id)
    )
    return {
        "profile": {
            "id": user.id,
            "handle": user.handle,
            "display_name": user.display_name,
            "bio": user.bio,
            "language": user.language,
            "birthdate": user.birthdate,
            "created_at": user.created_at,
            "country": user.country,
            "is_teen": user.is_teen,
        },
        "videos": [
            {
                "id": v.id,
                "prompt": v.prompt,
                "model": v.model,
                "mode": v.mode,
                "status": v.status,
                "seconds": v.seconds,
                "size": v.size,
                "seed": v.seed,
                "created_at": v.created_at,
                "remixed_from": v.remixed_from_video_id,
                "caption": p.caption if p else None,
                "published_at": p.published_at if p else None,
                "show_prompt": p.show_prompt if p else None,
                "likes": p.like_count if p else 0,
                "file": f"videos/{v.id}.mp4" if v.video_key else None,
                "video_key": v.video_key,
            }
            for v, p in own_videos
        ],
        "comments": [
            {
                "id": c.id,
                "video_id": c.video_id,
                "parent_id": c.parent_id,
                "body": c.body,
                "created_at": c.created_at,
            }
            for c in comments
        ],
        "likes": [{"video_id": like.video_id, "created_at": like.created_at} for like in likes],
        "follows": {"following": [h for (h,) in following], "followers": [h for (h,) in followers]},
        "cameos": [
            {
                "id": c.id,
                "kind": c.kind,
                "handle": c.handle,
                "name": c.name,
                "permission": c.permission,
                "restrictions": c.restrictions,
                "voice": c.voice,
                "created_at": c.created_at,
                "files": [k for k in [*(c.reference_keys or []), c.voice_key] if k],
            }
            for c in await cameos.my_cameos(session, user)
        ],
    }


def _write_zip(data: dict[str, object], store: MediaStore, avatar_key: str | None) -> Path:
    """The zip in a temporary file (videos can be large); the caller deletes it once sent."""
    handle, name = tempfile.mkstemp(prefix="cielo-export-", suffix=".zip")
    path = Path(name)
    with open(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in ("profile", "comments", "likes", "follows"):
            archive.writestr(f"{part}.json", _dump(data[part]))
        files = []
        for video in data["videos"]:
            key = video.pop("video_key")
            if key and store.exists(key):
                files.append((f"videos/{video['id']}.mp4", key))
            else:
                video["file"] = None
        archive.writestr("videos.json", _dump(data["videos"]))
        for cameo in data["cameos"]:
            kept = []
            for key in cameo.pop("files"):
                if store.exists(key):
                    kept.append(f"cameos/{cameo['handle']}/{Path(key).name}")
                    files.append((kept[-1], key))
            cameo["files"] = kept
        archive.writestr("cameos.json", _dump(data["cameos"]))
        if avatar_key and store.exists(avatar_key):
            files.append((f"avatar{Path(avatar_key).suffix}", avatar_key))
        for arcname, key in files:
            # mp4 and images are compressed already
            archive.write(store.local_path(key), arcname, compress_type=zipfile.ZIP_STORED)
    return path


async def export_zip(session: AsyncSession, store: MediaStore, user: User) -> Path:
    import asyncio

    data = await _rows(session, user)
    return await asyncio.to_thread(_write_zip, data, store, user.avatar_key)


async def delete_account(
    session: AsyncSession, settings: Settings, store: MediaStore, user: User, *, confirm: str | None
) -> None:
    """Deletes the account and everything of the person (see the module's description). `confirm` must be
    the person's handle: a slip of the finger must not erase an account."""
    if (confirm or "").strip().lstrip("@").lower() != user.handle.lower():
        raise InvalidInput(code="confirmation_required", param="confirm")
    own_cameos = await cameos.my_cameos(session, user)
    # Videos others made with the person's likeness go first, as the cameo's owner deletes them.
    uses = await session.execute(
        select(CameoUse.video_id, Video.user_id)
        .join(Video, Video.id == CameoUse.video_id)
        .where(
            CameoUse.cameo_id.in_([c.id for c in own_cameos]),
            Video.user_id != user.id,
            Video.deleted_at.is_(None),
        )
    )
    for video_id, maker_id in uses.all():
        await delete_video(session, store, await session.get(User, maker_id), video_id)
    for video_id in list(
        await session.scalars(select(Video.id).where(Video.user_id == user.id, Video.deleted_at.is_(None)))
    ):
        await delete_video(session, store, user, video_id)
    for cameo in own_cameos:
        await cameos.delete_cameo(session, settings, store, user, cameo.id)
    if user.avatar_key:
        store.delete(user.avatar_key)
    await session.flush()
    # What other rows only point to: the link goes, the row stays.
    await session.execute(update(User).where(User.invited_by_id == user.id).values(invited_by_id=None))
    await session.execute(update(Invite).where(Invite.used_by_id == user.id).values(used_by_id=None))
    await session.execute(update(Report).where(Report.resolved_by_id == user.id).values(resolved_by_id=None))
    await session.execute(update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_id=None))
    await session.execute(delete(Invite).where(Invite.owner_id == user.id))
    # Their videos' rows (kept hidden until now for the daily quota) go, and their media folders.
    for video_id in list(await session.scalars(select(Video.id).where(Video.user_id == user.id))):
        store.delete_prefix(f"videos/{video_id}")
    await session.execute(delete(Video).where(Video.user_id == user.id))
    await session.execute(delete(Cameo).where(Cameo.user_id == user.id))
    # Their likes and comments on other people's videos go with the account: those videos' counts follow.
    touched = set(await session.scalars(select(Like.video_id).where(Like.user_id == user.id)))
    touched |= set(await session.scalars(select(Comment.video_id).where(Comment.user_id == user.id)))
    await session.execute(delete(User).where(User.id == user.id))
    for post in await session.scalars(select(Post).where(Post.video_id.in_(sorted(touched)))):
        post.like_count = await session.scalar(select(func.count()).where(Like.video_id == post.video_id))
        post.comment_count = await session.scalar(
            select(func.count()).where(Comment.video_id == post.video_id)
        )
        rescore(post)
