"""Checks the capacity planner (cielo/jobs/capacity.py) against a simulated queue fed with measured renders.

It renders `--renders` preview videos of different prompts in this process and keeps their times (the
planner's input and the simulation's service times), asks the planner for the most daily active people a
pool of `--workers` serves with the p95 wait of the busiest hour under `--target` seconds, then simulates
`--hours` hours at that hour's rate: Poisson arrivals, first come first served over the workers, each video
taking a render time drawn from the measured ones (the planner plans with their mean, as `cielo capacity`
does). It prints the planned and simulated p95 waits at the planner's answer, below it and just over it,
so one sees both that the plan holds and how far it is from the edge. The planner assumes
exponential render times, which vary more than real renders: its waits should come out pessimistic
(simulated <= planned).

    .venv/bin/python bench/queue_sim.py [--workers 2] [--target 30] [--renders 6] [--seconds 8] [--hours 200]
"""

from __future__ import annotations

import argparse
import heapq
import random
import statistics
import tempfile
import time
from pathlib import Path

from cielo.generation import GenerationRequest, run_pipeline
from cielo.jobs.capacity import plan_pool, wait_quantile

PROMPTS = [
    'A lighthouse at dusk. Ana: "The light is on."',
    "Two friends run along a beach with a red kite.",
    "A chef chops onions in a busy kitchen, then tastes the soup.",
    'A knight and a dragon in a castle courtyard. Knight: "Not today."',
    "A cat sleeps on a sofa while rain falls on the window.",
    "Un perro corre por el parque y salta para atrapar una pelota.",
]


def measure(renders: int, seconds: int) -> list[float]:
    times = []
    for index in range(renders):
        request = GenerationRequest(prompt=PROMPTS[index % len(PROMPTS)], seconds=seconds, width=720, height=1280,
                                    seed=index)
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            run_pipeline(request, Path(tmp))
            times.append(time.perf_counter() - started)
    return times


def simulate(workers: int, per_hour: float, renders: list[float], hours: int, seed: int) -> float:
    """The p95 queue wait of Poisson arrivals at `per_hour` kept up for `hours` hours, first come first served
    over `workers`, each render drawn from the measured ones. The first hour is a warm-up whose waits are not
    counted, so the figure is the steady state the planner's formula describes (a peak that lasts only an
    hour waits less)."""
    rng = random.Random(seed)
    free_at = [0.0] * workers  # when each worker is next free (a heap)
    waits: list[float] = []
    now = 0.0
    while True:
        now += rng.expovariate(per_hour / 3600.0)
        if now > 3600.0 * (hours + 1):
            break
        start = max(now, free_at[0])
        if now > 3600.0:
            waits.append(start - now)
        heapq.heapreplace(free_at, start + rng.choice(renders))
    waits.sort()
    return waits[int(0.95 * len(waits))] if waits else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--target", type=float, default=30.0, help="p95 queue wait in the busiest hour, seconds")
    parser.add_argument("--renders", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=8, help="length of each measured video")
    parser.add_argument("--hours", type=int, default=200, help="simulated hours at each load")
    parser.add_argument("--videos-per-person", type=float, default=3.0)
    parser.add_argument("--peak-share", type=float, default=0.1)
    args = parser.parse_args()

    renders = measure(args.renders, args.seconds)
    mean = statistics.fmean(renders)
    print(f"{len(renders)} preview renders of {args.seconds} s videos: mean {mean:.2f} s, "
          f"range {min(renders):.2f}-{max(renders):.2f} s (coefficient of variation "
          f"{statistics.pstdev(renders) / statistics.mean(renders):.2f}; exponential: 1.00)")
    plan = plan_pool("cielo-preview", args.workers, mean, videos_per_person=args.videos_per_person,
                     peak_share=args.peak_share, wait_target_s=args.target)
    print(f"planner: {args.workers} workers serve {plan.max_daily_people:,} daily active people with p95 wait "
          f"<= {args.target:g} s ({plan.busiest_hour_videos:,.0f} videos in the busiest hour, "
          f"{plan.utilisation:.0%} busy)\n")
    print("| people a day | videos in the busiest hour | pool busy | planned p95 wait | simulated p95 wait |")
    print("|---|---|---|---|---|")
    for factor in (0.5, 0.9, 1.0, 1.05):
        people = plan.max_daily_people * factor
        per_hour = people * args.videos_per_person * args.peak_share
        planned = wait_quantile(args.workers, per_hour / 3600.0, mean, 0.95)
        simulated = simulate(args.workers, per_hour, renders, args.hours, seed=int(factor * 100))
        print(f"| {people:,.0f} ({factor:g}x) | {per_hour:,.0f} | {per_hour * mean / 3600 / args.workers:.0%} | "
              f"{planned:.1f} s | {simulated:.1f} s |")


if __name__ == "__main__":
    main()
