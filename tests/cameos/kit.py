"""Helpers for the cameo platform tests: real clips (encoded with PyAV from real face photos, see conftest.py)
uploaded through the real API, and cameos stored through the real service from a photo when a test is
about permissions rather than about liveness."""

from __future__ import annotations

import numpy as np
import pytest
import skimage.data

from cielo.cameos import service as cameos
from cielo.likeness.faces import FaceAnalyzer, reference_crop, to_png
from cielo.db.models import Cameo, User
from tests.conftest import auth

from .conftest import fit_square, hand_jitter, render, shift_zoom


@pytest.fixture(scope="session")
def live_clip(turn_clip) -> bytes:
    """The astronaut turning her head left, then right, with a voice: an mp4 that passes liveness."""
    return turn_clip.data


@pytest.fixture(scope="session")
def cat_clip() -> bytes:
    """A pet for a character: scikit-image's cat, hand-held."""
    cat = fit_square(np.ascontiguousarray(skimage.data.chelsea()), 512)
    return render(lambda i: shift_zoom(cat, *hand_jitter(i)))


@pytest.fixture(scope="session")
def no_face_clip() -> bytes:
    coffee = fit_square(np.ascontiguousarray(skimage.data.coffee()), 512)
    return render(lambda i: shift_zoom(coffee, *hand_jitter(i)))


@pytest.fixture(scope="session")
def two_faces_clip(portrait: np.ndarray, grace_portrait: np.ndarray) -> bytes:
    both = np.concatenate([portrait, grace_portrait], axis=1)
    return render(lambda i: shift_zoom(both, *hand_jitter(i)))


def photo_analysis(image: np.ndarray, analyzer: FaceAnalyzer | None = None) -> cameos.ClipAnalysis:
    """What a passing clip of this face would leave: one reference crop and the face's embedding."""
    (face,) = (analyzer or FaceAnalyzer()).analyze(image)
    return cameos.ClipAnalysis([to_png(reference_crop(image, face, 256))], face.embedding.astype(np.float32),
                               None, 16000, {"from": "photo (test)"})


async def stored_cameo(services, user: User, analysis: cameos.ClipAnalysis, *, permission: str = "only_me",
                       restrictions: tuple[str, ...] = (), voice: str | None = "warm_female") -> Cameo:
    async with services.sessions() as session, session.begin():
        user = await session.get(User, user.id)
        cameo = await cameos.create_person_cameo(session, services.settings, services.store, user, analysis,
                                                 voice=voice)
        cameo.permission, cameo.restrictions = permission, list(restrictions)
    return cameo


async def challenge_for(client, key: str, turns: tuple[str, ...] = ("left", "right")) -> dict:
    """A fresh challenge asking for `turns` (a challenge is random: ask until it is the one the clip shows)."""
    for _ in range(40):
        response = await client.post("/api/cameos/challenge", headers=auth(key))
        assert response.status_code == 200, response.text
        if tuple(response.json()["turns"]) == turns:
            return response.json()
    raise AssertionError("no challenge with the wanted turns in 40 tries")


async def upload_cameo(client, key: str, clip: bytes, *, voice: str | None = None, challenge: dict | None = None,
                       filename: str = "cameo.mp4"):
    challenge = challenge or await challenge_for(client, key)
    data = {"challenge_id": challenge["id"]}
    if voice:
        data["voice"] = voice
    return await client.post("/api/cameos", headers=auth(key), data=data,
                             files={"video": (filename, clip, "video/mp4")})


@pytest.fixture
def settings(tmp_path, database_url):
    """The usual test settings minus the safety models (prompt classifier, NudeNet), which these tests do not
    exercise and which would otherwise load in every test process that makes a video."""
    from tests.conftest import make_settings

    return make_settings(tmp_path, database_url, moderation_classifier=False, frame_moderation=False)
