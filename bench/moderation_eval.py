"""Prompt moderation quality and speed on the labelled set, for both profiles.

Prints precision, recall and F1 per category (the result's main policy against the label) and overall
(flagged vs allowed), per language, and the time per prompt. The baseline, measured in the same run, is
the same Moderator with the classifier switched off (rules and name lists only), so the ratios show what
the embedding model adds and what it costs.

    .venv/bin/python bench/moderation_eval.py [--mistakes]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cielo.safety.evaluation import Evaluation, evaluate, load_labelled
from cielo.safety.moderation import Moderator
from cielo.safety.policies import CATEGORIES, ModerationConfig

DATA = Path(__file__).resolve().parent.parent / "tests" / "safety" / "data" / "prompts.jsonl"


def _row(name: str, p: float, r: float, f1: float, support: int) -> str:
    return f"  {name:<24} {p:>9.3f} {r:>7.3f} {f1:>7.3f} {support:>8}"


def _report(ev: Evaluation, baseline: Evaluation, by_lang: dict[str, Evaluation], show_mistakes: bool) -> None:
    print(f"\nprofile: {ev.profile}")
    print(f"  {'category':<24} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for c in CATEGORIES:
        s = ev.per_category[c]
        print(_row(c, s.precision, s.recall, s.f1, s.support))
    o = ev.overall
    print(_row("OVERALL (flagged)", o.precision, o.recall, o.f1, o.support))
    for lang, lev in by_lang.items():
        lo = lev.overall
        print(_row(f"  overall, {lang}", lo.precision, lo.recall, lo.f1, lo.support))
    b = baseline.overall
    print(_row("baseline: rules only", b.precision, b.recall, b.f1, b.support))
    ratio = o.f1 / b.f1 if b.f1 else float("inf")
    print(f"  overall F1 vs rules only: {ratio:.2f}x")
    print(f"  time per prompt (batched): {ev.seconds_per_prompt * 1000:.2f} ms; rules only "
          f"{baseline.seconds_per_prompt * 1000:.3f} ms ({ev.seconds_per_prompt / baseline.seconds_per_prompt:.0f}x)")
    if show_mistakes:
        for item, result in ev.mistakes:
            top = max(result.category_scores.items(), key=lambda kv: kv[1])
            print(f"    expected {item.expected(ev.profile):<22} got {result.policy or 'allowed':<22} "
                  f"top {top[0]}={top[1]:.2f}  {item.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="list every misclassified prompt")
    args = parser.parse_args()

    items = load_labelled(DATA)
    langs = sorted({i.lang for i in items})
    print(f"{len(items)} labelled prompts ({', '.join(f'{sum(i.lang == lg for i in items)} {lg}' for lg in langs)}), "
          f"{sum(i.label != 'allowed' for i in items)} disallowed under the standard profile")

    moderator = Moderator()
    start = time.perf_counter()
    moderator.warm_up()
    print(f"model load + example embeddings: {time.perf_counter() - start:.2f} s")
    rules_only = Moderator(ModerationConfig(use_classifier=False))

    for profile in ("standard", "strict"):
        ev = evaluate(moderator, items, profile)
        baseline = evaluate(rules_only, items, profile)
        by_lang = {lg: evaluate(moderator, [i for i in items if i.lang == lg], profile) for lg in langs}
        _report(ev, baseline, by_lang, args.mistakes)

    # One prompt at a time, as the API sees them.
    sample = [i.text for i in items[:40]]
    start = time.perf_counter()
    for text in sample:
        moderator.check(text)
    single = (time.perf_counter() - start) / len(sample)
    print(f"\none prompt per call: {single * 1000:.2f} ms per prompt")


if __name__ == "__main__":
    main()
