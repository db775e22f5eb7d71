"""English and Spanish from the browser's language, through the gettext catalog compiled from its .po."""

from __future__ import annotations

import json
import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cielo.web import i18n
from tests.conftest import make_user
from tests.social.helpers import cookie_client

WEB = i18n.LOCALE_DIR.parent
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
METHODS = [("**/templates/**.html", "jinja2.ext.babel_extract"), ("**.py", "python")]


def test_every_string_on_the_pages_has_a_spanish_translation():
    with (i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale="es")
    extracted = {message for _, _, message, _, _ in extract_from_dir(str(WEB), method_map=METHODS, keywords=KEYWORDS)}
    assert len(extracted) > 100
    missing = []
    for message in extracted:
        entry = catalog.get(message[0] if isinstance(message, tuple) else message)
        translated = entry is not None and not entry.fuzzy and (
            all(entry.string) if isinstance(entry.string, tuple) else bool(entry.string))
        if not translated:
            missing.append(message)
    assert missing == [], f"untranslated (add them to es/LC_MESSAGES/messages.po): {missing}"
    # placeholders survive translation
    for entry in catalog:
        if entry.id and isinstance(entry.id, str):
            assert set(re.findall(r"%\(\w+\)s", entry.id)) == set(re.findall(r"%\(\w+\)s", entry.string)), entry.id


def test_catalogs_compile_from_the_po_with_no_build_step():
    assert not list(i18n.LOCALE_DIR.rglob("*.mo"))  # nothing compiled is committed, so nothing can drift
    i18n.translations.cache_clear()
    spanish = i18n.translations("es")
    assert spanish.gettext("Feed") == "Inicio"
    assert spanish.ngettext("follower", "followers", 1) == "seguidor"
    assert spanish.ngettext("follower", "followers", 5) == "seguidores"
    assert i18n.translations("en").gettext("Feed") == "Feed"


def test_language_negotiation():
    assert i18n.negotiate("es-ES,es;q=0.9,en;q=0.8") == "es"
    assert i18n.negotiate("en-US,en;q=0.9,es;q=0.8") == "en"
    assert i18n.negotiate("fr-FR,fr;q=0.9,es;q=0.5") == "es"
    assert i18n.negotiate("de-DE") == "en"
    assert i18n.negotiate("es;q=0") == "en"
    assert i18n.negotiate(None) == "en"


async def test_pages_follow_the_browsers_language(client):
    spanish = await client.get("/login", headers={"accept-language": "es-MX,es;q=0.9"})
    assert spanish.headers["content-language"] == "es"
    assert '<html lang="es">' in spanish.text and "Iniciar sesión" in spanish.text
    english = await client.get("/login", headers={"accept-language": "en-GB"})
    assert '<html lang="en">' in english.text and "Sign in" in english.text

    await make_user(client.app.state.services, "ana")
    browser, _ = await cookie_client(client, "ana")
    try:
        page = await browser.get("/feed", headers={"accept-language": "es"})
    finally:
        await browser.aclose()
    assert "Para ti" in page.text and "Siguiendo" in page.text
    messages = json.loads(re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page.text).group(1))
    assert messages["copied"] == "Enlace copiado"  # the scripts' strings come translated too
