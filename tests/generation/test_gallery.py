"""The gallery: varied prompts (English and Spanish) drawn to contact sheets under test-artifacts/.

For every prompt the plan must name what the prompt asks for, and every subject on screen must be
visible: drawing the frame again without it changes the picture. The sheets are for people to look
at (they are also how the README's sheet is made: `python tests/generation/test_gallery.py OUT.jpg`).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cielo.generation.engines.preview.director import ShotRenderer, _crop
from cielo.generation.engines.preview.fonts import font
from cielo.generation.plan import Plan, make_plan

sys.path.insert(0, str(Path(__file__).parent))
from gallery_prompts import GALLERY

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "preview-gallery"
WIDTH, HEIGHT = 360, 640  # drawn at its own size (see director.internal_size)
MOMENTS = (0.2, 0.5, 0.85)
PER_SHEET = 8


def frame_at(plan: Plan, t: float, hidden: str | None = None) -> np.ndarray:
    """The picture at t as the viewer sees it (the camera's crop brought back to full size), RGB."""
    shot = plan.shot_at(t)
    if hidden is not None:
        keep = [sid for sid in shot.subjects if sid != hidden]
        shot = dataclasses.replace(shot, subjects=keep, positions=dict(shot.positions))
        plan = dataclasses.replace(plan, subjects=[s for s in plan.subjects if s.id != hidden])
    picture, box = ShotRenderer(plan, shot, WIDTH, HEIGHT).render(t)
    cropped = _crop(picture, box)[..., :3]
    return np.asarray(Image.fromarray(cropped).resize((WIDTH, HEIGHT), Image.BILINEAR))


def kinds_of(plan: Plan) -> set[str]:
    found = {s.species for s in plan.subjects}
    found |= {f"place:{s.setting}" for s in plan.shots}
    found |= {f"action:{a}" for s in plan.shots for a in s.actions.values()}
    return found


def sheet(rows: list[tuple[str, Plan, list[np.ndarray]]], tile: int = 180) -> Image.Image:
    """Rows of frames under their prompt, with what could not be drawn in red."""
    th = tile * HEIGHT // WIDTH
    label = 34
    img = Image.new("RGB", (tile * len(MOMENTS) + 8 * (len(MOMENTS) + 1), (th + label + 8) * len(rows) + 8), (18, 18, 24))
    draw = ImageDraw.Draw(img)
    for r, (prompt, plan, frames) in enumerate(rows):
        y = 8 + r * (th + label + 8)
        text = prompt if len(prompt) <= 70 else prompt[:67] + "..."
        draw.text((8, y), text, font=font(11), fill=(240, 240, 240))
        missing = ", ".join(d["word"] for d in plan.not_drawn)
        if missing:
            draw.text((8, y + 15), f"not drawn: {missing}"[:80], font=font(10), fill=(255, 150, 150))
        for c, frame in enumerate(frames):
            img.paste(Image.fromarray(frame).resize((tile, th), Image.LANCZOS), (8 + c * (tile + 8), y + label))
    return img


def render(prompt: str, seed: int = 7) -> tuple[Plan, list[np.ndarray]]:
    plan = make_plan(prompt, seed=seed, seconds=8, width=WIDTH, height=HEIGHT)
    return plan, [frame_at(plan, plan.seconds * m) for m in MOMENTS]


@pytest.mark.slow
def test_gallery() -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert len(GALLERY) >= 40
    rows = []
    for prompt, expected in GALLERY:
        plan, frames = render(prompt)
        missing = [e for e in expected if e not in kinds_of(plan)]
        assert not missing, (prompt, missing, sorted(kinds_of(plan)))
        # Every subject on screen in the middle frame is visible: without it, the picture changes.
        t = plan.seconds * MOMENTS[1]
        shot = plan.shot_at(t)
        for sid in shot.subjects:
            subject = plan.subject(sid)
            if subject is None or (subject.placement == "held" and subject.holder in shot.subjects):
                continue  # in someone's hands: drawn with them
            changed = (np.abs(frame_at(plan, t, hidden=sid).astype(int) - frames[1].astype(int)).max(axis=2) > 20).sum()
            assert changed > 60, (prompt, subject.name, changed)
        rows.append((prompt, plan, frames))
    for n in range(0, len(rows), PER_SHEET):
        sheet(rows[n : n + PER_SHEET]).save(ARTIFACTS / f"sheet-{n // PER_SHEET + 1}.png")
    assert len(list(ARTIFACTS.glob("sheet-*.png"))) >= len(GALLERY) // PER_SHEET


if __name__ == "__main__":
    # The README's contact sheet: the examples and a few more, as a small JPEG.
    picks = [GALLERY[i][0] for i in (0, 1, 2, 3, 4, 5, 6, 17, 20, 28, 34, 38)]
    rows = [(p, *render(p)) for p in picks]
    tiles = [frames[1] for _, _, frames in rows]
    cols, tile = 6, 150
    th = tile * HEIGHT // WIDTH
    out = Image.new("RGB", (cols * tile, (len(tiles) + cols - 1) // cols * th), (0, 0, 0))
    for i, frame in enumerate(tiles):
        out.paste(Image.fromarray(frame).resize((tile, th), Image.LANCZOS), ((i % cols) * tile, (i // cols) * th))
    out.save(sys.argv[1], quality=82, optimize=True)
