"""Share links: a published video's page and media for people without an account (unless the instance
requires sign-in), its Open Graph / Twitter card tags and its oEmbed answer.

Only a video anyone could watch in the app is shareable: finished, published, not taken down, its creator
not banned, and every cameo in it still allowed to its maker. A draft, a deleted video, or a video whose cameo
owner withdrew permission is the same "not found" as a video that never existed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.cameos import consent
from cielo.db.models import Cameo, CameoUse, Video
from cielo.errors import NotFound
from cielo.ids import is_valid_id
from cielo.social.posts import PostCard, cards, is_live


async def shareable(session: AsyncSession, video_id: str) -> PostCard:
    """The card of a video anyone may watch from its share link; NotFound otherwise."""
    if not is_valid_id(video_id or "", "video"):
        raise NotFound(code="video_not_found", param="video_id")
    found = await cards(session, None, [video_id])
    card = found[0] if found else None
    if (
        card is None
        or card.video.deleted_at is not None
        or card.video.status != "completed"
        or not card.video.video_key
        or card.video.taken_down_at is not None
        or not is_live(card.post)
        or card.creator.banned_at is not None
        or not await _cameos_allowed(session, card.video)
    ):
        raise NotFound(code="video_not_found", param="video_id")
    return card


async def _cameos_allowed(session: AsyncSession, video: Video) -> bool:
    used = await session.scalars(
        select(Cameo).join(CameoUse, CameoUse.cameo_id == Cameo.id).where(CameoUse.video_id == video.id)
    )
    for cameo in used:
        if not await consent.can_use(session, cameo, video.user_id):
            return False
    return True


def share_title(card: PostCard) -> str:
    caption = " ".join((card.post.caption if card.post else "").split())
    return caption[:97] + "…" if len(caption) > 98 else caption or f"@{card.creator.handle}"


def video_size(card: PostCard) -> tuple[int, int]:
    width, _, height = card.video.size.partition("x")
    return int(width), int(height)


def oembed(
    card: PostCard, base_url: str, max_width: int | None = None, max_height: int | None = None
) -> dict:
    """The oEmbed 1.0 "video" answer: an iframe of the embed player, fitted within maxwidth x maxheight."""
    width, height = video_size(card)
    scale = min(1.0, 360 / width, (max_width or width) / width, (max_height or height) / height)
    shown_w, shown_h = max(1, round(width * scale)), max(1, round(height * scale))
    page = f"{base_url}/v/{card.video.id}"
    html = (
        f'<iframe src="{page}?embed=1" width="{shown_w}" height="{shown_h}" frameborder="0" '
        f'allow="autoplay; fullscreen" allowfullscreen title="Cielo"></iframe>'
    )
    answer = {
        "version": "1.0",
        "type": "video",
        "provider_name": "Cielo",
        "provider_url": base_url,
        "title": share_title(card),
        "author_name": f"@{card.creator.handle}",
        "author_url": f"{base_url}/@{card.creator.handle}",
        "html": html,
        "width": shown_w,
        "height": shown_h,
    }
    if card.video.thumbnail_key:
        answer |= {
            "thumbnail_url": f"{base_url}/s/{card.video.id}/thumbnail",
            "thumbnail_width": width,
            "thumbnail_height": height,
        }
    return answer
