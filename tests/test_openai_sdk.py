"""The official `openai` package, pointed at a live `cielo serve`, works unchanged."""

from __future__ import annotations

import io

import av
import httpx
import numpy as np
import openai
import pytest
from PIL import Image

from tests.conftest import make_settings
from tests.live import cielo, free_port, start_server, stop_group

pytestmark = pytest.mark.slow


@pytest.fixture
def live(tmp_path, database_url):
    settings = make_settings(tmp_path, database_url)
    cielo(settings, "admin", "create-user", "sdkuser")
    key = cielo(settings, "admin", "api-key", "sdkuser").strip().splitlines()[-1]
    port = free_port()
    server = start_server(settings, port, workers=1, log=tmp_path / "server.log")
    try:
        yield openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=key, max_retries=0)
    finally:
        stop_group(server)


def _audio_rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples.astype(np.float64)))))


def _check_mp4(data: bytes, width: int, height: int, seconds: float) -> None:
    with av.open(io.BytesIO(data)) as container:
        [video] = container.streams.video
        [audio] = container.streams.audio
        assert video.codec_context.name == "h264" and audio.codec_context.name == "aac"
        assert (video.codec_context.width, video.codec_context.height) == (width, height)
        assert audio.codec_context.sample_rate == 48000 and audio.codec_context.channels == 2
        frames = sum(1 for _ in container.decode(video))
        assert abs(frames / 24 - seconds) <= 1 / 24
    with av.open(io.BytesIO(data)) as container:
        pcm = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
    assert abs(len(pcm) / 2 / 48000 - seconds) < 0.1
    assert _audio_rms(pcm) > 0.01, "speech should be clearly audible"


def test_sdk_create_poll_download_list_remix_delete(live: openai.OpenAI):
    video = live.videos.create(prompt='A girl on a beach at sunset. Ana: "The sea is warm today!"',
                               seconds="4", size="720x1280")
    assert video.status == "queued" and video.object == "video"
    done = live.videos.poll(video.id, poll_interval_ms=200)
    assert done.status == "completed", done.error
    assert done.progress == 100 and done.completed_at and done.expires_at

    mp4 = live.videos.download_content(video.id).read()
    _check_mp4(mp4, 720, 1280, 4.0)
    thumbnail = live.videos.download_content(video.id, variant="thumbnail").read()
    assert Image.open(io.BytesIO(thumbnail)).format == "WEBP"
    sprites = live.videos.download_content(video.id, variant="spritesheet").read()
    assert Image.open(io.BytesIO(sprites)).format == "JPEG"

    remix = live.videos.remix(video.id, prompt="The same beach, now in a snow storm")
    assert remix.remixed_from_video_id == video.id
    remixed = live.videos.poll(remix.id, poll_interval_ms=200)
    assert remixed.status == "completed", remixed.error

    more = [live.videos.create(prompt=f"Clouds over mountains, take {i}", seconds="4") for i in range(3)]
    first_page = live.videos.list(limit=2)
    assert len(first_page.data) == 2 and first_page.has_more
    every = [v.id for v in live.videos.list(limit=2)]  # auto-pagination follows last_id
    assert set(every) == {video.id, remix.id, *(v.id for v in more)} and len(every) == 5

    deleted = live.videos.delete(more[0].id)
    assert deleted.deleted and deleted.id == more[0].id
    with pytest.raises(openai.NotFoundError):
        live.videos.retrieve(more[0].id)
    with pytest.raises(openai.BadRequestError) as refused:
        live.videos.create(prompt="a lake", size="640x480")  # type: ignore[arg-type]
    assert refused.value.body["param"] == "size"


def test_sdk_input_reference_edit_and_extend(live: openai.OpenAI, tmp_path):
    reference = tmp_path / "ref.png"
    Image.new("RGB", (720, 1280), (250, 30, 30)).save(reference)
    video = live.videos.create_and_poll(prompt="A red room", seconds="4", input_reference=reference,
                                        poll_interval_ms=200)
    assert video.status == "completed", video.error
    with av.open(io.BytesIO(live.videos.download_content(video.id).read())) as container:
        first = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert first[..., 0].mean() > 150 and first[..., 1].mean() < 120  # starts from the red reference

    # The SDK uploads the source video as a file (its `{"id": ...}` form cannot pass its own file check).
    source_mp4 = live.videos.download_content(video.id).read()
    extended = live.videos.extend(video=("source.mp4", source_mp4, "video/mp4"), prompt="The room fills with light",
                                  seconds="4")
    extended = live.videos.poll(extended.id, poll_interval_ms=200)
    assert extended.status == "completed", extended.error
    assert extended.seconds == "8"
    _check_mp4(live.videos.download_content(extended.id).read(), 720, 1280, 8.0)

    edited = live.videos.edit(video=("source.mp4", source_mp4, "video/mp4"), prompt="Make it rain")
    edited = live.videos.poll(edited.id, poll_interval_ms=200)
    assert edited.status == "completed", edited.error
    assert edited.seconds == "4"

    # The documented reference form, sent as JSON: an extension of a video by id.
    by_id = httpx.post(f"{live.base_url}videos/extensions", headers={"authorization": f"Bearer {live.api_key}"},
                       json={"prompt": "Night falls", "seconds": "4", "video": {"id": video.id}})
    assert by_id.status_code == 200, by_id.text
    chained = live.videos.poll(by_id.json()["id"], poll_interval_ms=200)
    assert chained.status == "completed", chained.error
    assert chained.seconds == "8"
