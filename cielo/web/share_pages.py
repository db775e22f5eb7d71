"""Share links for people without an account: /v/{id} plays a published video with Open Graph and Twitter
card tags, /v/{id}?embed=1 is the bare player other sites frame, /s/{id}/... serve its media, and /oembed
describes it (oEmbed 1.0, JSON). `CIELO_SHARE_REQUIRES_SIGN_IN` turns all of it off: share links then ask to
sign in."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.deps import Services, ServicesDep, SessionDep
from cielo.api.media import media_response
from cielo.errors import CieloError, InvalidInput, NotFound
from cielo.social import captions, posts, sharing, views
from cielo.web.pages import SECURITY_HEADERS, login_redirect, render

router = APIRouter(include_in_schema=False)

# Other sites may frame the embed player (and only it).
EMBED_HEADERS = {
    "content-security-policy": SECURITY_HEADERS["content-security-policy"].replace(
        "frame-ancestors 'none'", "frame-ancestors *"
    ),
    "x-frame-options": "",
}
_MEDIA = {"video": ("video", "video/mp4"), "thumbnail": ("thumbnail", "image/webp")}


def base_url(request: Request, svc: Services) -> str:
    return (svc.settings.public_url or str(request.base_url)).rstrip("/")


async def share_page(
    request: Request,
    svc: Services,
    session: AsyncSession,
    video_id: str,
    *,
    embed: bool,
    frame: dict | None = None,
) -> Response:
    """The public page of a shareable video (or the embed player); anything else asks to sign in, as it did,
    so a share link never tells whether a draft exists."""
    if svc.settings.share_requires_sign_in and frame is None:
        return login_redirect(request)
    try:
        card = await sharing.shareable(session, video_id)
    except NotFound:
        return login_redirect(request) if frame is None else Response(status_code=404)
    base = base_url(request, svc)
    post = views.post_json(card, None)
    width, height = sharing.video_size(card)
    media = {
        "video": f"{base}/s/{card.video.id}/video",
        "thumbnail": f"{base}/s/{card.video.id}/thumbnail",
        "captions": f"/s/{card.video.id}/captions.vtt" if post["captions_url"] else None,
    }
    context = (frame or {}) | {
        "page": "share",
        "p": post,
        "title": sharing.share_title(card),
        "media": media,
        "page_url": f"{base}/v/{card.video.id}",
        "width": width,
        "height": height,
        "embed": embed,
        "oembed_url": f"{base}/oembed?url={base}/v/{card.video.id}",
    }
    headers = EMBED_HEADERS if embed else None
    response = render(request, "share.html", context, headers=headers)
    if embed:
        del response.headers["x-frame-options"]
    return response


@router.api_route("/s/{video_id}/{variant}", methods=["GET", "HEAD"])
async def shared_media(video_id: str, variant: str, request: Request, svc: ServicesDep,
                       session: SessionDep) -> Response:
    if svc.settings.share_requires_sign_in:
        return Response(status_code=404)
    try:
        card = await sharing.shareable(session, video_id)
        if variant == "captions.vtt":
            return Response(
                captions.webvtt(card.video),
                media_type="text/vtt; charset=utf-8",
                headers={"cache-control": "public, max-age=3600"},
            )
        if variant not in _MEDIA:
            raise NotFound(code="not_found")
        key, media_type = posts.media_key(card.video, _MEDIA[variant][0], svc.settings, card.post)
        return await media_response(request, svc.store, key, media_type, name=f"cielo-{card.video.id}",
                              cache="public, max-age=3600")
    except CieloError as exc:
        if exc.status in (400, 416):  # a bad Range: say so
            raise
        return Response(status_code=404)


@router.get("/oembed")
async def oembed(request: Request, svc: ServicesDep, session: SessionDep, url: str = Query(..., max_length=2000),
                 format: str = "json", # noqa: A002
    maxwidth: int | None = Query(None, ge=1, le=4096),
                 maxheight: int | None = Query(None, ge=1, le=4096)) -> Response:
    """oEmbed for a share link (`url` = https://this-server/v/{id}): JSON only (XML answers 501)."""
    if format != "json":
        return Response(status_code=501)
    path = urlparse(url).path
    if svc.settings.share_requires_sign_in or not path.startswith("/v/"):
        return Response(status_code=404)
    try:
        card = await sharing.shareable(session, path.removeprefix("/v/").strip("/"))
    except (NotFound, InvalidInput):
        return Response(status_code=404)
    return JSONResponse(
        sharing.oembed(card, base_url(request, svc), maxwidth, maxheight),
        headers={"cache-control": "public, max-age=3600"},
    )
