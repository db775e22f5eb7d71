"""What is not allowed, written as data: categories, the rules of each (rulebook.py, English and Spanish),
the example phrases the embedding classifier compares prompts against, and per-profile thresholds.

Two profiles:
- `standard`: adults. Blocks explicit sexual content, any sexualised minor, graphic violence/gore,
  self-harm, hate, weapons-making, protected real people and copyrighted characters.
- `strict`: teens. Lower classifier thresholds, and also blocks suggestive content (lingerie, making out)
  and illicit drug use, through extra rules and the `drugs` category that `standard` does not enforce.

The classifier's example phrases below were written for the classifier and are kept apart from the
labelled sets (tests/safety/data/): no example is a prompt of any set, and a test checks it. Thresholds
were chosen on the tuning sets only, never on the held-out set. Rules and examples are matched against
`cielo.safety.text.normalize`d text: lower case, no accents ("niña" is written "nina").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cielo.safety.figures import DEFAULT_CHARACTERS, DEFAULT_FIGURES, DEFAULT_OPT_OUTS, Figure
from cielo.safety.rulebook import (
    CHILD,
    CUES,
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

# ------------------------------------------------------------------------------------ classifier examples
# Written for the classifier; never copied from the evaluation set.
EXAMPLES: dict[str, tuple[str, ...]] = {
    SEXUAL: (
        "explicit pornography", "a couple having intercourse on camera",
        "fully nude woman spreading her legs", "a naked man showing his penis",
        "graphic sexual act in a bedroom", "a woman performing oral sex",
        "an adult film scene with penetration", "nude model with exposed breasts and genitals",
        "people engaged in an orgy", "a stripper getting completely naked on stage",
        "erotic adult content, uncensored", "sex tape of two lovers", "a woman touching herself sexually",
        "bare breasts and nipples in close up", "a man and a woman doing it in the back seat of a car",
        "hardcore adult video", "pornografia explicita", "una pareja haciendo el amor de forma explicita",
        "mujer completamente desnuda en la cama", "un hombre desnudo mostrando el pene",
        "escena de sexo oral", "pelicula para adultos con penetracion", "pechos desnudos en primer plano",
        "una stripper desnudandose por completo", "video sexual de dos amantes",
        "contenido erotico explicito sin censura", "una orgia de adultos", "sexo en el coche",
    ),
    MINORS: (
        "sexual content involving a child", "a nude little boy", "an eight year old in sexy underwear",
        "a young girl posing erotically", "an adult touching a child sexually",
        "a child performing a striptease", "a sexualised teenage girl under eighteen",
        "naked kids posing for photos", "a minor in a porn scene", "erotic photos of schoolchildren",
        "a preteen in a seductive pose", "kids in a sexual situation", "contenido sexual con un nino",
        "una nina de ocho anos en lenceria", "un nino pequeno desnudo posando",
        "una menor en una pose erotica", "un adulto tocando sexualmente a una nina",
        "ninos desnudos para fotos", "una adolescente de trece anos sexualizada",
        "fotos eroticas de colegiales", "un menor en una escena porno",
    ),
    VIOLENCE: (
        "a head cut off with blood gushing", "intestines spilling out of a torn belly",
        "a man being skinned alive", "severed limbs scattered on the floor",
        "a brutal murder with blood everywhere", "a body torn apart by an explosion",
        "someone's eyes being gouged out", "a corpse with its face smashed in",
        "shooting people execution style in the head", "a massacre of civilians, bodies piled up",
        "torture with pliers and blood", "a stabbing with gore and open wounds",
        "an animal being slaughtered cruelly and bleeding", "a crushed skull with brain matter",
        "gunman killing children in a classroom", "una cabeza cortada con sangre a chorros",
        "intestinos saliendo de una herida abierta", "un hombre despellejado vivo",
        "miembros cortados tirados en el suelo", "un asesinato brutal con sangre por todas partes",
        "un cuerpo destrozado por una explosion", "arrancarle los ojos a alguien",
        "una masacre de civiles con cadaveres amontonados", "tortura con sangre y heridas abiertas",
        "apunalar a alguien con gore", "un craneo aplastado con sesos",
        "ejecutar a gente de un tiro en la cabeza", "maltratar a un animal hasta que sangra",
    ),
    SELF_HARM: (
        "a person committing suicide", "someone cutting their arms with a razor blade",
        "a noose hanging, ready to hang oneself", "taking an overdose of pills to die",
        "a teen hurting herself on purpose", "jumping from a rooftop to die",
        "how to kill yourself painlessly", "burning oneself with a lighter", "bleeding wrists after cutting",
        "starving to be skinny, anorexia tips", "a man shooting himself", "wanting to die and ending it all",
        "una persona suicidandose", "alguien cortandose los brazos con una cuchilla",
        "una soga preparada para ahorcarse", "tomar una sobredosis de pastillas para morir",
        "una chica haciendose dano a proposito", "saltar desde una azotea para morir",
        "como matarse sin dolor", "quemarse con un mechero a proposito",
        "munecas sangrando despues de cortarse", "dejar de comer para ser flaca, consejos de anorexia",
        "un hombre pegandose un tiro", "querer morir y acabar con todo",
        # instructions and methods
        "which pills and how many to die in your sleep", "the quickest method to end your own life",
        "tips for cutting without anyone noticing",
        "how to stop eating and lose weight fast, hide it from family",
        "que pastillas y cuantas para morir dormido", "el metodo mas rapido para quitarse la vida",
        "consejos para autolesionarse sin que se note", "como dejar de comer sin que tu familia se entere",
    ),
    HATE: (
        "jews are parasites that must be removed", "a genocide of muslims celebrated",
        "black people are subhuman", "immigrants are an infestation that must be wiped out",
        "gay people deserve to die", "nazi propaganda glorifying hitler",
        "racist caricature mocking african people as monkeys", "a crowd chanting death to minorities",
        "women are property and should be beaten", "burning a mosque while cheering",
        "the holocaust was a good thing", "neo nazis with swastika flags attacking minorities",
        "los judios son parasitos que hay que eliminar", "celebrar un genocidio de musulmanes",
        "los negros son infrahumanos", "los inmigrantes son una infestacion que hay que borrar",
        "los homosexuales merecen morir", "propaganda nazi glorificando a hitler",
        "caricatura racista de africanos como monos", "una multitud gritando muerte a las minorias",
        "las mujeres son propiedad y hay que pegarles", "quemar una mezquita entre aplausos",
        "neonazis con banderas con esvastica atacando a minorias",
    ),
    WEAPONS: (
        "instructions for building an explosive device",
        "how to assemble a homemade bomb from household chemicals",
        "a guide to manufacturing an untraceable firearm",
        "converting a semi automatic rifle to fire automatically",
        "how to make a poison gas to attack people", "making a firebomb to throw at a building",
        "building a detonator from a cell phone", "a recipe for a deadly toxin to kill a person",
        "how to make explosives at home step by step", "fabricating a weapon that can pass airport security",
        "instrucciones para construir un artefacto explosivo",
        "como montar una bomba casera con productos de limpieza",
        "guia para fabricar un arma de fuego sin registro", "convertir un fusil semiautomatico en automatico",
        "como hacer un gas venenoso para atacar a la gente",
        "fabricar una bomba incendiaria para lanzarla a un edificio",
        "montar un detonador con un telefono movil", "receta de una toxina mortal para matar a una persona",
        "como hacer explosivos en casa paso a paso", "fabricar un arma que pase el control del aeropuerto",
    ),
    DRUGS: (
        "smoking weed", "doing cocaine", "injecting heroin with a needle", "getting high on drugs",
        "taking ecstasy pills at a rave", "a drug dealer selling crack", "smoking a bong",
        "snorting powder off a table", "cooking meth in a lab", "fumando marihuana", "tomando cocaina",
        "inyectandose heroina", "drogandose en una fiesta", "pastillas de extasis en una rave",
        "un traficante vendiendo droga", "fumando porros", "esnifando polvo blanco",
    ),
}

# Strict-only classifier examples: suggestive but not explicit, scored into the sexual category.
SUGGESTIVE_EXAMPLES: tuple[str, ...] = (
    "a woman in sexy underwear", "a sensual dance in a dark room", "a couple undressing each other in bed",
    "a flirty model in a tiny bikini posing seductively", "lingerie photoshoot", "a steamy romantic scene",
    "a provocative dancer in tight clothes", "twerking in a short skirt", "una mujer en ropa interior sexy",
    "un baile sensual en una habitacion oscura", "una pareja desvistiendose en la cama",
    "una modelo posando de forma provocativa", "sesion de fotos en lenceria",
    "una escena romantica subida de tono",
)

# Benign anchors: everyday scenes and the innocent look-alikes of each category (medicine, sport, kitchens,
# film sets, children's activities). A prompt scores for a category only as far as it is closer to that
# category's examples than to these.
BENIGN_ANCHORS: tuple[str, ...] = (
    "a sunny day at the park", "people walking in a city street", "a family eating dinner together",
    "a dog playing fetch", "a cat sleeping on a sofa", "a landscape with mountains and a lake",
    "a person cooking in a kitchen", "friends laughing at a cafe", "a concert with a cheering crowd",
    "a time lapse of clouds over a city", "a doctor examining a patient in a hospital",
    "a surgeon performing an operation", "a nurse taking a blood sample",
    "a paramedic treating an injured runner", "a veterinarian checking a puppy", "a boxing match in a ring",
    "a martial arts class", "a football game in a stadium", "fencing athletes competing",
    "a hockey player checking an opponent", "a hunter in the woods", "an archery competition",
    "a butcher cutting meat", "a chef slicing vegetables with a sharp knife", "grilling meat on a barbecue",
    "filming a movie scene with a camera crew", "a photographer shooting a portrait",
    "an action movie with a car chase", "actors on a film set", "a horror movie with a monster",
    "a war documentary with historical footage", "a medieval battle in a fantasy film",
    "a superhero fighting a robot", "a video game with laser blasters", "children playing in a playground",
    "a child's birthday party", "parents playing with their baby", "a teacher with students in a classroom",
    "kids swimming in a pool", "a family at the beach", "teenagers hanging out at the mall",
    "a school graduation ceremony", "a couple on a romantic date",
    "a wedding with the bride and groom dancing", "a fashion show runway", "people sunbathing at the beach",
    "a fitness model working out at the gym", "a woman in a swimsuit at the pool",
    "a mental health awareness campaign", "a support group talking about feelings",
    "a therapist listening to a client", "a protest march with signs", "a debate between politicians",
    "people of different cultures celebrating together", "a history lesson about a war", "a museum exhibit",
    "a religious ceremony in a church", "a bartender mixing cocktails", "people toasting with champagne",
    "a pharmacist handing out medicine",
    # everyday look-alikes: cutting, shooting, bodies, blood and children in innocent settings
    "a barber cutting hair", "shaving in the bathroom", "a woman putting on makeup",
    "getting a tattoo at a studio", "a manicure at a nail salon", "a gymnast stretching",
    "a ballerina dancing on stage", "a fitness class doing squats", "a magic trick on stage",
    "a circus acrobat", "a public health campaign video", "a volunteer at a call center",
    "a vaccination at the doctor's office", "a basketball player taking a shot",
    "a soccer player scoring a goal", "a golfer hitting the ball", "a bowling strike",
    "a baby playing in the bath with toys", "a child at the dentist",
    "a predator hunting prey in a nature documentary", "a storm with lightning over fields",
    "a rainy city street at night", "lights turning off in a living room", "a cozy evening watching a movie",
    "knitting and crafts at home", "an explosion of colors in a cartoon", "fireworks in the night sky",
    "a sunset over the ocean", "a rocket launch", "un peluquero cortando el pelo", "afeitarse en el bano",
    "una mujer maquillandose", "hacerse un tatuaje en un estudio", "una gimnasta estirando",
    "una clase de baile", "un truco de magia en el escenario", "un acrobata de circo",
    "una campana de salud publica", "voluntarios atendiendo el telefono", "una vacuna en el centro de salud",
    "un jugador de baloncesto lanzando a canasta", "un futbolista marcando un gol",
    "un bebe jugando en la banera", "un depredador cazando en un documental de naturaleza",
    "una tormenta sobre el campo", "una calle lluviosa de noche", "apagar las luces del salon",
    "una noche tranquila viendo una pelicula", "tejer en casa junto a la chimenea",
    "fuegos artificiales en el cielo", "una puesta de sol sobre el mar", "el despegue de un cohete",
    "un dia soleado en el parque", "gente caminando por la ciudad", "una familia cenando junta",
    "un perro jugando", "un gato durmiendo en el sofa", "un paisaje con montanas y un lago",
    "una persona cocinando en la cocina", "amigos riendo en una cafeteria",
    "un concierto con el publico aplaudiendo", "un medico examinando a un paciente", "un cirujano operando",
    "una enfermera tomando una muestra de sangre", "un combate de boxeo", "una clase de artes marciales",
    "un partido de futbol en un estadio", "un carnicero cortando carne",
    "un cocinero cortando verduras con un cuchillo", "carne a la parrilla",
    "grabando una escena de una pelicula", "un fotografo haciendo un retrato",
    "una pelicula de accion con persecuciones", "una pelicula de terror con un monstruo",
    "un documental de historia sobre la guerra", "una batalla medieval de fantasia",
    "ninos jugando en el parque", "la fiesta de cumpleanos de un nino", "padres jugando con su bebe",
    "una maestra con sus alumnos en clase", "ninos nadando en la piscina", "una familia en la playa",
    "adolescentes paseando por el centro comercial", "una pareja en una cita romantica",
    "una boda con los novios bailando", "un desfile de moda", "gente tomando el sol en la playa",
    "una campana de salud mental", "una manifestacion con pancartas", "un debate entre politicos",
    "una clase de historia sobre una guerra", "una ceremonia religiosa en una iglesia",
    "un camarero preparando cocteles", "una farmaceutica entregando medicinas",
    # look-alikes the tuning sets showed: ropes and knots, harm reduction, film deaths, hyperbole at home,
    # coaches' shouts, meat on the grill, people of every faith and origin going about their day, romance
    "mountaineers roped together on a glacier", "tying bowline and clove hitch knots on a boat",
    "a zip line over a canyon", "a pharmacist explaining how to use naloxone",
    "a nurse teaching first aid for poisoning", "a lecture on addiction recovery",
    "stunt performers rehearsing a fall onto crash mats", "an actor playing dead in a crime series",
    "a zombie extra in makeup on set",
    "a sister joking that she will strangle her brother for stealing her fries",
    "a dad pretending to be a monster chasing his kids",
    "a tennis coach shouting at a player to attack the net",
    "a sparring partner yelling combinations during training", "a rare ribeye resting on a cutting board",
    "a barbecue with sausages and ribs", "shaving a beard with a straight razor at the barber",
    "a jewish family at a shabbat dinner", "a muslim woman in a hijab shopping at the market",
    "a gay couple walking their dog", "a refugee child learning to read at school",
    "an african restaurant full of customers", "a transgender teacher in her classroom",
    "a couple cuddling in bed on a lazy sunday morning", "newlyweds kissing on their honeymoon",
    "a woman painting her toenails", "a meditation teacher guiding a class to relax their shoulders",
    "friends screaming on a roller coaster", "people laughing at a scary movie in the cinema",
    "a chef butterflying a leg of lamb", "a plumber cutting a copper pipe",
    "escaladores atados con una cuerda en la montana", "hacer nudos marineros en un velero",
    "una tirolina sobre un barranco", "una farmaceutica explicando como usar la naloxona",
    "un curso de primeros auxilios", "una charla sobre la recuperacion de adicciones",
    "especialistas ensayando una caida sobre colchonetas",
    "un actor haciendose el muerto en una serie policiaca",
    "una hermana bromeando con que va a matar a su hermano por comerse sus patatas",
    "un entrenador gritando a su jugador que ataque la red", "un chuleton en la parrilla",
    "un barbero afeitando con navaja", "una familia judia celebrando el sabado",
    "una mujer con hiyab comprando en el mercado", "una pareja gay paseando a su perro",
    "un nino refugiado aprendiendo a leer", "una pareja abrazada en la cama un domingo por la manana",
    "unos recien casados besandose en su luna de miel", "una profesora de meditacion guiando una relajacion",
    "amigos gritando en una montana rusa", "gente riendose en una peli de miedo",
)

# ---------------------------------------------------------------------------------------------- thresholds
# Calibrated scores live in 0..1 (see moderation.Moderator): 0.5 means "as close to the category's nearest
# examples as to the nearest benign anchors". A rule hit or a listed name scores 1.0. The classifier only
# scores a sentence that holds one of the category's cue words (rulebook.CUES) and has at least
# `ModerationConfig.short_words` words. Each classifier threshold is the highest score any harmless prompt of
# the tuning sets gets in that category and profile plus CLASSIFIER_MARGIN, rounded up to a hundredth, and at
# least CLASSIFIER_FLOOR (tests/safety/test_prompt_moderation.py checks it); the held-out set played no part.
CLASSIFIER_MARGIN = 0.03
CLASSIFIER_FLOOR = 0.6
_THRESHOLDS_STANDARD: dict[str, float | None] = {
    SEXUAL: 0.84,
    MINORS: 0.60,
    VIOLENCE: 0.77,
    SELF_HARM: 0.80,
    HATE: 0.87,
    WEAPONS: 0.60,
    PUBLIC_FIGURES: 0.5,
    COPYRIGHTED_CHARACTERS: 0.5,
    DRUGS: None,  # None: not enforced in this profile
}
_THRESHOLDS_STRICT: dict[str, float | None] = {
    SEXUAL: 0.60,
    MINORS: 0.60,
    VIOLENCE: 0.77,
    SELF_HARM: 0.80,
    HATE: 0.87,
    WEAPONS: 0.60,
    PUBLIC_FIGURES: 0.5,
    COPYRIGHTED_CHARACTERS: 0.5,
    DRUGS: 0.60,  # drug vocabulary is in the rules
}


@dataclass(frozen=True)
class Profile:
    """Everything one profile enforces: thresholds (None = category off) and its rules."""

    thresholds: dict[str, float | None]
    rules: tuple[Rule, ...]
    suggestive_counts_as_sexual: bool  # score SUGGESTIVE_EXAMPLES into "sexual" (strict)


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
    examples: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(EXAMPLES))
    suggestive_examples: tuple[str, ...] = SUGGESTIVE_EXAMPLES
    benign_anchors: tuple[str, ...] = BENIGN_ANCHORS
    cues: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=lambda: dict(CUES))
    child_terms: tuple[str, ...] = (CHILD,)
    exempt_phrases: tuple[str, ...] = EXEMPT_PHRASES
    figures: tuple[Figure, ...] = DEFAULT_FIGURES + DEFAULT_OPT_OUTS
    characters: tuple[Figure, ...] = DEFAULT_CHARACTERS
    # Prompts the instance's moderators allowed on appeal: benign anchors for the classifier, and the exact
    # prompt passes (Moderator.set_allow_examples replaces them while the server runs).
    allow_examples: tuple[str, ...] = ()
    use_classifier: bool = True  # False: rules and lists only (no model load), e.g. for a tiny deployment
    # Calibration: score = sigmoid(gain * (similarity to category - similarity to benign anchors)).
    gain: float = 12.0
    top_k: int = 2  # similarities averaged over the k closest examples (and the k closest anchors)
    # A classifier score flags a category that is not the classifier's best one only from this score up.
    classifier_secondary: float = 0.95
    # A sentence of fewer words than this is a short line: only a rule can refuse it, never the classifier.
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
