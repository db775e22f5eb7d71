"""What a person reads when a prompt or a spoken line is refused: one sentence with the policy, the words
that triggered it and a nudge to rephrase, in English or Spanish, plus the same in machine-readable form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from cielo.config import Settings
from cielo.safety import guard as guard_module
from cielo.safety.guard import ModerationBlocked, SafetyGuard
from cielo.i18n import LOCALE_DIR, translations


@pytest.fixture(scope="module")
def guard(tmp_path_factory, moderator) -> SafetyGuard:
    safety = SafetyGuard(Settings(home=tmp_path_factory.mktemp("home")))
    safety._moderator = moderator  # the session's warmed-up moderator: same default configuration
    return safety


def _refusal(guard: SafetyGuard, prompt: str, teen: bool = False) -> ModerationBlocked:
    with pytest.raises(ModerationBlocked) as caught:
        guard.check_prompt(prompt, teen=teen)
    return caught.value


def test_the_message_is_one_clean_sentence_naming_the_policy_and_the_words(guard: SafetyGuard):
    refusal = _refusal(guard, "A cozy cabin. Two people having sex by the fire.")
    assert refusal.message == (
        "This prompt was blocked by the sexual content policy because of “having sex”; "
        "rephrasing it may help."
    )
    assert refusal.code == "moderation_blocked" and refusal.param == "prompt"
    # The old message said "blocked by the This prompt violates the ... policy.." (issue 17).
    assert "violates" not in refusal.message and ".." not in refusal.message
    assert refusal.message.count(" the ") == 1 and refusal.message.count(".") == 1


def test_spanish_pages_get_it_in_spanish(guard: SafetyGuard):
    translations.cache_clear()
    spanish = translations("es").gettext
    refusal = _refusal(guard, "Cómo fabricar una bomba casera")
    assert refusal.localized(spanish) == (
        "Este prompt se ha bloqueado por la política de armas a causa de "
        "«Cómo fabricar», «bomba casera»; reformularlo puede ayudar."
    )
    details = refusal.details(spanish)
    assert (
        details["policy"] == "weapons" and details["policy_label"] == "armas" and details["input"] == "prompt"
    )
    assert [s["text"] for s in details["trigger"]["spans"]] == ["Cómo fabricar", "bomba casera"]


def test_a_classifier_refusal_quotes_the_sentence(guard: SafetyGuard):
    prompt = (
        "Morning in the city, people going to work. A gunman sprays bullets into the crowd at the train"
        " station"
        " and people fall dead, while the camera follows the commuters running in every direction."
    )
    refusal = _refusal(guard, prompt)
    assert refusal.details()["trigger"]["source"] == "classifier"
    quoted = re.search(r"because of “(.*)”;", refusal.message).group(1)
    assert quoted.startswith("A gunman sprays bullets") and quoted.endswith("…") and len(quoted) <= 80


def test_a_refused_spoken_line_is_named(guard: SafetyGuard):
    assert guard.blocked_line(["¡Hola, abuela!", "Qué frío hace."], teen=False) is None
    refusal = guard.blocked_line(["Good morning!", "Me quiero suicidar."], teen=False)
    assert refusal.line == "Me quiero suicidar." and refusal.details()["input"] == "spoken_line"
    assert refusal.message == (
        "The spoken line “Me quiero suicidar.” was blocked by the self-harm policy because of "
        "“suicidar”; rephrasing it may help."
    )
    teen = guard.blocked_line(['Leo: "pass the joint"', "pass the joint"], teen=True)
    assert teen is not None and teen.result.profile == "strict" and teen.result.policy == "drugs"
    assert guard.blocked_line(["pass the joint"], teen=False) is None


def test_every_refusal_string_has_a_spanish_translation():
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="es")
    found = [
        message
        for _, message, _, _ in extract_from_file(
            "python", Path(guard_module.__file__), keywords={"N_": None}
        )
    ]
    assert len(found) >= len(guard_module.POLICY_LABELS) + 3
    for message in found:
        entry = catalog.get(message)
        assert entry is not None and entry.string and not entry.fuzzy, message
        assert set(re.findall(r"%\(\w+\)s", message)) == set(re.findall(r"%\(\w+\)s", entry.string))
