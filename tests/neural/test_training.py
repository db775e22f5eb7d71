"""LoRA training of a cameo's likeness: the loss falls, the adapter changes what the model renders and
is gone from the warm pipeline afterwards, and a cancelled run writes nothing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cielo.generation import GenerationCancelled, GenerationError, GenerationRequest
from cielo.generation.engines.diffusers.loading import warm_pipelines
from cielo.generation.media import read_frames
from cielo.likeness.reference import CameoRef
from cielo.generation.training import adapter_dir, cameo_adapters, train_cameo_lora
from cielo.generation.training.lora import LoraTrainingConfig
from cielo.generation.training.store import RECORD_NAME, WEIGHT_NAME
from tests.neural.conftest import make_video, write_image

QUICK = LoraTrainingConfig(steps=30, rank=4, learning_rate=3e-3)


@pytest.fixture
def frames(tmp_path):
    return [
        write_image(tmp_path / f"bo{i}.png", ((40, 160, 60 + 50 * i), (220, 220, 220)), size=(64, 64))
        for i in range(3)
    ]


def test_ltx2_lora_learns_the_frames(neural_settings, models, frames):
    result = train_cameo_lora(neural_settings, "tiny-ltx2", "Bo", frames, config=QUICK)
    assert result.final_loss < 0.9 * result.initial_loss
    folder = adapter_dir(neural_settings, "tiny-ltx2", "bo")  # handles are case-insensitive
    assert result.adapter_dir == folder and (folder / WEIGHT_NAME).is_file()
    record = json.loads((folder / RECORD_NAME).read_text())
    assert record["caption"] == "a photo of @Bo" and record["images"] == 3


def test_a_cameo_adapter_changes_the_video_and_leaves_the_warm_pipeline_clean(
    neural_settings, models, frames, tmp_path
):
    train_cameo_lora(neural_settings, "tiny-wan", "bo", frames, config=QUICK)
    bo = CameoRef(handle="Bo", name="Bo", face_png=frames[0])
    assert cameo_adapters(neural_settings, "tiny-wan", ["Bo", "nobody"]) == [
        adapter_dir(neural_settings, "tiny-wan", "bo")
    ]
    request = GenerationRequest("@Bo on the beach", 2, 180, 320, seed=5, model="tiny-wan")
    before = make_video(models, request, tmp_path / "before")
    with_cameo = make_video(models, GenerationRequest(**{**request.__dict__, "cameos": (bo,)}), tmp_path / "cameo")
    after = make_video(models, request, tmp_path / "after")
    assert with_cameo.metadata["loras"] == [str(adapter_dir(neural_settings, "tiny-wan", "bo"))]
    frame = 20
    changed = np.abs(
        read_frames(with_cameo.video)[frame].astype(int) - read_frames(before.video)[frame].astype(int)
    )
    assert changed.mean() > 1.0
    # The adapter was removed after its job: the same request renders as it did before.
    assert np.array_equal(read_frames(after.video)[frame], read_frames(before.video)[frame])
    loaded, _ = warm_pipelines().get(models.spec("tiny-wan"))
    assert not getattr(loaded.pipe.transformer, "peft_config", {})


def test_cancelled_training_writes_nothing(neural_settings, models, frames):
    calls: list[float] = []
    with pytest.raises(GenerationCancelled):
        train_cameo_lora(
            neural_settings,
            "tiny-wan",
            "cy",
            frames,
            config=QUICK,
            progress=calls.append,
            should_stop=lambda: len(calls) >= 5,
        )
    assert len(calls) == 5 and not adapter_dir(neural_settings, "tiny-wan", "cy").exists()
    with pytest.raises(GenerationError) as wrong:
        train_cameo_lora(neural_settings, "tiny-i2v", "cy", frames, config=QUICK)
    assert wrong.value.code == "unsupported_mode"
