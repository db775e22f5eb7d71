"""How much of what prompts name the preview engine draws: the share of named subjects drawn.

Reads prompts annotated with the subjects (people, animals, vehicles, food, objects), places and
actions each one names, plans each prompt, and counts a named word as drawn when the plan's
`drawn` list has an entry of that category whose words match it. The held-out prompts
(bench/data/preview_coverage_heldout.jsonl) were written before the vocabulary was extended and
never used to build it; the goal is >= 90% of their subjects. The development prompts (the gallery
test's, used while building) are measured alongside as the baseline the held-out share is compared to.

    .venv/bin/python bench/preview_coverage.py [--file FILE] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cielo.generation import lexicon
from cielo.generation.engines.preview.figures import drawable_kinds
from cielo.generation.engines.preview.scenery import drawable_settings
from cielo.generation.plan import make_plan

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "data" / "preview_coverage_heldout.jsonl"
GOAL = 0.9
SUBJECT_CATEGORIES = {"person", "animal", "vehicle", "food", "object"}


def _words(text: str) -> list[str]:
    return lexicon.tokens(text)


def matches(named: str, drawn: str) -> bool:
    """A named word is drawn when the drawn phrase equals it or one holds the other as whole words
    ("golden retriever" / "retriever"; "soccer player" / "player")."""
    a, b = _words(named), _words(drawn)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def score(items: list[dict]) -> dict[str, tuple[int, int, list[str]]]:
    """For subjects, places and actions: (drawn, named, the misses)."""
    totals = {kind: [0, 0, []] for kind in ("subjects", "places", "actions")}
    for item in items:
        plan = make_plan(item["prompt"], seed=1, seconds=8, width=720, height=1280)
        for kind, categories in (("subjects", SUBJECT_CATEGORIES), ("places", {"place"}), ("actions", {"action"})):
            drawn = [d["word"] for d in plan.drawn if d["category"] in categories]
            for named in item.get(kind, []):
                totals[kind][1] += 1
                if any(matches(named, d) for d in drawn):
                    totals[kind][0] += 1
                else:
                    totals[kind][2].append(f"{named!r} in {item['prompt']!r}")
    return {k: (v[0], v[1], v[2]) for k, v in totals.items()}


def development_items() -> list[dict]:
    """The gallery prompts, annotated by what their test expects to see."""
    sys.path.insert(0, str(HERE.parent / "tests" / "generation"))
    from gallery_prompts import GALLERY

    items = []
    for prompt, expected in GALLERY:
        plan = make_plan(prompt, seed=1, seconds=8, width=720, height=1280)
        words = {d["kind"]: d["word"] for d in plan.drawn} | {s.species: s.word for s in plan.subjects if s.word}
        subjects = [words.get(e, e) for e in expected if ":" not in e]
        items.append({"prompt": prompt, "subjects": subjects})
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=HELDOUT)
    parser.add_argument("--misses", action="store_true", help="list every named word that was not drawn")
    args = parser.parse_args()

    # Every kind the vocabulary names must have a drawing, or "drawn" would be a false claim.
    undrawable = sorted(set(lexicon.all_kinds()) - drawable_kinds())
    unplaced = sorted(set(lexicon.SETTINGS) - drawable_settings())
    if undrawable or unplaced:
        raise SystemExit(f"kinds without a drawing: {undrawable}; places without a composition: {unplaced}")

    items = [json.loads(line) for line in args.file.read_text().splitlines() if line.strip()]
    held = score(items)
    dev = score(development_items())
    print(f"vocabulary: {len(lexicon.all_kinds())} kinds of things, {len(lexicon.SETTINGS)} places, "
          f"{len(lexicon.ACTIONS)} actions")
    print(f"held-out prompts: {len(items)} ({args.file.name})")
    for kind in ("subjects", "places", "actions"):
        drawn, named, _ = held[kind]
        print(f"  {kind:9s} drawn {drawn}/{named} = {drawn / max(1, named):.1%}")
    d_drawn, d_named, _ = dev["subjects"]
    h_drawn, h_named, _ = held["subjects"]
    share, base = h_drawn / max(1, h_named), d_drawn / max(1, d_named)
    print(f"development prompts (baseline, used while building): subjects {d_drawn}/{d_named} = {base:.1%}")
    print(f"held-out subjects / development subjects: {share / base:.2f}x")
    print(f"goal: >= {GOAL:.0%} of held-out subjects drawn: {'met' if share >= GOAL else 'NOT met'}")
    if args.misses:
        for kind in ("subjects", "places", "actions"):
            for miss in held[kind][2]:
                print(f"  not drawn ({kind}): {miss}")


if __name__ == "__main__":
    main()
