"""A worker process: claims one job at a time (a video, or a likeness training when no video waits) and runs
it in a thread while heartbeating its lease (cielo.jobs.running)."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from cielo.cameos.service import cameos_for_job
from cielo.config import Settings
from cielo.db.models import LikenessTraining, User, Video
from cielo.db.session import make_engine, make_sessionmaker
from cielo.generation import GenerationError, GenerationRequest, GenerationResult, run_pipeline
from cielo.generation.catalog import ModelCatalog
from cielo.jobs import wakeup
from cielo.jobs.lease import Lease, heartbeat, release
from cielo.jobs.queue import claim_next, finish, workdir_for
from cielo.jobs.running import JobState, run_leased
from cielo.jobs.trainings import claim_training, run_training
from cielo.safety.appeals import sync_allow_examples
from cielo.safety.guard import FinishedVideo, SafetyGuard
from cielo.storage import MediaStore, make_media_store
from cielo.videos.service import preview_key
from cielo.videos.spec import VideoSpec

log = logging.getLogger("cielo.worker")


async def _request_for(session: AsyncSession, settings: Settings, store: MediaStore,
                       video: Video) -> GenerationRequest:
    """The job's spec, as the pipeline takes it: stored inputs as local files, cameos checked again."""
    spec = VideoSpec.from_json(video.spec)
    source_path = None
    if spec.source_video_id:
        source = await session.get(Video, spec.source_video_id)
        if source is None or not source.video_key or source.deleted_at is not None:
            raise GenerationError("source_unavailable", "The source video was deleted before this one could render.")
        source_path = store.local_path(source.video_key)
    elif spec.source_key:
        source_path = store.local_path(spec.source_key)
    return GenerationRequest(
        prompt=spec.prompt,
        seconds=spec.new_seconds,
        width=spec.width,
        height=spec.height,
        seed=spec.seed,
        mode=spec.mode,
        input_reference=store.local_path(spec.input_reference_key) if spec.input_reference_key else None,
        source_video=source_path if spec.mode in ("edit", "extend", "remix") else None,
        source_prompt=spec.source_prompt,
        model=spec.model,
        # Consent is checked again: a cameo revoked since the request makes the job fail.
        cameos=await cameos_for_job(session, settings, store, video),
    )


@dataclass(frozen=True)
class Creator:
    handle: str
    teen: bool


def render_and_finish(request: GenerationRequest, workdir: Path, guard: SafetyGuard, video_id: str,
                      creator: Creator, state: JobState, preview: Callable[[Path], None] | None = None, *,
                      models: ModelCatalog, source_marked: bool = False) -> tuple[GenerationResult, FinishedVideo]:
    """The whole render in one thread: the pipeline, its frames marked and sampled on their way into its
    one encode (to 97%), then the output verdict and C2PA. `preview(path)` gets each picture a neural engine
    shows while it denoises; `source_marked`: the source is a Cielo video, whose frames keep their mark."""
    finishing = guard.finishing(video_id=video_id, handle=creator.handle, width=request.width,
                                height=request.height, fps=request.fps, teen=creator.teen,
                                source_marked=source_marked)
    try:
        result = run_pipeline(request, workdir, progress=lambda f, stage: state.report(0.97 * f, stage),
                              should_stop=state.should_stop, preview=preview, filters=[finishing], models=models)
    except BaseException:
        finishing.close()
        raise
    state.report(0.97, "moderation and signature")
    finished = guard.finish(result, workdir, video_id=video_id, model=request.model, teen=creator.teen,
                            finishing=finishing)
    return result, finished


async def run_job(sessions, settings: Settings, store: MediaStore, guard: SafetyGuard, lease: Lease,
                  shutdown: asyncio.Event, *, models: ModelCatalog) -> str:
    # The read session is closed before any finish(): on SQLite an open read transaction would make
    # finish()'s write wait for it ("database is locked").
    error: tuple[str, str] | None = None
    async with sessions() as session:
        video = await session.get(Video, lease.job_id)
        owner = await session.get(User, video.user_id)
        creator = Creator(owner.handle, owner.is_teen)
        source_marked = video.source_video_id is not None  # a Cielo video: marked like every stored one
        # The output check of spoken lines must agree with the check made before queueing.
        await sync_allow_examples(session, guard)
        try:
            request = await _request_for(session, settings, store, video)
        except GenerationError as exc:
            error = (exc.code, exc.message)
        except FileNotFoundError:
            error = ("source_unavailable", "An input of this video is missing from storage.")
    if error is not None:
        await finish(sessions, settings, lease, status="failed", error=error)
        return "failed"
    workdir = workdir_for(settings, lease.job_id)
    workdir.mkdir(parents=True, exist_ok=True)
    # Previews go through the media store, where the API (maybe on another machine) serves them from.
    publish = partial(store.put_file, preview_key(lease.job_id))
    outcome, rendered, error = await run_leased(
        partial(heartbeat, sessions, settings, lease), settings, lease, shutdown,
        lambda state: render_and_finish(request, workdir, guard, lease.job_id, creator, state, publish,
                                        models=models, source_marked=source_marked),
        crash=("render_error", "Rendering failed"))
    if outcome != "lost":  # a lost job's previews now belong to the worker that took it over
        store.delete(preview_key(lease.job_id))
    if outcome == "completed":
        result, finished = rendered
        prefix = f"videos/{lease.job_id}"
        outputs = {"video_key": f"{prefix}/video.mp4", "thumbnail_key": f"{prefix}/thumbnail.webp",
                   "spritesheet_key": f"{prefix}/spritesheet.jpg"}
        store.put_file(outputs["video_key"], finished.video)
        store.put_file(outputs["thumbnail_key"], finished.thumbnail)
        store.put_file(outputs["spritesheet_key"], finished.spritesheet)
        details = {"generation": result.metadata, "duration": result.seconds, "safety": finished.report}
        if await finish(sessions, settings, lease, status="completed", outputs=outputs, details=details,
                        fingerprints=finished.hashes):
            shutil.rmtree(workdir, ignore_errors=True)
        return outcome
    if outcome == "cancel":
        # Scratch goes before the row says "cancelled", so whoever sees that state sees nothing left behind
        # (nobody claims a job whose cancel was requested, so no other worker can be using this folder).
        await _abandon(models, request, workdir)
        await finish(sessions, settings, lease, status="cancelled", error=("cancelled", "Cancelled by its owner."))
        return "cancelled"
    if outcome == "shutdown":
        await release(sessions, lease)
        return "released"
    if outcome == "lost":
        log.warning("lease on %s lost; another worker has it", lease.job_id)
        return "lost"
    # A failed render is not retried: its stage outputs have no further use.
    await _abandon(models, request, workdir)
    await finish(sessions, settings, lease, status="failed", error=error)
    return "failed"


async def _abandon(models: ModelCatalog, request: GenerationRequest, workdir: Path) -> None:
    """A job that will not resume: its engine lets go of what it holds elsewhere (a remote job), then its
    scratch folder goes."""
    try:
        await asyncio.to_thread(models.engine(request.model).discard, workdir)
    except Exception:  # an engine that cannot load now holds nothing either
        log.exception("%s: could not discard the engine's work", workdir.name)
    shutil.rmtree(workdir, ignore_errors=True)


def new_owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def worker_loop(settings: Settings, shutdown: asyncio.Event, *, max_jobs: int | None = None) -> None:
    engine = make_engine(settings.resolved_database_url)
    sessions = make_sessionmaker(engine)
    wakeup.install(sessions, settings)  # a job this worker queues again (a retry) wakes the others
    store = make_media_store(settings)
    guard = SafetyGuard(settings)
    models = ModelCatalog(settings)  # this process's engines: loaded models stay warm between jobs
    guard.require_complete()  # no unmarked video by accident (CIELO_ALLOW_MISSING_SAFETY)
    await asyncio.to_thread(guard.warm_up)  # before holding any lease
    owner = new_owner_id()
    done = 0
    waiter = wakeup.Waiter(settings)
    await waiter.start()
    log.debug("worker %s started", owner)
    try:
        while not shutdown.is_set() and (max_jobs is None or done < max_jobs):
            lease = None
            try:
                lease = await claim_next(sessions, settings, owner)
                if lease is None:  # videos first: a likeness training only takes an idle worker
                    lease = await claim_training(sessions, settings, owner)
            except Exception:
                log.exception("claim failed; retrying")
            if lease is None:
                await waiter.wait(shutdown, settings.worker_idle_sleep)
                continue
            if lease.table is LikenessTraining:
                log.info("training likeness %s (attempt %d)", lease.job_id, lease.attempt)
                outcome = await run_training(sessions, settings, store, lease, shutdown)
            else:
                log.info("rendering %s (attempt %d)", lease.job_id, lease.attempt)
                outcome = await run_job(sessions, settings, store, guard, lease, shutdown, models=models)
            log.info("%s: %s", lease.job_id, outcome)
            done += 1
    finally:
        await waiter.close()
        await engine.dispose()
