"""Server-rendered pages of the social app (Jinja2, mobile first) and the HTML fragments their scripts
append while scrolling. Pages call the same cielo.social services as the JSON API; every write a page
makes goes through the JSON API with the CSRF header."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from babel.numbers import format_decimal
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.accounts import service as accounts
from cielo.cameos import service as cameos
from cielo.api.deps import SESSION_COOKIE, Services, ServicesDep, SessionDep
from cielo.config import VALID_SECONDS, VALID_SIZES
from cielo.db.models import ApiKey, User, Video, WebhookEndpoint, WebSession
from cielo.errors import CieloError, NotFound
from cielo.api import search as search_api
from cielo.people import blocks, notifications
from cielo.safety import embeddings
from cielo.social import comments, discovery, feed, follows, posts, profiles, search, steering, views
from cielo.web import models
from cielo.web.i18n import LANGUAGE_NAMES, REPORT_REASONS, js_messages, page_language, translations

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)

# No inline script or style anywhere: even an escaping bug could not run injected code.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: "
    "blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def language(request: Request, user: User | None = None) -> str:
    return page_language(user.language if user is not None else None, request.headers.get("accept-language"))


def render(request: Request, name: str, context: dict, *, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    lang = language(request, context.get("user"))
    tr = translations(lang)
    full = {"lang": lang, "_": tr.gettext, "ngettext": tr.ngettext, "js_messages": js_messages(lang), "user": None,
            "num": lambda value: format_decimal(value, locale=lang),
            "language_name": lambda code: LANGUAGE_NAMES.get(code, code),
            "me": None, "csrf_token": None, "unread": 0, "page": "",
            "report_reasons": {reason: tr.gettext(label) for reason, label in REPORT_REASONS.items()}, **context}
    response = templates.TemplateResponse(request, name, full, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    response.headers["content-language"] = lang
    response.headers["vary"] = "accept-language, cookie"
    response.headers.update(headers or {})
    return response


async def signed_in(request: Request, session: AsyncSession) -> tuple[User, WebSession] | None:
    return await accounts.web_session_user(session, request.cookies.get(SESSION_COOKIE))


class SignInNeeded(Exception):
    """A page or fragment was asked for without a signed-in session: a page answers with the sign-in page (and
    comes back after it), a fragment with 401 (its script reloads the page)."""

    def __init__(self, fragment: bool) -> None:
        super().__init__("sign in needed")
        self.fragment = fragment


async def _page_visitor(request: Request, session: SessionDep) -> tuple[User, WebSession]:
    found = await signed_in(request, session)
    if found is None:
        raise SignInNeeded(fragment=False)
    return found


async def _fragment_visitor(request: Request, session: SessionDep) -> tuple[User, WebSession]:
    found = await signed_in(request, session)
    if found is None:
        raise SignInNeeded(fragment=True)
    return found


# The signed-in person and their web session, for a page and for a fragment of one.
SignedInPage = Annotated[tuple[User, WebSession], Depends(_page_visitor)]
SignedInFragment = Annotated[tuple[User, WebSession], Depends(_fragment_visitor)]


def install_sign_in(app: FastAPI) -> None:
    async def answer(request: Request, exc: SignInNeeded) -> Response:
        return Response(status_code=401) if exc.fragment else login_redirect(request)

    app.add_exception_handler(SignInNeeded, answer)


async def page_frame(session: AsyncSession, user: User, web_session: WebSession, page: str) -> dict:
    """What every signed-in page shows around its content: navigation, unread badge, CSRF token."""
    return {"user": user, "me": views.user_json(user), "csrf_token": web_session.csrf_token, "page": page,
            "unread": await notifications.unread_count(session, user)}


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _missing(request: Request, frame: dict) -> HTMLResponse:
    return render(request, "error.html", frame | {"page": "error"}, status=404)


# ------------------------------------------------------------------------------- the installable app
@router.get("/manifest.webmanifest")
async def manifest(request: Request) -> JSONResponse:
    """The web app manifest: with it (and its icons) a phone installs Cielo on the home screen."""
    tr = translations(language(request))
    kinds = (("icon", "any"), ("maskable", "maskable"))
    icons = [{"src": f"/static/icons/{name}-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": purpose} for size in (192, 512) for name, purpose in kinds]
    return JSONResponse({
        "name": "Cielo", "short_name": "Cielo", "lang": language(request),
        "description": tr.gettext(
            "Make short videos with sound from a few words, and share them with friends."),
        "start_url": "/feed", "scope": "/", "display": "standalone", "orientation": "portrait",
        "background_color": "#0b0b12", "theme_color": "#0b0b12", "icons": icons,
    }, media_type="application/manifest+json", headers={"cache-control": "public, max-age=3600",
                                                        "vary": "accept-language"})


@router.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(HERE / "static" / "icons" / "favicon.ico", media_type="image/x-icon",
                        headers={"cache-control": "public, max-age=86400"})


# ------------------------------------------------------------------------------------- signed out
@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: str = "/feed"):  # noqa: A002 - the conventional name
    # Only a path on this site: "//evil.example" or "https://..." would make this an open redirect.
    safe_next = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/feed"
    return render(request, "login.html", {"page": "login", "next": safe_next[:500]})


@router.get("/signup", response_class=HTMLResponse)
async def signup_page(request: Request, invite: str = ""):
    return render(request, "signup.html", {"page": "signup", "invite": invite[:64]})


# --------------------------------------------------------------------------------- create, drafts
async def _create_page(request: Request, svc: Services, session: AsyncSession, focus: str,
                       found: tuple[User, WebSession]):
    user, web_session = found
    if svc.settings.feed_embeddings:
        embeddings.warm_in_background()  # the first publish should not wait for the model
    drafts, _ = await posts.drafts(session, user, limit=50)
    usable = [{"handle": c.handle, "name": c.name, "kind": c.kind}
              for c in await cameos.usable_cameos(session, user)]
    return render(request, "create.html", await page_frame(session, user, web_session, "create") | {
        "drafts": [views.post_json(c, user) for c in drafts], "seconds": VALID_SECONDS,
        "sizes": [(size, models.SIZE_NAMES.get(size, size)) for size in VALID_SIZES],
        "models": await models.model_menu(session, svc.settings, svc.models), "cameos": usable,
        "focus": focus, "max_caption": svc.settings.max_caption_chars,
        "max_prompt": svc.settings.max_prompt_chars})


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, svc: ServicesDep, session: SessionDep, found: SignedInPage):
    return await _create_page(request, svc, session, "composer", found)


@router.get("/drafts", response_class=HTMLResponse)
async def drafts_page(request: Request, svc: ServicesDep, session: SessionDep, found: SignedInPage):
    return await _create_page(request, svc, session, "drafts", found)


@router.get("/fragments/drafts/{video_id}", response_class=HTMLResponse)
async def draft_fragment(video_id: str, request: Request, svc: ServicesDep, session: SessionDep,
                         found: SignedInFragment):
    user, _ = found
    try:
        card = await posts.card(session, user, video_id)
    except NotFound:
        return Response(status_code=404)
    if card.video.user_id != user.id:
        return Response(status_code=404)
    return render(request, "fragments/draft.html", {"d": views.post_json(card, user),
                                                    "max_caption": svc.settings.max_caption_chars})


# ------------------------------------------------------------------------------------------ feeds
async def _feed_page(svc: Services, session: AsyncSession, user: User, tab: str, cursor: str | None,
                     start_at: str | None = None):
    source = feed.following if tab == "following" else feed.for_you
    page = await source(session, svc.settings, user, cursor=cursor, start_at=start_at)
    await session.commit()
    return page


@router.get("/feed", response_class=HTMLResponse)
async def feed_page(request: Request, svc: ServicesDep, session: SessionDep, found: SignedInPage,
                    tab: str = "for_you", at: str | None = None):
    """`at`: the video the page was showing (the script keeps it in the address), so a reload, Back or a
    change of steering starts there again."""
    user, web_session = found
    tab = "following" if tab == "following" else "for_you"
    page = await _feed_page(svc, session, user, tab, None, (at or "")[:64])
    preference = await steering.get_steering(session, user)
    suggested = []
    if tab == "following" and not page.cards:
        suggested = [views.suggestion_json(s) for s in await discovery.suggested_people(session, user)]
    return render(request, "feed.html", await page_frame(session, user, web_session, "feed") | {
        "tab": tab, "posts": [views.post_json(c, user) for c in page.cards], "next_cursor": page.next_cursor,
        "limit_reached": page.limit_reached, "autoplay": page.autoplay, "steering": preference,
        "caught_up_at": page.caught_up_at, "suggested": suggested})


@router.get("/fragments/feed", response_class=HTMLResponse)
async def feed_fragment(request: Request, svc: ServicesDep, session: SessionDep,
                        found: SignedInFragment, tab: str = "for_you", cursor: str | None = None):
    user, _ = found
    try:
        page = await _feed_page(svc, session, user, "following" if tab == "following" else "for_you", cursor)
    except CieloError:
        return Response(status_code=400)
    return render(request, "fragments/slides.html", {"posts": [views.post_json(c, user) for c in page.cards],
                                                     "caught_up_at": page.caught_up_at},
                  headers={"x-next-cursor": page.next_cursor or "", "x-limit-reached": str(page.limit_reached).lower(),
                           "x-autoplay": str(page.autoplay).lower()})


# ------------------------------------------------------------------------------------- video page
@router.get("/v/{video_id}", response_class=HTMLResponse)
async def video_page(video_id: str, request: Request, svc: ServicesDep, session: SessionDep, embed: bool = False):
    """The video page; for someone signed out (and for the embed player) the public share page."""
    from cielo.web.share_pages import share_page  # it renders through this module

    found = await signed_in(request, session)
    if found is None or embed:
        frame = None if found is None else await page_frame(session, *found, "share")
        return await share_page(request, svc, session, video_id, embed=embed, frame=frame)
    user, web_session = found
    frame = await page_frame(session, user, web_session, "video")
    try:
        card = await posts.card(session, user, video_id)
    except NotFound:
        return _missing(request, frame)
    post = views.post_json(card, user)
    threads, next_cursor = ([], None)
    if post["published"]:
        threads, next_cursor = await comments.list_comments(session, user, video_id)
    chain = await posts.remix_chain(session, user, card.video)
    remixes = await posts.remixes_of(session, user, video_id) if post["published"] else []
    own = card.video.user_id == user.id
    return render(request, "video.html", frame | _derive_options(svc, card.video, own) | {
        "p": post, "own": own, "taken_down": post["taken_down"],
        "following_creator": not own and await follows.is_following(session, user.id, card.video.user_id),
        "threads": [views.thread_json(t, user, card.video.user_id) for t in threads],
        "comments_cursor": next_cursor, "chain": views.chain_json(chain),
        "remixes": [views.post_json(c, user) for c in remixes], "max_comment": svc.settings.max_comment_chars,
        "max_caption": svc.settings.max_caption_chars, "max_prompt": svc.settings.max_prompt_chars})


def _derive_options(svc: Services, video: Video, own: bool) -> dict:
    """Whether the owner may edit or extend this video with its model, and by how many seconds."""
    if not own or video.status != "completed":
        return {"can_edit": False, "can_extend": False, "extend_seconds": []}
    room = svc.settings.max_total_seconds - int(video.seconds)
    return {"can_edit": models.can_render(svc.models, video.model, "edit"),
            "can_extend": room > 0 and models.can_render(svc.models, video.model, "extend"),
            "extend_seconds": [s for s in VALID_SECONDS if int(s) <= room]}


@router.get("/fragments/comments/{video_id}", response_class=HTMLResponse)
async def comments_fragment(video_id: str, request: Request, session: SessionDep,
                            found: SignedInFragment, cursor: str | None = None):
    user, _ = found
    try:
        video, _ = await posts.viewable_video(session, user, video_id)
        threads, next_cursor = await comments.list_comments(session, user, video_id, cursor=cursor)
    except CieloError as exc:
        return Response(status_code=exc.status)
    return render(request, "fragments/comments.html",
                  {"threads": [views.thread_json(t, user, video.user_id) for t in threads]},
                  headers={"x-next-cursor": next_cursor or ""})


# ------------------------------------------------------------------------------------------ people
@router.get("/@{handle}", response_class=HTMLResponse)
async def profile_page(handle: str, request: Request, session: SessionDep, found: SignedInPage):
    user, web_session = found
    frame = await page_frame(session, user, web_session, "profile")
    try:
        profile = await profiles.profile(session, user, handle)
        _, grid, next_cursor = await posts.user_posts(session, user, handle)
    except NotFound:
        return _missing(request, frame)
    suggested = await discovery.suggested_people(session, user, limit=4, exclude=(profile.user.id,))
    return render(request, "profile.html", frame | {
        "profile": views.profile_json(profile), "posts": [views.post_json(c, user) for c in grid],
        "next_cursor": next_cursor, "suggested": [views.suggestion_json(s) for s in suggested]})


@router.get("/fragments/posts/{handle}", response_class=HTMLResponse)
async def posts_fragment(handle: str, request: Request, session: SessionDep,
                         found: SignedInFragment, cursor: str | None = None):
    user, _ = found
    try:
        _, grid, next_cursor = await posts.user_posts(session, user, handle, cursor=cursor)
    except CieloError as exc:
        return Response(status_code=exc.status)
    return render(request, "fragments/tiles.html", {"posts": [views.post_json(c, user) for c in grid]},
                  headers={"x-next-cursor": next_cursor or ""})


async def _people_page(request: Request, session: AsyncSession, handle: str, which: str,
                       cursor: str | None, found: tuple[User, WebSession]):
    user, web_session = found
    frame = await page_frame(session, user, web_session, "people")
    source = follows.followers if which == "followers" else follows.following
    try:
        owner, people, next_cursor = await source(session, user, handle, cursor=cursor)
    except NotFound:
        return _missing(request, frame)
    except CieloError:
        return _missing(request, frame)
    followed = await follows.followed_ids(session, user.id, [p.id for p in people])
    return render(request, "people.html", frame | {
        "owner": views.user_json(owner), "which": which, "next_cursor": next_cursor,
        "people": [views.user_json(p) | {"following": p.id in followed, "is_self": p.id == user.id}
                   for p in people]})


@router.get("/@{handle}/followers", response_class=HTMLResponse)
async def followers_page(handle: str, request: Request, session: SessionDep, found: SignedInPage,
                         cursor: str | None = None):
    return await _people_page(request, session, handle, "followers", cursor, found)


@router.get("/@{handle}/following", response_class=HTMLResponse)
async def following_page(handle: str, request: Request, session: SessionDep, found: SignedInPage,
                         cursor: str | None = None):
    return await _people_page(request, session, handle, "following", cursor, found)


# ------------------------------------------------------------------------------------------ search
@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, session: SessionDep, found: SignedInPage, q: str = ""):
    user, web_session = found
    frame = await page_frame(session, user, web_session, "search")
    q = q.strip()[:1000]
    people, videos, error = [], [], None
    try:
        people = await search_api.people_json(session, user, [views.user_json(u) for u in
                                                             await search.search_people(session, user, q)])
        videos = [views.post_json(c, user) for c in await search.search_videos(session, user, q)]
    except CieloError as exc:
        error = exc.localized(translations(language(request, user)).gettext)
    suggested = [] if q else [views.suggestion_json(s)
                              for s in await discovery.suggested_people(session, user)]
    return render(request, "search.html", frame | {"q": q, "people": people, "videos": videos, "error": error,
                                                   "suggested": suggested})


# --------------------------------------------------------------------------------- notifications
@router.get("/notifications", response_class=HTMLResponse)
async def notifications_page(request: Request, session: SessionDep, found: SignedInPage,
                             cursor: str | None = None):
    user, web_session = found
    frame = await page_frame(session, user, web_session, "notifications")
    try:
        items, next_cursor = await notifications.list_notifications(session, user, cursor=cursor)
    except CieloError:
        return _missing(request, frame)
    shown = [views.notification_json(i) for i in items]
    # Opening the page reads what it shows; the list still marks which ones were new.
    await notifications.mark_read(session, user, [n["id"] for n in shown if not n["read"]])
    await session.commit()
    return render(request, "notifications.html", frame | {"items": shown, "next_cursor": next_cursor,
                                                         "unread": await notifications.unread_count(session, user)})


# ------------------------------------------------------------------------------- invites, settings
@router.get("/invites", response_class=HTMLResponse)
async def invites_page(request: Request, svc: ServicesDep, session: SessionDep, found: SignedInPage):
    user, web_session = found
    invites = await accounts.invite_summary(session, user)
    return render(request, "invites.html", await page_frame(session, user, web_session, "invites") | {
        "invites": invites, "base_url": str(request.base_url).rstrip("/")})


@router.get("/settings", response_class=HTMLResponse)
async def settings_page(request: Request, svc: ServicesDep, session: SessionDep,
                        found: SignedInPage):
    user, web_session = found
    keys = await session.scalars(select(ApiKey).where(ApiKey.user_id == user.id, ApiKey.revoked_at.is_(None))
                                 .order_by(ApiKey.created_at))
    hooks = await session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.user_id == user.id)
                                  .order_by(WebhookEndpoint.created_at))
    return render(request, "settings.html", await page_frame(session, user, web_session, "settings") | {
        "languages": LANGUAGE_NAMES,
        "keys": list(keys), "webhooks": list(hooks), "blocked": [views.user_json(u) for u in
                                                                  await blocks.list_blocked(session, user)],
        "max_bio": svc.settings.max_bio_chars, "base_url": str(request.base_url).rstrip("/")})


@router.get("/fragments/notifications", response_class=HTMLResponse)
async def notifications_fragment(request: Request, session: SessionDep, found: SignedInFragment,
                                 cursor: str | None = None):
    user, _ = found
    try:
        items, next_cursor = await notifications.list_notifications(session, user, cursor=cursor)
    except CieloError as exc:
        return Response(status_code=exc.status)
    shown = [views.notification_json(i) for i in items]
    await notifications.mark_read(session, user, [n["id"] for n in shown if not n["read"]])
    await session.commit()
    return render(request, "fragments/notifications.html", {"items": shown},
                  headers={"x-next-cursor": next_cursor or ""})
