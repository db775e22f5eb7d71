"""English and Spanish from the browser's language, through the gettext catalog compiled from its .po."""

from __future__ import annotations

import json
import re
from pathlib import Path
from html.parser import HTMLParser

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cielo.web import i18n
from tests.conftest import auth, make_user
from tests.social.helpers import cookie_client, posted

WEB = Path(i18n.__file__).parent  # the pages: their templates and scripts
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


# ------------------------------------------------------------------------------ every word translated
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
SAMPLE_VALUES = {"handle": "ana", "limit": 7, "seconds": 3, "pending": 2, "maximum": 50, "megabytes": 20,
                 "choices": "4, 8", "field": "caption"}


def _spanish_catalog():
    with (i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale="es")


def _english_only_strings() -> set[str]:
    """English msgids whose Spanish differs: any of them on a Spanish page is an untranslated string."""
    return {entry.id for entry in _spanish_catalog()
            if isinstance(entry.id, str) and entry.id and entry.string and entry.string != entry.id
            and "%(" not in entry.id and len(entry.id) > 3 and re.search(r"[A-Za-z]{3}", entry.id)}


async def test_every_catalogued_error_comes_in_spanish(client):
    """Driven from cielo.errors.CATALOGUE: each code, raised through the app, answers with its status and
    type and a Spanish message when the browser asks for Spanish (English otherwise)."""
    from cielo.errors import CATALOGUE, CieloError, RateLimited

    async def raise_code(code: str):
        spec = CATALOGUE[code]
        values = {name: SAMPLE_VALUES.get(name, "x") for name in PLACEHOLDER.findall(spec.message)}
        if spec.status == 429:
            raise RateLimited(code=code, retry_after=3, **values)
        raise CieloError(code=code, **values)

    client.app.add_api_route("/test-errors/{code}", raise_code)
    spanish = i18n.translations("es")
    untranslated = []
    for code, spec in CATALOGUE.items():
        values = {name: SAMPLE_VALUES.get(name, "x") for name in PLACEHOLDER.findall(spec.message)}
        es = await client.get(f"/test-errors/{code}", headers={"accept-language": "es-ES,es;q=0.9"})
        en = await client.get(f"/test-errors/{code}", headers={"accept-language": "en"})
        assert es.status_code == en.status_code == spec.status, code
        body = es.json()["error"]
        assert body["code"] == code and body["type"] == spec.type
        assert en.json()["error"]["message"] == spec.message % values if values else spec.message
        if body["message"] == en.json()["error"]["message"] or spanish.gettext(spec.message) == spec.message:
            untranslated.append(code)
        else:
            assert body["message"] == spanish.gettext(spec.message) % values if values else True, code
    assert untranslated == [], f"add Spanish for these codes' messages to messages.po: {untranslated}"
    # A code nobody catalogued still works, in the English it was raised with.
    from cielo.errors import InvalidInput

    unknown = InvalidInput("Something new.", code="brand_new_code")
    assert unknown.localized(spanish.gettext) == "Something new."


class _Text(HTMLParser):
    """The words a person sees or hears on a page: text outside scripts and styles, and the attributes
    screen readers and browsers show."""

    SHOWN = ("aria-label", "placeholder", "title", "alt", "label")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ANN001
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in self.SHOWN and value:
                self.parts.append(value.strip())

    def handle_endtag(self, tag) -> None:  # noqa: ANN001
        if tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data) -> None:  # noqa: ANN001
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def _english_on(page: str, english: set[str]) -> list[str]:
    parser = _Text()
    parser.feed(page)
    found = [part for part in parser.parts if part in english]
    source = re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page, re.S).group(1)
    scripts = json.loads(source)
    return found + [value for value in scripts.values() if value in english]


async def test_every_page_and_error_path_in_spanish(client):
    """A person who picked Spanish in Settings (while the browser asks for English) sees every page, the
    page scripts' strings and the API's errors in Spanish: no English string of the catalogs anywhere."""
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key, caption="Atardecer",
                            prompt="Un zorro corre al atardecer")
    await client.post("/api/users/ana/follow", headers=auth(bea_key))
    await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "precioso"})
    await client.post(f"/api/posts/{video_id}/like", headers=auth(bea_key))
    browser, token = await cookie_client(client, "bea")
    english = _english_only_strings()
    headers = {"accept-language": "en-US,en;q=0.9", "x-csrf-token": token}
    try:
        picked = await browser.patch("/api/me/profile", headers=headers, json={"language": "es"})
        assert picked.status_code == 200 and picked.json()["language"] == "es"
        for path in ("/", "/drafts", "/feed", "/feed?tab=following", f"/v/{video_id}", "/@ana", "/@bea",
                     "/@ana/followers", "/@bea/following", "/notifications", "/invites", "/settings",
                     "/cameos", "/search", "/search?q=zorro", "/v/video_00000000000000000000000000000000"):
            page = await browser.get(path, headers=headers)
            assert page.status_code in (200, 404), path
            assert '<html lang="es">' in page.text, path
            assert _english_on(page.text, english) == [], path
        # The page scripts' strings, and errors the pages show, from real requests.
        refusals = [
            await browser.post(f"/api/posts/{video_id}/comments", headers=headers, json={"body": "  "}),
            await browser.post(f"/api/posts/{video_id}/comments", headers=headers, json={"body": 5}),
            await browser.put("/api/feed/steering", headers=headers, json={"instruction": " "}),
            await browser.get("/api/search", headers=headers, params={"q": "x" * 200}),
            await browser.post("/api/me/delete", headers=headers, json={"confirm": "someone"}),
            await browser.post("/api/users/bea/follow", headers=headers),
            # No route, so no session to read the language from: the page's script asks for its language.
            await browser.get("/api/no-such-thing", headers={"accept-language": "es"}),
            await browser.post(f"/api/posts/{video_id}/like", headers={"accept-language": "en"}),  # no CSRF
        ]
        for response in refusals:
            message = response.json()["error"]["message"]
            assert response.status_code >= 400 and message not in english, message
        assert refusals[0].json()["error"]["message"] == "Un comentario no puede estar vacío."
        assert refusals[6].status_code == 404
        assert refusals[6].json()["error"]["message"] == "Aquí no hay nada."
        # Back to the browser's language: English again.
        await browser.patch("/api/me/profile", headers=headers, json={"language": "auto"})
        assert '<html lang="en">' in (await browser.get("/settings", headers=headers)).text
        wrong = await browser.patch("/api/me/profile", headers=headers, json={"language": "klingon"})
        assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_language"
    finally:
        await browser.aclose()
    # Signed out, the browser's language decides, for pages and for errors.
    login = await client.post("/api/auth/login", headers={"accept-language": "es"},
                              json={"handle": "ana", "password": "wrong password"})
    assert login.json()["error"]["message"] == "Usuario o contraseña incorrectos."
    assert _english_on((await client.get("/login", headers={"accept-language": "es"})).text, english) == []


def test_labels_from_other_packages_have_spanish():
    """Cameo permissions and voices are shown on the pages through the catalogs too."""
    from cielo.cameos.consent import PERMISSION_LABELS
    from cielo.likeness.voices import VOICES
    from cielo.web.models import SIZE_NAMES

    spanish = i18n.translations("es")
    labels = [*PERMISSION_LABELS.values(), *(text for _, text in VOICES.values()), *SIZE_NAMES.values()]
    missing = [label for label in labels if not _spanish_catalog().get(label) or
               not _spanish_catalog().get(label).string]
    assert missing == [] and spanish.gettext("Only me") == "Solo yo"
