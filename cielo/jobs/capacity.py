"""How many people an instance can serve, from what its workers measured.

Each model's workers are a pool of c servers; videos arrive at random (Poisson) and each takes the pool's
measured render time. That is the M/M/c queue, whose Erlang C formula gives the chance that a video waits and
the distribution of the wait: P(wait > t) = C(c, a) * exp(-(c*mu - lambda) * t), with a = lambda / mu the
offered load. The busiest hour carries `peak_share` of a day's videos, and a day's videos are the daily active
people times the videos each makes (the quota caps it). The planner answers, per pool: the most daily active
people whose busiest hour keeps the chosen quantile of the queue wait under the target.

The exponential render time is an approximation (renders of one model vary less), which makes the planned
wait pessimistic; bench/queue_sim.py replays measured render times through a simulated queue to check it.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import Video
from cielo.errors import RateLimited

MEASURED_DAYS = 7  # render times of the last week's completed videos


def erlang_c(servers: int, load: float) -> float:
    """The chance an arriving job waits, with `load` = arrival rate / service rate (< servers)."""
    if load <= 0:
        return 0.0
    if load >= servers:
        return 1.0
    # The terms a^k / k! computed as a running product, stable for hundreds of servers.
    term, total = 1.0, 1.0
    for k in range(1, servers):
        term *= load / k
        total += term
    last = term * load / servers / (1 - load / servers)
    return last / (total + last)


def wait_quantile(servers: int, arrivals_per_s: float, render_s: float, quantile: float) -> float:
    """Seconds within which `quantile` of jobs start; infinity when the pool cannot keep up."""
    service_rate = 1.0 / render_s
    capacity = servers * service_rate
    if arrivals_per_s >= capacity:
        return math.inf
    waiting = erlang_c(servers, arrivals_per_s / service_rate)
    if waiting <= 1 - quantile:
        return 0.0
    return math.log(waiting / (1 - quantile)) / (capacity - arrivals_per_s)


@dataclass(frozen=True)
class PoolPlan:
    model: str
    workers: int
    render_seconds: float
    measured_videos: int  # how many completed videos the render time comes from (0: given, not measured)
    max_daily_people: int
    busiest_hour_videos: float  # at that many people
    utilisation: float  # of the pool in the busiest hour, at that many people


def plan_pool(model: str, workers: int, render_seconds: float, *, videos_per_person: float, peak_share: float,
              wait_target_s: float, quantile: float = 0.95, measured_videos: int = 0) -> PoolPlan:
    """The most daily active people the pool serves with the `quantile` wait of the busiest hour within
    `wait_target_s` (bisection over people: the wait grows with them)."""

    def wait(people: float) -> float:
        return wait_quantile(workers, people * videos_per_person * peak_share / 3600.0, render_seconds, quantile)

    low, high = 0, 1
    while wait(high) <= wait_target_s and high < 10**9:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if wait(middle) <= wait_target_s else (low, middle)
    per_hour = low * videos_per_person * peak_share
    return PoolPlan(model, workers, render_seconds, measured_videos, low, per_hour,
                    per_hour * render_seconds / 3600.0 / workers if workers else math.inf)


async def measured_render_seconds(session: AsyncSession) -> dict[str, tuple[float, int]]:
    """Per model: the mean seconds from start to completion of the last week's videos, and their count (the
    mean, not the median: the queue's load is the arrival rate times the mean service time)."""
    since = time.time() - MEASURED_DAYS * 86400
    rows = await session.execute(
        select(Video.model, Video.completed_at - Video.started_at)
        .where(Video.status == "completed", Video.started_at.is_not(None), Video.completed_at > since))
    durations: dict[str, list[float]] = {}
    for model, seconds in rows:
        durations.setdefault(model, []).append(float(seconds))
    return {model: (statistics.fmean(values), len(values)) for model, values in durations.items()}


RECENT_SECONDS = 3600.0  # the window of the measured queue waits


async def recent_waits(session: AsyncSession, window_s: float = RECENT_SECONDS) -> dict[str, list[float]]:
    """Per model, sorted: the queue waits (created -> first start) of the videos started in the last
    `window_s`."""
    since = time.time() - window_s
    waits: dict[str, list[float]] = {}
    for model, wait in await session.execute(
            select(Video.model, Video.started_at - Video.created_at).where(Video.started_at > since)):
        waits.setdefault(model, []).append(max(0.0, float(wait)))
    return {model: sorted(values) for model, values in waits.items()}


def nearest_rank(ordered: list[float], quantile: float) -> float:
    """The `quantile` of sorted values (nearest rank); 0 when there are none."""
    return ordered[min(len(ordered) - 1, int(quantile * len(ordered)))] if ordered else 0.0


async def recent_wait_quantile(session: AsyncSession, quantile: float = 0.95) -> float:
    """The measured `quantile` of the queue waits of the last hour's starts, every model together."""
    return nearest_rank(sorted(w for values in (await recent_waits(session)).values() for w in values), quantile)


async def daily_active_creators(session: AsyncSession) -> int:
    """People who created a video in the last 24 hours."""
    since = time.time() - 86400
    return int(await session.scalar(select(func.count(func.distinct(Video.user_id)))
                                    .where(Video.created_at > since)) or 0)


def parse_pairs(options: list[str], kind: type) -> dict[str, float]:
    """["ltx-2=2", "cielo-preview=4"] -> {"ltx-2": 2, ...}; ValueError naming the first bad one."""
    found = {}
    for option in options:
        name, _, value = option.partition("=")
        try:
            number = kind(value)
        except ValueError:
            raise ValueError(f"not {option!r}") from None
        if not name.strip() or number <= 0:
            raise ValueError(f"not {option!r}")
        found[name.strip()] = number
    return found


@dataclass(frozen=True)
class PoolRow:
    model: str
    workers: int
    render_seconds: float | None  # None: neither measured this week nor given
    measured_videos: int
    plan: PoolPlan | None


@dataclass(frozen=True)
class CapacityReport:
    """What `cielo capacity` prints and the admin page shows."""

    videos_per_person: float
    peak_share: float
    wait_target_s: float
    rows: list[PoolRow] = field(default_factory=list)
    active_people: int = 0  # made a video in the last 24 hours
    recent_p95_wait: float = 0.0  # of the last hour's starts


async def capacity_report(session: AsyncSession, settings: Settings, *, workers: dict[str, int],
                          render_seconds: dict[str, float], videos_per_person: float, peak_share: float,
                          wait_target_s: float) -> CapacityReport:
    """One plan per pool: `workers` (default: CIELO_WORKERS for each model rendered this week, or the
    preview engine), render times as `render_seconds` gives them or as measured."""
    measured = await measured_render_seconds(session)
    pools = workers or {model: settings.workers for model in (measured or {"cielo-preview": None})}
    per_person = min(videos_per_person, settings.daily_quota)
    rows = []
    for model, count in pools.items():
        seconds, videos = render_seconds.get(model), 0
        if seconds is None and model in measured:
            seconds, videos = measured[model]
        plan = None if seconds is None else plan_pool(
            model, count, seconds, videos_per_person=per_person, peak_share=peak_share, wait_target_s=wait_target_s,
            measured_videos=videos)
        rows.append(PoolRow(model, count, seconds, videos, plan))
    return CapacityReport(per_person, peak_share, wait_target_s, rows, await daily_active_creators(session),
                          await recent_wait_quantile(session))


async def check_signups_open(session: AsyncSession, settings: Settings) -> None:
    """Invite waves: signups pause (a 503 with Retry-After) while the people already in wait too long for
    their videos, so the people already in come first."""
    if settings.signup_wait_target_seconds and (
            await recent_wait_quantile(session, 0.95) > settings.signup_wait_target_seconds):
        raise RateLimited(code="signups_paused", retry_after=900)
