"""What is not allowed, written as data: categories, keyword/regex rules (English and Spanish), the
example phrases the embedding classifier compares prompts against, and per-profile thresholds.

Two profiles:
- `standard`: adults. Blocks explicit sexual content, any sexualised minor, graphic violence/gore,
  self-harm, hate, protected real people and copyrighted characters.
- `strict`: teens. Lower thresholds everywhere, and also blocks suggestive content (lingerie, making out)
  and illicit drug use, through extra rules and the `drugs` category that `standard` does not enforce.

The classifier's example phrases below were written for the classifier and are kept apart from the
labelled evaluation set (tests/safety/data/prompts.jsonl) and the tuning set (dev_prompts.jsonl, used to
pick thresholds): no example is a prompt of either set, and a test checks it. Rules and examples are matched against `cielo.safety.text.normalize`d text: lower case, no
accents ("niña" is written "nina").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cielo.safety.figures import DEFAULT_CHARACTERS, DEFAULT_FIGURES, DEFAULT_OPT_OUTS, Figure

SEXUAL = "sexual"
MINORS = "minors"
VIOLENCE = "violence"
SELF_HARM = "self_harm"
HATE = "hate"
PUBLIC_FIGURES = "public_figures"
COPYRIGHTED_CHARACTERS = "copyrighted_characters"
DRUGS = "drugs"

# Order is severity: when several categories are violated, the first one is reported as the policy.
CATEGORIES: tuple[str, ...] = (MINORS, SEXUAL, SELF_HARM, VIOLENCE, HATE, PUBLIC_FIGURES,
                               COPYRIGHTED_CHARACTERS, DRUGS)
PROFILES: tuple[str, ...] = ("standard", "strict")

POLICY_NAMES: dict[str, str] = {
    MINORS: "child safety policy (no sexualised depiction of minors)",
    SEXUAL: "sexual content policy",
    SELF_HARM: "self-harm policy",
    VIOLENCE: "graphic violence policy",
    HATE: "hate policy",
    PUBLIC_FIGURES: "public figures policy (real people need their own consent)",
    COPYRIGHTED_CHARACTERS: "copyrighted characters policy",
    DRUGS: "drugs policy for teen accounts",
}

# ---------------------------------------------------------------------------------------------- rules
# Each rule is a regex searched in the normalised prompt; a hit sets the category's score to 1.0.
# Rules catch unambiguous vocabulary; the classifier covers paraphrases. Words with innocent senses
# ("shoot", "kill", "naked") are only written in unambiguous phrases.

_RULES_STANDARD: dict[str, tuple[str, ...]] = {
    SEXUAL: (
        r"\bporn\w*", r"\bxxx\b", r"\bnsfw\b", r"\bhentai\b", r"\bnudes?\b", r"\bnudity\b", r"\bnaked\b",
        r"\btopless\b", r"\bgenital\w*", r"\bmasturbat\w*", r"\borgasm\w*", r"\borg(y|ies)\b", r"\bthreesome\b",
        r"\bsex (scenes?|tapes?|acts?)\b", r"\bhaving sex\b", r"\b(explicit|hardcore|graphic) sex\w*",
        r"\bintercourse\b", r"\bblow ?jobs?\b", r"\bstrip ?tease\b", r"\bpenis\b", r"\bvagina\b", r"\bfuck\w*",
        r"\bdesnud[oa]s?\b", r"\bdesnudandose\b", r"\bporno\w*", r"\bsexo (explicito|oral|anal)\b", r"\bteniendo sexo\b",
        r"\brelaciones sexuales\b", r"\bgenitales\b", r"\borgias?\b", r"\bmasturb\w*", r"\ben pelotas\b",
        r"\bestriptis\b", r"\bpene\b", r"\bfoll(ar|an|ando)\b",
        r"\b(bare|exposed|naked) (breasts?|nipples?|buttocks)\b", r"\b(pechos|senos|tetas) (al aire|desnud\w*|descubiert\w*)\b",
    ),
    VIOLENCE: (
        r"\bdecapitat\w*", r"\bbehead\w*", r"\bdismember\w*", r"\bdisembowel\w*", r"\bmutilat\w*", r"\bgore\b",
        r"\bgory\b", r"\bpool of blood\b", r"\bblood (spray\w*|splatter\w*|gushing|everywhere)\b",
        r"\bguts (spill\w*|hanging|pouring)\b", r"\bbrains? (splatter\w*|blown out|comes? out|coming out)\b",
        r"\b(skinned|burned|burnt) alive\b", r"\b(school|mass) shootings?\b", r"\bbeaten to death\b",
        r"\btortured to death\b", r"\bmassacre\w*", r"\bexecution[ -]style\b", r"\bslit(s|ting)? \w+ throat\b",
        r"\bmangled (corpses?|bodies)\b", r"\bsevered (heads?|limbs?|arms?|legs?)\b", r"\bblown to (pieces|bits)\b",
        r"\b(legs?|arms?|heads?|limbs?|hands?) (blown|ripped|torn) off\b", r"\b(bones?|organs?) (showing|sticking out|exposed)\b",
        r"\b(le )?arranc(an|aron|ado|ada) (la|el|las|los) (piernas?|brazos?|cabezas?|ojos?)\b", r"\bhueso(s)? (expuesto|fuera)\b",
        r"\bdecapit\w*", r"\bdesmembr\w*", r"\bdescuartiz\w*", r"\bmutilad\w*", r"\bdegoll\w*",
        r"\bcharco de sangre\b", r"\bsangre (a chorros|salpicando|por todas partes)\b", r"\bsesos\b",
        r"\b(quemad|despellejad)[oa]s? viv[oa]s?\b", r"\bmasacre\w*", r"\btiroteo (masivo|en (un|una|el|la) (escuela|colegio|instituto))\b",
        r"\b(golpead|apalead|apalizad)[oa]s? hasta (la muerte|morir)\b", r"\btorturad[oa]s? hasta (la muerte|morir)\b",
        r"\bcadaveres (destrozados|mutilados)\b",
    ),
    SELF_HARM: (
        r"\bself[ -]?harm\w*", r"\bsuicid\w*", r"\bkill(s|ing)? (himself|herself|myself|themselves|yourself)\b",
        r"\bhang(s|ing|ed)? (himself|herself|myself|themselves|yourself)\b",
        r"\b(cut|cuts|cutting|slit|slits|slitting) (his|her|my|their|your) (own )?wrists\b",
        r"\bend(s|ing)? (his|her|my|their|your) (own )?life\b", r"\bpro[ -]?ana\b", r"\bthinspo\w*", r"\bthinspiration\b",
        r"\bautolesi\w*", r"\bcort(arse|andose) las venas\b", r"\bquit(arse|andose) la vida\b", r"\bahorc(arse|andose)\b",
        r"\b(pegarse|pegandose) un tiro\b",
    ),
    HATE: (
        r"\bheil hitler\b", r"\bsieg heil\b", r"\bwhite power\b", r"\bwhite supremac\w*", r"\bkkk\b",
        r"\bku klux\b", r"\bfinal solution\b", r"\bsolucion final\b", r"\bsupremacia blanca\b",
        # dehumanising a group: "<group> are vermin", "<grupo> son ratas"
        (
            r"\b(jews|muslims|immigrants|blacks|black people|gays|gay people|women|mexicans|gypsies|arabs|asians|christians)"
            r" (are|as) (vermin|rats|apes|monkeys|animals|cockroaches|subhuman|parasites|a plague|inferior)\b"
        ),
        (
            r"\b(judios|musulmanes|inmigrantes|negros|gays|mujeres|gitanos|mexicanos|arabes|indigenas)"
            r" (son|como) (ratas|monos|animales|cucarachas|parasitos|una plaga|inferiores|basura)\b"
        ),
        r"\b(kill|exterminate|gas) (all|the) (jews|muslims|immigrants|gays|blacks)\b",
        r"\b(matar|exterminar|eliminar) a (todos )?los (judios|musulmanes|inmigrantes|gays|negros|gitanos)\b",
    ),
    MINORS: (
        r"\bloli\b", r"\blolicon\b", r"\bshota(con)?\b", r"\bjailbait\b", r"\bchild porn\w*",
        r"\bpornografia infantil\b", r"\bcsam\b", r"\bpedo(phil\w*|fil\w*)\b",
    ),
    DRUGS: (),
}

# Strict adds suggestive vocabulary and drug use.
_RULES_STRICT_EXTRA: dict[str, tuple[str, ...]] = {
    SEXUAL: (
        r"\blingerie\b", r"\bmaking out\b", r"\bseductive\w*", r"\bsexy\b", r"\bsensual\w*", r"\berotic\w*",
        r"\bropa interior\b", r"\blenceria\b", r"\bbesandose apasionadamente\b", r"\bprovocativ\w*",
        r"\bseductor\w*", r"\btwerk\w*",
    ),
    DRUGS: (
        r"\bjoints?\b", r"\bblunts?\b", r"\bweed\b", r"\bmarijuana\b", r"\bcocaine\b", r"\bcoke\b",
        r"\bheroin\b", r"\bmeth\b", r"\blines of\b", r"\bsnort\w*", r"\bget(ting)? (high|stoned)\b",
        r"\bmarihuana\b", r"\bporros?\b", r"\bcocaina\b", r"\bheroina\b", r"\besnif\w*", r"\bdrogas?\b",
        r"\bdrogandose\b", r"\bdrugs?\b",
    ),
}

# A sexual word next to a word for a child: "minors" even when neither word alone is a problem.
CHILD_TERMS: tuple[str, ...] = (
    r"\bchild(ren)?\b", r"\bkids?\b", r"\btoddlers?\b", r"\bminors?\b", r"\bunderage\b", r"\bteen(age|ager|agers|s)?\b",
    r"\bschool ?(girl|boy)s?\b", r"\blittle (girl|boy)s?\b", r"\byoung (girl|boy)s?\b", r"\bpreteens?\b",
    r"\b([1-9]|1[0-7])[ -]?(year[ -]?old|yo|anos)\b",
    r"\bnin[oa]s?\b", r"\bmenor(es)?( de edad)?\b", r"\badolescentes?\b", r"\bcolegial(a|as|es)?\b",
    r"\bnena\b", r"\bcrios?\b", r"\bchiquill[oa]s?\b",
    (
        r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
        r"[ -]year[ -]olds?\b"
    ),
    (r"\bde (uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|diecisiete)"
    r" anos\b"),
)
CHILD_SEXUAL_TERMS: tuple[str, ...] = (
    r"\bsex(o|y|ual\w*|ualiz\w*|ualis\w*)?\b", r"\bnaked\b", r"\bnude\w*", r"\bundress\w*", r"\berotic\w*", r"\bseductiv\w*",
    r"\bprovocativ\w*", r"\blingerie\b", r"\bsensual\w*", r"\bporn\w*", r"\bstrip(ping|ped|per|pers|tease)\b",
    r"\bsuggestiv\w*", r"\bunderwear\b", r"\bdesnud\w*", r"\bropa interior\b", r"\bsugerente\b", r"\bseductor\w*", r"\blenceria\b",
    r"\bhentai\b",
)

# Phrases blanked out before rules run, because a rule word inside them is innocent.
EXEMPT_PHRASES: tuple[str, ...] = (
    r"\bnaked (mole[ -]?rats?|eye|truth|flame|ambition)\b", r"\bsuicide (prevention|awareness|hotlines?)\b",
    r"\bprevencion del suicidio\b", r"\bsuicide squad\b", r"\bgore-?tex\b", r"\bal gore\b",
    r"\bcoke (zero|bottle|can)\b", r"\bjoints? (pain|of the)\b",
)

# ------------------------------------------------------------------------------------ classifier examples
# Written for the classifier; never copied from the evaluation set.
EXAMPLES: dict[str, tuple[str, ...]] = {
    SEXUAL: (
        "explicit pornography", "a couple having intercourse on camera", "fully nude woman spreading her legs",
        "a naked man showing his penis", "graphic sexual act in a bedroom", "a woman performing oral sex",
        "an adult film scene with penetration", "nude model with exposed breasts and genitals",
        "people engaged in an orgy", "a stripper getting completely naked on stage", "erotic adult content, uncensored",
        "sex tape of two lovers", "a woman touching herself sexually", "bare breasts and nipples in close up",
        "a man and a woman doing it in the back seat of a car", "hardcore adult video",
        "pornografia explicita", "una pareja haciendo el amor de forma explicita", "mujer completamente desnuda en la cama",
        "un hombre desnudo mostrando el pene", "escena de sexo oral", "pelicula para adultos con penetracion",
        "pechos desnudos en primer plano", "una stripper desnudandose por completo", "video sexual de dos amantes",
        "contenido erotico explicito sin censura", "una orgia de adultos", "sexo en el coche",
    ),
    MINORS: (
        "sexual content involving a child", "a nude little boy", "an eight year old in sexy underwear",
        "a young girl posing erotically", "an adult touching a child sexually", "a child performing a striptease",
        "a sexualised teenage girl under eighteen", "naked kids posing for photos", "a minor in a porn scene",
        "erotic photos of schoolchildren", "a preteen in a seductive pose", "kids in a sexual situation",
        "contenido sexual con un nino", "una nina de ocho anos en lenceria", "un nino pequeno desnudo posando",
        "una menor en una pose erotica", "un adulto tocando sexualmente a una nina", "ninos desnudos para fotos",
        "una adolescente de trece anos sexualizada", "fotos eroticas de colegiales", "un menor en una escena porno",
    ),
    VIOLENCE: (
        "a head cut off with blood gushing", "intestines spilling out of a torn belly", "a man being skinned alive",
        "severed limbs scattered on the floor", "a brutal murder with blood everywhere", "a body torn apart by an explosion",
        "someone's eyes being gouged out", "a corpse with its face smashed in", "shooting people execution style in the head",
        "a massacre of civilians, bodies piled up", "torture with pliers and blood", "a stabbing with gore and open wounds",
        "an animal being slaughtered cruelly and bleeding", "a crushed skull with brain matter",
        "gunman killing children in a classroom",
        "una cabeza cortada con sangre a chorros", "intestinos saliendo de una herida abierta", "un hombre despellejado vivo",
        "miembros cortados tirados en el suelo", "un asesinato brutal con sangre por todas partes",
        "un cuerpo destrozado por una explosion", "arrancarle los ojos a alguien", "una masacre de civiles con cadaveres amontonados",
        "tortura con sangre y heridas abiertas", "apunalar a alguien con gore", "un craneo aplastado con sesos",
        "ejecutar a gente de un tiro en la cabeza", "maltratar a un animal hasta que sangra",
    ),
    SELF_HARM: (
        "a person committing suicide", "someone cutting their arms with a razor blade", "a noose hanging, ready to hang oneself",
        "taking an overdose of pills to die", "a teen hurting herself on purpose", "jumping from a rooftop to die",
        "how to kill yourself painlessly", "burning oneself with a lighter", "bleeding wrists after cutting",
        "starving to be skinny, anorexia tips", "a man shooting himself", "wanting to die and ending it all",
        "una persona suicidandose", "alguien cortandose los brazos con una cuchilla", "una soga preparada para ahorcarse",
        "tomar una sobredosis de pastillas para morir", "una chica haciendose dano a proposito",
        "saltar desde una azotea para morir", "como matarse sin dolor", "quemarse con un mechero a proposito",
        "munecas sangrando despues de cortarse", "dejar de comer para ser flaca, consejos de anorexia",
        "un hombre pegandose un tiro", "querer morir y acabar con todo",
    ),
    HATE: (
        "jews are parasites that must be removed", "a genocide of muslims celebrated", "black people are subhuman",
        "immigrants are an infestation that must be wiped out", "gay people deserve to die", "nazi propaganda glorifying hitler",
        "racist caricature mocking african people as monkeys", "a crowd chanting death to minorities",
        "women are property and should be beaten", "burning a mosque while cheering", "the holocaust was a good thing",
        "neo nazis with swastika flags attacking minorities",
        "los judios son parasitos que hay que eliminar", "celebrar un genocidio de musulmanes", "los negros son infrahumanos",
        "los inmigrantes son una infestacion que hay que borrar", "los homosexuales merecen morir",
        "propaganda nazi glorificando a hitler", "caricatura racista de africanos como monos",
        "una multitud gritando muerte a las minorias", "las mujeres son propiedad y hay que pegarles",
        "quemar una mezquita entre aplausos", "neonazis con banderas con esvastica atacando a minorias",
    ),
    DRUGS: (
        "smoking weed", "doing cocaine", "injecting heroin with a needle", "getting high on drugs", "taking ecstasy pills at a rave",
        "a drug dealer selling crack", "smoking a bong", "snorting powder off a table", "cooking meth in a lab",
        "fumando marihuana", "tomando cocaina", "inyectandose heroina", "drogandose en una fiesta",
        "pastillas de extasis en una rave", "un traficante vendiendo droga", "fumando porros", "esnifando polvo blanco",
    ),
}

# Strict-only classifier examples: suggestive but not explicit, scored into the sexual category.
SUGGESTIVE_EXAMPLES: tuple[str, ...] = (
    "a woman in sexy underwear", "a sensual dance in a dark room", "a couple undressing each other in bed",
    "a flirty model in a tiny bikini posing seductively", "lingerie photoshoot", "a steamy romantic scene",
    "a provocative dancer in tight clothes", "twerking in a short skirt",
    "una mujer en ropa interior sexy", "un baile sensual en una habitacion oscura", "una pareja desvistiendose en la cama",
    "una modelo posando de forma provocativa", "sesion de fotos en lenceria", "una escena romantica subida de tono",
)

# Benign anchors: everyday scenes and the innocent look-alikes of each category (medicine, sport, kitchens,
# film sets, children's activities). A prompt scores for a category only as far as it is closer to that
# category's examples than to these.
BENIGN_ANCHORS: tuple[str, ...] = (
    "a sunny day at the park", "people walking in a city street", "a family eating dinner together", "a dog playing fetch",
    "a cat sleeping on a sofa", "a landscape with mountains and a lake", "a person cooking in a kitchen",
    "friends laughing at a cafe", "a concert with a cheering crowd", "a time lapse of clouds over a city",
    "a doctor examining a patient in a hospital", "a surgeon performing an operation", "a nurse taking a blood sample",
    "a paramedic treating an injured runner", "a veterinarian checking a puppy",
    "a boxing match in a ring", "a martial arts class", "a football game in a stadium", "fencing athletes competing",
    "a hockey player checking an opponent", "a hunter in the woods", "an archery competition",
    "a butcher cutting meat", "a chef slicing vegetables with a sharp knife", "grilling meat on a barbecue",
    "filming a movie scene with a camera crew", "a photographer shooting a portrait", "an action movie with a car chase",
    "actors on a film set", "a horror movie with a monster", "a war documentary with historical footage",
    "a medieval battle in a fantasy film", "a superhero fighting a robot", "a video game with laser blasters",
    "children playing in a playground", "a child's birthday party", "parents playing with their baby",
    "a teacher with students in a classroom", "kids swimming in a pool", "a family at the beach",
    "teenagers hanging out at the mall", "a school graduation ceremony",
    "a couple on a romantic date", "a wedding with the bride and groom dancing", "a fashion show runway",
    "people sunbathing at the beach", "a fitness model working out at the gym", "a woman in a swimsuit at the pool",
    "a mental health awareness campaign", "a support group talking about feelings", "a therapist listening to a client",
    "a protest march with signs", "a debate between politicians", "people of different cultures celebrating together",
    "a history lesson about a war", "a museum exhibit", "a religious ceremony in a church",
    "a bartender mixing cocktails", "people toasting with champagne", "a pharmacist handing out medicine",
    # everyday look-alikes: cutting, shooting, bodies, blood and children in innocent settings
    "a barber cutting hair", "shaving in the bathroom", "a woman putting on makeup", "getting a tattoo at a studio",
    "a manicure at a nail salon", "a gymnast stretching", "a ballerina dancing on stage", "a fitness class doing squats",
    "a magic trick on stage", "a circus acrobat", "a public health campaign video", "a volunteer at a call center",
    "a vaccination at the doctor's office", "a basketball player taking a shot", "a soccer player scoring a goal",
    "a golfer hitting the ball", "a bowling strike", "a baby playing in the bath with toys", "a child at the dentist",
    "a predator hunting prey in a nature documentary", "a storm with lightning over fields", "a rainy city street at night",
    "lights turning off in a living room", "a cozy evening watching a movie", "knitting and crafts at home",
    "an explosion of colors in a cartoon", "fireworks in the night sky", "a sunset over the ocean", "a rocket launch",
    "un peluquero cortando el pelo", "afeitarse en el bano", "una mujer maquillandose", "hacerse un tatuaje en un estudio",
    "una gimnasta estirando", "una clase de baile", "un truco de magia en el escenario", "un acrobata de circo",
    "una campana de salud publica", "voluntarios atendiendo el telefono", "una vacuna en el centro de salud",
    "un jugador de baloncesto lanzando a canasta", "un futbolista marcando un gol", "un bebe jugando en la banera",
    "un depredador cazando en un documental de naturaleza", "una tormenta sobre el campo", "una calle lluviosa de noche",
    "apagar las luces del salon", "una noche tranquila viendo una pelicula", "tejer en casa junto a la chimenea",
    "fuegos artificiales en el cielo", "una puesta de sol sobre el mar", "el despegue de un cohete",
    "un dia soleado en el parque", "gente caminando por la ciudad", "una familia cenando junta", "un perro jugando",
    "un gato durmiendo en el sofa", "un paisaje con montanas y un lago", "una persona cocinando en la cocina",
    "amigos riendo en una cafeteria", "un concierto con el publico aplaudiendo",
    "un medico examinando a un paciente", "un cirujano operando", "una enfermera tomando una muestra de sangre",
    "un combate de boxeo", "una clase de artes marciales", "un partido de futbol en un estadio",
    "un carnicero cortando carne", "un cocinero cortando verduras con un cuchillo", "carne a la parrilla",
    "grabando una escena de una pelicula", "un fotografo haciendo un retrato", "una pelicula de accion con persecuciones",
    "una pelicula de terror con un monstruo", "un documental de historia sobre la guerra", "una batalla medieval de fantasia",
    "ninos jugando en el parque", "la fiesta de cumpleanos de un nino", "padres jugando con su bebe",
    "una maestra con sus alumnos en clase", "ninos nadando en la piscina", "una familia en la playa",
    "adolescentes paseando por el centro comercial", "una pareja en una cita romantica", "una boda con los novios bailando",
    "un desfile de moda", "gente tomando el sol en la playa", "una campana de salud mental",
    "una manifestacion con pancartas", "un debate entre politicos", "una clase de historia sobre una guerra",
    "una ceremonia religiosa en una iglesia", "un camarero preparando cocteles", "una farmaceutica entregando medicinas",
)

# ---------------------------------------------------------------------------------------------- thresholds
# Calibrated scores live in 0..1 (see moderation.Moderator): 0.5 means "as close to the category's nearest
# examples as to the nearest benign anchors". A rule hit or a listed name scores 1.0. The classifier
# thresholds were chosen on the tuning set (tests/safety/data/dev_prompts.jsonl), not on the evaluation set.
_THRESHOLDS_STANDARD: dict[str, float | None] = {
    SEXUAL: 0.57, MINORS: 0.57, VIOLENCE: 0.57, SELF_HARM: 0.57, HATE: 0.57,
    PUBLIC_FIGURES: 0.5, COPYRIGHTED_CHARACTERS: 0.5, DRUGS: None,  # None: not enforced in this profile
}
_THRESHOLDS_STRICT: dict[str, float | None] = {
    SEXUAL: 0.50, MINORS: 0.50, VIOLENCE: 0.50, SELF_HARM: 0.50, HATE: 0.50,
    PUBLIC_FIGURES: 0.5, COPYRIGHTED_CHARACTERS: 0.5, DRUGS: 0.58,  # drug vocabulary is in the rules
}


@dataclass(frozen=True)
class Profile:
    """Everything one profile enforces: thresholds (None = category off) and rules per category."""

    thresholds: dict[str, float | None]
    rules: dict[str, tuple[str, ...]]
    child_sexual_terms: tuple[str, ...]  # with a child word in the same sentence: "minors"
    suggestive_counts_as_sexual: bool  # score SUGGESTIVE_EXAMPLES into "sexual" (strict)


def _merge(base: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {c: base.get(c, ()) + extra.get(c, ()) for c in CATEGORIES}


def default_profiles() -> dict[str, Profile]:
    return {
        "standard": Profile(dict(_THRESHOLDS_STANDARD), _merge(_RULES_STANDARD, {}), CHILD_SEXUAL_TERMS, False),
        "strict": Profile(dict(_THRESHOLDS_STRICT), _merge(_RULES_STANDARD, _RULES_STRICT_EXTRA), CHILD_SEXUAL_TERMS, True),
    }


@dataclass(frozen=True)
class ModerationConfig:
    """All moderation knobs in one object, passed to `Moderator`; defaults are the shipped policy.

    Change one thing with `dataclasses.replace` or `with_threshold`, e.g.
    `ModerationConfig().with_threshold("strict", "violence", 0.5)`.
    """

    profiles: dict[str, Profile] = field(default_factory=default_profiles)
    examples: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(EXAMPLES))
    suggestive_examples: tuple[str, ...] = SUGGESTIVE_EXAMPLES
    benign_anchors: tuple[str, ...] = BENIGN_ANCHORS
    child_terms: tuple[str, ...] = CHILD_TERMS
    exempt_phrases: tuple[str, ...] = EXEMPT_PHRASES
    figures: tuple[Figure, ...] = DEFAULT_FIGURES + DEFAULT_OPT_OUTS
    characters: tuple[Figure, ...] = DEFAULT_CHARACTERS
    use_classifier: bool = True  # False: rules and lists only (no model load), e.g. for a tiny deployment
    # Calibration: score = sigmoid(gain * (similarity to category - similarity to benign anchors)).
    gain: float = 12.0
    top_k: int = 2  # similarities averaged over the k closest examples (and the k closest anchors)
    # A classifier score flags a category that is not the classifier's best one only from this score up.
    classifier_secondary: float = 0.95

    def with_threshold(self, profile: str, category: str, value: float | None) -> ModerationConfig:
        if profile not in self.profiles or category not in CATEGORIES:
            raise ValueError(f"unknown profile or category: {profile!r}, {category!r}")
        p = self.profiles[profile]
        profiles = dict(self.profiles)
        profiles[profile] = replace(p, thresholds={**p.thresholds, category: value})
        return replace(self, profiles=profiles)
