"""English and Spanish words the planner recognises.

Each table maps a plan value to the words that select it. Matching is on lower-cased, accent-kept
words (and a few two-word phrases), so "playa" and "beach" both pick the beach. Order matters where
noted: the first matching entry wins.
"""

from __future__ import annotations

# fmt: off
# (word tables read best packed several words to a line)

SETTINGS: dict[str, tuple[str, ...]] = {
    "space": (
        "space", "outer space", "galaxy", "nebula", "planet", "spaceship", "spacecraft", "space station",
        "asteroid", "cosmos", "moon surface", "mars", "espacio", "galaxia", "nebulosa", "planeta",
        "nave espacial", "estación espacial", "asteroide", "cosmos", "marte",
    ),
    "indoor": (
        "room", "kitchen", "living room", "bedroom", "office", "cafe", "café", "restaurant", "bar",
        "classroom", "library", "studio", "apartment", "indoors", "inside", "hall", "habitación",
        "cocina", "sala", "dormitorio", "oficina", "cafetería", "restaurante", "aula", "biblioteca",
        "estudio", "apartamento", "piso", "dentro",
    ),
    "beach": (
        "beach", "sea", "ocean", "shore", "coast", "seaside", "surf", "surfing", "island", "bay",
        "waves", "playa", "mar", "océano", "oceano", "costa", "orilla", "isla", "bahía", "olas",
    ),
    "lake": ("lake", "river", "pond", "lagoon", "lago", "río", "rio", "estanque", "laguna"),
    "city": (
        "city", "street", "streets", "downtown", "skyline", "rooftop", "traffic", "avenue", "neon",
        "skyscraper", "skyscrapers", "metropolis", "new york", "tokyo", "paris", "london", "madrid",
        "barcelona", "ciudad", "calle", "calles", "centro", "azotea", "tráfico", "avenida",
        "rascacielos", "metrópolis",
    ),
    "forest": (
        "forest", "woods", "jungle", "rainforest", "trees", "grove", "bosque", "selva", "árboles",
        "arboleda",
    ),
    "mountains": (
        "mountain", "mountains", "peak", "peaks", "summit", "cliff", "cliffs", "valley", "alps",
        "canyon", "montaña", "montañas", "sierra", "cumbre", "pico", "acantilado", "valle", "cañón",
    ),
    "desert": ("desert", "dunes", "dune", "sahara", "oasis", "desierto", "dunas", "duna"),
    "snow": (
        "arctic", "antarctica", "glacier", "tundra", "iceberg", "polar", "igloo", "snowfield",
        "ártico", "antártida", "glaciar", "tundra", "iglú",
    ),
    "countryside": (
        "field", "fields", "meadow", "farm", "countryside", "village", "garden", "park", "hills",
        "prairie", "campo", "pradera", "granja", "aldea", "jardín", "parque", "colinas", "prado",
    ),
}

TIMES_OF_DAY: dict[str, tuple[str, ...]] = {
    "night": (
        "night", "midnight", "nighttime", "moonlight", "moonlit", "starry", "stars", "noche",
        "medianoche", "nocturno", "nocturna", "luna", "estrellas", "estrellada",
    ),
    "sunset": (
        "sunset", "dusk", "evening", "golden hour", "twilight", "atardecer", "anochecer", "ocaso",
        "crepúsculo", "puesta de sol",
    ),
    "dawn": (
        "dawn", "sunrise", "daybreak", "early morning", "amanecer", "alba", "madrugada", "aurora",
    ),
    "day": (
        "day", "daytime", "noon", "midday", "morning", "afternoon", "sunny", "sunshine", "día",
        "mediodía", "mañana", "soleado", "sol",
    ),
}

WEATHER: dict[str, tuple[str, ...]] = {
    "storm": (
        "storm", "stormy", "thunder", "thunderstorm", "lightning", "hurricane", "tempest", "tormenta",
        "trueno", "truenos", "relámpago", "relámpagos", "rayo", "rayos", "huracán", "tempestad",
    ),
    "snow": (
        "snow", "snowy", "snowing", "snowfall", "blizzard", "snowflakes", "nieve", "nevando", "nieva",
        "nevada", "ventisca", "copos",
    ),
    "rain": (
        "rain", "rainy", "raining", "drizzle", "downpour", "showers", "lluvia", "lluvioso", "lloviendo",
        "llueve", "llovizna", "aguacero",
    ),
    "fog": ("fog", "foggy", "mist", "misty", "haze", "hazy", "niebla", "neblina", "bruma", "brumoso"),
    "wind": (
        "wind", "windy", "breeze", "gust", "gusts", "gale", "viento", "ventoso", "brisa", "ráfaga",
        "ráfagas", "vendaval",
    ),
    "clear": ("clear", "clear sky", "cloudless", "despejado", "cielo despejado"),
}

MOODS: dict[str, tuple[str, ...]] = {
    "tense": (
        "tense", "scary", "ominous", "horror", "suspense", "creepy", "eerie", "mysterious", "danger",
        "dark", "fear", "tenso", "tensa", "miedo", "terror", "siniestro", "misterioso", "misteriosa",
        "peligro", "oscuro", "oscura",
    ),
    "sad": (
        "sad", "melancholic", "melancholy", "lonely", "gloomy", "tears", "crying", "grief", "triste",
        "melancólico", "melancólica", "solitario", "solitaria", "lágrimas", "llorando",
    ),
    "epic": (
        "epic", "dramatic", "heroic", "majestic", "triumphant", "battle", "épico", "épica", "dramático",
        "dramática", "heroico", "majestuoso", "batalla",
    ),
    "romantic": (
        "romantic", "love", "kiss", "date", "romance", "romántico", "romántica", "amor", "beso", "cita",
    ),
    "happy": (
        "happy", "joyful", "cheerful", "fun", "playful", "party", "celebrate", "celebration", "dance",
        "dancing", "laughing", "feliz", "alegre", "divertido", "divertida", "fiesta", "celebración",
        "baila", "bailando", "riendo",
    ),
    "calm": (
        "calm", "peaceful", "serene", "relaxing", "quiet", "gentle", "cozy", "tranquilo", "tranquila",
        "sereno", "serena", "relajante", "paz", "acogedor",
    ),
}

CAMERAS: dict[str, tuple[str, ...]] = {
    "orbit": (
        "orbit", "orbits", "orbiting", "circles around", "360", "arc shot", "órbita", "orbita",
        "gira alrededor", "rodea",
    ),
    "pan_left": (
        "pan left", "pans left", "panning left", "paneo a la izquierda", "panea a la izquierda",
    ),
    "pan_right": (
        "pan right", "pans right", "panning right", "pan", "pans", "panning", "paneo", "panorámica",
        "paneo a la derecha", "panea a la derecha", "tracking shot", "travelling",
    ),
    "push_in": (
        "push in", "pushes in", "zoom in", "zooms in", "dolly in", "close-up", "closeup", "close up",
        "zoom", "acercamiento", "se acerca", "primer plano",
    ),
    "pull_out": (
        "pull out", "pulls out", "pull back", "pulls back", "zoom out", "zooms out", "dolly out",
        "wide shot", "se aleja", "plano general", "alejamiento",
    ),
    "tilt_up": ("tilt up", "tilts up", "crane up", "inclina hacia arriba"),
    "tilt_down": ("tilt down", "tilts down", "crane down", "inclina hacia abajo"),
    "static": (
        "static", "still shot", "locked", "tripod", "fixed camera", "cámara fija", "plano fijo", "fija",
    ),
}

# Words that begin a new shot when they open a sentence or clause.
SHOT_MARKERS: tuple[str, ...] = (
    "cut to", "then", "later", "after that", "afterwards", "meanwhile", "finally",
    "corte a", "luego", "después", "despues", "más tarde", "mas tarde", "mientras tanto", "finalmente",
    "entonces",
)

# kind, species, gender for nouns that name a subject; plural forms are matched too.
SUBJECT_NOUNS: dict[str, tuple[str, str, str]] = {
    # people
    "man": ("person", "person", "male"), "woman": ("person", "person", "female"),
    "boy": ("person", "child", "male"), "girl": ("person", "child", "female"),
    "child": ("person", "child", "unknown"), "kid": ("person", "child", "unknown"),
    "person": ("person", "person", "unknown"), "friend": ("person", "person", "unknown"),
    "astronaut": ("person", "astronaut", "unknown"), "chef": ("person", "person", "unknown"),
    "dancer": ("person", "person", "unknown"), "surfer": ("person", "person", "unknown"),
    "grandma": ("person", "person", "female"), "grandpa": ("person", "person", "male"),
    "knight": ("person", "person", "male"), "detective": ("person", "person", "unknown"),
    "musician": ("person", "person", "unknown"), "singer": ("person", "person", "unknown"),
    "robot": ("person", "robot", "unknown"),
    "hombre": ("person", "person", "male"), "mujer": ("person", "person", "female"),
    "niño": ("person", "child", "male"), "niña": ("person", "child", "female"),
    "chico": ("person", "child", "male"), "chica": ("person", "child", "female"),
    "persona": ("person", "person", "unknown"), "amigo": ("person", "person", "male"),
    "amiga": ("person", "person", "female"), "astronauta": ("person", "astronaut", "unknown"),
    "abuela": ("person", "person", "female"), "abuelo": ("person", "person", "male"),
    "caballero": ("person", "person", "male"), "bailarina": ("person", "person", "female"),
    "bailarín": ("person", "person", "male"), "cantante": ("person", "person", "unknown"),
    # animals
    "fox": ("animal", "fox", "unknown"), "dog": ("animal", "dog", "unknown"),
    "puppy": ("animal", "dog", "unknown"), "cat": ("animal", "cat", "unknown"),
    "kitten": ("animal", "cat", "unknown"), "bird": ("animal", "bird", "unknown"),
    "owl": ("animal", "bird", "unknown"), "seagull": ("animal", "bird", "unknown"),
    "horse": ("animal", "horse", "unknown"), "rabbit": ("animal", "rabbit", "unknown"),
    "bunny": ("animal", "rabbit", "unknown"), "bear": ("animal", "bear", "unknown"),
    "wolf": ("animal", "wolf", "unknown"), "deer": ("animal", "deer", "unknown"),
    "fish": ("animal", "fish", "unknown"), "whale": ("animal", "whale", "unknown"),
    "dolphin": ("animal", "fish", "unknown"), "penguin": ("animal", "penguin", "unknown"),
    "cow": ("animal", "cow", "unknown"), "sheep": ("animal", "sheep", "unknown"),
    "zorro": ("animal", "fox", "male"), "zorra": ("animal", "fox", "female"),
    "perro": ("animal", "dog", "male"), "perra": ("animal", "dog", "female"),
    "perrito": ("animal", "dog", "male"), "gato": ("animal", "cat", "male"),
    "gata": ("animal", "cat", "female"), "gatito": ("animal", "cat", "male"),
    "pájaro": ("animal", "bird", "unknown"), "pajaro": ("animal", "bird", "unknown"),
    "búho": ("animal", "bird", "unknown"), "gaviota": ("animal", "bird", "unknown"),
    "caballo": ("animal", "horse", "male"), "conejo": ("animal", "rabbit", "male"),
    "oso": ("animal", "bear", "male"), "lobo": ("animal", "wolf", "male"),
    "ciervo": ("animal", "deer", "male"), "pez": ("animal", "fish", "unknown"),
    "ballena": ("animal", "whale", "female"), "delfín": ("animal", "fish", "male"),
    "pingüino": ("animal", "penguin", "male"), "vaca": ("animal", "cow", "female"),
    "oveja": ("animal", "sheep", "female"),
    # objects
    "car": ("object", "car", "unknown"), "taxi": ("object", "car", "unknown"),
    "boat": ("object", "boat", "unknown"), "ship": ("object", "boat", "unknown"),
    "sailboat": ("object", "boat", "unknown"), "balloon": ("object", "balloon", "unknown"),
    "kite": ("object", "kite", "unknown"), "rocket": ("object", "rocket", "unknown"),
    "bicycle": ("object", "bicycle", "unknown"), "bike": ("object", "bicycle", "unknown"),
    "umbrella": ("object", "umbrella", "unknown"), "lantern": ("object", "lantern", "unknown"),
    "coche": ("object", "car", "unknown"), "auto": ("object", "car", "unknown"),
    "barco": ("object", "boat", "unknown"), "velero": ("object", "boat", "unknown"),
    "globo": ("object", "balloon", "unknown"), "cometa": ("object", "kite", "unknown"),
    "cohete": ("object", "rocket", "unknown"), "bicicleta": ("object", "bicycle", "unknown"),
    "paraguas": ("object", "umbrella", "unknown"), "farol": ("object", "lantern", "unknown"),
}

# Action verbs (any form containing the stem) -> figure animation.
ACTIONS: dict[str, tuple[str, ...]] = {
    "dance": ("danc", "bail"),
    "run": ("run", "runs", "running", "corre", "corriendo", "sprint"),
    "walk": ("walk", "stroll", "wander", "camina", "caminando", "pasea", "paseando", "anda"),
    "fly": ("fly", "flies", "flying", "soar", "vuela", "volando"),
    "swim": ("swim", "swims", "swimming", "nada", "nadando"),
    "sit": ("sit", "sits", "sitting", "seated", "sienta", "sentado", "sentada"),
}

SPEECH_VERBS: dict[str, str] = {
    "says": "says", "say": "says", "said": "says", "asks": "says", "asked": "says", "replies": "says",
    "replied": "says", "answers": "says", "answered": "says", "adds": "says", "explains": "says",
    "whispers": "whispers", "whispered": "whispers", "whisper": "whispers",
    "shouts": "shouts", "shouted": "shouts", "yells": "shouts", "yelled": "shouts", "screams": "shouts",
    "exclaims": "shouts", "cries": "shouts", "sings": "sings", "sang": "sings",
    "dice": "says", "dijo": "says", "pregunta": "says", "preguntó": "says", "responde": "says",
    "respondió": "says", "contesta": "says", "añade": "says", "explica": "says",
    "susurra": "whispers", "susurró": "whispers", "grita": "shouts", "gritó": "shouts",
    "exclama": "shouts", "canta": "sings", "cantó": "sings",
}

PRONOUNS: dict[str, str] = {
    "he": "male", "she": "female", "they": "unknown", "it": "unknown",
    "él": "male", "el": "male", "ella": "female", "ellos": "unknown", "ellas": "female",
}

FEMALE_NAMES: frozenset[str] = frozenset(
    ["ana", "maría", "maria", "lucía", "lucia", "sofía", "sofia", "laura", "carmen", "elena", "marta", "paula", "sara", "julia", "isabel", "valentina", "camila", "daniela", "alice", "emma", "olivia", "mia", "amelia", "sophia", "ava", "grace", "lily", "chloe", "zoe", "kate", "mary", "sarah", "jane", "anna", "emily", "rose", "nora", "luna", "eva", "clara", "inés", "ines", "pilar", "rosa", "beatriz", "alba", "irene"]
)
MALE_NAMES: frozenset[str] = frozenset(
    ["bob", "tom", "john", "james", "david", "michael", "daniel", "pablo", "juan", "carlos", "luis", "miguel", "javier", "jorge", "pedro", "diego", "mateo", "lucas", "leo", "hugo", "alex", "max", "sam", "jack", "liam", "noah", "oliver", "ethan", "ben", "george", "peter", "paul", "mark", "manuel", "antonio", "josé", "jose", "francisco", "rafael", "andrés", "andres", "sergio", "marco", "tim", "joe"]
)

# Function words used to tell English from Spanish.
ENGLISH_WORDS: frozenset[str] = frozenset(
    ["the", "a", "an", "and", "of", "to", "in", "is", "are", "it", "this", "that", "with", "for", "on", "at", "you", "i", "we", "they", "he", "she", "my", "your", "what", "where", "how", "why", "hello", "hi", "yes", "no", "not", "but", "be", "was", "were", "have", "has", "do", "does", "let's", "lets", "look", "here", "there", "come", "go", "good", "thanks", "thank", "please", "love", "beautiful"]
)
SPANISH_WORDS: frozenset[str] = frozenset(
    ["el", "la", "los", "las", "un", "una", "unos", "unas", "y", "de", "del", "que", "en", "es", "son", "está", "están", "esto", "eso", "con", "para", "por", "al", "yo", "tú", "tu", "nosotros", "ellos", "él", "ella", "mi", "mis", "su", "hola", "sí", "no", "pero", "muy", "qué", "cómo", "dónde", "por", "qué", "gracias", "vamos", "mira", "aquí", "allí", "ven", "bueno", "buenos", "buenas", "días", "noches", "tarde", "hermoso", "hermosa", "te", "quiero", "amigo", "amiga", "también", "ahora"]
)

# Capitalised words that open sentences and are not names.
NOT_NAMES: frozenset[str] = frozenset(
    ["the", "a", "an", "in", "on", "at", "then", "and", "but", "with", "as", "after", "before", "while", "when", "meanwhile", "finally", "later", "next", "cut", "close", "wide", "slow", "fast", "it", "he", "she", "they", "we", "i", "this", "that", "there", "here", "camera", "shot", "scene", "el", "la", "los", "las", "un", "una", "en", "y", "pero", "con", "luego", "después", "mientras", "finalmente", "entonces", "más", "corte", "cámara", "plano", "escena", "él", "ella", "ellos", "nosotros", "yo", "esta", "este", "hay", "aquí", "one", "two", "three", "four", "uno", "dos", "tres", "cuatro", "some", "several", "many", "algunos", "varios"]
)

# Prepositions before a capitalised word that make it a place, not a person.
PLACE_PREPOSITIONS: frozenset[str] = frozenset(
    ["in", "at", "to", "from", "into", "near", "through", "over", "across", "en", "a", "de", "desde", "hacia", "por", "cerca"]
)
# fmt: on
