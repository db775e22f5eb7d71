"""My data under /api/me: download all of it as a zip, or delete my account and everything of mine."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from cielo.api.deps import CurrentUser, SESSION_COOKIE, ServicesDep, SessionDep
from cielo.api.schema import ERRORS
from cielo.social import my_data

router = APIRouter(prefix="/api/me", tags=["accounts"], responses=ERRORS)


class DeleteAccountBody(BaseModel):
    confirm: str = Field(max_length=64, description="My handle, to confirm")


@router.get(
    "/export", summary="Download my data: a zip of my videos, cameos, comments, likes, follows and profile",
    response_class=FileResponse, responses={200: {"description": "The zip", "content": {"application/zip": {"schema": {"type": "string",
                                                                                          "format": "binary"}}}}},
)
async def export(svc: ServicesDep, session: SessionDep, user: CurrentUser) -> FileResponse:
    path = await my_data.export_zip(session, svc.store, user)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"cielo-{user.handle}.zip",
        background=BackgroundTask(path.unlink, missing_ok=True),
        headers={"cache-control": "no-store"},
    )


@router.post("/delete", summary="Delete my account and everything of mine (send my handle as 'confirm')")
async def delete_account(body: DeleteAccountBody, response: Response, svc: ServicesDep, session: SessionDep,
                         user: CurrentUser) -> dict:
    await my_data.delete_account(session, svc.settings, svc.store, user, confirm=body.confirm)
    await session.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"deleted": True}
