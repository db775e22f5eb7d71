"""Server-rendered pages: sign in, sign up with an invite, and a home page to make videos and watch
their progress. The social app (issue "social app") grows from here; pages call the same services."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.accounts import service as accounts
from cielo.api.deps import SESSION_COOKIE, db_session
from cielo.config import VALID_SECONDS, VALID_SIZES
from cielo.videos import service as videos

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, session: AsyncSession = Depends(db_session)):
    found = await accounts.web_session_user(session, request.cookies.get(SESSION_COOKIE))
    if found is None:
        return RedirectResponse("/login", status_code=303)
    user, web_session = found
    rows, _ = await videos.list_videos(session, user, after=None, limit=50, order="desc")
    invites = await accounts.invite_summary(session, user)
    return templates.TemplateResponse(request, "home.html", {
        "user": user, "csrf_token": web_session.csrf_token, "videos": [videos.to_openai(v) for v in rows],
        "sizes": VALID_SIZES, "seconds": VALID_SECONDS, "invites": invites,
    })


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request):
    return templates.TemplateResponse(request, "login.html", {})


@router.get("/signup", response_class=HTMLResponse)
async def signup_page(request: Request, invite: str = ""):
    return templates.TemplateResponse(request, "signup.html", {"invite": invite[:64]})
