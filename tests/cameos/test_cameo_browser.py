"""The cameo page in a real browser (Chromium through Playwright) against a real `cielo serve`, on SQLite and
PostgreSQL. Chromium's fake camera plays a Y4M file of the astronaut turning her head (rendered from the photo,
see conftest.head_turn) and its fake microphone a WAV of voiced bursts, so the page's own code path records for
real: challenge, getUserMedia, MediaRecorder (webm), upload, liveness on the server. Then the page manages the
cameo: permission and restrictions, an access request approved, a video using the cameo deleted, a character
uploaded through the file input, and the cameo deleted."""

from __future__ import annotations

import wave
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image
from playwright.async_api import async_playwright, expect

from cielo.db.models import Cameo, Video
from cielo.generation.audio.speech import VoiceSettings, speak
from cielo.likeness.voices import to_wav
from cielo.videos import service as videos
from tests.conftest import auth, make_user
from tests.live import free_port, start_server, stop_group

from . import kit
from .conftest import head_turn, speech_like, yaw_schedule

settings, cat_clip = kit.settings, kit.cat_clip  # fixtures

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FPS = 10
# Facing the camera for 2 s (the recording starts in that time), own left, back, own right, back, and rest.
LOOP = yaw_schedule([(0.0, 0.0), (2.0, 0.0), (2.7, 28.0), (3.2, 28.0), (3.8, 0.0), (4.5, -28.0), (5.0, -28.0),
                     (5.6, 0.0), (7.0, 0.0)])


@pytest.fixture
def database_url(tmp_path):
    """The default install's SQLite only: a browser sees the same pages on either database, and the page and
    API tests beneath these run on both (this keeps the suite within its time)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"


def _write_y4m(path: Path, frames: list[np.ndarray]) -> None:
    h, w = frames[0].shape[:2]
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        for rgb in frames:
            r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
            y = 0.299 * r + 0.587 * g + 0.114 * b
            u = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
            v = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
            out.write(b"FRAME\n")
            out.writelines(np.clip(p + 0.5, 0, 255).astype(np.uint8).tobytes() for p in (y, _half(u), _half(v)))


def _half(plane: np.ndarray) -> np.ndarray:
    """4:2:0 chroma: the mean of each 2x2 block."""
    h, w = plane.shape
    return plane.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


@pytest.fixture(scope="session")
def fake_camera(tmp_path_factory, portrait, portrait_face) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("fake-camera")
    cache: dict[float, np.ndarray] = {}
    frames = []
    for i in range(int(7.0 * FPS)):
        yaw = round(LOOP(i / FPS), 1)
        if yaw not in cache:
            turned = head_turn(portrait, portrait_face.landmarks, yaw)
            small = np.asarray(Image.fromarray(turned).resize((480, 480), Image.Resampling.LANCZOS))
            canvas = np.full((480, 640, 3), 96, np.uint8)
            canvas[:, 80:560] = small
            cache[yaw] = canvas
        frames.append(cache[yaw])
    video = folder / "head-turn.y4m"
    _write_y4m(video, frames)
    audio = folder / "voice.wav"
    pcm = (speech_like(7.0, 48000, bursts=6) * 32767).astype("<i2")
    with wave.open(str(audio), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes(pcm.tobytes())
    return video, audio


async def test_record_and_manage_a_cameo_in_the_browser(services, tmp_path, fake_camera, cat_clip):
    alice, _ = await make_user(services, "alice", display_name="Alice")
    bob, bob_key = await make_user(services, "bob")
    port = free_port()
    server = start_server(services.settings, port, workers=0, log=tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    video_file, audio_file = fake_camera
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video_file}", f"--use-file-for-fake-audio-capture={audio_file}"])
            context = await browser.new_context(viewport={"width": 1000, "height": 900})
            await context.grant_permissions(["camera", "microphone"], origin=base)
            page = await context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            await page.goto(f"{base}/login?next=/cameos")
            await page.fill("input[name=handle]", "alice")
            await page.fill("input[name=password]", "password123")
            await page.click("#login-form button[type=submit]")
            await page.wait_for_url(f"{base}/cameos")

            # The challenge is shown; the fake camera turns left first, so ask until that is what is asked.
            challenge = page.locator("#challenge")
            await expect(challenge).to_contain_text("turn your head to your")
            for _ in range(40):
                if await challenge.get_attribute("data-turns") == "left,right":
                    break
                previous = await challenge.get_attribute("data-id")
                await page.click("#new-challenge")
                await expect(challenge).not_to_have_attribute("data-id", previous)
            assert await challenge.get_attribute("data-turns") == "left,right"
            await expect(challenge).to_contain_text("say these digits out loud")

            await page.click("#record")
            await expect(page.locator("#record-status")).to_contain_text("Recording")
            person = page.locator("section.cameo[data-kind=person]")
            await expect(person).to_be_visible(timeout=90_000)  # recorded, uploaded, checked, reloaded
            await expect(person.locator("h2")).to_contain_text("@alice")
            loaded = "img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))"
            assert await person.locator("img.cameo-face").evaluate(loaded) == 256  # her reference picture
            async with services.sessions() as session:
                cameo = (await session.scalars(Cameo.__table__.select().with_only_columns(Cameo.id)
                                               .where(Cameo.user_id == alice.id))).one()
                row = await session.get(Cameo, cameo)
            assert row.quality["clip"]["container"].startswith("matroska") and row.voice_key
            assert row.quality["liveness"]["observed_turns"] == ["left", "right"]

            # Who may use it, and what they may not make her do.
            await person.locator("input[name=permission][value=approved]").check()
            await person.locator("textarea[name=restrictions]").fill("no political content\nno alcohol")
            await person.locator(".cameo-settings button[type=submit]").click()
            await expect(page.locator(".toast")).to_have_text("Saved")
            async with services.sessions() as session:
                row = await session.get(Cameo, cameo)
                assert row.permission == "approved" and row.restrictions == ["no political content", "no alcohol"]

            # Bob asks; she approves on the page.
            async with httpx.AsyncClient() as http:
                asked = await http.post(f"{base}/api/cameos/{cameo}/requests", headers=auth(bob_key))
            assert asked.json()["status"] == "pending"
            await page.reload()
            request_row = page.locator(".access-list li[data-handle=bob]")
            await expect(request_row).to_have_attribute("data-status", "pending")
            await request_row.locator("button.approve").click()
            await expect(page.locator(".access-list li[data-handle=bob]")).to_have_attribute("data-status", "approved")
            # Her voice: the sample plays, the switch saves itself, a new recording replaces the old one in place.
            sample = person.locator("audio.voice-sample")
            duration = "a => new Promise(r => { a.onloadedmetadata = () => r(a.duration); a.load(); })"
            assert await sample.evaluate(duration) > 1.0
            await person.locator("input.voice-enabled").uncheck()
            await expect(page.locator(".toast")).to_have_text("Saved")
            await page.reload()
            await expect(person.locator("input.voice-enabled")).not_to_be_checked()
            recording = tmp_path / "voice.wav"
            script = await person.locator(".voice-form input[name=script]").input_value()
            recording.write_bytes(to_wav(speak(script, VoiceSettings("en", "f3", 60, 160), 48_000), 48_000))
            before = await sample.get_attribute("src")
            await person.locator(".voice-form input[name=audio]").set_input_files(str(recording))
            await person.locator(".voice-form button[type=submit]").click()
            await expect(page.locator(".toast")).to_have_text("Your voice is saved")
            await expect(sample).not_to_have_attribute("src", before)
            async with services.sessions() as session:
                row = await session.get(Cameo, cameo)
                assert row.voice_transcript == script and row.voice_key.endswith("voice.wav")
                assert row.voice_enabled is False  # still her choice

            ARTIFACTS.mkdir(exist_ok=True)
            database = services.settings.resolved_database_url.split(":")[0].split("+")[0]
            await page.screenshot(path=str(ARTIFACTS / f"{database}-cameos.png"), full_page=True)

            # Bob makes a video with her; it is listed on her page and she deletes it.
            async with services.sessions() as session, session.begin():
                made = await videos.create_video(session, services.settings, services.store, bob, guard=services.guard, models=services.models,
                                                 prompt="@alice surfs a wave at dawn")
                bob_video = made.id
            await page.reload()
            use = page.locator(f"li.use[data-video={bob_video}]")
            await expect(use).to_contain_text("@bob")
            await expect(use).to_contain_text("@alice surfs a wave at dawn")
            await use.locator("button.delete-use").click()
            await expect(use).to_have_count(0)
            async with services.sessions() as session:
                assert (await session.get(Video, bob_video)).deleted_at is not None

            # A character, from a clip chosen in the file input.
            form = page.locator("#character-form")
            await form.locator("input[name=name]").fill("Chelsea")
            clip = tmp_path / "cat.mp4"
            clip.write_bytes(cat_clip)
            await form.locator("input[name=video]").set_input_files(str(clip))
            await form.locator("button[type=submit]").click()
            await expect(page.locator("section.cameo[data-handle='alice.chelsea']")).to_be_visible(timeout=60_000)

            # Deleting the cameo erases it.
            await page.locator("section.cameo[data-kind=person] button.delete-cameo").click()
            await expect(page.locator("section.cameo[data-kind=person]")).to_have_count(0)
            assert errors == []
            await browser.close()
    finally:
        stop_group(server)
    async with services.sessions() as session:
        assert await session.get(Cameo, cameo) is None
    assert not (services.settings.resolved_media_dir / "cameos" / cameo).exists()
