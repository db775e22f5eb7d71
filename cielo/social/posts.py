"""Posts: a video its creator published to the feed. Drafts, publish, unpublish, edit, delete,
remix (with its visible chain), and who may see a video at all.

A post shares its video's id. Every generated video starts in its creator's drafts (no post row, or a
post whose published_at is null); publishing creates or revives the post.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass

from sqlalchemy import and_, delete, exists, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import defer

from cielo.config import Settings
from cielo.generation.catalog import ModelCatalog
from cielo.db.models import Like, Post, User, Video
from cielo.errors import Conflict, Forbidden, InvalidInput, NotFound
from cielo.ids import is_valid_id
from cielo.safety.guard import SafetyGuard
from cielo.safety import embeddings
from cielo.social import search_index
from cielo.people.blocks import blocked_between, blocked_ids, visible_user
from cielo.db.queries import check_limit, cursor_id, cursor_number, decode_cursor, encode_cursor
from cielo.people.notifications import forget_video, notify
from cielo.videos import service as videos

log = logging.getLogger("cielo.social.posts")

# Doubling a post's engagement is worth as much as being this many seconds newer.
HOT_SECONDS = 12 * 3600.0
MAX_CHAIN = 10


def engagement(likes: int, comments: int, remixes: int) -> int:
    """Comments and remixes cost more effort than a tap, so they weigh more."""
    return likes + 2 * comments + 3 * remixes


def hot_score(published_at: float, likes: int, comments: int, remixes: int) -> float:
    return published_at / HOT_SECONDS + math.log2(1 + engagement(likes, comments, remixes))


def rescore(post: Post) -> None:
    post.hot = hot_score(post.published_at or post.first_published_at, post.like_count, post.comment_count,
                         post.remix_count)


def is_live(post: Post | None) -> bool:
    return post is not None and post.published_at is not None and post.taken_down_at is None


@dataclass
class PostCard:
    """Everything a feed item, grid tile or video page shows about one video."""

    video: Video
    post: Post | None
    creator: User
    liked: bool = False
    captions_language: str | None = None  # the spoken language when the video has dialogue (a captions track)


async def viewable_video(session: AsyncSession, viewer: User | None, video_id: str, *,
                         for_update: bool = False) -> tuple[Video, Post | None]:
    """The video if the viewer may see it: their own (draft or not), or a live post of someone on the same
    side of every block. Anything else, including a malformed id, is the same 404."""
    if not is_valid_id(video_id or "", "video"):
        raise NotFound(code="video_not_found", param="video_id")
    video = await session.get(Video, video_id)
    if video is None or video.deleted_at is not None:
        raise NotFound(code="video_not_found", param="video_id")
    post = await session.get(Post, video_id, with_for_update=for_update)
    if viewer is not None and viewer.id == video.user_id:
        return video, post
    if (viewer is None or not is_live(post) or video.taken_down_at is not None
            or await blocked_between(session, viewer.id, video.user_id)):
        raise NotFound(code="video_not_found", param="video_id")
    return video, post


async def live_post(session: AsyncSession, viewer: User, video_id: str, *, for_update: bool = False
                    ) -> tuple[Video, Post]:
    """A published post the viewer can see (their own included): what likes and comments attach to."""
    video, post = await viewable_video(session, viewer, video_id, for_update=for_update)
    if not is_live(post):
        raise Conflict(code="not_published", param="video_id")
    return video, post


def _check_caption(settings: Settings, caption: str | None) -> str:
    caption = (caption or "").strip()
    if len(caption) > settings.max_caption_chars:
        raise InvalidInput(code="caption_too_long", param="caption", limit=settings.max_caption_chars)
    return caption


async def embed_post(settings: Settings, caption: str, prompt: str, *, wait: bool = True) -> bytes | None:
    """The caption and prompt as one embedding; None (no steering for this post) if the model is off,
    broken, or still loading and `wait` is false: a ranking signal must never hold up publishing."""
    if not settings.feed_embeddings:
        return None
    if not wait and not embeddings.is_loaded():
        embeddings.warm_in_background()
        return None
    text = f"{caption}\n{prompt}".strip()[:2000]
    try:
        vectors = await asyncio.to_thread(embeddings.encode, [text])
    except Exception:
        log.exception("embedding a post failed; it is published without one")
        return None
    return embeddings.to_bytes(vectors[0])


async def embed_later(sessions: async_sessionmaker[AsyncSession], settings: Settings, video_id: str) -> None:
    """Fills in a post's embedding once the model is ready (publish did not wait for it). Best effort: if
    the process stops first, the post simply ranks without steering."""
    try:
        async with sessions() as session:
            row = (await session.execute(select(Post.caption, Video.prompt).join(Video, Video.id == Post.video_id)
                                         .where(Post.video_id == video_id))).first()
        if row is None:
            return
        vector = await embed_post(settings, row[0], row[1])
        if vector is None:
            return
        async with sessions() as session, session.begin():
            # Only if the caption is still the one embedded; a later edit embeds itself.
            await session.execute(update(Post).where(Post.video_id == video_id, Post.caption == row[0])
                                  .values(embedding=vector))
    except Exception:
        log.exception("could not embed post %s later", video_id)


async def _adjust_remix_count(session: AsyncSession, source_id: str | None, delta: int) -> Post | None:
    if not source_id:
        return None
    source = await session.get(Post, source_id, with_for_update=True)
    if source is None:
        return None
    source.remix_count = max(0, source.remix_count + delta)
    rescore(source)
    return source


async def publish(session: AsyncSession, settings: Settings, user: User, video_id: str, *,
                  caption: str | None, show_prompt: bool, wait_for_embedding: bool = True) -> tuple[Video, Post]:
    """Publish one of the user's completed videos (or edit the caption of a published one). With
    `wait_for_embedding` false a cold embedding model is not waited for; the post's embedding is then None
    and the caller should run `embed_later` after committing."""
    caption = _check_caption(settings, caption)
    video = await videos.get_video(session, user, video_id, for_update=True)
    if video.status != "completed":
        raise Conflict(code="video_not_finished", param="video_id")
    post = await session.get(Post, video.id, with_for_update=True)
    if video.taken_down_at is not None or (post is not None and post.taken_down_at is not None):
        raise Forbidden(code="publish_taken_down")
    changed_text = post is None or post.caption != caption
    vector = (await embed_post(settings, caption, video.prompt, wait=wait_for_embedding) if changed_text
              else post.embedding)
    now = time.time()
    if post is None:
        post = Post(video_id=video.id, user_id=user.id, caption=caption, show_prompt=show_prompt,
                    published_at=now, first_published_at=now, remix_of_id=video.remixed_from_video_id,
                    like_count=0, comment_count=0, remix_count=0, embedding=vector)
        session.add(post)
        source = await _adjust_remix_count(session, post.remix_of_id, +1)
        if source is not None:
            await notify(session, user_id=source.user_id, actor_id=user.id, kind="remix", video_id=video.id)
    else:
        if post.published_at is None:
            post.published_at = now
            await _adjust_remix_count(session, post.remix_of_id, +1)
        post.caption, post.show_prompt, post.embedding = caption, show_prompt, vector
    rescore(post)
    await session.flush()
    await search_index.index_post(session, post, video.prompt)
    return video, post


async def unpublish(session: AsyncSession, user: User, video_id: str) -> tuple[Video, Post]:
    """Back to drafts; likes and comments are kept for a later re-publish."""
    video = await videos.get_video(session, user, video_id)
    post = await session.get(Post, video.id, with_for_update=True)
    if post is None or post.published_at is None:
        raise Conflict(code="not_published", param="video_id")
    post.published_at = None
    await _adjust_remix_count(session, post.remix_of_id, -1)
    return video, post


async def remove_post_of(session: AsyncSession, video: Video) -> None:
    """Called when a video is deleted: its post, likes, comments, feed history and notifications go with
    it (the media is deleted by the videos service)."""
    post = await session.get(Post, video.id, with_for_update=True)
    if post is not None:
        if post.published_at is not None:
            await _adjust_remix_count(session, post.remix_of_id, -1)
        # The foreign keys cascade to likes, comments and feed_seen on both databases.
        await session.execute(delete(Post).where(Post.video_id == video.id))
        session.expunge(post)
        await search_index.unindex_post(session, video.id)
    await forget_video(session, video.id)


async def remix(session: AsyncSession, settings: Settings, user: User, video_id: str, *,
                guard: SafetyGuard, models: ModelCatalog, prompt: str | None) -> Video:
    """Start a remix of a published video (or of one's own). Blocked either way: it does not exist. The
    new prompt passes the same moderation as any other."""
    source, post = await viewable_video(session, user, video_id)
    if source.user_id != user.id and not is_live(post):
        raise NotFound(code="video_not_found", param="video_id")
    return await videos.remix_video(session, settings, user, source, guard=guard, models=models, prompt=prompt)


async def cards(session: AsyncSession, viewer: User | None, video_ids: list[str], *,
                details: bool = False) -> list[PostCard]:
    """Posts with their video, creator and whether the viewer liked them, in the order given: one query.
    `details` also loads each video's generation details (drafts show what the engine could not draw)."""
    if not video_ids:
        return []
    liked = (exists().where(Like.video_id == Video.id, Like.user_id == viewer.id) if viewer is not None
             else false())
    # The first spoken line's language, read inside the database: the whole metadata stays unloaded.
    spoken = Video.details[("generation", "plan", "dialogue", 0, "language")].as_string()
    query = (select(Video, Post, User, liked.label("liked"), spoken.label("spoken"))
             .join(Post, Post.video_id == Video.id, isouter=True)
             .join(User, User.id == Video.user_id).where(Video.id.in_(video_ids))
             .options(defer(Post.embedding), *([] if details else [defer(Video.details)])))
    found = {video.id: PostCard(video, post, creator, bool(was_liked), language)
             for video, post, creator, was_liked, language in await session.execute(query)}
    return [found[i] for i in video_ids if i in found]


async def card(session: AsyncSession, viewer: User, video_id: str) -> PostCard:
    await viewable_video(session, viewer, video_id)
    return (await cards(session, viewer, [video_id], details=True))[0]


async def drafts(session: AsyncSession, user: User, *, cursor: str | None = None, limit: int | None = None
                 ) -> tuple[list[PostCard], str | None]:
    """The user's videos that are not on the feed (rendering, failed, finished or unpublished), newest first."""
    limit = check_limit(limit, 50)
    query = (select(Video.id, Video.created_at).outerjoin(Post, Post.video_id == Video.id)
             .where(Video.user_id == user.id, Video.deleted_at.is_(None),
                    or_(Post.video_id.is_(None), Post.published_at.is_(None))))
    state = decode_cursor(cursor)
    if state is not None:
        at, last = cursor_number(state, "t"), cursor_id(state, "id", "video")
        query = query.where(or_(Video.created_at < at, and_(Video.created_at == at, Video.id < last)))
    rows = (await session.execute(query.order_by(Video.created_at.desc(), Video.id.desc()).limit(limit + 1))).all()
    page = rows[:limit]
    next_cursor = encode_cursor({"t": page[-1][1], "id": page[-1][0]}) if len(rows) > limit else None
    return await cards(session, user, [row[0] for row in page], details=True), next_cursor


async def user_posts(session: AsyncSession, viewer: User | None, handle: str, *, cursor: str | None = None,
                     limit: int | None = None) -> tuple[User, list[PostCard], str | None]:
    """@handle's published videos, newest first. Nothing when a block stands between them and the viewer."""
    owner = await visible_user(session, viewer, handle)
    limit = check_limit(limit, 30)
    if viewer is not None and await blocked_between(session, viewer.id, owner.id):
        return owner, [], None
    query = select(Post.video_id, Post.published_at).where(
        Post.user_id == owner.id, Post.published_at.is_not(None), Post.taken_down_at.is_(None))
    state = decode_cursor(cursor)
    if state is not None:
        at, last = cursor_number(state, "t"), cursor_id(state, "id", "video")
        query = query.where(or_(Post.published_at < at, and_(Post.published_at == at, Post.video_id < last)))
    rows = (await session.execute(
        query.order_by(Post.published_at.desc(), Post.video_id.desc()).limit(limit + 1))).all()
    page = rows[:limit]
    next_cursor = encode_cursor({"t": page[-1][1], "id": page[-1][0]}) if len(rows) > limit else None
    return owner, await cards(session, viewer, [row[0] for row in page]), next_cursor


@dataclass
class ChainLink:
    video_id: str
    creator: User | None  # None when the viewer may not see that video (deleted, unpublished, blocked)


async def remix_chain(session: AsyncSession, viewer: User, video: Video) -> list[ChainLink]:
    """The videos this one was remixed from, nearest first, as far as MAX_CHAIN steps."""
    chain: list[ChainLink] = []
    current = video.remixed_from_video_id
    seen = {video.id}
    while current and current not in seen and len(chain) < MAX_CHAIN:
        seen.add(current)
        try:
            ancestor, _ = await viewable_video(session, viewer, current)
        except NotFound:
            chain.append(ChainLink(current, None))
            ancestor = await session.get(Video, current)
            current = ancestor.remixed_from_video_id if ancestor is not None else None
            continue
        chain.append(ChainLink(current, await session.get(User, ancestor.user_id)))
        current = ancestor.remixed_from_video_id
    return chain


async def remixes_of(session: AsyncSession, viewer: User, video_id: str, *, limit: int = 20) -> list[PostCard]:
    """Published remixes of a video that the viewer can see, most liked first."""
    query = select(Post.video_id).where(Post.remix_of_id == video_id, Post.published_at.is_not(None),
                                        Post.taken_down_at.is_(None))
    hidden = await blocked_ids(session, viewer.id)
    if hidden:
        query = query.where(Post.user_id.not_in(hidden))
    ids = list(await session.scalars(query.order_by(Post.like_count.desc(), Post.published_at.desc()).limit(limit)))
    return await cards(session, viewer, ids)


def media_key(video: Video, variant: str | None, settings: Settings, post: Post | None) -> tuple[str, str]:
    """Storage key and media type of a finished video's file; only its video, thumbnail or spritesheet."""
    published = post is not None and post.published_at is not None
    return videos.content_key(video, variant, settings, published=published)
