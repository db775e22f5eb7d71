"""English and Spanish from gettext catalogs, for pages and API errors alike: the language a person picked
in Settings, else the one their browser asks for (Accept-Language).

The .po files under locale/ are the only source: they are compiled in memory (Babel) the first time a
language is needed, so there is no build step a fresh clone could miss and no .mo to drift from its .po.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
SUPPORTED = ("en", "es")
# Each language named in itself, as a language picker shows them.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark for extraction only"
    return message


@lru_cache(maxsize=len(SUPPORTED))
def translations(lang: str) -> gettext.NullTranslations:
    """Compiled from the .po on first use; English is the source language and needs no catalog."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def negotiate(accept_language: str | None) -> str:
    """The supported language the browser prefers most (by q-value, then order); English otherwise."""
    best, best_q = DEFAULT, -1.0
    for part in (accept_language or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if primary in SUPPORTED and q > 0 and q > best_q:  # ties keep the earlier entry
            best, best_q = primary, q
    return best


def page_language(picked: str | None, accept_language: str | None) -> str:
    """The profile's language when one was picked, else the browser's."""
    return picked if picked in SUPPORTED else negotiate(accept_language)
