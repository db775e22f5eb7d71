"""Word forms: plurals of nouns and the forms of verbs, generated from the tables' base words.

The tables list singular nouns and base verbs once; these rules produce the forms a prompt uses
("dragons", "knives", "leones", "naves espaciales"; "fights", "fighting", "lucha", "luchando").
Generating forms from the base word is simpler and safer than stripping endings off whatever the
prompt says: "bus" never becomes "bu", and "mesa" never looks like a plural.
"""

from __future__ import annotations

import unicodedata

_EN_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "mouse": "mice",
    "goose": "geese", "foot": "feet", "tooth": "teeth", "ox": "oxen", "fish": "fish", "sheep": "sheep",
    "deer": "deer", "moose": "moose", "bison": "bison", "squid": "squid", "salmon": "salmon",
    "aircraft": "aircraft", "spacecraft": "spacecraft", "cactus": "cacti", "fungus": "fungi",
    "octopus": "octopuses", "policeman": "policemen", "policewoman": "policewomen",
    "fireman": "firemen", "businessman": "businessmen", "businesswoman": "businesswomen",
    "fisherman": "fishermen", "snowman": "snowmen", "chairman": "chairmen", "cowboy": "cowboys",
    "elf": "elves", "dwarf": "dwarves", "wolf": "wolves", "calf": "calves", "half": "halves",
    "leaf": "leaves", "loaf": "loaves", "knife": "knives", "wife": "wives", "life": "lives",
    "thief": "thieves", "shelf": "shelves", "scarf": "scarves",
}
_EN_ES_ENDINGS = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"
_ACCENT_OFF = str.maketrans("áéíóú", "aeiou")
_ACCENT_ON = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def strip_accents(word: str) -> str:
    """"acción" -> "accion" (ñ kept): prompts typed without accents still match."""
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn" or c == "\u0303"
    ).replace("n\u0303", "ñ")


def english_plural(word: str) -> str:
    if word in _EN_IRREGULAR_PLURALS:
        return _EN_IRREGULAR_PLURALS[word]
    for base, plural in _EN_IRREGULAR_PLURALS.items():
        if word.endswith(base) and len(word) > len(base) + 2:  # "snowman", "grandchild"
            return word[: -len(base)] + plural
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(_EN_ES_ENDINGS):
        return word + "es"
    if word.endswith("o") and word in ("tomato", "potato", "hero", "volcano", "mosquito", "buffalo"):
        return word + "es"
    return word + "s"


def spanish_plural(word: str) -> str:
    """"león" -> "leones", "pez" -> "peces", "mesa" -> "mesas", "autobús" -> "autobuses"."""
    if word.endswith(("s", "x")) and not word.endswith(("ás", "és", "ís", "ós", "ús")):
        return word  # "paraguas", "lunes": the same
    if word.endswith("z"):
        return word[:-1] + "ces"
    last = word[-1]
    if last in "aeiouáéó":
        return word + "s"
    if last in "íú":
        return word + "es"
    # Ends in a consonant: add -es; a stressed last syllable loses its written accent ("camión").
    stem = word
    for accented, plain in (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u")):
        index = stem.rfind(accented)
        if index >= len(stem) - 3:
            stem = stem[:index] + plain + stem[index + 1 :]
            break
    else:
        # "joven" -> "jóvenes", "examen" -> "exámenes": a plain word ending in n gains an accent.
        if stem.endswith("en") and len(stem) > 4 and stem not in ("andén",):
            vowels = [i for i, c in enumerate(stem[:-2]) if c in _VOWELS]
            if vowels:
                i = vowels[-1]
                stem = stem[:i] + _ACCENT_ON[stem[i]] + stem[i + 1 :]
    return stem + "es"


def phrase_plurals(phrase: str, language: str) -> set[str]:
    """Plurals of a one- or several-word name: English pluralises the last word ("fire trucks"),
    Spanish the first and, for adjectives, the rest too ("naves espaciales", "perros salchicha")."""
    words = phrase.split()
    if language == "en":
        return {" ".join([*words[:-1], english_plural(words[-1])])}
    head = spanish_plural(words[0])
    forms = {" ".join([head, *words[1:]])}
    if len(words) > 1:
        rest = [w if w in ("de", "del", "a", "al", "con") else spanish_plural(w) for w in words[1:]]
        # "nave espacial": only words after the head that are adjectives agree; "de" phrases do not.
        if "de" not in words and "del" not in words:
            forms.add(" ".join([head, *rest]))
    return forms


# ------------------------------------------------------------------------------------------ verbs

_EN_DOUBLING = {
    "run", "swim", "jog", "hop", "skip", "chop", "stir", "shop", "drum", "grin", "nap", "sit", "spin",
    "step", "stop", "trot", "plan", "hug", "pat", "dig", "wag", "rub", "grab", "drag", "flap", "tap",
    "clap", "begin", "get", "set", "bat", "cut", "put", "win", "shut", "sob", "dip", "zip", "slam",
}
_EN_IRREGULAR_PAST = {
    "run": "ran", "swim": "swam", "fly": "flew", "eat": "ate", "drink": "drank", "ride": "rode",
    "drive": "drove", "sing": "sang", "fight": "fought", "sit": "sat", "sleep": "slept", "read": "read",
    "write": "wrote", "throw": "threw", "catch": "caught", "dig": "dug", "make": "made", "take": "took",
    "hold": "held", "begin": "began", "build": "built", "win": "won", "spin": "spun", "shake": "shook",
    "blow": "blew", "draw": "drew", "steal": "stole", "weep": "wept", "leap": "leapt", "bite": "bit",
    "go": "went", "come": "came", "dive": "dove", "swing": "swung", "fall": "fell", "kneel": "knelt",
}


def _doubles(word: str) -> bool:
    """One syllable ending consonant-vowel-consonant doubles its last letter: sled -> sledding."""
    vowels = sum(1 for c in word if c in _VOWELS)
    return (
        len(word) >= 3
        and vowels == 1
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def english_verb_forms(base: str) -> set[str]:
    """walk -> walks, walking, walked; run -> runs, running, ran; fly -> flies, flying, flew."""
    if " " in base:  # "cast spell": the first word is the verb
        verb, rest = base.split(" ", 1)
        return {f"{form} {rest}" for form in english_verb_forms(verb)}
    forms = {base}
    if base.endswith("y") and base[-2:-1] not in tuple(_VOWELS):
        forms |= {base[:-1] + "ies", base + "ing", base[:-1] + "ied"}
    else:
        forms.add(base + "es" if base.endswith(_EN_ES_ENDINGS) or base in ("go", "do") else base + "s")
        if base in _EN_DOUBLING or _doubles(base):
            forms |= {base + base[-1] + "ing", base + base[-1] + "ed"}
        elif base.endswith("ie"):
            forms |= {base[:-2] + "ying", base + "d"}
        elif base.endswith("e") and not base.endswith(("ee", "oe", "ye")):
            forms |= {base[:-1] + "ing", base + "d"}
        else:
            forms |= {base + "ing", base + "ed"}
    if base in _EN_IRREGULAR_PAST:
        forms.add(_EN_IRREGULAR_PAST[base])
    return forms


# Spanish present and gerund stems that change (o -> ue, e -> ie, e -> i) or are irregular.
_ES_IRREGULAR: dict[str, tuple[str, ...]] = {
    "volar": ("vuela", "vuelan", "volando"),
    "jugar": ("juega", "juegan", "jugando"),
    "dormir": ("duerme", "duermen", "durmiendo", "dormido", "dormida"),
    "cocer": ("cuece", "cuecen", "cociendo"),
    "freír": ("fríe", "fríen", "friendo", "frito"),
    "reír": ("ríe", "ríen", "riendo", "se ríe", "se ríen"),
    "sonreír": ("sonríe", "sonríen", "sonriendo"),
    "leer": ("lee", "leen", "leyendo"),
    "huir": ("huye", "huyen", "huyendo"),
    "construir": ("construye", "construyen", "construyendo"),
    "perseguir": ("persigue", "persiguen", "persiguiendo"),
    "conducir": ("conduce", "conducen", "conduciendo"),
    "tañer": ("tañe", "tañen", "tañendo"),
    "hacer": ("hace", "hacen", "haciendo"),
    "servir": ("sirve", "sirven", "sirviendo"),
    "sentarse": ("se sienta", "se sientan", "sentado", "sentada", "sentados", "sentadas", "sentándose"),
    "acostarse": ("se acuesta", "se acuestan", "acostado", "acostada", "tumbado", "tumbada"),
    "despertar": ("despierta", "despiertan", "despertando", "se despierta"),
    "tocar": ("toca", "tocan", "tocando"),
    "ir": ("va", "van", "yendo"),
    "caer": ("cae", "caen", "cayendo"),
    "decir": ("dice", "dicen", "diciendo"),
    "pedir": ("pide", "piden", "pidiendo"),
    "encender": ("enciende", "encienden", "encendiendo"),
    "mover": ("mueve", "mueven", "moviendo"),
    "regar": ("riega", "riegan", "regando"),
    "morder": ("muerde", "muerden", "mordiendo"),
    "probar": ("prueba", "prueban", "probando"),
    "soñar": ("sueña", "sueñan", "soñando"),
    "patinar": ("patina", "patinan", "patinando"),
    "remover": ("remueve", "remueven", "removiendo"),
    "atravesar": ("atraviesa", "atraviesan", "atravesando"),
    "llover": ("llueve", "lloviendo"),
    "nevar": ("nieva", "nevando"),
    "esquiar": ("esquía", "esquían", "esquiando"),
    "enfriar": ("enfría", "enfrían", "enfriando"),
}


def spanish_verb_forms(infinitive: str) -> set[str]:
    """correr -> corre, corren, corriendo, corrido; cocinar -> cocina, cocinan, cocinando, cocinado.

    Third persons and gerunds are what prompts use ("una chef cocinando", "dos perros corren")."""
    if " " in infinitive:  # "dar de comer": the first word is the verb
        verb, rest = infinitive.split(" ", 1)
        return {f"{form} {rest}" for form in spanish_verb_forms(verb)}
    reflexive = infinitive.endswith("se")
    base = infinitive[:-2] if reflexive else infinitive
    forms = {infinitive}
    if infinitive in _ES_IRREGULAR:
        forms |= set(_ES_IRREGULAR[infinitive])
        if infinitive.endswith("se"):
            return forms
    stem, ending = base[:-2], base[-2:]
    if ending == "ar":
        regular = {stem + "a", stem + "an", stem + "ando", stem + "ado", stem + "ada"}
    elif ending in ("er", "ir"):
        regular = {stem + "e", stem + "en", stem + "iendo", stem + "ido", stem + "ida"}
    else:
        return forms
    if infinitive not in _ES_IRREGULAR:
        forms |= regular
    else:
        forms |= {f for f in regular if f.endswith(("ado", "ido", "ada", "ida"))}
    if reflexive:  # "se sienta": the pronoun comes first in the third person
        vowel = "a" if ending == "ar" else "e"
        forms |= {f"se {stem}{vowel}", f"se {stem}{vowel}n"}
    return forms
