"""The platform's use of the safety library: one object, built from Settings, that the API asks before a
job is queued and the worker asks after a video renders.

Before: prompt moderation (rules + classifier; the strict profile for teens) and public figures.
After: output moderation (NudeNet on sampled frames, the spoken lines re-checked), then provenance on every
video: the moving visible mark with the creator's @handle, the invisible mark carrying the video id, a C2PA
manifest signed with the instance's certificate, and perceptual hashes of keyframes for reverse search.

The heavy parts (the MiniLM classifier, NudeNet, c2pa) come with the `safety` extra. Without it Cielo still
runs: prompts are checked by the rules alone and the worker says in the video's metadata which checks ran.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cielo.config import Settings
from cielo.errors import InvalidInput
from cielo.generation import GenerationCancelled, GenerationError, GenerationResult, media
from cielo.safety.parts import SafetyIncomplete, safety_parts

log = logging.getLogger("cielo.safety")

FINAL_FILE = "final.mp4"


class ModerationBlocked(InvalidInput):
    code = "moderation_blocked"


@dataclass
class FinishedVideo:
    video: Path
    thumbnail: Path
    spritesheet: Path
    hashes: list[str]
    report: dict[str, Any] = field(default_factory=dict)


class SafetyGuard:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.parts = {part.key: part for part in safety_parts(settings)}
        present = {key for key, part in self.parts.items() if part.present}
        self.classifier = settings.moderation_classifier and "classifier" in present
        self.frames = settings.moderation_enabled and settings.frame_moderation and "frames" in present
        self.signing = "c2pa" in present
        self.invisible = "invisible" in present
        self._moderator = None
        self._credentials = None
        self._lock = threading.Lock()

    @property
    def missing(self) -> list[str]:
        """Labels of the parts the configuration needs and this install lacks."""
        return [part.label for part in self.parts.values() if part.missing]

    def require_complete(self) -> None:
        """Raises SafetyIncomplete when a needed part is missing and the operator did not allow that."""
        missing = [part for part in self.parts.values() if part.missing]
        if missing and not self.settings.allow_missing_safety:
            raise SafetyIncomplete(missing)

    def warm_up(self) -> None:
        """Loads the models now (seconds of imports and weights), so that the first job's heartbeats and the
        first request are not held up by them."""
        if self.settings.moderation_enabled:
            self.moderator.warm_up()
        if self.frames:
            from cielo.safety.frames import check_frames

            check_frames([np.zeros((64, 64, 3), np.uint8)])

    # ------------------------------------------------------------------ prompts
    @property
    def moderator(self):
        with self._lock:
            if self._moderator is None:
                from cielo.safety.figures import load_figures
                from cielo.safety.moderation import Moderator
                from cielo.safety.policies import ModerationConfig

                config = ModerationConfig(use_classifier=self.classifier)
                if self.settings.public_figures_file:
                    extra = tuple(load_figures(self.settings.public_figures_file))
                    config = ModerationConfig(use_classifier=self.classifier, figures=config.figures + extra)
                self._moderator = Moderator(config)
            return self._moderator

    def check_prompt(self, text: str, *, teen: bool, allowed_figures: Collection[str] = ()) -> None:
        """Raises ModerationBlocked naming the policy; teens get the strict profile."""
        if not self.settings.moderation_enabled:
            return
        result = self.moderator.check(text, "strict" if teen else "standard", allowed_figures=allowed_figures)
        if result.flagged:
            raise ModerationBlocked(f"This prompt was blocked by the {result.reason}.", param="prompt")

    def moderations(self, texts: list[str]) -> list[dict[str, Any]]:
        from cielo.safety.moderation import to_openai_result

        return [to_openai_result(r) for r in self.moderator.check_many(texts)]

    # ------------------------------------------------------------------ provenance
    def invisible_watermark(self):
        from cielo.safety.invisible import InvisibleWatermark

        return InvisibleWatermark(scale=self.settings.invisible_watermark_strength)

    @property
    def credentials(self):
        with self._lock:
            if self._credentials is None:
                from cielo.safety.c2pa_signing import ContentCredentials

                s = self.settings
                if s.c2pa_cert_chain and s.c2pa_private_key:
                    self._credentials = ContentCredentials(cert_chain_path=s.c2pa_cert_chain,
                                                           key_path=s.c2pa_private_key,
                                                           trust_anchors_path=s.c2pa_trust_anchors)
                else:
                    self._credentials = ContentCredentials(s.home / "keys" / "c2pa")
            return self._credentials

    def finish(
        self,
        result: GenerationResult,
        workdir: Path,
        *,
        video_id: str,
        handle: str,
        model: str,
        teen: bool,
        progress: Callable[[float, str], None] = lambda f, s: None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> FinishedVideo:
        """Moderates the rendered video, then stamps it. Idempotent: a finished file is reused."""
        final = workdir / FINAL_FILE
        report: dict[str, Any] = {"checks": []}
        if not final.exists():
            self._moderate_output(result, teen, report)
            progress(0.2, "moderation")
            stamped = workdir / "stamped.mp4"
            self._stamp(result.video, stamped, video_id=video_id, handle=handle, progress=progress,
                        should_stop=should_stop)
            if self.signing:
                from cielo.safety.c2pa_signing import ManifestInfo

                self.credentials.sign_mp4(stamped, final, ManifestInfo(video_id=video_id, model=model))
                stamped.unlink(missing_ok=True)
                report["checks"].append("c2pa")
            else:
                stamped.replace(final)
        progress(0.9, "previews")
        thumbnail, spritesheet = workdir / "final-thumbnail.webp", workdir / "final-spritesheet.jpg"
        if not thumbnail.exists():
            media.write_thumbnail(final, thumbnail)
        if not spritesheet.exists():
            media.write_spritesheet(final, spritesheet)
        from cielo.safety.hashes import hash_video

        hashes = hash_video(final)
        report["watermarks"] = ["visible"] + (["invisible"] if self.invisible else [])
        if self.missing:  # only reachable when the operator allowed it (require_complete)
            report["missing"] = self.missing
        return FinishedVideo(final, thumbnail, spritesheet, hashes, report)

    def _moderate_output(self, result: GenerationResult, teen: bool, report: dict[str, Any]) -> None:
        lines = [line["text"] for line in result.metadata.get("plan", {}).get("dialogue", []) if line.get("text")]
        if lines and self.settings.moderation_enabled:
            profile = "strict" if teen else "standard"
            for line, verdict in zip(lines, self.moderator.check_many(lines, profile), strict=True):
                if verdict.flagged:
                    raise GenerationError("output_blocked", f"A spoken line was blocked by the {verdict.reason}.")
            report["checks"].append("speech")
        if self.frames:
            from cielo.safety.frames import EXPLICIT_LABELS, STRICT_LABELS, check_frames

            info = media.probe(result.video)
            times = [t / 2 for t in range(int(info["duration"] * 2))] or [0.0]
            frames = [np.asarray(image) for image in media.frames_at(result.video, times)]
            # A teen's videos are held to the strict set (covered intimate parts too), like their prompts.
            verdict = check_frames(frames, labels=STRICT_LABELS if teen else EXPLICIT_LABELS)
            if verdict.flagged:
                raise GenerationError("output_blocked", f"The video was blocked by output moderation: {verdict.reason}")
            report["checks"].append("frames")

    def _stamp(self, source: Path, out: Path, *, video_id: str, handle: str,
               progress: Callable[[float, str], None], should_stop: Callable[[], bool]) -> None:
        """Re-encodes every frame with the visible mark (and the invisible one on every Nth frame), then
        copies the soundtrack back unchanged."""
        from cielo.safety.watermark import VisibleWatermark

        info = media.probe(source)
        width, height, fps = info["width"], info["height"], round(info["fps"])
        visible = VisibleWatermark(handle, width, height)
        invisible = self.invisible_watermark() if self.invisible else None
        every = max(1, self.settings.invisible_watermark_every)
        silent = out.with_name("stamped-video.mp4")
        total = max(1, info.get("frame_count") or round(info["duration"] * fps))
        with media.VideoWriter(silent, width, height, fps) as writer:
            for index, frame in enumerate(media.iter_frames(source)):
                if should_stop():
                    raise GenerationCancelled()
                frame = visible.apply(frame, index, fps)
                if invisible is not None and index % every == 0:
                    frame = invisible.embed(frame, video_id)
                writer.write(writer.to_yuv(frame))
                if index % 12 == 0:
                    progress(0.2 + 0.6 * index / total, "watermark")
            writer.close()
        audio = media.decode_audio(source)
        if audio.shape[1]:
            media.mux_audio(silent, audio, out)
            silent.unlink(missing_ok=True)
        else:
            media.remux(silent, out)
            silent.unlink(missing_ok=True)
