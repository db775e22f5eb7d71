"""Prompt moderation quality and speed on both splits of the labelled set, for both profiles.

Two splits (tests/safety/data/README.md): the tuning part, on which rules, weights and thresholds were
chosen, and the held-out part, written first and never fitted on; plus held-out B, written later by a writer
who saw neither the rules nor the other sets. For each split and profile it prints the
false-positive rate (harmless prompts refused) and recall (harmful prompts refused), per language, and for
the tuning part precision/recall/F1 per category. The held-out part's goals (standard profile: false
positives <= 2 %, recall >= 0.97) are checked and printed. Latency is one prompt per call, as the API
checks them: p50 and p99 over every prompt of both splits.

The baseline, measured in the same run, is the same Moderator with the classifier switched off (rules and
name lists only), so the ratios show what the embedding model adds and what it costs.

    .venv/bin/python bench/moderation_eval.py [--mistakes]

`--mistakes` lists the tuning part's mistakes. The held-out parts' are never listed: looking at them would
turn them into more tuning sets.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cielo.safety.evaluation import (
    HELDOUT_B_FILE,
    HELDOUT_FILE,
    TUNING_FILES,
    Evaluation,
    LabelledPrompt,
    evaluate,
    latencies,
    load_labelled,
    percentile,
)
from cielo.safety.moderation import Moderator
from cielo.safety.policies import CATEGORIES, ModerationConfig

DATA = Path(__file__).resolve().parent.parent / "tests" / "safety" / "data"
GOAL_FALSE_POSITIVES = 0.02
GOAL_RECALL = 0.97


def _row(name: str, p: float, r: float, f1: float, support: int) -> str:
    return f"  {name:<26} {p:>9.3f} {r:>7.3f} {f1:>7.3f} {support:>8}"


def _rates(ev: Evaluation) -> str:
    o = ev.overall
    return (
        f"false positives {o.fp}/{ev.negatives} = {ev.false_positive_rate:.3f}, "
        f"recall {o.tp}/{o.tp + o.fn} = {o.recall:.3f}"
    )


def _report(
    split: str,
    items: list[LabelledPrompt],
    moderator: Moderator,
    rules_only: Moderator,
    profile: str,
    show_mistakes: bool,
) -> Evaluation:
    ev = evaluate(moderator, items, profile)
    baseline = evaluate(rules_only, items, profile)
    print(f"\n{split} part, profile {profile}: {len(items)} prompts")
    print(f"  {_rates(ev)}")
    for lang in sorted({i.lang for i in items}):
        print(f"    {lang}: {_rates(evaluate(moderator, [i for i in items if i.lang == lang], profile))}")
    print(f"  baseline, rules and lists only: {_rates(baseline)}")
    if split == "tuning":
        print(f"  {'category':<26} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
        for c in CATEGORIES:
            s = ev.per_category[c]
            if s.support or s.fp:
                print(_row(c, s.precision, s.recall, s.f1, s.support))
        if show_mistakes:
            for item, result in ev.mistakes:
                print(
                    f"    expected {item.expected(profile):<22} got {result.policy or 'allowed':<22} "
                    f"{item.text}"
                )
    return ev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mistakes", action="store_true", help="list the tuning part's misclassified prompts"
    )
    args = parser.parse_args()

    splits = {
        "tuning": [i for name in TUNING_FILES for i in load_labelled(DATA / name)],
        "held-out": load_labelled(DATA / HELDOUT_FILE),
        "held-out B": load_labelled(DATA / HELDOUT_B_FILE),
    }
    for split, items in splits.items():
        langs = sorted({i.lang for i in items})
        print(
            f"{split}: {len(items)} labelled prompts "
            f"({', '.join(f'{sum(i.lang == lg for i in items)} {lg}' for lg in langs)}), "
            f"{sum(i.label == 'allowed' for i in items)} harmless under the standard profile"
        )

    moderator = Moderator()
    start = time.perf_counter()
    moderator.warm_up()
    print(f"model load (encoder and classifier): {time.perf_counter() - start:.2f} s")
    rules_only = Moderator(ModerationConfig(use_classifier=False))

    results: dict[tuple[str, str], Evaluation] = {}
    for profile in ("standard", "strict"):
        for split, items in splits.items():
            results[split, profile] = _report(split, items, moderator, rules_only, profile, args.mistakes)

    held = results["held-out", "standard"]
    met = held.false_positive_rate <= GOAL_FALSE_POSITIVES and held.overall.recall >= GOAL_RECALL
    print(
        f"\nheld-out goals, standard profile (false positives <= {GOAL_FALSE_POSITIVES:.0%}, "
        f"recall >= {GOAL_RECALL}): "
        f"{'met' if met else 'NOT met'} ({held.false_positive_rate:.3f}, {held.overall.recall:.3f})"
    )
    strict = results["held-out", "strict"]
    print(
        f"held-out, strict profile: false positives {strict.false_positive_rate:.3f}, "
        f"recall {strict.overall.recall:.3f}"
    )
    for profile in ("standard", "strict"):
        blind = results["held-out B", profile]
        print(
            f"held-out B (a blind writer), {profile} profile: false positives "
            f"{blind.false_positive_rate:.3f}, recall {blind.overall.recall:.3f}"
        )

    # One prompt per call, as the API sees them; a fresh moderator each so no sentence is cached yet.
    texts = [i.text for items in splits.values() for i in items]
    timed = Moderator()
    timed.warm_up()
    full = latencies(timed, texts)
    rules = latencies(rules_only, texts)
    p99, base99 = percentile(full, 99), percentile(rules, 99)
    print(
        f"\none prompt per call over {len(texts)} prompts: p50 {percentile(full, 50) * 1000:.2f} ms, "
        f"p99 {p99 * 1000:.2f} ms (goal < 30 ms); rules only p99 {base99 * 1000:.2f} ms "
        f"({p99 / base99:.1f}x)"
    )


if __name__ == "__main__":
    main()
