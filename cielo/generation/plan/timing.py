"""Time: how long each scene lasts, where its dialogue falls, and how it is cut into shots.

A scene is a group of clauses in one place and time. Scenes share the video by how much they have to
say; then each scene is covered by several shots when it is long enough (an establishing wide
shot, then medium and close shots on whoever speaks or acts), its lines spread evenly over it
instead of bunched at the start, and no cut falls inside a line. All times are on frame boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from cielo.generation.plan.text import estimate_speech_seconds

MIN_SHOT_SECONDS = 2.0
SHOT_TARGET = 4.0  # a scene longer than this gets more than one shot
LINE_GAP = 0.25  # least silence between two dialogue lines
LEAD_IN = 0.35  # a scene breathes before anyone speaks
TAIL = 0.15  # nor does a line end on the cut
MAX_GAP = 5.0  # lines spread over a long scene, but a reply never waits longer than this
MIN_SPEECH_SCALE = 0.7  # lines may be spoken up to 1/0.7 = 1.43x faster to fit their scene


@dataclass
class TimedLine:
    quote: int  # index into the reader's quotes
    start: float
    end: float
    scale: float  # < 1: spoken faster to fit


def scene_spans(need: list[float], seconds: float, fps: int) -> list[tuple[float, float]]:
    """Scene lengths: equal shares, stretched for scenes that have more to say, on frame boundaries."""
    base = seconds / len(need)
    weights = [max(1.0, (n + LEAD_IN + 0.3) / base) for n in need]
    total = sum(weights)
    durations = [max(min(MIN_SHOT_SECONDS, base), seconds * w / total) for w in weights]
    return _on_frames(durations, seconds, fps, 0.0)


def _on_frames(durations: list[float], seconds: float, fps: int, start: float) -> list[tuple[float, float]]:
    scale = seconds / sum(durations)
    first = round(start * fps)
    last = first + round(seconds * fps)
    spans, boundary, cumulative = [], first, start * fps
    for i, duration in enumerate(durations):
        cumulative += duration * scale * fps
        end = last if i == len(durations) - 1 else min(last, round(cumulative))
        spans.append((boundary / fps, end / fps))
        boundary = end
    return spans


def place_lines(
    span: tuple[float, float], quotes: list[tuple[int, str]], notes: list[str], scene: int
) -> list[TimedLine]:
    """Spread a scene's lines over it with equal gaps (up to MAX_GAP); speak faster, then drop lines,
    when they do not fit."""
    if not quotes:
        return []
    start, end = span
    length = end - start
    estimates = [estimate_speech_seconds(text) for _, text in quotes]
    available = length - LEAD_IN - TAIL - LINE_GAP * (len(quotes) - 1)
    scale = min(1.0, available / sum(estimates)) if available > 0 else 0.0
    if scale < MIN_SPEECH_SCALE:
        scale = MIN_SPEECH_SCALE
        kept, used = [], 0.0
        for q, est in zip(quotes, estimates):
            if LEAD_IN + used + est * scale + TAIL > length:
                break
            kept.append(q)
            used += est * scale + LINE_GAP
        if len(kept) < len(quotes):
            notes.append(f"scene {scene}: {len(quotes) - len(kept)} dialogue line(s) did not fit and were dropped")
        quotes, estimates = kept, estimates[: len(kept)]
        if not quotes:  # a scene too short for even one line
            return []
    spoken = [e * scale for e in estimates]
    free = length - LEAD_IN - TAIL - sum(spoken)
    k = len(spoken)
    # Equal gaps between lines (up to MAX_GAP); what is left over is shared before and after them.
    between = 0.0 if k == 1 else min(MAX_GAP, max(LINE_GAP, free / k))
    if k > 1 and free - between * (k - 1) < 0:
        between = max(LINE_GAP, free / (k - 1))
    rest = max(0.0, free - between * (k - 1))
    cursor = start + LEAD_IN + min(MAX_GAP, rest * (0.3 if k == 1 else 0.45))
    lines = []
    for (q, _text), duration in zip(quotes, spoken):
        line_end = min(end - 0.05, cursor + duration)
        lines.append(TimedLine(q, round(cursor, 3), round(line_end, 3), scale))
        cursor = line_end + between
    return lines


def cut_scene(span: tuple[float, float], lines: list[TimedLine], wanted: int, fps: int) -> list[tuple[float, float]]:
    """`wanted` shots over a scene, cut near equal divisions but never inside a line."""
    start, end = span
    length = end - start
    count = max(1, min(wanted, int(length // MIN_SHOT_SECONDS)))
    if count == 1:
        return [span]
    cuts: list[float] = []
    for m in range(1, count):
        target = start + length * m / count
        for line in lines:
            if line.start - 0.05 < target < line.end + 0.05:
                # Inside a line: cut in the gap before or after it, whichever is nearer.
                before, after = line.start - 0.1, line.end + 0.1
                target = before if target - before < after - target else after
        previous = cuts[-1] if cuts else start
        if target - previous >= MIN_SHOT_SECONDS * 0.75 and end - target >= MIN_SHOT_SECONDS * 0.75:
            cuts.append(target)
    frames = sorted({round(c * fps) for c in cuts})
    bounds = [round(start * fps), *frames, round(end * fps)]
    return [(a / fps, b / fps) for a, b in pairwise(bounds) if b > a]


def shots_wanted(length: float, actions_per_subject: int) -> int:
    """How many shots cover a scene: about one per SHOT_TARGET seconds, and at least one per action
    a subject does in it (so "walks in, sits down and reads" shows all three)."""
    return max(1, round(length / SHOT_TARGET), actions_per_subject)
