"""Neural models through the real job system: a video row is queued through the videos service, a
real worker process (started once for this module) claims it, renders it with the tiny model the
registry names, runs output safety and provenance, and stores an H.264 + AAC mp4 of exactly the
requested size and duration. Also: a cameo's LoRA trained here and used by a job, and a cancel that
lands between two denoising steps. SQLite only (see conftest)."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys

import pytest
from PIL import Image
from sqlalchemy import func, select

from cielo.api.deps import Services
from cielo.cameos import trainings
from cielo.db.migrate import upgrade_async
from cielo.db.models import Cameo, LikenessTraining, Video
from cielo.generation.catalog import ModelCatalog
from cielo.errors import InvalidInput
from cielo.ids import new_id
from cielo.workers.worker import workdir_for
from cielo.social import deletion
from cielo.videos import service as videos
from tests.conftest import auth, make_user
from tests.live import cielo_env, start_worker
from tests.neural.conftest import assert_video, export_registry, neural_settings_for, write_image

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, tiny_registry):
    root = tmp_path_factory.mktemp("jobs")
    # Likeness trainings of 40 steps at a high rate: enough for the loss to fall on a tiny set.
    settings = neural_settings_for(root, tiny_registry, lora_steps=40, lora_rank=4, lora_learning_rate=3e-3)
    patch = pytest.MonkeyPatch()
    export_registry(settings, patch)
    asyncio.run(upgrade_async(settings.resolved_database_url))
    worker = start_worker(settings)
    yield settings, root
    worker.terminate()
    worker.join(30)
    patch.undo()


@pytest.fixture
async def services(stack):
    from cielo.db.session import make_engine, make_sessionmaker
    from cielo.safety.guard import SafetyGuard
    from cielo.storage import make_media_store

    settings, _ = stack
    engine = make_engine(settings.resolved_database_url)
    yield Services(
        settings=settings,
        sessions=make_sessionmaker(engine),
        store=make_media_store(settings),
        guard=SafetyGuard(settings),
        models=ModelCatalog(settings),
    )
    await engine.dispose()


def _png(path) -> bytes:
    buffer = io.BytesIO()
    Image.open(path).save(buffer, format="PNG")
    return buffer.getvalue()


async def _create(services, user, model: str, prompt: str, **fields) -> str:
    async with services.sessions() as session, session.begin():
        video = await videos.create_video(
            session,
            services.settings,
            services.store,
            user,
            guard=services.guard, models=services.models,
            prompt=prompt,
            model=model,
            seconds="4",
            size="720x1280",
            **fields,
        )
        return video.id


async def _wait(services, video_id: str, check, timeout: float = 120.0, what: str = "state", row_class=Video):
    """The row (a video, or a likeness training) once `check(row)` holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        async with services.sessions() as session:
            row = await session.get(row_class, video_id)
        if check(row):
            return row
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {row.status} {row.progress} {row.stage}")
        await asyncio.sleep(0.1)


async def _wait_training(services, training_id: str, check, **kwargs) -> LikenessTraining:
    return await _wait(services, training_id, check, row_class=LikenessTraining, **kwargs)


async def _render(services, user, model: str, prompt: str, **fields) -> tuple[Video, dict]:
    if isinstance(user, str):
        user, _ = await make_user(services, user)
    video_id = await _create(services, user, model, prompt, **fields)
    done = await _wait(services, video_id, lambda v: v.status in ("completed", "failed"), what="completion")
    assert done.status == "completed", (done.error_code, done.error_message)
    assert_video(services.store.local_path(done.video_key), 720, 1280, 4.0)
    return done, done.details["generation"]


async def test_text_to_video_with_sound_from_ltx2(services):
    _, meta = await _render(services, "lia", "tiny-ltx2", 'Rain over a city at night. Lia: "We made it."')
    assert meta["engine"] == "diffusers" and meta["pipeline"] == "ltx2" and meta["model"] == "tiny-ltx2"
    assert meta["audio"]["source"] == "engine" and meta["sound"]["source"] == "model"
    assert meta["steps_done"] == 3 and meta["previews"] == 2


async def test_image_to_video_with_wan_i2v(services, tmp_path):
    image = write_image(tmp_path / "first.png", ((200, 40, 40), (40, 60, 200)))
    _, meta = await _render(services, "ian", "tiny-i2v", "The scene comes alive", input_reference=_png(image))
    assert meta["pipeline"] == "wan-i2v"
    assert meta["conditioning"] == {"first_frame": True, "reference_images": 0, "source_frames": 0}


async def _cameo(services, user, *pictures) -> str:
    """A person cameo for `user`, as cameo sign-up leaves it: a row and its reference crops in storage."""
    cameo_id = new_id("cameo")
    keys = [f"cameos/{cameo_id}/ref{i}.png" for i in range(len(pictures))]
    for key, picture in zip(keys, pictures, strict=True):
        services.store.put_bytes(key, _png(picture))
    key = keys[0]
    async with services.sessions() as session, session.begin():
        session.add(
            Cameo(
                id=cameo_id,
                user_id=user.id,
                kind="person",
                handle=user.handle,
                handle_key=user.handle_key,
                name=user.handle,
                permission="only_me",
                restrictions=[],
                face_key=key,
                reference_keys=keys,
            )
        )
    return cameo_id


async def test_image_to_video_without_an_image_is_refused_before_queueing(services):
    user, _ = await make_user(services, "iva")
    with pytest.raises(InvalidInput) as refused:
        await _create(services, user, "tiny-i2v", "The scene comes alive")
    assert (refused.value.code, refused.value.param) == ("input_reference_required", "input_reference")
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Video).where(Video.user_id == user.id)) == 0


async def test_vace_puts_the_cameo_in_the_video(services, tmp_path):
    user, _ = await make_user(services, "val")
    await _cameo(services, user, write_image(tmp_path / "val.png", ((230, 180, 150), (30, 30, 30))))
    _, meta = await _render(services, user, "tiny-vace", "@val dances on the beach")
    assert meta["pipeline"] == "wan-vace"
    assert meta["conditioning"] == {"first_frame": False, "reference_images": 1, "source_frames": 0}
    assert meta["cameo_likeness"] == {"val": "reference image"}


async def test_cancel_lands_between_denoising_steps(services):
    user, _ = await make_user(services, "cal")
    video_id = await _create(services, user, "tiny-wan-slow", "Snow falling on mountains")  # 20000 steps
    await _wait(services, video_id, lambda v: v.stage == "render" and v.progress >= 12, what="denoising")
    async with services.sessions() as session, session.begin():
        await deletion.delete_video(session, services.store, user, video_id)
    stopped = await _wait(services, video_id, lambda v: v.status == "cancelled", timeout=30, what="cancel")
    assert stopped.video_key is None and stopped.progress < 60  # far from the end of the denoising
    assert not workdir_for(services.settings, video_id).exists()


async def test_the_picture_forming_is_published_while_denoising_and_removed_after(services):
    user, _ = await make_user(services, "pia")
    video_id = await _create(services, user, "tiny-wan-previews", "A lighthouse at dusk")  # 400 steps
    key = videos.preview_key(video_id)
    await _wait(services, video_id, lambda v: services.store.exists(key), what="a preview")
    assert services.store.local_path(key).read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG, served by the API
    async with services.sessions() as session:
        event = videos.progress_event(await session.get(Video, video_id), services.store)
    assert event["status"] == "in_progress" and "variant=preview" in event["preview_url"]
    async with services.sessions() as session, session.begin():
        await deletion.delete_video(session, services.store, user, video_id)
    await _wait(services, video_id, lambda v: v.status == "cancelled", timeout=30, what="cancel")
    assert not services.store.exists(key)


async def test_edit_wan_and_ltx2_videos_in_a_worker_and_refuse_a_model_that_cannot(services):
    user, _ = await make_user(services, "eda")
    for model in ("tiny-wan", "tiny-ltx2"):
        source, _ = await _render(services, user, model, "A red kite over the dunes")
        async with services.sessions() as session, session.begin():
            edit = await videos.derive_video(session, services.settings, services.store, user, mode="edit",
                                             guard=services.guard, models=services.models, prompt="Make it snow",
                                             source=videos.SourceVideo(video_id=source.id))
        done = await _wait(services, edit.id, lambda v: v.status in ("completed", "failed"), what="edit")
        assert done.status == "completed", (model, done.error_code, done.error_message)
        assert (done.mode, done.model, done.source_video_id) == ("edit", model, source.id)
        assert_video(services.store.local_path(done.video_key), 720, 1280, 4.0)
        meta = done.details["generation"]
        assert meta["conditioning"]["source_frames"] == 9 and meta["steps_done"] == 1  # int(3 steps x 0.6)
    # A video LTX-Video made cannot be edited by it: refused before anything is queued.
    ltx, _ = await _render(services, user, "tiny-ltx", "Rain over a city at night")
    with pytest.raises(InvalidInput) as refused:
        async with services.sessions() as session, session.begin():
            await videos.derive_video(session, services.settings, services.store, user, mode="edit",
                                      guard=services.guard, models=services.models, prompt="Make it snow",
                                      source=videos.SourceVideo(video_id=ltx.id))
    assert refused.value.code == "unsupported_mode" and "cannot edit" in refused.value.message
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Video).where(Video.user_id == user.id)) == 5


async def test_wan22_two_experts(services):
    _, meta = await _render(services, "wes", "tiny-wan22", "A fox runs through a forest")
    assert meta["runtime"]["denoisers"] == ["transformer", "transformer_2"]


async def test_cameo_likeness_trained_by_a_worker_then_used_by_a_job(services, stack, tmp_path):
    """The owner asks for a training; the worker trains on the cameo's stored frames (its loss falls on
    them), stores the adapter, and the next video that says @ana loads it."""
    from cielo.generation.training import adapter_dir, has_adapter

    settings, _ = stack
    user, _ = await make_user(services, "ana")
    frames = [
        write_image(tmp_path / f"ana{i}.png", ((200, 60 + 40 * i, 40), (30, 30, 120)), size=(64, 64))
        for i in range(3)
    ]
    cameo_id = await _cameo(services, user, *frames)
    async with services.sessions() as session, session.begin():
        training = await trainings.request_training(session, settings, user, cameo_id, "tiny-wan",
                                                    models=services.models)
    done = await _wait_training(services, training.id, lambda t: t.status in videos.TERMINAL, what="training")
    assert done.status == "completed", (done.error_code, done.error_message)
    assert done.progress == 100 and done.steps == settings.lora_steps == 40
    assert done.final_loss < 0.9 * done.initial_loss  # it learned the tiny set
    assert has_adapter(settings, "tiny-wan", "ana")
    _, meta = await _render(services, user, "tiny-wan", "@ana walks on the beach")
    assert meta["loras"] == [str(adapter_dir(settings, "tiny-wan", "ana"))]
    assert meta["cameo_likeness"] == {"ana": "lora"}


async def test_a_cancelled_training_stops_mid_way_and_writes_nothing(services, stack, tmp_path):
    from cielo.generation.training import has_adapter

    settings, _ = stack
    user, _ = await make_user(services, "cid")
    cameo_id = await _cameo(services, user, write_image(tmp_path / "cid.png", ((20, 200, 90), (90, 20, 20))))
    long_run = settings.model_copy(update={"lora_steps": 100_000})
    async with services.sessions() as session, session.begin():
        training = await trainings.request_training(session, long_run, user, cameo_id, "tiny-wan",
                                                    models=services.models)
    await _wait_training(services, training.id, lambda t: t.stage == "training", what="training steps")
    async with services.sessions() as session, session.begin():
        await trainings.cancel_training(session, user, cameo_id, training.id)
    stopped = await _wait_training(services, training.id, lambda t: t.status in videos.TERMINAL, timeout=30,
                                   what="cancel")
    assert stopped.status == "cancelled" and stopped.progress < 50 and stopped.final_loss is None
    assert not has_adapter(settings, "tiny-wan", "cid")


async def test_a_training_whose_cameo_was_recorded_again_meanwhile_leaves_no_adapter(services, stack, tmp_path):
    """The frames changed under a running training (a re-recording that lands in its last second, before the
    cancel reaches it): the adapter of the old likeness is removed and the training ends cancelled."""
    from sqlalchemy import update

    from cielo.generation.training import has_adapter

    settings, _ = stack
    user, _ = await make_user(services, "rex")
    cameo_id = await _cameo(services, user, write_image(tmp_path / "rex.png", ((200, 200, 40), (20, 20, 90))))
    async with services.sessions() as session, session.begin():
        training = await trainings.request_training(session, settings.model_copy(update={"lora_steps": 400}), user,
                                                    cameo_id, "tiny-wan", models=services.models)
    await _wait_training(services, training.id, lambda t: t.stage == "training", what="training steps")
    async with services.sessions() as session, session.begin():
        await session.execute(update(Cameo).where(Cameo.id == cameo_id)
                              .values(reference_keys=[f"cameos/{cameo_id}/new.png"]))
    ended = await _wait_training(services, training.id, lambda t: t.status in videos.TERMINAL, what="the end")
    assert ended.status == "cancelled" and "recorded again" in ended.error_message
    assert not has_adapter(settings, "tiny-wan", "rex")


async def test_likeness_training_through_the_api_and_the_page(services, stack, tmp_path):
    """POST/GET/DELETE /api/cameos/{id}/trainings: what may be trained, by whom, once at a time; bad requests
    change nothing; the cameo page offers the models and shows the running training."""
    import httpx

    from cielo.app import create_app

    settings, _ = stack
    ana, key = await make_user(services, "amy")
    _, other_key = await make_user(services, "oli")
    cameo_id = await _cameo(services, ana, write_image(tmp_path / "amy.png", ((120, 40, 200), (10, 90, 10))))
    app = create_app(settings.model_copy(update={"lora_steps": 100_000}))  # long enough to still run below
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            url = f"/api/cameos/{cameo_id}/trainings"
            listed = (await http.get(url, headers=auth(key))).json()
            assert listed["data"] == [] and "tiny-wan" in listed["models"] and "tiny-ltx2" in listed["models"]
            assert "tiny-ltx" not in listed["models"] and "tiny-i2v" not in listed["models"]  # kinds that train
            refused = {
                "unknown": await http.post(url, headers=auth(key), json={"model": "nope"}),
                "untrainable": await http.post(url, headers=auth(key), json={"model": "tiny-i2v"}),
                "not_yours": await http.post(url, headers=auth(other_key), json={"model": "tiny-wan"}),
                "no_model": await http.post(url, headers=auth(key), json={}),
            }
            assert [r.status_code for r in refused.values()] == [400, 400, 404, 400]
            assert refused["unknown"].json()["error"]["code"] == "model_not_found"
            assert refused["untrainable"].json()["error"]["code"] == "unsupported_mode"
            async with services.sessions() as session:
                count = select(func.count()).where(LikenessTraining.cameo_id == cameo_id)
                assert await session.scalar(count) == 0

            made = await http.post(url, headers=auth(key), json={"model": "tiny-wan"})
            assert made.status_code == 202, made.text
            training = made.json()
            assert training["object"] == "cameo.training" and training["status"] == "queued"
            again = await http.post(url, headers=auth(key), json={"model": "tiny-wan"})
            assert again.status_code == 409 and again.json()["error"]["code"] == "training_in_progress"
            assert (await http.get(f"{url}/{training['id']}", headers=auth(other_key))).status_code == 404

            signed = await http.post("/api/auth/login", json={"handle": "amy", "password": "password123"})
            assert signed.status_code == 200, signed.text
            page = await http.get("/cameos")
            assert page.status_code == 200 and "Train likeness" in page.text
            assert f'data-id="{training["id"]}"' in page.text and "<progress" in page.text
            await _wait_training(services, training["id"], lambda t: t.stage == "training", what="training steps")
            progress = (await http.get(f"{url}/{training['id']}", headers=auth(key))).json()
            assert progress["status"] == "in_progress"

            cancelled = await http.delete(f"{url}/{training['id']}", headers=auth(key))
            assert cancelled.status_code == 200 and cancelled.json()["stage"] == "cancelling"
            await _wait_training(services, training["id"], lambda t: t.status == "cancelled", timeout=30, what="cancel")
            listed = (await http.get(url, headers=auth(key))).json()
            assert [t["status"] for t in listed["data"]] == ["cancelled"]
            events = await http.get(f"{url}/{training['id']}/events", headers=auth(key))
            assert events.headers["content-type"].startswith("text/event-stream")
            assert events.text.startswith("event: progress") and "event: done" in events.text
            assert '"status": "cancelled"' in events.text.split("event: done")[1]


async def test_train_lora_command_uses_the_cameos_stored_frames(services, stack, tmp_path):
    """`cielo models train-lora MODEL @handle` with no image files trains on what the cameo stored."""
    from cielo.generation.training import has_adapter

    settings, _ = stack
    user, _ = await make_user(services, "tom")
    await _cameo(services, user, write_image(tmp_path / "tom.png", ((90, 160, 200), (40, 20, 10)), size=(64, 64)))
    env = cielo_env(settings, CIELO_MODELS_FILE=str(settings.models_file), CIELO_LORAS_DIR=str(settings.loras_dir),
                    OMP_NUM_THREADS="1")
    command = [sys.executable, "-m", "cielo.cli", "models", "train-lora", "tiny-wan"]
    trained = subprocess.run([*command, "@tom", "--steps", "3", "--rank", "2"], env=env, capture_output=True,
                             text=True, timeout=300)
    assert trained.returncode == 0, trained.stdout + trained.stderr
    assert "adapter written to" in trained.stdout and has_adapter(settings, "tiny-wan", "tom")
    missing = subprocess.run([*command, "@nobody"], env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "cameo_not_found" in missing.stdout
