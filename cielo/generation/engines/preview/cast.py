"""The cast of one shot: every figure, where it stands, what it does at time t, and its effects.

Positions come from the plan (0..1 across the frame); framing sets the size (a close shot draws the
figures bigger); each figure's action gives its motion (motion.py). Riders sit on their mounts,
drivers show through their car's windows, things held are drawn in the hand, and dishes stand on a
table (or a stove, for a cook) in front of whoever uses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cielo.generation.engines.preview import motion as motions
from cielo.generation.engines.preview.effects import EffectPictures, Placed
from cielo.generation.engines.preview.figures import Figure, Pose, mouth_open, size_of
from cielo.generation.engines.preview.interiors import INTERIORS
from cielo.generation.engines.preview.palette import lighting
from cielo.generation.engines.preview.people import OUTFITS
from cielo.generation.plan import DialogueLine, Shot, Subject

FRAMING = {"wide": 0.85, "medium": 1.12, "close": 1.45}
# What a person holds for an action when the prompt gives them nothing.
ACTION_ITEMS = {
    "play_music": "guitar", "cook": "spatula", "cast_spell": "wand", "fish": "fishing_rod", "paint": "paintbrush",
    "photograph": "camera", "read": "book", "write": "book", "eat": "apple", "work": "hammer", "sing": "microphone",
    "play_ball": "", "spray": "",
}
INSTRUMENTS_ON_FLOOR = {"piano", "drum", "turntable"}
SEATED_IN = {"car", "van", "bus", "truck", "tractor", "train", "carriage", "plane", "helicopter", "spaceship", "ufo", "sled"}
SADDLE = {"horse": 0.62, "donkey": 0.6, "zebra": 0.6, "unicorn": 0.62, "camel": 0.78, "elephant": 0.82, "dragon": 0.55,
          "bicycle": 0.8, "motorcycle": 0.72, "skateboard": 0.7, "canoe": 0.6, "boat": 0.5, "sailboat": 0.2,
          "ship": 0.45, "sofa": 0.42, "chair": 0.5, "bench": 0.55, "bed": 0.55, "table": 0.7, "rock": 0.75,
          "wheelchair": 0.5, "tree": 0.62, "bear": 0.7, "dog": 0.7, "cow": 0.7, "dinosaur": 0.6, "sled": 0.7, "wolf": 0.7, "tiger": 0.7,
          "lion": 0.7, "deer": 0.6, "giraffe": 0.4, "turtle": 0.8}
FURNITURE = {"sofa", "chair", "bench", "bed", "table", "rock", "wheelchair", "tree"}
STANDING_ON = {"ship", "sailboat", "boat", "skateboard"}  # ridden standing up
MOVERS = {"walk", "run", "fly", "drive", "sail", "swim", "glide_board", "ride"}


@dataclass
class _Entry:
    figure: Figure
    subject: Subject
    x: float  # px
    y: float  # px: the ground (or sky, or water) under it
    depth: float
    action: str
    item: str = ""
    partner: str | None = None
    facing: int = 1
    context: str = ""  # for a dish: "stove" or "table"


class Cast:
    """The figures of one shot and where each is at time t."""

    def __init__(
        self,
        shot: Shot,
        subjects: list[Subject],
        dialogue: list[DialogueLine],
        *,
        width: int,
        height: int,
        ground_line: int,
        water_line: int | None,
        horizon: int,
        figure_height: int,
        tempo: float,
        seed: int,
        figures: dict[tuple, Figure] | None = None,
    ) -> None:
        """`figures`: figures drawn for earlier shots, reused when a subject appears at the same size."""
        self.shot = shot
        self.width, self.height = width, height
        self.ground_line, self.water_line, self.horizon = ground_line, water_line, horizon
        self.beat = 60.0 / tempo
        self.lines: dict[str, list[DialogueLine]] = {}
        for line in dialogue:
            if line.shot == shot.index:
                self.lines.setdefault(line.speaker, []).append(line)
        by_id = {s.id: s for s in subjects}
        present = [by_id[sid] for sid in shot.subjects if sid in by_id]
        ids = {s.id for s in present}
        scale = FRAMING.get(shot.framing, 1.0)
        base_h = figure_height * scale
        people = [s for s in present if s.kind == "person"]
        ground = [s for s in present if s.placement == "ground" and s.kind != "object" and not s.rides]
        board = "surfboard" if shot.setting in ("beach", "island") else "skis" if shot.setting == "snow" else "skateboard"
        self.effects = EffectPictures(int(base_h), board)
        light = figure_light(shot)
        self.entries: list[_Entry] = []
        held = {s.holder: s for s in present if s.placement == "held" and s.holder in ids}
        for s in present:
            if s.placement == "held" and s.holder in ids:
                continue  # drawn in the holder's hand
            size = 1.0
            if s.kind == "animal" and not people and len([a for a in present if a.kind == "animal"]) <= 2:
                # An animal without people is the star: make a small one big (never taller than a person).
                size = max(1.0, min(2.4 if s.placement != "ground" else 1.8, 0.9 / max(0.1, size_of(s))))
            if s in ground and len(ground) >= 3 and ground.index(s) % 2 == 1:
                size *= 0.8  # a crowd stands in two rows: every other one a step back, smaller
            if s.rides and by_id.get(s.rides) is not None and by_id[s.rides].species in SEATED_IN:
                size *= 0.62  # inside a car only head and shoulders show: drawn to the car's scale
            key = (s.id, int(base_h * size), light, s.placement, width)
            figure = figures.get(key) if figures is not None else None
            if figure is None:
                figure = Figure(s, int(base_h * size), seed)
                figure.light = light
                _fit(figure, width * (0.95 if s.kind != "object" else 1.1))
                if figures is not None:
                    figures[key] = figure
            x = shot.positions.get(s.id, 0.5) * width
            action = shot.actions.get(s.id) or (s.action if s.action != "idle" else _default_action(s))
            entry = _Entry(figure, s, x, float(ground_line), 0.75, action)
            if s.kind == "person":
                holding = held.get(s.id)
                default = OUTFITS.get(s.species, OUTFITS["person"]).item
                entry.item = holding.species if holding else ACTION_ITEMS.get(action, default)
                if action == "play_ball" and entry.item in ("soccer_ball", "basketball"):
                    entry.item = ""  # the ball is at the feet (an effect), not in the hand
                if action == "fight" and not entry.item:
                    entry.item = "sword" if s.species in ("knight", "prince", "pirate", "soldier", "samurai", "ninja") else ""
                if action == "play_music" and any(o.species in INSTRUMENTS_ON_FLOOR and o.holder == s.id for o in present):
                    entry.item = ""
            entry.partner = shot.targets.get(s.id)
            self._place(entry, ground, s)
            self.entries.append(entry)
        _fit_group([e.figure for e in self.entries if e.subject.placement == "ground" and e.subject.kind != "object"
                    and not e.subject.rides], width * 1.3)
        self._face(present)
        for entry in self.entries:
            s = entry.subject
            if s.kind == "object" and s.holder in ids and s.placement in ("table", "ground"):
                holder = next((e for e in self.entries if e.subject.id == s.holder), None)
                if holder is not None:
                    cook = holder.action == "cook"
                    entry.context = "stove" if cook and s.placement == "table" else "table" if s.placement == "table" else ""
                    # A cook stands behind the stove; anyone else stands beside the table, not hidden by it.
                    offset = 0.42 if s.species in INSTRUMENTS_ON_FLOOR else 0.2 if cook else 0.55
                    entry.x = holder.x + holder.facing * holder.figure.base * offset
                    entry.depth = holder.depth + (0.01 if cook else -0.01)
        # A herd runs one way: subjects named by the same noun share the first one's direction.
        first: dict[str, int] = {}
        for entry in self.entries:
            noun = entry.subject.noun
            if noun and entry.action in MOVERS and entry.partner is None:
                entry.figure.walk_direction = first.setdefault(noun, entry.figure.walk_direction)
                entry.facing = entry.figure.walk_direction
        self.seed_of = {e.subject.id: (sum(map(ord, e.subject.id)) % 97) / 97.0 for e in self.entries}

    def _place(self, entry: _Entry, ground: list[Subject], s: Subject) -> None:
        h = self.height
        pos = self.shot.positions.get(s.id, 0.5)
        if s.placement == "sky":
            entry.depth = 0.3 if s.kind != "object" or s.species not in ("rainbow", "planet_prop", "moon_prop") else 0.2
            if self.shot.setting in ("space", "underwater"):
                entry.y = h * (0.42 + 0.14 * pos)
                entry.depth = 0.6
            else:
                entry.y = self.horizon * (0.45 + 0.25 * pos) + entry.figure.height * 0.5
            if s.species in ("rainbow", "fireworks", "moon_prop", "planet_prop"):
                entry.y = self.horizon * 0.75
        elif s.placement == "water":
            entry.depth = 0.5
            if self.shot.setting == "underwater":
                entry.y = h * (0.5 + 0.2 * pos)
            elif self.water_line is not None:
                entry.y = self.water_line + entry.figure.height * (0.35 if s.kind == "animal" else 0.1)
        else:
            if s in ground and len(ground) >= 3 and ground.index(s) % 2 == 1:
                entry.y -= (self.ground_line - self.horizon) * 0.25
                entry.depth = 0.7
            if self.shot.framing == "close":
                entry.y += entry.figure.height * 0.12  # feet below the frame: closer
            if s.kind == "object" and not s.holder and s.species not in ("bridge", "house", "tower"):
                entry.depth = 0.74
            if s.species in ("house", "tower", "bridge", "tree", "statue", "christmas_tree"):
                entry.depth = 0.68

    def _face(self, present: list[Subject]) -> None:
        """Figures face whom they act on or talk to, else the middle of the frame, else their way."""
        xs = {e.subject.id: e.x for e in self.entries}
        speakers = [sid for sid in self.lines if sid in xs]
        for e in self.entries:
            target = e.partner if e.partner in xs else None
            if target is None and e.subject.id in speakers:
                others = [sid for sid in speakers if sid != e.subject.id]
                target = others[0] if others else None
            chased = e.action == "run" and target is not None and self._chaser_of(e.subject.id) == target
            if chased:
                e.facing = 1 if e.x > xs[target] else -1  # the chased runs away from its chaser
            elif target is not None and abs(xs[target] - e.x) > 1:
                e.facing = 1 if xs[target] > e.x else -1
            elif e.action in MOVERS:
                e.facing = e.figure.walk_direction
            else:
                e.facing = 1 if e.x < self.width / 2 else -1

    def _chaser_of(self, subject_id: str) -> str | None:
        """Who runs after this subject: the one named first of a pair that run at each other."""
        order = [e.subject.id for e in self.entries]
        for e in self.entries:
            if e.partner == subject_id and e.action == "run" and order.index(e.subject.id) < order.index(subject_id):
                return e.subject.id
        return None

    def mouth_open(self, subject_id: str, t: float) -> bool:
        return mouth_open(self.lines.get(subject_id, []), t)

    def place(self, t: float) -> list[Placed]:
        """Sprites and anchor positions at time t (seconds of new content); far ones first."""
        local = t - self.shot.start
        duration = self.shot.duration
        placed: list[Placed] = []
        where: dict[str, tuple[float, float, int]] = {}
        xs = {e.subject.id: e.x for e in self.entries}
        by_species = {e.subject.id: e.subject.species for e in self.entries}
        for entry in sorted(self.entries, key=lambda e: bool(e.subject.rides)):
            s = entry.subject
            fig = entry.figure
            partner = xs[entry.partner] - entry.x if entry.partner in xs else None
            kind = s.kind if s.species != "character" else "animal"
            mount_kind = by_species.get(s.rides or "", "")
            action = entry.action
            if s.rides and mount_kind not in FURNITURE:
                action = "stand" if mount_kind in STANDING_ON else "ride"
            elif s.rides and action in ("idle", "talk", "look", "sit"):
                action = "sit_on"
            m = motions.move(
                action, kind, local, height=fig.height, width=self.width,
                seed=self.seed_of[s.id], beat=self.beat, talking=bool(self.lines.get(s.id)), partner=partner,
                duration=duration, species=s.species, item=entry.item,
            )
            facing = m.facing if m.facing is not None else entry.facing
            x, y = entry.x + m.dx * facing, entry.y + m.dy
            depth = entry.depth
            if s.rides and s.rides in where:
                mx, my, _facing = where[s.rides]
                mount = next(e for e in self.entries if e.subject.id == s.rides)
                x = mx
                y = my - mount.figure.height * SADDLE.get(mount.subject.species, 0.55)
                if mount.subject.species in SEATED_IN:
                    y = my - mount.figure.height * 0.42
                    depth = mount.depth - 0.005  # behind the car body, seen through its windows
                else:
                    depth = mount.depth + 0.005
                if m.stance is not None and m.stance.seat == 1 and mount.subject.species not in FURNITURE:
                    y += fig.height * 0.3  # the hips, not the feet, in the saddle
                if mount.subject.species in FURNITURE:
                    sharing = [e.subject.id for e in self.entries if e.subject.rides == mount.subject.id]
                    k = sharing.index(s.id)
                    x += mount.figure.base * 0.42 * (k - (len(sharing) - 1) / 2) + mount.figure.base * 0.05
                    if m.stance is not None and m.stance.seat == 1:
                        y += fig.height * 0.3  # the hips, not the feet, on the seat
                else:
                    entry.facing = facing = _facing
            if s.placement != "sky" and not s.rides and s.kind != "object" and s.placement != "water":
                x = min(max(x, fig.height * 0.2), self.width - fig.height * 0.2)
            talking = self.mouth_open(s.id, t)
            pose = Pose(
                step=m.step, mouth=talking or m.mouth, flap=m.flap, facing=facing, stance=m.stance, head=m.head,
                lie=m.lie, item=entry.item if s.kind == "person" else entry.context, tilt=m.tilt,
            )
            sprite = fig.sprite(pose)
            where[s.id] = (x, y, facing)
            placed.append(Placed(sprite, round(x), round(y), depth))
            for effect in m.effects:
                placed.extend(self.effects.place(effect, x, y, facing, local, depth))
        placed.sort(key=lambda p: (p.depth, p.y))
        return placed


def _default_action(s: Subject) -> str:
    """What a subject does when the prompt does not say: vehicles move, flyers fly, swimmers swim."""
    if s.kind == "object":
        if s.species in ("plane", "helicopter", "spaceship", "ufo", "rocket"):
            return "fly"
        if s.species in ("boat", "sailboat", "ship", "canoe", "submarine"):
            return "sail"
        if s.species in ("car", "van", "bus", "truck", "tractor", "train", "motorcycle", "bicycle", "carriage"):
            return "drive"
        if s.species in ("hot_air_balloon", "balloon", "kite", "bubbles"):
            return "float"
        return "idle"
    if s.placement == "sky":
        return "fly"
    if s.placement == "water":
        return "swim"
    return "idle"


def figure_light(shot: Shot) -> tuple[float, float, float]:
    """The light on figures: the scenery's light (a blue night, a warm sunset), softened so they stay clear."""
    if shot.setting in INTERIORS:
        return (1.0, 0.96, 0.9) if shot.time_of_day in ("night", "sunset") else (1.0, 1.0, 1.0)
    light = lighting(shot.time_of_day, shot.weather).light
    return tuple(float(0.45 + 0.55 * v) for v in light)  # type: ignore[return-value]


def _fit_group(figures: list[Figure], max_width: float) -> None:
    """Shrink the figures on the ground together when side by side they are much wider than the frame."""
    total = sum(f.sprite(Pose()).size[0] for f in figures)
    if total > max_width > 0:
        for f in figures:
            f.height = max(8, int(f.height * max_width / total))
            f._cache.clear()


def _fit(figure: Figure, max_width: float) -> None:
    """Shrink a figure whose resting sprite is wider than the frame allows."""
    sprite = figure.sprite(Pose())
    w = sprite.size[0]
    if w > max_width > 0:
        figure.height = max(8, int(figure.height * max_width / w))
        figure._cache.clear()
