"""Deleting a video, everywhere it shows: its media and job (cielo.videos), its post with the likes, comments,
feed history, search entry and notifications that hang on it (cielo.social). Every way a video goes comes
here: its maker, the owner of a cameo it uses, and an account's deletion."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cielo.cameos.service import used_video
from cielo.db.models import User, Video
from cielo.social.posts import remove_post_of
from cielo.storage import MediaStore
from cielo.videos.service import discard_video


async def delete_video(session: AsyncSession, store: MediaStore, user: User, video_id: str) -> Video:
    """`user` deletes their video: hidden at once, media gone, the job stopped, the post and all on it gone."""
    video = await discard_video(session, store, user, video_id)
    await remove_post_of(session, video)
    return video


async def delete_cameo_use(session: AsyncSession, store: MediaStore, owner: User, cameo_id: str,
                           video_id: str) -> Video:
    """The cameo's owner deletes a video that uses it, whoever made it, as its maker would."""
    video = await used_video(session, owner, cameo_id, video_id)
    return await delete_video(session, store, await session.get(User, video.user_id), video.id)
