"""The platform's use of the safety library: one object, built from Settings, that the API asks before a
job is queued and the worker asks after a video renders.

Before: prompt moderation (rules + classifier; the strict profile for teens) and public figures.
While the video is encoded, once (`finishing`, cielo.safety.finishing): the moving visible mark with the
creator's @handle, the invisible mark carrying the video id, frames sampled for output moderation and
perceptual hashes for reverse search. After (`finish`): the verdict (NudeNet on those frames, the spoken
lines re-checked), then a C2PA manifest signed with the instance's certificate.

Every part installs with Cielo; one that is missing anyway is listed in each video's metadata (workers
refuse to start without the operator's leave: cielo.safety.parts).
"""

from __future__ import annotations

import logging
import time
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from cielo.config import Settings
from cielo.errors import InvalidInput
from cielo.generation import GenerationError, GenerationResult, media
from cielo.safety.finishing import VideoFinishing
from cielo.safety.parts import SafetyIncomplete, safety_parts

if TYPE_CHECKING:
    from cielo.safety.moderation import ModerationResult

log = logging.getLogger("cielo.safety")

FINAL_FILE = "final.mp4"
APPEALS_URL = "/api/moderation/appeals"


def N_(message: str) -> str:  # gettext's "mark for translation" convention
    return message


# What people read (gettext msgids; the Spanish is in cielo/locale/es/LC_MESSAGES/messages.po).
POLICY_LABELS: dict[str, str] = {
    "minors": N_("child safety"),
    "sexual": N_("sexual content"),
    "self_harm": N_("self-harm"),
    "weapons": N_("weapons"),
    "violence": N_("graphic violence"),
    "hate": N_("hate"),
    "public_figures": N_("public figures"),
    "copyrighted_characters": N_("copyrighted characters"),
    "drugs": N_("drugs (teen accounts)"),
}
PROMPT_BLOCKED = N_(
    "This prompt was blocked by the %(policy)s policy because of %(words)s; rephrasing it may help.")
LINE_BLOCKED = N_(
    "The spoken line %(line)s was blocked by the %(policy)s policy because of %(words)s; "
    "rephrasing it may help.")
QUOTED = N_("“%(text)s”")
_MAX_QUOTED = 80  # a quoted sentence longer than this is cut with an ellipsis


def _identity(message: str) -> str:
    return message


class ModerationBlocked(InvalidInput):
    """A prompt or one of its spoken lines was refused. Carries the decision, so the message can be given in
    the reader's language (`localized`) and pages can point at the words (`details`)."""

    code = "moderation_blocked"

    def __init__(self, result: ModerationResult, *, line: str | None = None) -> None:
        self.result = result
        self.line = line  # the spoken line refused, when it was a line and not the prompt
        super().__init__(self.localized(_identity), param="prompt")

    def _quote(self, text: str, gettext: Callable[[str], str]) -> str:
        text = " ".join(text.split())
        if len(text) > _MAX_QUOTED:
            text = text[: _MAX_QUOTED - 1].rstrip() + "…"
        return gettext(QUOTED) % {"text": text}

    def words(self) -> list[str]:
        """What triggered the refusal, as typed: the words, or the sentence the classifier refused."""
        trigger = self.result.trigger
        if trigger is None:
            return []
        quotes = trigger.quotes(self.result.text)
        if trigger.source == "classifier" and trigger.sentence is not None:
            start, end = trigger.sentence
            sentence = self.result.text[start:end]
            # Name the sentence when the prompt has more than one; its cue words otherwise.
            if sentence.strip() != self.result.text.strip() or not quotes:
                return [sentence]
        return quotes[:4]

    def localized(self, gettext: Callable[[str], str]) -> str:
        """One sentence in the language of `gettext`: the policy, the words, and that rephrasing may help."""
        policy = gettext(POLICY_LABELS.get(self.result.policy or "", self.result.policy or ""))
        words = ", ".join(self._quote(w, gettext) for w in self.words())
        words = words or self._quote(self.result.text, gettext)
        if self.line is not None:
            line = self._quote(self.line, gettext)
            return gettext(LINE_BLOCKED) % {"line": line, "policy": policy, "words": words}
        return gettext(PROMPT_BLOCKED) % {"policy": policy, "words": words}

    def details(self, gettext: Callable[[str], str] = _identity) -> dict[str, Any]:
        """The decision in machine-readable form, for the API's error body and the pages."""
        trigger = self.result.trigger
        return {
            "policy": self.result.policy,
            "policy_label": gettext(POLICY_LABELS.get(self.result.policy or "", self.result.policy or "")),
            "input": "spoken_line" if self.line is not None else "prompt",
            "text": self.result.text,
            "trigger": trigger.to_json(self.result.text) if trigger else None,
            "profile": self.result.profile,
            "appeal_url": APPEALS_URL,
        }

    def body_extra(self, gettext: Callable[[str], str]) -> dict[str, Any]:
        """Added beside OpenAI's `error` object in the API's response (clients ignore unknown keys)."""
        return {"moderation": self.details(gettext)}


def spoken_lines(prompt: str, *, seconds: float = 8, size: str = "720x1280", seed: int = 0,
                 mode: str = "generate", source_prompt: str | None = None) -> list[str]:
    """The lines a video of `prompt` will speak: its plan's dialogue, which is what the output check reads."""
    from cielo.generation.plan import make_plan

    width, height = (int(v) for v in size.split("x"))
    plan = make_plan(prompt, seed=seed, seconds=float(seconds), width=width, height=height, mode=mode,
                     source_prompt=source_prompt)
    return [line.text for line in plan.dialogue]


@dataclass
class FinishedVideo:
    video: Path
    thumbnail: Path
    spritesheet: Path
    hashes: list[str]
    report: dict[str, Any] = field(default_factory=dict)


class SafetyGuard:
    # (count, newest) of the allow examples this process loaded; appeals.sync_allow_examples keeps it.
    allow_examples_stamp: tuple[int, float] | None = None

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

    @staticmethod
    def profile_for(teen: bool) -> str:
        return "strict" if teen else "standard"

    def check_prompt(self, text: str, *, teen: bool, allowed_figures: Collection[str] = ()) -> None:
        """Raises ModerationBlocked naming the policy and the words; teens get the strict profile."""
        if not self.settings.moderation_enabled:
            return
        result = self.moderator.check(text, self.profile_for(teen), allowed_figures=allowed_figures)
        if result.flagged:
            raise ModerationBlocked(result)

    def blocked_line(self, lines: Sequence[str], *, teen: bool) -> ModerationBlocked | None:
        """The refusal of the first spoken line the profile refuses, or None. The same check before a job is
        queued and after it renders, so a line refused at the end is refused before it costs anything."""
        lines = [line for line in lines if line.strip()]
        if not lines or not self.settings.moderation_enabled:
            return None
        verdicts = self.moderator.check_many(lines, self.profile_for(teen))
        for line, verdict in zip(lines, verdicts, strict=True):
            if verdict.flagged:
                return ModerationBlocked(verdict, line=line)
        return None

    def check_lines(self, lines: Sequence[str], *, teen: bool) -> None:
        """Raises ModerationBlocked for the first spoken line that `blocked_line` refuses."""
        blocked = self.blocked_line(lines, teen=teen)
        if blocked is not None:
            raise blocked

    def set_allow_examples(self, texts: Sequence[str]) -> None:
        """The prompts moderators allowed on appeal; the classifier uses them from now on."""
        self.moderator.set_allow_examples(texts)

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

    def finishing(self, *, video_id: str, handle: str, width: int, height: int, fps: int,
                  teen: bool, source_marked: bool = False) -> VideoFinishing:
        """The frame filter that marks and samples one video on its way into its one encode; hand it to
        run_pipeline(filters=[...]) and then to finish(). `source_marked`: the source of this edit or
        extension is a Cielo video, so the frames that show it keep its visible mark instead of a second."""
        return VideoFinishing(
            video_id=video_id, handle=handle, width=width, height=height, fps=fps,
            invisible=self.invisible_watermark() if self.invisible else None,
            invisible_every=self.settings.invisible_watermark_every, moderate=self.frames, teen=teen,
            source_marked=source_marked)

    def finish(
        self,
        result: GenerationResult,
        workdir: Path,
        *,
        video_id: str,
        model: str,
        teen: bool,
        finishing: VideoFinishing | None,
    ) -> FinishedVideo:
        """Output moderation, then C2PA on the finished file; the marks are already in it (`finishing` drew
        them as the frames were encoded). Idempotent: a finished file is reused. When the render was not
        seen by `finishing` (a retried job resumed past it), its frames are decoded to check them."""
        final = workdir / FINAL_FILE
        report: dict[str, Any] = {"checks": [], "stages": {}}
        complete = finishing is not None and finishing.frames_seen == result.metadata.get("frame_count")
        try:
            if not final.exists():
                started = time.perf_counter()
                self._moderate_output(result, teen, report, finishing if complete else None)
                report["stages"]["moderation"] = round(time.perf_counter() - started, 4)
                started = time.perf_counter()
                if self.signing:
                    from cielo.safety.c2pa_signing import ManifestInfo

                    voice_model = (result.metadata.get("speech") or {}).get("model")
                    self.credentials.sign_mp4(result.video, final,
                                              ManifestInfo(video_id=video_id, model=model, voice_model=voice_model))
                    report["checks"].append("c2pa")
                else:
                    media.write_bytes_atomic(final, result.video.read_bytes())
                report["stages"]["c2pa"] = round(time.perf_counter() - started, 4)
        finally:
            if finishing is not None:
                finishing.close()
        if complete:
            report["stages"]["marks_and_samples"] = round(finishing.seconds, 4)  # inside the render stage
            hashes = finishing.hashes
        else:
            from cielo.safety.hashes import hash_video

            hashes = hash_video(final)
        report["watermarks"] = ["visible"] + (["invisible"] if self.invisible else [])
        if self.missing:  # only reachable when the operator allowed it (require_complete)
            report["missing"] = self.missing
        return FinishedVideo(final, result.thumbnail, result.spritesheet, hashes, report)

    def _moderate_output(self, result: GenerationResult, teen: bool, report: dict[str, Any],
                         finishing: VideoFinishing | None) -> None:
        lines = [line["text"] for line in result.metadata.get("plan", {}).get("dialogue", []) if line.get("text")]
        if lines and self.settings.moderation_enabled:
            blocked = self.blocked_line(lines, teen=teen)
            if blocked is not None:
                raise GenerationError("output_blocked", blocked.message)
            report["checks"].append("speech")
        if not self.frames:
            return
        if finishing is not None:
            verdict = finishing.verdict()
        else:
            from cielo.safety.frames import EXPLICIT_LABELS, STRICT_LABELS, check_frames

            info = media.probe(result.video)
            times = [t / 2 for t in range(int(info["duration"] * 2))] or [0.0]
            frames = [np.asarray(image) for image in media.frames_at(result.video, times)]
            # A teen's videos are held to the strict set (covered intimate parts too), like their prompts.
            verdict = check_frames(frames, labels=STRICT_LABELS if teen else EXPLICIT_LABELS)
        if verdict.flagged:
            raise GenerationError("output_blocked", f"The video was blocked by output moderation: {verdict.reason}")
        report["checks"].append("frames")
