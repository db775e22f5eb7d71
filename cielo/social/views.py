"""JSON shapes of social objects, shared by the /api endpoints and the pages (the pages' scripts render
the same dicts the API returns). Text is returned as entered; escaping is the renderer's job."""

from __future__ import annotations

import hashlib

from sqlalchemy import inspect

from cielo.db.models import Comment, Notification, Post, User
from cielo.social.comments import Thread
from cielo.social.discovery import Suggestion
from cielo.social.feed import FeedPage
from cielo.people.notifications import NotificationItem
from cielo.social.posts import ChainLink, PostCard, is_live
from cielo.social.profiles import Profile


def avatar_url(user: User) -> str | None:
    if not user.avatar_key:
        return None
    version = hashlib.sha256(user.avatar_key.encode()).hexdigest()[:10]
    return f"/api/users/{user.handle}/avatar?v={version}"


def user_json(user: User) -> dict:
    return {"id": user.id, "handle": user.handle, "display_name": user.display_name, "bio": user.bio or "",
            "avatar_url": avatar_url(user)}


def suggestion_json(suggestion: Suggestion) -> dict:
    return user_json(suggestion.user) | {"reason": suggestion.reason, "following": False}


def post_json(card: PostCard, viewer: User | None = None) -> dict:
    video, post = card.video, card.post
    own = viewer is not None and viewer.id == video.user_id
    published = post is not None and post.published_at is not None
    show_prompt = own or (post is not None and post.show_prompt)
    taken_down = video.taken_down_at is not None or bool(post and post.taken_down_at)
    has_media = video.status == "completed" and bool(video.video_key) and not taken_down
    return {
        "id": video.id,
        "object": "post",
        "creator": user_json(card.creator),
        "caption": post.caption if post else "",
        "prompt": video.prompt if show_prompt else None,
        "show_prompt": bool(post and post.show_prompt),
        "status": video.status,
        "progress": video.progress,
        "model": video.model,
        "seconds": video.seconds,
        "size": video.size,
        "created_at": int(video.created_at),
        "published": published,
        "published_at": int(post.published_at) if published else None,
        "taken_down": taken_down,
        "like_count": post.like_count if post else 0,
        "comment_count": post.comment_count if post else 0,
        "remix_count": post.remix_count if post else 0,
        "liked": card.liked,
        "remix_of": video.remixed_from_video_id,
        "error": video.error_message if video.status in ("failed", "cancelled") else None,
        "url": f"/v/{video.id}",
        "video_url": f"/api/posts/{video.id}/media" if has_media else None,
        "thumbnail_url": f"/api/posts/{video.id}/media?variant=thumbnail" if has_media and video.thumbnail_key
        else None,
        "download_url": f"/api/posts/{video.id}/download" if has_media and (own or is_live(post)) else None,
        "captions_url": (f"/api/posts/{video.id}/captions.vtt" if has_media and card.captions_language
                         else None),
        "captions_language": card.captions_language if has_media else None,
        "mode": video.mode,
        "not_drawn": not_drawn(video.details) if own and "details" not in inspect(video).unloaded else [],
    }


def not_drawn(details: dict | None) -> list[str]:
    """What the preview engine could not draw of its prompt (its plan's `not_drawn`), for the creator."""
    generation = (details or {}).get("generation") or {}
    if generation.get("engine") != "preview":
        return []
    return list(dict.fromkeys(d["word"] for d in (generation.get("plan") or {}).get("not_drawn", [])))


def feed_json(page: FeedPage, viewer: User) -> dict:
    return {
        "object": "list",
        "data": [post_json(card, viewer) for card in page.cards],
        "next_cursor": page.next_cursor,
        "has_more": page.next_cursor is not None,
        "limit_reached": page.limit_reached,
        "autoplay": page.autoplay,
        "remaining_today": page.remaining_today,
        "caught_up_at": page.caught_up_at,
    }


def comment_json(comment: Comment, author: User, viewer: User, video_owner_id: str) -> dict:
    return {
        "id": comment.id,
        "object": "comment",
        "video_id": comment.video_id,
        "parent_id": comment.parent_id,
        "author": user_json(author),
        "body": comment.body,
        "created_at": int(comment.created_at),
        "can_delete": viewer.id in (comment.user_id, video_owner_id),
        "can_report": viewer.id != comment.user_id,
    }


def thread_json(thread: Thread, viewer: User, video_owner_id: str) -> dict:
    return comment_json(thread.comment, thread.author, viewer, video_owner_id) | {
        "reply_count": thread.reply_count,
        "replies": [comment_json(c, a, viewer, video_owner_id) for c, a in thread.replies],
    }


def chain_json(chain: list[ChainLink]) -> list[dict]:
    return [{"id": link.video_id, "available": link.creator is not None,
             "creator": user_json(link.creator) if link.creator else None,
             "url": f"/v/{link.video_id}" if link.creator else None} for link in chain]


def profile_json(profile: Profile) -> dict:
    return user_json(profile.user) | {
        "object": "profile",
        "post_count": profile.counts.posts,
        "follower_count": profile.counts.followers,
        "following_count": profile.counts.following,
        "is_self": profile.is_self,
        "following": profile.following,
        "follows_you": profile.follows_you,
        "blocked": profile.blocked,
        "url": f"/@{profile.user.handle}",
    }


def _notification_url(n: Notification, actor: User) -> str:
    # Cameo news is acted on from the cameo page (approve, revoke, remove a video): the video itself may be
    # someone else's draft this user cannot open. A failed video is seen in the drafts.
    if n.kind.startswith("cameo_"):
        return "/cameos"
    if n.kind == "video_failed":
        return "/drafts"
    return f"/v/{n.video_id}" if n.video_id else f"/@{actor.handle}"


def notification_json(item: NotificationItem) -> dict:
    n: Notification = item.notification
    return {
        "id": n.id,
        "object": "notification",
        "kind": n.kind,
        "actor": user_json(item.actor),
        "video_id": n.video_id,
        "comment_id": n.comment_id,
        "comment": item.comment_body,
        "thumbnail_url": f"/api/posts/{n.video_id}/media?variant=thumbnail" if item.thumbnail else None,
        "url": _notification_url(n, item.actor),
        "created_at": int(n.created_at),
        "read": n.read_at is not None,
        "reason": item.reason if n.kind == "video_failed" else None,
    }


def post_row_json(post: Post) -> dict:
    """The publish state of a post, as publish/unpublish endpoints report it."""
    return {"id": post.video_id, "object": "post", "caption": post.caption, "show_prompt": post.show_prompt,
            "published": post.published_at is not None,
            "published_at": int(post.published_at) if post.published_at else None}
