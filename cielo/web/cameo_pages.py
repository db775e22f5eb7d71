"""The cameo page (/cameos): record my cameo in the browser (the challenge, the camera, MediaRecorder, the
upload), or upload a clip; my characters; who may use each, approvals and restrictions; every video that uses
them, with delete; and asking someone else for theirs. Every write goes through the JSON API (/api/cameos)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cielo.api.deps import ServicesDep, SessionDep
from cielo.cameos import consent, recorded_voice, trainings
from cielo.likeness import voices
from cielo.cameos import service as cameos
from cielo.web.pages import SignedInPage, page_frame, render

router = APIRouter(include_in_schema=False)


@router.get("/cameos", response_class=HTMLResponse)
async def cameos_page(request: Request, svc: ServicesDep, session: SessionDep, found: SignedInPage):
    user, web_session = found
    mine = []
    for cameo in await cameos.my_cameos(session, user):
        mine.append(cameos.cameo_json(cameo, user, user) | {
            "access": await cameos.access_list(session, user, cameo.id),
            "uses": await cameos.uses(session, user, cameo.id),
            "trainings": [trainings.training_json(t)
                          for t in await trainings.list_trainings(session, user, cameo.id, limit=3)],
        })
    person = next((c for c in mine if c["kind"] == "person"), None)
    usable = [cameos.cameo_json(c, None, user) for c in await cameos.usable_cameos(session, user)
              if c.user_id != user.id]
    return render(request, "cameos/index.html", await page_frame(session, user, web_session, "cameos") | {
        "person": person,
        "characters": [c for c in mine if c["kind"] == "character"],
        "usable": usable,
        "voices": voices.menu(),
        "voice_scripts": recorded_voice.VOICE_SCRIPTS,
        "speech_model": svc.models.speech_model_here(),
        "trainable_models": trainings.trainable_models(svc.models),
        "permissions": [(p, consent.PERMISSION_LABELS[p]) for p in consent.PERMISSIONS],
        "max_per_video": svc.settings.cameo_max_per_video,
        "clip_seconds": (svc.settings.cameo_clip_min_seconds, svc.settings.cameo_clip_max_seconds),
    })
