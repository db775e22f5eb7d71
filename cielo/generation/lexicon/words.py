"""Words that are not things: function words, adjectives, colours, numbers, names, speech verbs.

The reader needs them twice: to tell a thing from the words around it ("a big red dragon"), and to
know which words in a noun's place are nouns it cannot draw ("a giraffe in a laundromat": the
laundromat is reported, "big" and "red" are not).
"""

from __future__ import annotations

# fmt: off
# (word lists read best packed several words to a line)

SPEECH_VERBS: dict[str, str] = {
    "says": "says", "say": "says", "said": "says", "asks": "says", "asked": "says", "replies": "says",
    "replied": "says", "answers": "says", "answered": "says", "adds": "says", "explains": "says",
    "whispers": "whispers", "whispered": "whispers", "whisper": "whispers", "murmurs": "whispers",
    "shouts": "shouts", "shouted": "shouts", "yells": "shouts", "yelled": "shouts", "screams": "shouts",
    "exclaims": "shouts", "cries": "shouts", "sings": "sings", "sang": "sings", "calls": "shouts",
    "dice": "says", "dijo": "says", "pregunta": "says", "preguntó": "says", "responde": "says",
    "respondió": "says", "contesta": "says", "añade": "says", "explica": "says", "comenta": "says",
    "susurra": "whispers", "susurró": "whispers", "murmura": "whispers", "grita": "shouts", "gritó": "shouts",
    "exclama": "shouts", "canta": "sings", "cantó": "sings",
}

PRONOUNS: dict[str, str] = {
    "he": "male", "she": "female", "they": "unknown", "it": "unknown",
    "él": "male", "el": "male", "ella": "female", "ellos": "unknown", "ellas": "female",
}

FEMALE_NAMES: frozenset[str] = frozenset(
    ["ana", "maría", "maria", "lucía", "lucia", "sofía", "sofia", "laura", "carmen", "elena", "marta", "paula", "sara", "julia", "isabel", "valentina", "camila", "daniela", "alice", "emma", "olivia", "mia", "amelia", "sophia", "ava", "grace", "lily", "chloe", "zoe", "kate", "mary", "sarah", "jane", "anna", "emily", "rose", "nora", "luna", "eva", "clara", "inés", "ines", "pilar", "rosa", "beatriz", "alba", "irene", "lola", "marina", "noa", "nuria", "teresa", "cristina", "patricia", "raquel", "silvia", "ella", "ellie", "hannah", "lucy", "maya", "nina", "rachel", "sophie", "anne", "linda", "susan", "amy", "jess", "jessica", "martina", "jimena", "ximena", "lupe", "guadalupe", "frida", "leila", "aisha", "yuki", "mei", "priya", "fatima"]
)
MALE_NAMES: frozenset[str] = frozenset(
    ["bob", "tom", "john", "james", "david", "michael", "daniel", "pablo", "juan", "carlos", "luis", "miguel", "javier", "jorge", "pedro", "diego", "mateo", "lucas", "leo", "hugo", "alex", "max", "sam", "jack", "liam", "noah", "oliver", "ethan", "ben", "george", "peter", "paul", "mark", "manuel", "antonio", "josé", "jose", "francisco", "rafael", "andrés", "andres", "sergio", "marco", "tim", "joe", "arthur", "harry", "charlie", "henry", "oscar", "felix", "adam", "ryan", "kevin", "mike", "nick", "alberto", "fernando", "ramón", "ramon", "raúl", "raul", "enrique", "alejandro", "álvaro", "alvaro", "iker", "gonzalo", "rodrigo", "emilio", "santiago", "nico", "kenji", "omar", "ali", "raj", "chen", "ivan", "igor", "rex", "fido", "toby", "rufus", "buddy", "milo"]
)

# Function words, used to tell English from Spanish and never read as names or things.
ENGLISH_WORDS: frozenset[str] = frozenset(
    ["the", "a", "an", "and", "of", "to", "in", "is", "are", "it", "this", "that", "with", "for", "on", "at", "you", "i", "we", "they", "he", "she", "my", "your", "what", "where", "how", "why", "hello", "hi", "yes", "no", "not", "but", "be", "was", "were", "have", "has", "do", "does", "let's", "lets", "look", "here", "there", "come", "go", "good", "thanks", "thank", "please", "love", "beautiful", "while", "as", "from", "into", "onto", "over", "under", "through", "by", "near", "his", "her", "their", "its", "our", "who", "which", "then", "when", "some", "all", "every", "each", "very", "so", "just", "up", "down", "out", "off", "around", "behind", "beside", "between", "across", "along", "toward", "towards", "past", "after", "before", "during", "inside", "outside", "next", "against", "among", "above", "below", "beneath", "himself", "herself", "themselves", "them", "him", "me", "us", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "too", "also", "again", "still", "only", "other", "another", "same", "together", "away", "back", "now", "being", "been", "am", "can", "will", "would", "could", "should", "must", "may", "might", "if", "or", "nor", "than", "these", "those", "whose", "whom", "about", "like", "something", "someone", "everyone", "nobody", "anything", "nothing", "everything", "everywhere", "somewhere", "nearby", "slowly", "quickly", "suddenly", "gently", "happily", "far", "much", "many", "more", "most", "few", "several", "lot", "lots", "onto", "upon", "amid", "amidst", "within", "without", "beyond", "throughout", "underneath", "till", "until", "since", "because", "though", "although", "yet"]
)
SPANISH_WORDS: frozenset[str] = frozenset(
    ["el", "la", "los", "las", "un", "una", "unos", "unas", "y", "de", "del", "que", "en", "es", "son", "está", "están", "esto", "eso", "con", "para", "por", "al", "yo", "tú", "tu", "nosotros", "ellos", "él", "ella", "mi", "mis", "su", "sus", "hola", "sí", "no", "pero", "muy", "qué", "cómo", "dónde", "gracias", "vamos", "mira", "aquí", "allí", "ven", "bueno", "buenos", "buenas", "días", "noches", "hermoso", "hermosa", "te", "quiero", "también", "ahora", "mientras", "sobre", "bajo", "entre", "hacia", "desde", "hasta", "sin", "tras", "ante", "contra", "durante", "junto", "cerca", "lejos", "dentro", "fuera", "encima", "debajo", "delante", "detrás", "frente", "alrededor", "se", "le", "lo", "les", "nos", "me", "cada", "todo", "toda", "todos", "todas", "otro", "otra", "otros", "otras", "mismo", "misma", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "aquella", "cuando", "donde", "como", "porque", "si", "ya", "aún", "muy", "más", "menos", "tan", "tanto", "mucho", "mucha", "muchos", "muchas", "poco", "pocos", "varios", "varias", "algunos", "algunas", "alguien", "nadie", "algo", "nada", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "juntos", "juntas", "lentamente", "rápidamente", "despacio", "suavemente", "de repente", "otra", "vez", "hay", "era", "fue", "ser", "estar", "tiene", "tienen", "su", "cuyo", "mientras", "luego"]
)

# Words that open a noun phrase: a thing in the next word (or after adjectives) is a named thing.
DETERMINERS: frozenset[str] = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "my", "your", "our", "some", "any", "every", "each", "another", "other", "no", "several", "many", "few", "lots", "both", "all",
     "un", "una", "unos", "unas", "el", "la", "los", "las", "su", "sus", "mi", "mis", "tu", "tus", "nuestro", "nuestra", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "aquella", "al", "del", "algún", "alguna", "algunos", "algunas", "varios", "varias", "muchos", "muchas", "cada", "otro", "otra", "otros", "otras", "ambos", "ambas"]
)
PREPOSITIONS: frozenset[str] = frozenset(
    ["with", "in", "on", "at", "into", "onto", "near", "under", "over", "beside", "behind", "between", "among", "through", "across", "along", "past", "toward", "towards", "around", "inside", "outside", "above", "below", "beneath", "from", "by", "without", "against", "like", "of", "for", "to", "upon", "amid", "off",
     "con", "en", "sobre", "bajo", "entre", "por", "de", "a", "hacia", "desde", "hasta", "sin", "tras", "contra", "para", "junto", "cerca", "frente", "delante", "detrás", "dentro", "fuera", "encima", "debajo", "alrededor"]
)
# After these, an unknown noun is a place ("in a laundromat"), not a thing.
PLACE_PREPOSITIONS: frozenset[str] = frozenset(
    ["in", "at", "inside", "into", "through", "across", "to", "from", "en", "dentro", "desde", "hacia", "por"]
)
CONJUNCTIONS: frozenset[str] = frozenset(
    ["and", "or", "but", "while", "as", "when", "then", "so", "because", "until", "y", "e", "o", "u", "pero", "mientras", "cuando", "luego", "que", "porque", "hasta"]
)

# Counts: a number word in front of a thing makes that many of it.
COUNT_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a pair of": 2, "a couple of": 2, "pair of": 2, "couple of": 2, "both": 2, "a few": 3, "few": 3,
    "several": 3, "some": 3, "many": 5, "lots of": 5, "a lot of": 5, "a group of": 4, "group of": 4,
    "a dozen": 6, "dozens of": 6, "hundreds of": 6, "a bunch of": 4, "a herd of": 3, "a flock of": 5,
    "a pack of": 3, "a school of": 4, "a team of": 4, "a crowd of": 6,
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "un par de": 2, "par de": 2, "ambos": 2, "ambas": 2, "unos": 3, "unas": 3, "algunos": 3,
    "algunas": 3, "varios": 3, "varias": 3, "muchos": 5, "muchas": 5, "un grupo de": 4, "grupo de": 4,
    "una docena de": 6, "decenas de": 6, "cientos de": 6, "una manada de": 3, "una bandada de": 5,
    "un montón de": 5, "un equipo de": 4, "una multitud de": 6, "un banco de": 4,
}

COLORS: dict[str, tuple[int, int, int]] = {
    "red": (210, 50, 50), "blue": (50, 100, 210), "green": (60, 160, 80), "yellow": (240, 200, 40),
    "orange": (240, 130, 40), "purple": (140, 70, 180), "violet": (150, 90, 200), "pink": (240, 130, 170),
    "black": (35, 35, 40), "white": (240, 240, 240), "grey": (140, 140, 145), "gray": (140, 140, 145),
    "brown": (130, 85, 50), "golden": (230, 180, 60), "gold": (230, 180, 60), "silver": (195, 200, 210),
    "turquoise": (50, 190, 190), "navy": (30, 40, 100), "beige": (220, 200, 160), "teal": (30, 130, 130),
    "rojo": (210, 50, 50), "roja": (210, 50, 50), "azul": (50, 100, 210), "verde": (60, 160, 80),
    "amarillo": (240, 200, 40), "amarilla": (240, 200, 40), "naranja": (240, 130, 40), "morado": (140, 70, 180),
    "morada": (140, 70, 180), "violeta": (150, 90, 200), "rosa": (240, 130, 170), "rosado": (240, 130, 170),
    "negro": (35, 35, 40), "negra": (35, 35, 40), "blanco": (240, 240, 240), "blanca": (240, 240, 240),
    "gris": (140, 140, 145), "marrón": (130, 85, 50), "dorado": (230, 180, 60), "dorada": (230, 180, 60),
    "plateado": (195, 200, 210), "plateada": (195, 200, 210), "turquesa": (50, 190, 190),
}

# Adjectives and adverbs that may stand between a determiner and a thing, or after it in Spanish.
ADJECTIVES: frozenset[str] = frozenset(
    ["big", "small", "little", "tiny", "huge", "giant", "large", "tall", "short", "long", "old", "young", "new", "ancient", "modern", "happy", "sad", "angry", "scared", "brave", "cute", "fluffy", "furry", "beautiful", "pretty", "ugly", "fat", "thin", "skinny", "strong", "wise", "evil", "good", "bad", "kind", "friendly", "lonely", "lone", "lost", "sleepy", "hungry", "tired", "curious", "playful", "lazy", "busy", "crowded", "packed", "empty", "quiet", "noisy", "loud", "dark", "bright", "shiny", "sparkling", "glowing", "magical", "magic", "mysterious", "enchanted", "haunted", "abandoned", "medieval", "futuristic", "retro", "vintage", "wooden", "metal", "stone", "glass", "golden", "fiery", "icy", "frozen", "snowy", "rainy", "sunny", "windy", "foggy", "misty", "wet", "dry", "hot", "cold", "warm", "cool", "fresh", "delicious", "tasty", "giant", "mighty", "majestic", "wild", "tame", "baby", "elderly", "famous", "local", "french", "italian", "spanish", "mexican", "japanese", "chinese", "american", "british", "english", "german", "indian", "tropical", "arctic", "coastal", "urban", "rural", "small-town", "cozy", "cosy", "messy", "clean", "tidy", "fancy", "elegant", "rusty", "broken", "flying", "running", "dancing", "talking", "singing", "smiling", "laughing", "crying", "sleeping", "walking", "jumping", "swimming", "burning", "floating", "spinning", "red", "blue", "green", "yellow", "orange", "purple", "violet", "pink", "black", "white", "grey", "gray", "brown", "gold", "silver", "turquoise", "navy", "beige", "teal", "colorful", "colourful", "striped", "spotted", "multicolored", "neon", "pastel", "giant", "enormous", "massive", "mini", "miniature", "fat", "chubby", "fast", "slow", "quick", "steaming", "hot", "freshly", "baked", "homemade", "real", "fake", "toy", "cartoon", "robotic", "mechanical", "electric", "animated", "friendly", "fierce", "scary", "spooky", "creepy", "heroic", "royal", "noble", "poor", "rich", "lucky", "proud", "shy", "nervous", "excited", "calm", "peaceful", "serene", "gentle", "wild", "first", "second", "last", "next", "whole", "entire", "same", "own", "only", "single", "huge", "blonde", "blond", "redheaded", "bearded", "bald", "muscular", "fit", "pregnant", "blind", "deaf", "wounded", "injured", "sick", "drunk", "wet", "soaked", "dirty", "grumpy", "cheerful", "joyful", "silly", "funny", "clumsy", "elegant", "gorgeous", "stunning", "epic", "dramatic", "cinematic", "realistic", "stylized", "detailed", "very", "really", "extremely", "super", "quite", "rather", "slightly", "pair", "couple",
     "grande", "gran", "pequeño", "pequeña", "pequeños", "pequeñas", "chiquito", "chiquita", "enorme", "gigante", "alto", "alta", "bajo", "baja", "largo", "larga", "corto", "viejo", "vieja", "viejos", "viejas", "joven", "jóvenes", "nuevo", "nueva", "antiguo", "antigua", "moderno", "moderna", "feliz", "felices", "triste", "enfadado", "enfadada", "valiente", "mono", "mona", "bonito", "bonita", "hermoso", "hermosa", "feo", "fea", "gordo", "gorda", "flaco", "flaca", "fuerte", "sabio", "sabia", "malvado", "malvada", "bueno", "buena", "malo", "mala", "amable", "solitario", "solitaria", "perdido", "perdida", "hambriento", "hambrienta", "cansado", "cansada", "curioso", "curiosa", "juguetón", "juguetona", "perezoso", "ocupado", "lleno", "llena", "vacío", "vacía", "oscuro", "oscura", "brillante", "mágico", "mágica", "misterioso", "misteriosa", "encantado", "encantada", "abandonado", "abandonada", "medieval", "medievales", "futurista", "de madera", "metálico", "dorado", "dorada", "nevado", "nevada", "lluvioso", "soleado", "soleada", "frío", "fría", "caliente", "cálido", "cálida", "fresco", "fresca", "delicioso", "deliciosa", "salvaje", "famoso", "famosa", "francés", "francesa", "italiano", "italiana", "español", "española", "mexicano", "mexicana", "japonés", "japonesa", "tropical", "acogedor", "acogedora", "elegante", "oxidado", "roto", "rota", "volador", "voladora", "rojo", "roja", "rojos", "rojas", "azul", "azules", "verde", "verdes", "amarillo", "amarilla", "naranja", "morado", "morada", "violeta", "rosa", "rosado", "rosada", "negro", "negra", "negros", "negras", "blanco", "blanca", "blancos", "blancas", "gris", "marrón", "plateado", "plateada", "colorido", "colorida", "muy", "marino", "marina", "marinos", "polar", "medieval", "real", "feroz", "temible", "simpático", "simpática", "tímido", "tímida", "rubio", "rubia", "pelirrojo", "pelirroja", "barbudo", "calvo", "mojado", "mojada", "sucio", "sucia", "gracioso", "graciosa", "elegante", "precioso", "preciosa", "épico", "épica", "primer", "primero", "primera", "último", "última", "solo", "sola", "propio", "propia", "humeante", "recién", "casero", "casera", "orgulloso", "nervioso", "nerviosa", "tranquilo", "tranquila", "sereno", "serena", "salvaje", "rápido", "rápida", "lento", "lenta", "soleado", "vapor", "nevadas", "nevados"]
)

# Nouns the picture shows anyway or that name no thing to draw: never reported as "not drawn".
SCENE_NOUNS: frozenset[str] = frozenset(
    ["sky", "sun", "sunlight", "light", "lights", "shadow", "shadows", "air", "ground", "floor", "earth", "land", "world", "view", "scene", "shot", "camera", "video", "film", "movie", "clip", "frame", "background", "foreground", "distance", "horizon", "landscape", "scenery", "weather", "day", "night", "morning", "evening", "afternoon", "time", "moment", "moments", "second", "seconds", "minute", "minutes", "hour", "hours", "while", "way", "side", "sides", "top", "bottom", "middle", "center", "centre", "edge", "corner", "front", "back", "end", "start", "beginning", "rest", "lot", "bit", "kind", "sort", "type", "thing", "things", "stuff", "piece", "pieces", "part", "parts", "one", "ones", "other", "others", "each", "life", "love", "dream", "dreams", "story", "idea", "style", "color", "colour", "colors", "colours", "music", "song", "sound", "sounds", "noise", "voice", "voices", "word", "words", "name", "names", "hand", "hands", "face", "faces", "eye", "eyes", "head", "heads", "arm", "arms", "leg", "legs", "foot", "feet", "hair", "shoulder", "shoulders", "back", "mouth", "nose", "ear", "ears", "tail", "wings", "wing", "paw", "paws", "heart", "smile", "tears", "clothes", "outfit", "costume", "uniform", "way", "direction", "path", "trail", "water", "waters", "surface", "sea", "ocean", "waves", "wind", "breeze", "rain", "snow", "fog", "mist", "storm", "clouds", "cloud", "stars", "star", "moon", "sunset", "sunrise", "dawn", "dusk", "twilight", "glow", "reflection", "silhouette", "steam", "sparks", "dust", "sand", "mud", "dirt", "grass", "leaves", "leaf", "petals", "home", "town", "place", "spot", "area", "space", "room", "everyone", "everybody", "somebody", "anyone", "nobody", "himself", "herself", "itself", "themselves", "attention", "help", "fun", "joy", "peace", "silence", "hope", "fear", "danger", "adventure", "journey", "trip", "tour", "walk", "run", "race", "job", "work", "homework", "lesson", "class", "meeting", "party", "show", "event", "festival", "holiday", "vacation", "weekend", "birthday", "christmas", "halloween", "summer", "winter", "spring", "autumn", "fall", "year", "years", "age", "team", "way", "trick", "tricks", "slow motion", "timelapse", "close", "closeup", "close-up", "wide", "angle", "pov", "drone shot", "aerial", "aerial view", "top view", "first person", "entrance", "exit", "door", "doors", "window", "windows", "wall", "walls", "ceiling", "stairs", "steps", "step", "traffic", "crowd", "people", "audience", "goal", "point", "points", "game", "sport", "sports", "fashion", "art", "nature", "universe",
     "cielo", "sol", "luz", "luces", "sombra", "sombras", "aire", "suelo", "tierra", "mundo", "vista", "escena", "plano", "cámara", "vídeo", "video", "película", "fondo", "distancia", "horizonte", "paisaje", "tiempo", "día", "noche", "mañana", "tarde", "momento", "segundo", "segundos", "minuto", "minutos", "hora", "horas", "rato", "lado", "lados", "parte", "partes", "centro", "borde", "esquina", "frente", "final", "principio", "resto", "cosa", "cosas", "pieza", "vida", "amor", "sueño", "historia", "idea", "estilo", "color", "colores", "música", "canción", "sonido", "ruido", "voz", "voces", "palabra", "palabras", "nombre", "mano", "manos", "cara", "ojos", "cabeza", "brazo", "brazos", "pierna", "piernas", "pie", "pies", "pelo", "hombro", "hombros", "espalda", "boca", "nariz", "oreja", "orejas", "cola", "alas", "ala", "pata", "patas", "corazón", "sonrisa", "lágrimas", "ropa", "traje", "disfraz", "uniforme", "camino", "agua", "superficie", "mar", "olas", "viento", "lluvia", "nieve", "niebla", "tormenta", "nubes", "nube", "estrellas", "estrella", "luna", "atardecer", "amanecer", "brillo", "reflejo", "silueta", "vapor", "chispas", "polvo", "arena", "barro", "hierba", "hojas", "hoja", "pétalos", "casa", "lugar", "sitio", "zona", "espacio", "todos", "alguien", "nadie", "atención", "ayuda", "diversión", "alegría", "paz", "silencio", "esperanza", "miedo", "peligro", "aventura", "viaje", "paseo", "carrera", "trabajo", "deberes", "lección", "reunión", "fiesta", "espectáculo", "evento", "festival", "vacaciones", "cumpleaños", "navidad", "verano", "invierno", "primavera", "otoño", "año", "años", "edad", "vez", "veces", "cámara lenta", "puerta", "puertas", "ventana", "ventanas", "pared", "paredes", "techo", "escaleras", "tráfico", "gente", "público", "punto", "juego", "deporte", "arte", "naturaleza", "universo", "hombro", "comida"]
)

# Clothing and looks: "a woman in a red dress" colours her clothes; it is not a separate thing.
ATTIRE: dict[str, str] = {
    # word -> garment the person drawing knows (dress, coat, suit, shirt, hat, glasses, cape)
    "dress": "dress", "gown": "dress", "skirt": "dress", "kimono": "dress", "sari": "dress", "robe": "coat",
    "coat": "coat", "raincoat": "coat", "jacket": "coat", "overcoat": "coat", "cloak": "cape", "cape": "cape",
    "suit": "suit", "tuxedo": "suit", "shirt": "shirt", "t-shirt": "shirt", "tshirt": "shirt", "sweater": "shirt",
    "hoodie": "shirt", "jumper": "shirt", "top": "shirt", "blouse": "shirt", "tracksuit": "shirt", "jersey": "shirt",
    "overalls": "shirt", "apron": "shirt", "bikini": "shirt", "swimsuit": "shirt", "pajamas": "shirt",
    "jeans": "shirt", "trousers": "shirt", "pants": "shirt", "shorts": "shirt", "shoes": "shirt", "boots": "shirt",
    "sneakers": "shirt", "tie": "suit", "glasses": "glasses", "sunglasses": "glasses",
    "hat": "hat", "cap": "hat", "beanie": "hat", "beret": "hat",
    "vestido": "dress", "falda": "dress", "bata": "coat", "abrigo": "coat", "chaqueta": "coat", "chubasquero": "coat",
    "impermeable": "coat", "capa": "cape", "traje": "suit", "camisa": "shirt", "camiseta": "shirt",
    "sudadera": "shirt", "blusa": "shirt", "pijama": "shirt", "delantal": "shirt",
    "bañador": "shirt", "pantalones": "shirt", "vaqueros": "shirt", "zapatos": "shirt", "botas": "shirt",
    "gafas": "glasses", "lentes": "glasses", "gorra": "hat", "boina": "hat",
}
# fmt: on
