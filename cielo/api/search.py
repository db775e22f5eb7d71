"""Search and discovery under /api: people and published videos by words, and people to follow."""

from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.deps import CurrentUser, SessionDep
from cielo.api.schema import ERRORS
from cielo.db.models import User
from cielo.social import discovery, follows, search, views

router = APIRouter(prefix="/api", tags=["social"], responses=ERRORS)


async def people_json(session: AsyncSession, viewer: User, people: list[dict]) -> list[dict]:
    """People (user_json dicts) with whether the viewer follows each."""
    followed = await follows.followed_ids(session, viewer.id, [p["id"] for p in people])
    return [p | {"following": p["id"] in followed, "is_self": p["id"] == viewer.id} for p in people]


@router.get("/search", summary="Search people (handle, name) and published videos (caption, shown prompt)")
async def search_all(session: SessionDep, user: CurrentUser, q: str = Query("", max_length=1000)) -> dict:
    people = [views.user_json(u) for u in await search.search_people(session, user, q)]
    found = await search.search_videos(session, user, q)
    return {
        "object": "search",
        "query": q,
        "people": await people_json(session, user, people),
        "videos": [views.post_json(c, user) for c in found],
    }


@router.get(
    "/suggestions/people", summary="People I might follow: friends of friends, creators my follows like"
)
async def suggested_people(session: SessionDep, user: CurrentUser) -> dict:
    found = await discovery.suggested_people(session, user)
    return {"object": "list", "data": [views.suggestion_json(s) for s in found]}
