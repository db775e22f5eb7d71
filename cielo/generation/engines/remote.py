"""A model served by another server that speaks OpenAI's Videos API: vLLM-Omni or SGLang Diffusion on a GPU
cluster, a hosted provider, or another Cielo (registry kind "openai-compatible").

One render, top to bottom:
    submit   POST {base_url}/videos with the remote model, the prompt, and the size and seconds the server
             accepts nearest to the request (`sizes`, `seconds` in the entry), plus its `extra_fields`; an
             input_reference goes as a file. The remote id is written to the work folder before anything else,
             so a worker that takes the job over after a crash waits for the same remote job instead of paying
             for a second one.
    wait     GET {base_url}/videos/{id} until it is completed or failed, relaying its progress; 429 and 5xx
             answers and dropped connections are retried with backoff (Retry-After honoured), and the whole
             render is bounded by the entry's `timeout_seconds`.
    fetch    GET .../content into the work folder; then DELETE the remote copy.
    write    the frames fitted to the requested size, frame rate and length, each passed through the filters
             (both marks, the moderation samples) on the way into the one encode made here; the server's
             soundtrack is kept unless its video had to be stretched to the requested length (then the
             pipeline's soundtrack replaces it, which stays in sync).
A job that is cancelled (its video deleted or cancelled) deletes its remote job too (`discard`).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import av
import httpx
import numpy as np

from cielo.generation.audio.soundtrack import fit_length
from cielo.generation.engines import RENDER_FILE, ProgressFn, RenderedVideo, StopFn
from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.frames import FrameFilter
from cielo.generation.media import AUDIO_RATE, VideoWriter, atomic_output, decode_audio, fit_frame, probe
from cielo.generation.plan import Plan
from cielo.generation.registry import ModelSpec
from cielo.generation.request import GenerationRequest

log = logging.getLogger("cielo.remote")

JOB_FILE = "remote_job.json"  # the remote video id, written as soon as the server answers
DOWNLOAD_FILE = "remote.mp4"
RETRIED = {408, 409, 425, 429, 500, 502, 503, 504}
MAX_DOWNLOAD = 2 * 1024**3
DELETE_SECONDS = 30.0  # how long a busy server gets to delete a fetched or cancelled job
# Shares of the engine's own progress bar.
WAIT, FETCH = 0.85, 0.05


class RemoteEngine:
    name = "remote"
    neural = True

    def __init__(self, spec: ModelSpec, *, poll_seconds: float = 1.0) -> None:
        self.spec = spec
        self.poll_seconds = poll_seconds
        # The server's own soundtrack when it has one (the Videos API makes sound); see `write`.
        self.makes_audio = True

    # ---------------------------------------------------------------------------- describe

    def describe(self, request: GenerationRequest) -> dict[str, Any]:
        width, height = self.remote_size(request.width, request.height)
        return {"engine": self.name, "neural": True, "pipeline": self.spec.kind, "server": self.spec.base_url,
                "remote_model": self.spec.remote_model, "remote_size": f"{width}x{height}",
                "remote_seconds": self.remote_seconds(request.seconds)}

    def remote_size(self, width: int, height: int) -> tuple[int, int]:
        """The size asked of the server: the request's when the entry lists none, else the listed size of the
        nearest shape (then the nearest area)."""
        sizes = self.spec.native_sizes
        if not sizes:
            return width, height
        aspect = width / height
        return min(sizes, key=lambda s: (abs(np.log(s[0] / s[1] / aspect)), abs(s[0] * s[1] - width * height)))

    def remote_seconds(self, seconds: int) -> int:
        """The duration asked of the server: the shortest it accepts that is long enough, else its longest."""
        accepted = sorted(int(s) for s in self.spec.seconds)
        if not accepted:
            return seconds
        return next((s for s in accepted if s >= seconds), accepted[-1])

    # ------------------------------------------------------------------------------ render

    def render(
        self, plan: Plan, request: GenerationRequest, workdir: Path, progress: ProgressFn, should_stop: StopFn,
        filters: Sequence[FrameFilter] = (),
    ) -> RenderedVideo:
        if plan.mode in ("edit", "extend"):
            raise GenerationError("unsupported_mode", f"Model {self.spec.name!r} runs on another server and "
                                  "makes new videos only.")
        workdir = Path(workdir)
        deadline = time.monotonic() + self.spec.timeout_seconds
        with self._client() as client:
            remote_id = self._submitted(workdir) or self._submit(client, request, workdir, deadline)
            self._wait(client, remote_id, progress, should_stop, deadline)
            download = workdir / DOWNLOAD_FILE
            self._fetch(client, remote_id, download, deadline)
            progress(WAIT + FETCH)
            self._delete(client, remote_id)
        has_audio = self._write(download, plan, request, workdir / RENDER_FILE, filters, should_stop)
        download.unlink(missing_ok=True)
        (workdir / JOB_FILE).unlink(missing_ok=True)
        progress(1.0)
        return RenderedVideo(path=workdir / RENDER_FILE, has_audio=has_audio)

    def discard(self, workdir: Path) -> None:
        """The job will not resume: delete its remote job, if one was submitted."""
        remote_id = self._submitted(Path(workdir))
        if remote_id is None:
            return
        try:
            with self._client() as client:
                self._delete(client, remote_id)
        except httpx.HTTPError as exc:  # the remote server keeps it; nothing here depends on it
            log.warning("could not delete remote job %s: %s", remote_id, exc)

    # ---------------------------------------------------------------------------- the server

    def _client(self) -> httpx.Client:
        headers = {}
        if self.spec.api_key_env:
            headers["authorization"] = f"Bearer {os.environ.get(self.spec.api_key_env, '')}"
        return httpx.Client(base_url=self.spec.base_url.rstrip("/") + "/", headers=headers,
                            timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=True)

    def _call(self, client: httpx.Client, method: str, path: str, deadline: float, **kwargs: Any) -> httpx.Response:
        """One request, retried with backoff while the server is busy or unreachable and time is left."""
        delay = 1.0
        while True:
            try:
                response = client.request(method, path, **kwargs)
                if response.status_code not in RETRIED:
                    return response
                wait = _retry_after(response) or delay
                problem = f"{response.status_code} {_message(response)}"
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                wait, problem = delay, f"{type(exc).__name__}: {exc}"
            if time.monotonic() + wait > deadline:
                raise GenerationError("remote_timeout", f"The model server {self.spec.base_url} did not answer in "
                                      f"time ({problem}).")
            log.warning("%s %s: %s; retrying in %.1f s", method, path, problem, wait)
            time.sleep(wait)
            delay = min(delay * 2, 30.0)

    def _submitted(self, workdir: Path) -> str | None:
        try:
            return json.loads((workdir / JOB_FILE).read_text())["id"]
        except (OSError, ValueError, KeyError):
            return None

    def _submit(self, client: httpx.Client, request: GenerationRequest, workdir: Path, deadline: float) -> str:
        width, height = self.remote_size(request.width, request.height)
        prompt = request.prompt
        if request.mode == "remix" and request.source_prompt:
            prompt = f"{request.source_prompt}\n\n{request.prompt}"  # the server has no copy of the source
        fields = {"model": self.spec.remote_model, "prompt": prompt, "size": f"{width}x{height}",
                  "seconds": str(self.remote_seconds(request.seconds)), **self.spec.extra_fields}
        if request.input_reference is not None:
            reference = Path(request.input_reference)
            files = {"input_reference": (reference.name, reference.read_bytes(), _image_type(reference))}
            data = {key: value if isinstance(value, str) else json.dumps(value) for key, value in fields.items()}
            response = self._call(client, "POST", "videos", deadline, data=data, files=files)
        else:
            response = self._call(client, "POST", "videos", deadline, json=fields)
        if response.status_code >= 400:
            raise GenerationError("remote_refused", f"The model server refused the video: {_message(response)}")
        remote_id = response.json()["id"]
        workdir.mkdir(parents=True, exist_ok=True)
        with atomic_output(workdir / JOB_FILE) as tmp:
            tmp.write_text(json.dumps({"id": remote_id, "server": self.spec.base_url}))
        log.info("%s: remote job %s at %s", self.spec.name, remote_id, self.spec.base_url)
        return remote_id

    def _wait(self, client: httpx.Client, remote_id: str, progress: ProgressFn, should_stop: StopFn,
              deadline: float) -> None:
        while True:
            if should_stop():  # a shutdown keeps the remote job for the next worker; a cancel discards it
                raise GenerationCancelled()
            response = self._call(client, "GET", f"videos/{remote_id}", deadline)
            if response.status_code >= 400:
                raise GenerationError("remote_failed", f"The model server lost the video: {_message(response)}")
            video = response.json()
            if video.get("status") == "completed":
                return
            if video.get("status") in ("failed", "cancelled"):
                error = video.get("error") or {}
                raise GenerationError("remote_failed", f"The model server could not make the video: "
                                      f"{error.get('message') or video.get('status')}")
            progress(WAIT * min(100, max(0, int(video.get("progress") or 0))) / 100)
            if time.monotonic() > deadline:
                raise GenerationError("remote_timeout", f"The model server {self.spec.base_url} took longer than "
                                      f"{self.spec.timeout_seconds:.0f} s.")
            time.sleep(_poll_after(response) or self.poll_seconds)

    def _fetch(self, client: httpx.Client, remote_id: str, out: Path, deadline: float) -> None:
        response = self._call(client, "GET", f"videos/{remote_id}/content", deadline)  # small enough to hold
        if response.status_code >= 400:
            raise GenerationError("remote_failed", f"The model server did not hand the video over: "
                                  f"{_message(response)}")
        if len(response.content) > MAX_DOWNLOAD:
            raise GenerationError("remote_failed", "The model server's video is larger than 2 GB.")
        with atomic_output(out) as tmp:
            tmp.write_bytes(response.content)

    def _delete(self, client: httpx.Client, remote_id: str) -> None:
        # Retried like any call while the server is busy, for a short while: a copy left there costs its
        # storage, not this job.
        try:
            response = self._call(client, "DELETE", f"videos/{remote_id}", time.monotonic() + DELETE_SECONDS)
        except (GenerationError, httpx.HTTPError) as exc:
            log.warning("could not delete remote job %s: %s", remote_id, exc)
            return
        if response.status_code >= 400 and response.status_code != 404:
            log.warning("could not delete remote job %s: %s", remote_id, _message(response))

    # ------------------------------------------------------------------------------- writing

    def _write(self, source: Path, plan: Plan, request: GenerationRequest, out: Path,
               filters: Sequence[FrameFilter], should_stop: StopFn) -> bool:
        """The server's video at the requested size, rate and length through the filters; True when its
        soundtrack is kept."""
        try:
            info = probe(source)
        except (av.error.FFmpegError, OSError, IndexError) as exc:
            raise GenerationError("remote_failed", f"The model server's file is not a video: {exc}") from exc
        frames = plan.frame_count
        stretched = info["duration"] < (frames - 0.5) / request.fps
        keep_audio = bool(info["has_audio"]) and not stretched
        with VideoWriter(out, request.width, request.height, request.fps, audio=keep_audio,
                         filters=filters) as writer:
            for frame in _frames_over(source, info, frames, request.fps, stretched):
                if should_stop():
                    raise GenerationCancelled()
                picture = fit_frame(frame, request.width, request.height)
                writer.write(writer.to_yuv(picture), owned=True)
            if keep_audio:
                samples = round(frames * AUDIO_RATE / request.fps)
                writer.write_audio(fit_length(decode_audio(source), samples))
        return keep_audio


def _frames_over(source: Path, info: dict[str, Any], count: int, fps: int, stretched: bool
                 ) -> Iterator[av.VideoFrame]:
    """`count` frames at `fps`: the source resampled by timestamp, or, when it is too short, spread evenly
    over the whole length (slower motion rather than a frozen end)."""
    from cielo.generation.media import iter_video_frames

    if not stretched:
        produced = 0
        last = None
        for frame in iter_video_frames(source, fps):
            if produced == count:
                return
            last = frame
            yield frame
            produced += 1
        while last is not None and produced < count:  # a frame or two short of the stated length
            yield last
            produced += 1
        return
    total = max(1, info["frame_count"])
    wanted = [min(total - 1, i * total // count) for i in range(count)]
    produced, last = 0, None
    for index, frame in enumerate(iter_video_frames(source)):
        last = frame
        while produced < count and wanted[produced] == index:
            yield frame
            produced += 1
        if produced == count:
            return
    while last is not None and produced < count:  # fewer frames than the file said
        yield last
        produced += 1


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return min(60.0, max(0.0, float(response.headers["retry-after"])))
    except (KeyError, ValueError):
        return None


def _poll_after(response: httpx.Response) -> float | None:
    try:
        return min(30.0, max(0.05, int(response.headers["openai-poll-after-ms"]) / 1000))
    except (KeyError, ValueError):
        return None


def _message(response: httpx.Response) -> str:
    try:
        error = response.json().get("error") or {}
        return str(error.get("message") or response.text[:200])
    except ValueError:
        return response.text[:200] or response.reason_phrase


def _image_type(path: Path) -> str:
    return {".png": "image/png", ".webp": "image/webp"}.get(path.suffix.lower(), "image/jpeg")
