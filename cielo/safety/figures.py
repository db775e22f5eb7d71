"""Protected real people and copyrighted characters: who does a prompt name?

Matching is case- and accent-insensitive and on word boundaries, so "BEYONCE", "Beyoncé" and "#beyonce"
all name Beyoncé, while "obamacare" does NOT name Barack Obama: it is one word naming a law, and a video
about a law does not use anyone's likeness. Possessives and handles still match ("Obama's", "@obama",
"#TaylorSwift": the words of a multi-word name may be joined by nothing, a space, "-", "_", "." or "'").

Some names are also ordinary words or common first names ("Mario", "Elsa", "Sonic"). Those are
`ambiguous` aliases: they count only when the text also contains one of the figure's `context` words
("Mario" + "Nintendo"), so "my grandpa Mario cooking" is not a copyrighted character. `exclusions` are
phrases in which a name means something else ("trump card", "the Madonna and child").

This module only reports who was mentioned, each with a stable `key`; the caller decides (for example a
person who has a cameo on the instance and allows its use). `opted_out` marks people, estates or
rightsholders who asked that no video depict them at all, so no consent flow can unlock them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from cielo.safety.text import normalize

Kind = Literal["person", "character"]

# The words of a name may be separated by any of these, or by nothing (hashtags, handles, "Spiderman").
_JOINER = r"[\s\-_.']*"


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: Kind = "person"
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    opted_out: bool = False
    group: str = ""  # politics, music, sport, film, estate, franchise... for operators' lists and reports

    def all_aliases(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _words(phrase: str) -> tuple[str, ...]:
    # A display name's parenthetical ("Elsa (Frozen)") says which Elsa; it is not part of what people type.
    phrase = re.sub(r"\([^)]*\)", " ", normalize(phrase))
    return tuple(word for word in re.split(r"[\s\-_.']+", phrase) if word)


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(word) for word in _words(phrase)]
    return r"(?<![a-z0-9])" + _JOINER.join(words) + r"(?![a-z0-9])"


def _union(phrases: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [_phrase_pattern(p) for p in phrases if _words(p)]
    return re.compile("|".join(patterns)) if patterns else None


@dataclass(frozen=True)
class _CompiledFigure:
    figure: Figure
    names: re.Pattern[str] | None
    ambiguous: re.Pattern[str] | None
    context: re.Pattern[str] | None
    exclusions: re.Pattern[str] | None


class FigureMatcher:
    """Compiled matcher for one list; build once per list (compiling ~60 regexes costs ~1 ms)."""

    def __init__(self, figures: Iterable[Figure]):
        self._figures = [
            _CompiledFigure(
                figure=f,
                # An alias listed as ambiguous (even the name itself, "Drake") only counts with context.
                names=_union(a for a in f.all_aliases() if _words(a) not in {_words(x) for x in f.ambiguous}),
                ambiguous=_union(f.ambiguous),
                context=_union(f.context),
                exclusions=_union(f.exclusions),
            )
            for f in figures
        ]

    def find(self, text: str) -> list[Figure]:
        """Figures named in `text`, each once, in list order."""
        return [figure for figure, _span in self.locate(normalize(text))]

    def locate(self, norm: str) -> list[tuple[Figure, tuple[int, int]]]:
        """Figures named in the normalised text `norm`, each once, in list order, with where the name is."""
        found: list[tuple[Figure, tuple[int, int]]] = []
        for c in self._figures:
            # Exclusions are blanked out first (same length) so that "trump card" cannot match "trump".
            haystack = c.exclusions.sub(lambda m: " " * len(m.group(0)), norm) if c.exclusions else norm
            named = c.names.search(haystack) if c.names else None
            if named is None and c.ambiguous and c.context and c.context.search(haystack):
                named = c.ambiguous.search(haystack)
            if named is not None:
                found.append((c.figure, named.span()))
        return found


@lru_cache(maxsize=32)
def _matcher(figures: tuple[Figure, ...]) -> FigureMatcher:
    return FigureMatcher(figures)


def find_public_figures(text: str, figures: Sequence[Figure] | None = None) -> list[Figure]:
    """Real people from `figures` (default: DEFAULT_FIGURES + DEFAULT_OPT_OUTS) named in `text`."""
    return _matcher(tuple(figures) if figures is not None else DEFAULT_FIGURES + DEFAULT_OPT_OUTS).find(text)


def find_characters(text: str, characters: Sequence[Figure] | None = None) -> list[Figure]:
    """Copyrighted characters from `characters` (default: DEFAULT_CHARACTERS) named in `text`."""
    return _matcher(tuple(characters) if characters is not None else DEFAULT_CHARACTERS).find(text)


def load_figures(path: str | Path, kind: Kind = "person") -> tuple[Figure, ...]:
    """Read an operator's list: a JSON array of objects with Figure's fields (`key` and `name` required)."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    figures = []
    for row in rows:
        if not isinstance(row, dict) or not row.get("key") or not row.get("name"):
            raise ValueError(f"{path}: every entry needs a 'key' and a 'name': {row!r}")
        tuples = {k: tuple(row.get(k, ())) for k in ("aliases", "ambiguous", "context", "exclusions")}
        figures.append(
            Figure(key=str(row["key"]), name=str(row["name"]), kind=row.get("kind", kind),
                   opted_out=bool(row.get("opted_out", False)), group=str(row.get("group", "")), **tuples)
        )
    return tuple(figures)


def _p(key: str, name: str, group: str, *aliases: str, **kw: tuple[str, ...]) -> Figure:
    return Figure(key=key, name=name, aliases=aliases, kind="person", group=group, **kw)


def _c(key: str, name: str, group: str, *aliases: str, **kw: tuple[str, ...]) -> Figure:
    return Figure(key=key, name=name, aliases=aliases, kind="character", group=group, **kw)


_POPE_CONTEXT = ("vaticano", "vatican", "pontifice", "iglesia", "catolico", "misa")

# Names only: a small default list across politics, music, sport and film. Operators extend or replace it.
DEFAULT_FIGURES: tuple[Figure, ...] = (
    _p("donald_trump", "Donald Trump", "politics", "president trump", "presidente trump", "trump",
       exclusions=("trump card", "trump cards", "trumps")),
    _p("joe_biden", "Joe Biden", "politics", "biden", "president biden"),
    _p("barack_obama", "Barack Obama", "politics", "obama", "president obama"),
    _p("kamala_harris", "Kamala Harris", "politics", "kamala"),
    _p("vladimir_putin", "Vladimir Putin", "politics", "putin", "vladimir vladimirovich"),
    _p("xi_jinping", "Xi Jinping", "politics", "president xi"),
    _p("volodymyr_zelensky", "Volodymyr Zelensky", "politics", "zelensky", "zelenskyy", "zelenski"),
    _p("emmanuel_macron", "Emmanuel Macron", "politics", "macron"),
    _p("pedro_sanchez", "Pedro Sánchez", "politics", "presidente sanchez"),
    _p("claudia_sheinbaum", "Claudia Sheinbaum", "politics", "sheinbaum"),
    _p("javier_milei", "Javier Milei", "politics", "milei"),
    _p("king_charles", "King Charles III", "politics", "king charles", "rey carlos iii", "prince charles"),
    _p("pope_leo_xiv", "Pope Leo XIV", "religion", "papa leon xiv", "papa leon", "robert prevost", "the pope",
       "sumo pontifice", ambiguous=("el papa", "pope"), context=_POPE_CONTEXT),
    _p("pope_francis", "Pope Francis", "religion", "papa francisco", "jorge bergoglio", "jorge mario bergoglio"),
    _p("elon_musk", "Elon Musk", "business", "elon"),
    _p("taylor_swift", "Taylor Swift", "music", "tay tay"),
    _p("beyonce", "Beyoncé", "music", "beyonce knowles"),
    _p("shakira", "Shakira", "music"),
    _p("bad_bunny", "Bad Bunny", "music", "benito antonio martinez"),
    _p("rosalia", "Rosalía", "music", "rosalia vila"),
    _p("drake", "Drake", "music", "aubrey graham", ambiguous=("drake",), context=("rapper", "rapero", "hotline")),
    _p("madonna", "Madonna", "music", exclusions=("madonna and child", "madonna with child", "madonna and the child")),
    _p("rihanna", "Rihanna", "music"),
    _p("lionel_messi", "Lionel Messi", "sport", "messi", "leo messi"),
    _p("cristiano_ronaldo", "Cristiano Ronaldo", "sport", "cr7"),
    _p("lebron_james", "LeBron James", "sport", "lebron"),
    _p("serena_williams", "Serena Williams", "sport"),
    _p("rafael_nadal", "Rafael Nadal", "sport", "rafa nadal", "nadal"),
    _p("usain_bolt", "Usain Bolt", "sport"),
    _p("tom_cruise", "Tom Cruise", "film"),
    _p("scarlett_johansson", "Scarlett Johansson", "film"),
    _p("leonardo_dicaprio", "Leonardo DiCaprio", "film", "dicaprio"),
    _p("keanu_reeves", "Keanu Reeves", "film", "keanu"),
    _p("penelope_cruz", "Penélope Cruz", "film"),
    _p("salma_hayek", "Salma Hayek", "film"),
)

# Estates and people who asked that no video depict them: flagged even where a consent flow exists.
DEFAULT_OPT_OUTS: tuple[Figure, ...] = (
    Figure("martin_luther_king_jr", "Martin Luther King Jr.", ("martin luther king", "mlk"),
           group="estate", opted_out=True),
    Figure("robin_williams", "Robin Williams", (), group="estate", opted_out=True),
    Figure("michael_jackson", "Michael Jackson", (), group="estate", opted_out=True),
    Figure("elvis_presley", "Elvis Presley", ("elvis",), group="estate", opted_out=True),
    Figure("marilyn_monroe", "Marilyn Monroe", (), group="estate", opted_out=True),
)

_MARIO_CONTEXT = ("nintendo", "luigi", "bowser", "princess peach", "princesa peach", "mushroom kingdom",
                  "reino champinon", "videogame", "video game", "videojuego", "koopa")

DEFAULT_CHARACTERS: tuple[Figure, ...] = (
    _c("mickey_mouse", "Mickey Mouse", "disney", "raton mickey", "minnie mouse"),
    _c("donald_duck", "Donald Duck", "disney", "pato donald"),
    _c("elsa", "Elsa (Frozen)", "disney", "elsa from frozen", "elsa de frozen", "queen elsa", "reina elsa",
       ambiguous=("elsa",), context=("frozen", "arendelle", "olaf", "let it go", "libre soy")),
    _c("buzz_lightyear", "Buzz Lightyear", "disney"),
    _c("spider_man", "Spider-Man", "marvel", "hombre arana", "peter parker", "spidey"),
    _c("iron_man", "Iron Man", "marvel", "tony stark"),
    _c("captain_america", "Captain America", "marvel", "capitan america"),
    _c("hulk", "Hulk", "marvel", "the incredible hulk", "increible hulk"),
    _c("batman", "Batman", "dc", "bruce wayne"),
    _c("superman", "Superman", "dc", "clark kent"),
    _c("wonder_woman", "Wonder Woman", "dc", "mujer maravilla"),
    _c("darth_vader", "Darth Vader", "star_wars", "dart vader", "anakin skywalker"),
    _c("yoda", "Yoda", "star_wars", "baby yoda", "grogu"),
    _c("luke_skywalker", "Luke Skywalker", "star_wars"),
    _c("pikachu", "Pikachu", "pokemon"),
    _c("pokemon", "Pokémon", "pokemon", "charizard", "bulbasaur", "squirtle", "jigglypuff"),
    _c("mario", "Mario (Nintendo)", "nintendo", "super mario", "mario bros", "mario brothers",
       "hermanos mario", ambiguous=("mario",), context=_MARIO_CONTEXT),
    _c("luigi", "Luigi (Nintendo)", "nintendo", ambiguous=("luigi",), context=_MARIO_CONTEXT),
    _c("sonic", "Sonic the Hedgehog", "sega", "sonic el erizo",
       ambiguous=("sonic",), context=("hedgehog", "erizo", "sega", "tails", "knuckles")),
    _c("spongebob", "SpongeBob SquarePants", "nickelodeon", "spongebob", "bob esponja"),
    _c("homer_simpson", "Homer Simpson", "simpsons", "homero simpson", "bart simpson", "the simpsons",
       "los simpson"),
    _c("shrek", "Shrek", "dreamworks"),
    _c("goku", "Goku", "dragon_ball", "son goku"),
    _c("naruto", "Naruto", "naruto", "naruto uzumaki"),
    _c("harry_potter", "Harry Potter", "wizarding_world", "hermione granger"),
    _c("hello_kitty", "Hello Kitty", "sanrio"),
    _c("james_bond", "James Bond", "eon", "agent 007", "agente 007"),
    _c("peppa_pig", "Peppa Pig", "hasbro", "peppa"),
    _c("totoro", "Totoro", "ghibli", "mi vecino totoro", "my neighbor totoro"),
)


def figure_keys(figures: Iterable[Figure]) -> list[str]:
    return [f.key for f in figures]


__all__ = [
    "DEFAULT_CHARACTERS",
    "DEFAULT_FIGURES",
    "DEFAULT_OPT_OUTS",
    "Figure",
    "FigureMatcher",
    "figure_keys",
    "find_characters",
    "find_public_figures",
    "load_figures",
]
