"""What is not allowed, written as data: categories, the rules of each (rulebook.py, English and Spanish),
and per-profile thresholds for the trained classifier (classifier.py).

Two profiles:
- `standard`: adults. Blocks explicit sexual content, any sexualised minor, graphic violence/gore,
  self-harm, hate, weapons-making, protected real people and copyrighted characters.
- `strict`: teens. Also blocks suggestive content (lingerie, making out) and illicit drug use, through
  extra rules, the classifier's "suggestive" and "drugs" classes and the `drugs` category that `standard`
  does not enforce.

Thresholds were chosen on the tuning sets only, never on the held-out sets. Rules are matched against
`cielo.safety.text.normalize`d text: lower case, no accents ("niña" is written "nina").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from cielo.safety.classifier import MODEL_FILE
from cielo.safety.figures import DEFAULT_CHARACTERS, DEFAULT_FIGURES, DEFAULT_OPT_OUTS, Figure
from cielo.safety.rulebook import (
    CHILD,
    DRUGS,
    EXEMPT_PHRASES,
    HATE,
    MINORS,
    SELF_HARM,
    SEXUAL,
    STANDARD_RULES,
    STRICT_EXTRA_RULES,
    VIOLENCE,
    WEAPONS,
)
from cielo.safety.rules import Rule

PUBLIC_FIGURES = "public_figures"
COPYRIGHTED_CHARACTERS = "copyrighted_characters"

# Order is severity: when several categories are violated, the first one is reported as the policy.
CATEGORIES: tuple[str, ...] = (
    MINORS,
    SEXUAL,
    SELF_HARM,
    WEAPONS,
    VIOLENCE,
    HATE,
    PUBLIC_FIGURES,
    COPYRIGHTED_CHARACTERS,
    DRUGS,
)
PROFILES: tuple[str, ...] = ("standard", "strict")

# English names for logs, the CLI and the OpenAI-compatible endpoint; people see them translated
# (cielo.safety.guard.POLICY_LABELS is the gettext-marked copy the pages and the API use).
POLICY_NAMES: dict[str, str] = {
    MINORS: "child safety policy (no sexualised depiction of minors)",
    SEXUAL: "sexual content policy",
    SELF_HARM: "self-harm policy",
    VIOLENCE: "graphic violence policy",
    WEAPONS: "weapons policy (no instructions for making weapons)",
    HATE: "hate policy",
    PUBLIC_FIGURES: "public figures policy (real people need their own consent)",
    COPYRIGHTED_CHARACTERS: "copyrighted characters policy",
    DRUGS: "drugs policy for teen accounts",
}

# ---------------------------------------------------------------------------------------------- thresholds
# A rule hit or a listed name refuses outright. The trained classifier (classifier.py) refuses a text when the
# probability of its most harmful sentence breaking the profile's categories reaches the category's threshold.
# The defaults are one value per profile, chosen by one rule on the tuning part only (training.py,
# `calibrate`): the lowest threshold at which at most TARGET_FALSE_POSITIVES of the harmless tuning prompts
# are refused by the classifier in 5-fold cross-validation (each prompt scored by a model that never saw it).
# A test re-derives them from the out-of-fold scores saved with the weights; the held-out sets play no part.
TARGET_FALSE_POSITIVES = 0.01
CLASSIFIER_THRESHOLD_STANDARD = 0.93
CLASSIFIER_THRESHOLD_STRICT = 0.95
_THRESHOLDS_STANDARD: dict[str, float | None] = {
    SEXUAL: CLASSIFIER_THRESHOLD_STANDARD,
    MINORS: CLASSIFIER_THRESHOLD_STANDARD,
    VIOLENCE: CLASSIFIER_THRESHOLD_STANDARD,
    SELF_HARM: CLASSIFIER_THRESHOLD_STANDARD,
    HATE: CLASSIFIER_THRESHOLD_STANDARD,
    WEAPONS: CLASSIFIER_THRESHOLD_STANDARD,
    PUBLIC_FIGURES: 0.5,
    COPYRIGHTED_CHARACTERS: 0.5,
    DRUGS: None,  # None: not enforced in this profile
}
_THRESHOLDS_STRICT: dict[str, float | None] = {
    SEXUAL: CLASSIFIER_THRESHOLD_STRICT,
    MINORS: CLASSIFIER_THRESHOLD_STRICT,
    VIOLENCE: CLASSIFIER_THRESHOLD_STRICT,
    SELF_HARM: CLASSIFIER_THRESHOLD_STRICT,
    HATE: CLASSIFIER_THRESHOLD_STRICT,
    WEAPONS: CLASSIFIER_THRESHOLD_STRICT,
    PUBLIC_FIGURES: 0.5,
    COPYRIGHTED_CHARACTERS: 0.5,
    DRUGS: CLASSIFIER_THRESHOLD_STRICT,
}


@dataclass(frozen=True)
class Profile:
    """Everything one profile enforces: thresholds (None = category off) and its rules."""

    thresholds: dict[str, float | None]
    rules: tuple[Rule, ...]
    suggestive_counts_as_sexual: bool  # the classifier's "suggestive" class counts as sexual (strict)


def default_profiles() -> dict[str, Profile]:
    return {
        "standard": Profile(dict(_THRESHOLDS_STANDARD), STANDARD_RULES, False),
        "strict": Profile(dict(_THRESHOLDS_STRICT), STANDARD_RULES + STRICT_EXTRA_RULES, True),
    }


@dataclass(frozen=True)
class ModerationConfig:
    """All moderation knobs in one object, passed to `Moderator`; defaults are the shipped policy.

    Change one thing with `dataclasses.replace` or `with_threshold`, e.g.
    `ModerationConfig().with_threshold("strict", "violence", 0.5)`.
    """

    profiles: dict[str, Profile] = field(default_factory=default_profiles)
    child_terms: tuple[str, ...] = (CHILD,)
    exempt_phrases: tuple[str, ...] = EXEMPT_PHRASES
    figures: tuple[Figure, ...] = DEFAULT_FIGURES + DEFAULT_OPT_OUTS
    characters: tuple[Figure, ...] = DEFAULT_CHARACTERS
    # Prompts the instance's moderators allowed on appeal: the exact prompt passes, and the classifier never
    # refuses a sentence nearly identical to one (Moderator.set_allow_examples replaces them while running).
    allow_examples: tuple[str, ...] = ()
    use_classifier: bool = True  # False: rules and lists only (no model load), e.g. for a tiny deployment
    classifier_file: Path = MODEL_FILE  # the trained weights (training.py writes them)
    # A sentence of fewer words than this is a short line: the classifier refuses it only for words it learned
    # as harmful for the category, never on the sentence's embedding alone.
    short_words: int = 6
    # A sentence this similar to an allow example is never refused by the classifier.
    allow_similarity: float = 0.9

    def with_threshold(self, profile: str, category: str, value: float | None) -> ModerationConfig:
        if profile not in self.profiles or category not in CATEGORIES:
            raise ValueError(f"unknown profile or category: {profile!r}, {category!r}")
        p = self.profiles[profile]
        profiles = dict(self.profiles)
        profiles[profile] = replace(p, thresholds={**p.thresholds, category: value})
        return replace(self, profiles=profiles)
