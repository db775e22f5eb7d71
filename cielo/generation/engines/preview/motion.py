"""Actions as motion: for each action, where a figure is and how it stands at a moment of its shot.

`move(action, ...)` returns a `Motion`: an offset from the figure's place, a pose (joint angles,
walk phase, wing phase, mouth) and the effects it makes (steam from a pan, notes from a guitar,
fire from a dragon's mouth). Poses are quantised (angles to 5 degrees, cycles to 8 phases) so each
figure draws only a few dozen distinct sprites; everything else is a few multiplications per frame.
Idle figures breathe, shift their weight and gesture every couple of seconds: no figure is ever
still for long.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cielo.generation.engines.preview.people import Stance

TAU = 2 * math.pi


@dataclass(frozen=True)
class Effect:
    kind: str  # fire | steam | notes | sparkles | zzz | tears | hearts | sparks | splash | flash | easel | board
    x: float  # px in front of the figure's anchor (the way it faces)
    y: float
    strength: float = 1.0  # 0..1 (fire grows, a flash fades)


@dataclass
class Motion:
    dx: float = 0.0  # px from the figure's place, forward (the way it faces) is positive
    dy: float = 0.0  # px, negative is up
    step: int = 0
    stance: Stance | None = None
    flap: int = 0
    head: int = 0
    mouth: bool = False
    lie: bool = False
    tilt: int = 0
    facing: int | None = None  # None: keep the figure's own facing
    effects: list[Effect] = field(default_factory=list)


def _q(angle: float, step: int = 5) -> int:
    return int(round(angle / step) * step)


def _phase(t: float, period: float, steps: int = 8) -> int:
    return int((t / period) * steps) % steps


def walk_stance(phase: int, amplitude: float = 24, run: bool = False) -> Stance:
    s = amplitude * math.sin(TAU * phase / 8)
    front_knee = max(0.0, -s) * (1.4 if run else 0.8)
    back_knee = max(0.0, s) * (1.4 if run else 0.8)
    elbow = 70 if run else 15
    return Stance(
        legs=(_q(s), _q(-s)), knees=(_q(front_knee), _q(back_knee)),
        front_arm=(_q(-s * 0.9), elbow), back_arm=(_q(s * 0.9), elbow), lean=12 if run else 0,
    )


def idle_stance(t: float, seed: float, talking: bool) -> Stance:
    """Weight shifts and a gesture every couple of seconds (faster while talking)."""
    period = 2.2 if talking else 3.6
    u = ((t + seed * 3) % period) / period
    gesture = math.sin(math.pi * min(1.0, u / 0.45)) if u < 0.45 else 0.0
    which = int((t + seed * 3) / period) % 3
    # Coarse steps (15 degrees): a gesture reads as motion, and a figure draws only a few poses for it.
    front = (_q(10 + gesture * (55 if which != 2 else 20), 15), _q(15 + gesture * (50 if which == 1 else 25), 15))
    back = (_q(-8 + gesture * (40 if which == 2 else 0), 15), _q(12 + gesture * (60 if which == 2 else 0), 15))
    shift = _q(4 * math.sin(TAU * (t + seed) / 5.0), 4)
    return Stance(legs=(shift, -shift), front_arm=front, back_arm=back)


def move(
    action: str, kind: str, t: float, *, height: float, width: float, seed: float, beat: float,
    talking: bool, partner: float | None, duration: float, species: str, item: str,
) -> Motion:
    """Where and how a figure is `t` seconds into its shot.

    `kind` is person | animal | object; `height` the figure's height in px; `partner` the signed
    distance in px to whom it acts on (a fight), if anyone."""
    if kind == "person":
        return _person(action, t, height, width, seed, beat, talking, partner, duration, item)
    if kind == "animal":
        return _animal(action, t, height, width, seed, talking, partner, duration, species)
    return _thing(action, t, height, width, seed, duration, species)


def _across(t: float, duration: float, speed: float, width: float) -> float:
    """Travel centred on the shot's middle, so a walker crosses its place half way through."""
    return speed * (t - duration / 2) * width


def _person(
    action: str, t: float, h: float, w: float, seed: float, beat: float, talking: bool, partner: float | None,
    duration: float, item: str,
) -> Motion:
    bob = -abs(math.sin(TAU * t * 0.9 + seed)) * h * 0.006
    toward = 0 if partner is None else (1 if partner > 0 else -1)
    if action in ("walk", "run"):
        run = action == "run"
        period = 0.42 if run else 0.9
        phase = _phase(t, period)
        m = Motion(dx=_across(t, duration, 0.16 if run else 0.05, w), step=phase % 4,
                   stance=walk_stance(phase, 38 if run else 24, run))
        m.dy = -abs(math.sin(TAU * phase / 8)) * h * (0.03 if run else 0.012)
        return m
    if action == "dance":
        b = t / beat
        k = int(b) % 4
        arms = [((160, 10), (40, 60)), ((40, 60), (160, 10)), ((120, 40), (120, 40)), ((170, 0), (170, 0))][k]
        legs = [(20, -5), (-5, 20), (15, -15), (0, 0)][k]
        m = Motion(stance=Stance(legs=legs, front_arm=arms[0], back_arm=arms[1], knees=(10, 10)), step=k)
        m.dy = -abs(math.sin(math.pi * b)) * h * 0.05
        m.facing = 1 if int(b / 4) % 2 == 0 else -1
        m.dx = math.sin(TAU * t / (beat * 8)) * w * 0.04
        return m
    if action in ("jump", "laugh"):
        period = 1.0 if action == "jump" else 0.5
        u = (t % period) / period
        air = math.sin(math.pi * u)
        up = action == "jump" and air > 0.3
        stance = Stance(front_arm=(170, 0) if up else (60, 90), back_arm=(170, 0) if up else (60, 90),
                        knees=(0, 0) if up else (25, 25), legs=(10, -5) if up else (15, 15))
        return Motion(dy=-air * h * (0.22 if action == "jump" else 0.03), stance=stance, mouth=action == "laugh" and u < 0.6)
    if action == "cook":
        ph = _phase(t, 1.1)
        a = TAU * ph / 8
        stance = Stance(front_arm=(_q(60 + 12 * math.sin(a)), _q(55 + 20 * math.cos(a))), back_arm=(45, 45), lean=5)
        fx = h * 0.33
        return Motion(dy=bob, stance=stance, effects=[Effect("steam", fx, -h * 0.55, 1.0)])
    if action == "fight":
        ph = _phase(t + seed * 0.3, 1.3, 6)
        swing = [(150, 25), (170, 10), (95, 5), (70, 10), (90, 40), (120, 40)][ph]
        lunge = [0.0, -0.03, 0.08, 0.1, 0.04, 0.0][ph] * h
        stance = Stance(front_arm=swing, back_arm=(70, 70), legs=(25, -20), knees=(20, 0), lean=10 if ph in (2, 3) else 0)
        effects = [Effect("sparks", h * 0.45, -h * 0.6)] if ph == 3 and partner is not None and abs(partner) < h * 1.6 else []
        return Motion(dx=lunge, stance=stance, effects=effects, mouth=ph in (2, 3), facing=toward or None)
    if action == "fly":
        ph = _phase(t, 1.2)
        return Motion(dx=_across(t, duration, 0.12, w), dy=math.sin(TAU * t / 2.4) * h * 0.05, tilt=65,
                      stance=Stance(front_arm=(175, 0), back_arm=(-20, 10), legs=(5, -5)), step=ph % 4)
    if action == "swim":
        ph = _phase(t, 1.0)
        a = TAU * ph / 8
        return Motion(dx=_across(t, duration, 0.04, w), dy=math.sin(TAU * t / 1.6) * h * 0.02, tilt=75,
                      stance=Stance(front_arm=(_q((360 * ph / 8 + 180) % 360 - 180), 0), back_arm=(_q((360 * ph / 8) % 360 - 180), 0), legs=(10 * (ph % 2), -10 * (ph % 2))),
                      effects=[Effect("splash", h * 0.3, -h * 0.05, 0.6)] if ph in (0, 4) else [])
    if action == "play_music":
        ph = _phase(t, 0.5, 4)
        if item == "violin":
            stance = Stance(front_arm=(_q(110 + 10 * (ph % 2)), 60), back_arm=(120, 60))
        elif item in ("trumpet",):
            stance = Stance(front_arm=(100, 90), back_arm=(90, 80))
        elif item in ("microphone",):
            stance = Stance(front_arm=(120, 110), back_arm=(_q(40 + 20 * (ph % 2)), 10))
        elif item in ("", "piano", "drum", "turntable"):
            stance = Stance(front_arm=(_q(70 + 15 * (ph % 2)), 30), back_arm=(_q(70 + 15 * ((ph + 1) % 2)), 30))
        else:
            stance = Stance(front_arm=(_q(35 + 14 * (ph % 2)), 75), back_arm=(80, 40))
        return Motion(dy=bob - (ph % 2) * h * 0.005, stance=stance, mouth=item == "microphone" and ph % 2 == 0,
                      effects=[Effect("notes", h * 0.25, -h * 0.9)])
    if action == "sing":
        ph = _phase(t, 0.8, 4)
        return Motion(dy=bob, stance=Stance(front_arm=(_q(75 + 15 * (ph % 2)), 10), back_arm=(20, 20)), mouth=ph != 3,
                      effects=[Effect("notes", h * 0.18, -h * 0.95)])
    if action == "wave":
        ph = _phase(t, 0.7, 4)
        return Motion(dy=bob, stance=Stance(front_arm=(160, [-25, 0, 25, 0][ph]), back_arm=(-5, 10)))
    if action in ("eat", "feed"):
        ph = _phase(t, 1.6, 4)
        to_mouth = action == "eat" and ph in (1, 2)
        stance = Stance(front_arm=(45, 120) if to_mouth else (35, 40), back_arm=(10, 20))
        return Motion(dy=bob, stance=stance, mouth=to_mouth and ph == 2)
    if action in ("read", "write", "photograph"):
        ph = _phase(t, 0.6 if action == "write" else 2.5, 4)
        if action == "photograph":
            stance = Stance(front_arm=(120, 130), back_arm=(110, 120))
            return Motion(dy=bob, stance=stance, effects=[Effect("flash", h * 0.22, -h * 0.92, 1.0)] if ph == 0 else [])
        stance = Stance(front_arm=(_q(50 + (4 if action == "write" and ph % 2 else 0)), 70), back_arm=(45, 75), lean=5)
        return Motion(dy=bob, stance=stance)
    if action == "paint":
        ph = _phase(t, 0.9, 6)
        stance = Stance(front_arm=(_q(85 + [0, 10, 20, 10, 0, -10][ph]), 15), back_arm=(30, 60))
        return Motion(dy=bob, stance=stance, effects=[Effect("easel", h * 0.45, 0.0)])
    if action == "sit":
        talk = idle_stance(t, seed, talking)
        return Motion(stance=Stance(seat=2, front_arm=talk.front_arm, back_arm=(20, 30)))
    if action == "sit_on":  # on a chair, a bench or a sofa
        talk = idle_stance(t, seed, talking)
        return Motion(stance=Stance(seat=1, front_arm=talk.front_arm, back_arm=(30, 40)))
    if action == "stand":
        return Motion(stance=idle_stance(t, seed, talking), dy=bob)
    if action == "spray":
        ph = _phase(t, 0.5, 4)
        return Motion(dy=bob, stance=Stance(front_arm=(80 + 5 * (ph % 2), 10), back_arm=(75, 25), legs=(20, -15), lean=8),
                      effects=[Effect("water", h * 0.3, -h * 0.52, (t % 0.5) / 0.5)])
    if action == "sleep":
        return Motion(lie=True, effects=[Effect("zzz", h * 0.3, -h * 0.3, (t % 2.0) / 2.0)])
    if action == "wake":
        ph = _phase(t, 2.0, 4)
        return Motion(dy=bob, stance=Stance(front_arm=(170, 0) if ph < 2 else (20, 20), back_arm=(170, 0) if ph < 2 else (-10, 20)), mouth=ph == 1)
    if action in ("ride", "drive", "sail"):
        ph = _phase(t, 0.8, 4)
        return Motion(stance=Stance(seat=1, front_arm=(70, 20 + 10 * (ph % 2)), back_arm=(60, 30), legs=(60, 60)))
    if action == "glide_board":
        return Motion(dx=_across(t, duration, 0.1, w), dy=math.sin(TAU * t / 1.8) * h * 0.04,
                      stance=Stance(front_arm=(80, 10), back_arm=(70, 10), knees=(30, 30), legs=(25, -15), lean=10),
                      effects=[Effect("board", 0.0, 0.0)])
    if action == "climb":
        ph = _phase(t, 1.0, 4)
        return Motion(dy=-((t % 3.0) / 3.0) * h * 0.25, stance=Stance(front_arm=(170, 0) if ph < 2 else (120, 40), back_arm=(120, 40) if ph < 2 else (170, 0), legs=(30 if ph < 2 else 0, 0 if ph < 2 else 30), knees=(40, 40)))
    if action == "hug":
        close = min(1.0, t / 1.5)
        dx = 0.0 if partner is None else abs(partner) * 0.32 * close
        return Motion(dx=dx, stance=Stance(front_arm=(85, 45), back_arm=(80, 50)), facing=toward or None,
                      effects=[Effect("hearts", h * 0.2, -h * 1.05, (t % 1.5) / 1.5)] if close >= 1.0 else [])
    if action == "cry":
        ph = _phase(t, 0.5, 4)
        return Motion(dx=(ph % 2) * h * 0.006, stance=Stance(front_arm=(150, 150), back_arm=(140, 150), lean=8),
                      effects=[Effect("tears", h * 0.06, -h * 0.82, (t % 1.0))])
    if action == "cast_spell":
        ph = _phase(t, 1.2)
        a = TAU * ph / 8
        stance = Stance(front_arm=(_q(115 + 15 * math.sin(a)), _q(10 + 10 * math.cos(a))), back_arm=(40, 60))
        return Motion(dy=bob, stance=stance, effects=[Effect("sparkles", h * 0.42, -h * 0.95, (t % 0.6) / 0.6)])
    if action == "fish":
        return Motion(dy=bob, stance=Stance(front_arm=(60, 20 + 5 * (_phase(t, 2.0, 4) % 2)), back_arm=(50, 40)))
    if action == "roar":
        ph = _phase(t, 0.9, 4)
        return Motion(dy=bob, stance=Stance(front_arm=(150, 20), back_arm=(150, 20)) if ph < 2 else None, mouth=ph < 2)
    if action == "work":
        ph = _phase(t, 0.7, 4)
        return Motion(dy=bob, stance=Stance(front_arm=[(150, 30), (120, 20), (60, 20), (90, 30)][ph], back_arm=(40, 50), lean=10))
    if action == "play_ball":
        ph = _phase(t, 1.4, 4)
        kick = ph == 1
        stance = Stance(legs=(60 if kick else 10, -10), knees=(0, 10), front_arm=(40, 20), back_arm=(60, 20))
        u = (t % 1.4) / 1.4  # the ball: kicked ahead, bouncing back
        ball = Effect("ball", h * (0.18 + 0.5 * math.sin(math.pi * u)), -abs(math.sin(TAU * u)) * h * 0.25)
        return Motion(dx=math.sin(TAU * t / 2.8) * h * 0.15, stance=stance, facing=toward or None, effects=[ball])
    if action == "explode":
        return Motion(effects=[Effect("smoke", 0.0, -h * 0.6, (t % 1.5) / 1.5)])
    # idle, look, talk, float and anything else: breathing and gestures
    stance = idle_stance(t, seed, talking or action == "talk")
    m = Motion(dy=bob, stance=stance)
    if action == "float":
        m.dy = -h * 0.1 + math.sin(TAU * t / 2.5) * h * 0.04
        m.dx = math.sin(TAU * t / 5.0) * h * 0.2
    return m


def _animal(
    action: str, t: float, h: float, w: float, seed: float, talking: bool, partner: float | None, duration: float,
    species: str,
) -> Motion:
    toward = 0 if partner is None else (1 if partner > 0 else -1)
    flier = species in ("bird", "eagle", "seagull", "pigeon", "crow", "hummingbird", "phoenix", "bat", "butterfly",
                        "bee", "parrot", "owl", "dragon", "ladybug")
    if action == "fly" or (flier and action in ("idle", "look")) and species != "dragon":
        ph = _phase(t, 0.45 if species not in ("eagle", "dragon") else 0.9, 4)
        return Motion(dx=_across(t, duration, 0.1, w), dy=math.sin(TAU * t / 1.7 + seed) * h * 0.15, flap=ph)
    if action in ("walk", "run", "ride"):
        run = action == "run"
        ph = _phase(t, 0.35 if run else 0.7, 4)
        dy = -abs(math.sin(math.pi * ph / 2)) * h * (0.04 if run else 0.01)
        if species == "kangaroo" or species in ("rabbit", "frog"):
            dy = -abs(math.sin(TAU * t / 0.7)) * h * 0.25
        return Motion(dx=_across(t, duration, 0.16 if run else 0.05, w), dy=dy, step=ph, flap=ph)
    if action == "swim":
        ph = _phase(t, 0.6, 4)
        jump = 0.0
        if species in ("dolphin", "whale", "fish"):
            u = (t * 0.35 + seed) % 1.0
            jump = max(0.0, math.sin(u * math.pi * 3)) * h * 0.6 if u < 1 / 3 else 0.0
        return Motion(dx=_across(t, duration, 0.05, w), dy=math.sin(TAU * t / 2.0) * h * 0.04 - jump, flap=ph, tilt=-_q(jump / max(h, 1) * 40))
    if action == "fight":
        ph = _phase(t + seed, 1.3, 6)
        lunge = [0.0, -0.05, 0.1, 0.14, 0.05, 0.0][ph] * h
        fire = species in ("dragon", "phoenix") and ph in (2, 3, 4)
        effects = [Effect("fire", h * 0.55, -h * 0.7, 1.0 if ph == 3 else 0.6)] if fire else []
        return Motion(dx=lunge, mouth=ph in (1, 2, 3, 4), head=2 if ph == 1 else 0, flap=ph % 4, step=ph % 4,
                      effects=effects, facing=toward or None)
    if action in ("roar", "sing"):
        ph = _phase(t, 1.2, 4)
        return Motion(mouth=ph < 2, head=2 if ph < 2 else 0, flap=ph,
                      effects=[Effect("fire", h * 0.55, -h * 0.7, 0.8)] if species == "dragon" and ph == 1 else [])
    if action in ("eat", "feed"):
        ph = _phase(t, 1.2, 4)
        return Motion(head=1 if ph < 3 else 0, mouth=ph == 1, flap=ph)
    if action == "sleep":
        return Motion(lie=True, effects=[Effect("zzz", h * 0.2, -h * 0.5, (t % 2.0) / 2.0)])
    if action in ("jump", "dance", "play_ball"):
        u = (t % 0.9) / 0.9
        return Motion(dy=-math.sin(math.pi * u) * h * 0.3, step=int(u * 4) % 4, flap=int(u * 4) % 4)
    if action == "float":
        return Motion(dx=math.sin(TAU * t / 5.0) * h * 0.3, dy=-h * 0.1 + math.sin(TAU * t / 2.2) * h * 0.06, flap=_phase(t, 0.8, 4))
    if action == "hug":
        close = min(1.0, t / 1.5)
        return Motion(dx=0.0 if partner is None else abs(partner) * 0.3 * close, facing=toward or None,
                      effects=[Effect("hearts", 0.0, -h * 1.0, (t % 1.5) / 1.5)] if close >= 1.0 else [])
    # idle: tail wags, head turns, an occasional step and a sniff
    period = 3.2
    u = ((t + seed * 2) % period) / period
    ph = _phase(t, 0.5, 4)
    head = 1 if 0.55 < u < 0.75 else 0
    step = ph if u < 0.25 else 0
    mouth = talking and ph % 2 == 0
    dx = math.sin(TAU * (t + seed) / 6.0) * h * 0.15
    return Motion(dx=dx, flap=ph, head=head, step=step, mouth=mouth)


def _thing(action: str, t: float, h: float, w: float, seed: float, duration: float, species: str) -> Motion:
    ph = _phase(t, 0.3, 4)
    if action in ("fly", "drive", "sail", "run", "walk", "float"):
        speed = {"fly": 0.14, "drive": 0.18, "sail": 0.04, "float": 0.02}.get(action, 0.08)
        if species in ("hot_air_balloon", "balloon"):
            return Motion(dx=_across(t, duration, 0.02, w), dy=-t * h * 0.02 + math.sin(TAU * t / 4) * h * 0.02, flap=ph)
        bob = math.sin(TAU * t / 2.0) * h * (0.04 if action in ("fly", "sail", "float") else 0.0)
        return Motion(dx=_across(t, duration, speed, w), dy=bob, flap=ph)
    if action == "explode":
        return Motion(flap=ph, effects=[Effect("smoke", 0.0, -h * 0.6, (t % 1.5) / 1.5)])
    # Things that stand still still flicker, sway or bob.
    return Motion(flap=ph, dy=math.sin(TAU * t / 3.0 + seed) * h * (0.02 if species in ("balloon", "kite", "ufo", "spaceship", "bubbles") else 0.0))
