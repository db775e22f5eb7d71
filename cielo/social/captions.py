"""Captions as a WebVTT track, built from the dialogue lines a video's generation plan keeps in its metadata
(`details["generation"]["plan"]["dialogue"]`: text, speaker, language, start, end). The picture carries no
subtitles; players show the track on request, so the app's own overlay never covers them."""

from __future__ import annotations

from typing import Any

from cielo.db.models import Video


def dialogue(video: Video) -> list[dict[str, Any]]:
    """The video's spoken lines with text, in order; [] when its metadata has none."""
    generation = (video.details or {}).get("generation") or {}
    plan = generation.get("plan") or {}
    lines = [
        line
        for line in plan.get("dialogue") or []
        if isinstance(line, dict) and str(line.get("text", "")).strip()
    ]
    offset = _offset(generation, plan)
    return [
        line | {"start": float(line.get("start", 0)) + offset, "end": float(line.get("end", 0)) + offset}
        for line in sorted(lines, key=lambda line: float(line.get("start", 0)))
    ]


def _offset(generation: dict, plan: dict) -> float:
    """Where the plan's new content starts in the file: an extension's plan times its lines from the end of
    the source video it continues (the plan's last shot ends where the file does)."""
    if generation.get("mode") != "extend":
        return 0.0
    shots = plan.get("shots") or []
    planned = float(shots[-1].get("end", 0)) if shots else 0.0
    return max(0.0, float(generation.get("seconds") or 0) - planned)


def spoken_language(video: Video) -> str | None:
    """The language of the first spoken line (what a <track>'s srclang says), None without dialogue."""
    lines = dialogue(video)
    return str(lines[0].get("language") or "en") if lines else None


def _timestamp(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _escape(text: str) -> str:
    # A cue's text may not hold "-->" and treats & and < as markup.
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(video: Video) -> str:
    """The WebVTT file: one cue per line, the speaker as a voice span (<v Ana>) when the line has one."""
    cues = ["WEBVTT", ""]
    for index, line in enumerate(dialogue(video), start=1):
        end = max(line["end"], line["start"] + 0.5)
        speaker = str(line.get("speaker") or "")
        text = _escape(str(line["text"]))
        if speaker and speaker != "narrator":
            text = f"<v {_escape(speaker)}>{text}"
        cues += [str(index), f"{_timestamp(line['start'])} --> {_timestamp(end)}", text, ""]
    return "\n".join(cues)
