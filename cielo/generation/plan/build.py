"""make_plan: read the prompt, pick places, cast the subjects, cut and time the shots, voice the lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cielo.generation import lexicon
from cielo.generation.plan.casting import place_subjects
from cielo.generation.plan.model import DialogueLine, Plan, Shot, Subject
from cielo.generation.plan.reader import Clause, PromptReader, Quote, _rng
from cielo.generation.plan.sound import ambience, lightning_times, music_cue
from cielo.generation.plan.text import PLACEHOLDER_RE, detect_language, estimate_speech_seconds
from cielo.generation.plan.timing import (
    LINE_GAP,
    MIN_SHOT_SECONDS,
    TimedLine,
    cut_scene,
    place_lines,
    scene_spans,
    shots_wanted,
)
from cielo.generation.plan.voices import NARRATOR, assign_voices, line_voice
from cielo.likeness.reference import CameoRef

INTERACTIONS = {"fight", "hug", "dance", "play_ball"}  # both sides must stay in the picture
CROWDED = {"stadium", "stage"}  # places drawn with their own crowd
NO_WEATHER = {"space", "underwater", "cave", "moon"}
CAMERA_MOVES = ["push_in", "pan_right", "pan_left", "pull_out", "orbit"]


@dataclass
class _Scene:
    setting: str
    time_of_day: str
    weather: str
    mood: str | None
    variant: str = ""
    tint: list[int] | None = None


def seed_scene(seed: int) -> _Scene:
    rng = _rng(seed, "scene")
    setting = str(rng.choice(["countryside", "beach", "city", "mountains", "forest", "lake"]))
    time_of_day = str(rng.choice(["day", "sunset", "dawn", "night"], p=[0.55, 0.25, 0.1, 0.1]))
    return _Scene(setting, time_of_day, "clear", None)


def source_scene(source_prompt: str, seed: int) -> tuple[_Scene, PromptReader]:
    """A remix or extension keeps what the source said about the scene unless the new prompt says otherwise."""
    reader = PromptReader(source_prompt, seed)
    scene = seed_scene(seed)
    for attr in ("setting", "time_of_day", "weather", "mood"):
        value = next((getattr(c, attr) for c in reader.clauses if getattr(c, attr) is not None), None)
        if value is not None:
            setattr(scene, attr, value)
            if attr == "setting":
                scene.variant = next(c.variant for c in reader.clauses if c.setting is not None)
    implied = implied_place(reader.subjects) if not any(c.setting for c in reader.clauses) else None
    if implied:
        scene.setting, scene.variant = implied
    return scene, reader


def implied_place(subjects: list[Subject]) -> tuple[str, str] | None:
    """The place the named things suggest when the prompt names none (a knight and a dragon: a castle)."""
    species = {s.species for s in subjects if s.cameo is None}
    for place, kinds in lexicon.IMPLIED_PLACES:
        if species & set(kinds):
            return lexicon.place_of(place)
    return None


def group_scenes(clauses: list[Clause], max_groups: int, notes: list[str], reader: PromptReader) -> list[list[Clause]]:
    groups: list[list[Clause]] = []
    for clause in clauses:
        if not groups:
            groups.append([clause])
            continue
        current = groups[-1]
        conflicts = any(
            getattr(clause, attr) is not None and any(getattr(c, attr) not in (None, getattr(clause, attr)) for c in current)
            for attr in ("setting", "time_of_day")
        )
        has_scene = clause.setting is not None or clause.time_of_day is not None or clause.subjects
        if (clause.explicit_cut and (has_scene or clause.quotes or clause.camera)) or conflicts:
            groups.append([clause])
        else:
            current.append(clause)
    while len(groups) > max_groups:
        # Too many scenes for the duration: fold the last one into the one before it; its place is lost.
        folded = groups.pop()
        lost = [c.setting for c in folded if c.setting and c.setting not in {x.setting for x in groups[-1]}]
        for setting in dict.fromkeys(lost):
            entry = {"word": setting, "category": "place", "reason": "no time for another scene"}
            if entry not in reader.not_drawn:
                reader.not_drawn.append(entry)
        for c in folded:
            c.setting = None
        groups[-1].extend(folded)
    return groups


def _first_stated(group: list[Clause], attr: str) -> object:
    return next((getattr(c, attr) for c in group if getattr(c, attr) is not None), None)


def _default_mood(scene: _Scene) -> str:
    if scene.weather == "storm":
        return "tense"
    if scene.time_of_day == "night" and scene.setting in ("forest", "space", "cave", "hall"):
        return "tense" if scene.setting != "space" else "epic"
    if scene.setting in ("castle", "volcano", "stadium"):
        return "epic"
    if scene.time_of_day == "sunset":
        return "romantic"
    return "happy" if scene.time_of_day == "day" and scene.weather == "clear" else "calm"


def make_plan(
    prompt: str,
    *,
    seed: int,
    seconds: float,
    width: int,
    height: int,
    fps: int = 24,
    mode: str = "generate",
    source_prompt: str | None = None,
    offset: float = 0.0,
    cameos: Sequence[CameoRef] = (),
) -> Plan:
    """Plan `seconds` of new content for `prompt`; the same arguments always give the same plan.
    Every cameo in `cameos` appears: where the prompt names its @handle, else from the first shot."""
    frame_count = max(1, round(seconds * fps))
    seconds = frame_count / fps
    notes: list[str] = []

    source_reader: PromptReader | None = None
    if source_prompt and mode in ("remix", "extend"):
        base, source_reader = source_scene(source_prompt, seed)
    else:
        base = seed_scene(seed)
    inherited = list(source_reader.subjects) if source_reader else []
    reader = PromptReader(prompt, seed, subjects=inherited, cameos=cameos)

    groups = group_scenes(reader.clauses, max(1, int(seconds // MIN_SHOT_SECONDS)), notes, reader)
    named = {sid for g in groups for c in g for sid in c.subjects}
    groups[0][0].subjects.extend(s.id for s in reader.cameo_tokens.values() if s.id not in named)
    if source_reader and not any(c.subjects for g in groups for c in g):
        groups[0][0].subjects = [s.id for s in inherited if s.kind != "object" or s.holder is None]
    if mode == "remix" and source_reader and not any(c.quotes for g in groups for c in g) and source_reader.quotes:
        # A remix that has nothing new to say keeps the source's lines, and their speakers (an
        # extension does not: its source already said them).
        reader.quotes = source_reader.quotes
        groups[0][0].quotes = [i for i, q in enumerate(reader.quotes) if q.written_on is None]
        speakers = [q.speaker for q in reader.quotes if q.speaker]
        groups[0][0].subjects = list(dict.fromkeys([*groups[0][0].subjects, *speakers]))

    scenes = _scenes(groups, base, reader, inherited=source_reader is not None)
    actions: dict[str, list[str]] = {}
    for group in groups:
        for clause in group:
            for sid, acts in clause.actions.items():
                actions.setdefault(sid, []).extend(acts)
    first_setting = {
        sid: scenes[g].setting for g in reversed(range(len(groups))) for c in groups[g] for sid in c.subjects
    }
    place_subjects(reader.subjects, actions, first_setting, scenes[0].setting)
    subjects = _used_subjects(reader, groups)
    assign_voices(reader.quotes, subjects, seed)

    quotes_by_group = [[(q, reader.quotes[q].text) for c in g for q in c.quotes] for g in groups]
    need = [sum(estimate_speech_seconds(text) + LINE_GAP for _, text in quotes) for quotes in quotes_by_group]
    spans = scene_spans(need, seconds, fps)
    rng = _rng(seed, "camera")
    first_move = int(rng.integers(len(CAMERA_MOVES)))
    shots: list[Shot] = []
    timed: list[tuple[TimedLine, int]] = []
    by_id = {s.id: s for s in subjects}
    for g, (group, span, scene) in enumerate(zip(groups, spans, scenes)):
        lines = place_lines(span, quotes_by_group[g], notes, g)
        group_actions = {
            sid: list(dict.fromkeys(a for c in group for a in c.actions.get(sid, ())))
            for sid in dict.fromkeys(sid for c in group for sid in c.subjects)
        }
        most = max((len(a) for a in group_actions.values()), default=1)
        cuts = cut_scene(span, lines, shots_wanted(span[1] - span[0], most), fps)
        for sid, acts in group_actions.items():
            if len(acts) > len(cuts):
                for act in acts[len(cuts):]:
                    reader.not_drawn.append({"word": act, "category": "action", "reason": "no time for another shot"})
        for m, cut in enumerate(cuts):
            shot = _shot(len(shots), m, len(cuts), cut, g, group, scene, lines, reader, by_id, group_actions)
            shot.camera = _first_stated(group, "camera") or CAMERA_MOVES[(first_move + len(shots)) % len(CAMERA_MOVES)]  # type: ignore[assignment]
            shots.append(shot)
        for line in lines:
            index = next(i for i, s in enumerate(shots) if s.start <= line.start < s.end or s is shots[-1])
            timed.append((line, index))

    dialogue = _dialogue(timed, reader.quotes, by_id, shots)
    for shot in shots:
        shot.positions = layout(shot, subjects)
        shot.ambience = ambience(shot, prompt)
        shot.lightning = lightning_times(shot, seed) if shot.weather == "storm" else []
    if reader.not_drawn:
        words = ", ".join(dict.fromkeys(d["word"] for d in reader.not_drawn))
        notes.append(f"the preview engine could not draw: {words}")
    return Plan(
        prompt=prompt,
        seed=seed,
        mode=mode,
        width=width,
        height=height,
        fps=fps,
        seconds=seconds,
        frame_count=frame_count,
        offset=offset,
        language=detect_language(PLACEHOLDER_RE.sub(" ", prompt)),
        shots=shots,
        subjects=subjects,
        dialogue=dialogue,
        music=music_cue(shots[0].mood, seed),
        source_prompt=source_prompt,
        notes=notes,
        drawn=reader.drawn,
        not_drawn=reader.not_drawn,
    )


def _scenes(groups: list[list[Clause]], base: _Scene, reader: PromptReader, inherited: bool) -> list[_Scene]:
    """Each scene's place, time, weather and mood: what it says, else what came before. A scene
    that names no place, after scenes that named none either, gets the place its subjects imply
    (a knight and a dragon: a castle), unless the video continues a source that had a place."""
    by_id = {s.id: s for s in reader.subjects}
    scenes: list[_Scene] = []
    scene = base
    implied_so_far = not inherited
    for group in groups:
        setting = _first_stated(group, "setting")
        variant = next((c.variant for c in group if c.setting is not None), scene.variant) if setting else scene.variant
        tint = next((c.tint for c in group if c.tint is not None), None if setting else scene.tint)
        if setting:
            implied_so_far = False
        elif implied_so_far:
            named = [by_id[sid] for c in group for sid in c.subjects if sid in by_id]
            place = implied_place(named) or (implied_place(reader.subjects) if not scenes else None)
            if place:
                setting, variant = place
        scene = _Scene(
            setting or scene.setting,  # type: ignore[arg-type]
            _first_stated(group, "time_of_day") or scene.time_of_day,  # type: ignore[arg-type]
            _first_stated(group, "weather") or scene.weather,  # type: ignore[arg-type]
            _first_stated(group, "mood") or scene.mood,  # type: ignore[arg-type]
            variant,
            tint,
        )
        scenes.append(scene)
    return scenes


def _used_subjects(reader: PromptReader, groups: list[list[Clause]]) -> list[Subject]:
    """The subjects on screen somewhere, and the things they hold or ride."""
    on_screen = {sid for g in groups for c in g for sid in c.subjects}
    on_screen |= {q.speaker for q in reader.quotes if q.speaker}
    for s in reader.subjects:
        if s.holder in on_screen or s.id in {r.rides for r in reader.subjects if r.id in on_screen}:
            on_screen.add(s.id)
    return [s for s in reader.subjects if s.id in on_screen]


def _shot(
    index: int, m: int, count: int, cut: tuple[float, float], scene_index: int, group: list[Clause], scene: _Scene,
    lines: list[TimedLine], reader: PromptReader, by_id: dict[str, Subject], group_actions: dict[str, list[str]],
) -> Shot:
    stated = [a for a in ("setting", "time_of_day", "weather", "mood", "camera") if _first_stated(group, a)]
    weather = "clear" if scene.setting in NO_WEATHER else scene.weather
    members = [sid for sid in dict.fromkeys(sid for c in group for sid in c.subjects) if sid in by_id]
    if scene.setting in CROWDED:
        # Fans in a stadium, an audience at a concert: the place's own crowd in the stands shows them.
        members = [sid for sid in members if not (by_id[sid].noun or "").startswith("crowd#")]
    members += [s.id for s in by_id.values() if s.holder in members and s.id not in members]
    members += [by_id[sid].rides for sid in members if by_id[sid].rides in by_id and by_id[sid].rides not in members]  # type: ignore[misc]
    start, end = cut
    here = [line for line in lines if start <= line.start < end]
    for line in here:
        speaker = reader.quotes[line.quote].speaker
        if speaker in by_id and speaker not in members:
            members.append(speaker)
    animate = [sid for sid in members if by_id[sid].kind != "object"]
    acting: dict[str, str] = {}
    for sid in members:
        acts = group_actions.get(sid) or []
        if acts:
            acting[sid] = acts[min(len(acts) - 1, m * len(acts) // count)]
    targets = {sid: t for c in group for sid, t in c.targets.items() if sid in members and t in members}
    interacting = any(a in INTERACTIONS for a in acting.values())
    framing, focus = "wide", None
    if count > 1 and m > 0 and animate:
        speaker = reader.quotes[here[0].quote].speaker if here else None
        if interacting:
            framing = "medium"
        elif speaker in animate:
            framing, focus = ("close" if m % 2 == 0 and len(animate) > 1 else "medium"), speaker
        elif m == count - 1 and count >= 3:
            framing = "wide"
        else:
            framing, focus = "medium", animate[(m - 1) % len(animate)]
    return Shot(
        index=index,
        start=start,
        end=end,
        description=" ".join(PLACEHOLDER_RE.sub('"…"', c.text) for c in group).strip(),
        setting=scene.setting,
        time_of_day=scene.time_of_day,
        weather=weather,
        mood=scene.mood or _default_mood(scene),
        camera="static",
        subjects=members,
        positions={},
        ambience=[],
        stated=stated,
        variant=scene.variant,
        actions=acting,
        targets=targets,
        framing=framing,
        focus=focus,
        scene=scene_index,
        tint=scene.tint,
    )


def _dialogue(
    timed: list[tuple[TimedLine, int]], quotes: list[Quote], by_id: dict[str, Subject], shots: list[Shot]
) -> list[DialogueLine]:
    dialogue: list[DialogueLine] = []
    for line, shot_index in timed:
        quote = quotes[line.quote]
        speaker = by_id.get(quote.speaker or "")
        language = detect_language(quote.text)
        base = speaker.voice if speaker and speaker.voice else NARRATOR
        voice = line_voice(base, language, quote.manner, speaker.gender if speaker else "male")
        voice.rate = round(voice.rate / line.scale) if line.scale < 1.0 else voice.rate
        dialogue.append(
            DialogueLine(
                index=len(dialogue),
                speaker=speaker.id if speaker else "narrator",
                speaker_name=speaker.name if speaker else "narrator",
                text=quote.text,
                language=language,
                manner=quote.manner,
                voice=voice,
                start=line.start,
                end=line.end,
                shot=shot_index,
            )
        )
        if speaker and speaker.id not in shots[shot_index].subjects:
            shots[shot_index].subjects.append(speaker.id)
    return dialogue


def layout(shot: Shot, subjects: list[Subject]) -> dict[str, float]:
    """Horizontal positions, 0 (left) .. 1 (right): each placement (ground, sky, water) spread on its
    own; fighters face each other; riders sit on their mounts; held things go with their holders."""
    by_id = {s.id: s for s in subjects}
    positions: dict[str, float] = {}
    present = [sid for sid in shot.subjects if sid in by_id]
    riders = {by_id[sid].rides: sid for sid in present if by_id[sid].rides in by_id}
    for placement in ("ground", "sky", "water"):
        ids = [
            sid for sid in present
            if by_id[sid].placement == placement and not by_id[sid].rides and not (by_id[sid].holder and by_id[sid].kind == "object")
        ]
        # Someone and whom they act on stand on opposite sides.
        ordered = sorted(ids, key=lambda sid: (sid in shot.targets.values() and sid not in shot.targets, ids.index(sid)))
        if shot.focus in ordered and shot.framing == "close":
            ordered.remove(shot.focus)
            ordered.insert(len(ordered) // 2, shot.focus)
        for i, sid in enumerate(ordered):
            positions[sid] = round(0.5 if len(ordered) == 1 else 0.2 + 0.6 * i / (len(ordered) - 1), 3)
    for mount, rider in riders.items():
        if mount in positions:
            positions[rider] = positions[mount]
        elif rider in positions:
            positions[mount] = positions[rider]
        else:
            positions[mount] = positions[rider] = 0.5
    for sid in present:
        holder = by_id[sid].holder
        if sid not in positions and holder in positions:
            positions[sid] = positions[holder]  # type: ignore[index]
        positions.setdefault(sid, 0.5)
    return positions
