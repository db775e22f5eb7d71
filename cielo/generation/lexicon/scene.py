"""Places, times of day, weather, moods and camera moves, with the English and Spanish words for each.

A place name here is a setting the preview engine has a landscape for; "field/sunflowers" is a
variant of a setting. Matching finds these phrases anywhere in a clause (longer phrases beat the
words inside them); where two places match, the one listed first wins, so specific places (a
kitchen) come before general ones (a house, a city).
"""

from __future__ import annotations

# fmt: off

PLACES: dict[str, tuple[str, str]] = {
    # interiors first: "a kitchen in the city" is a kitchen
    "kitchen": ("kitchen, kitchenette, cookery, cooking class", "cocina"),
    "bedroom": ("bedroom, nursery, dorm room, hotel room", "dormitorio, habitación, cuarto, alcoba, recámara"),
    "office": ("office, workplace, cubicle, coworking, newsroom, meeting room, conference room, studio office", "oficina, despacho, sala de reuniones, redacción"),
    "classroom": ("classroom, school, lecture hall, kindergarten, university", "aula, clase, escuela, colegio, universidad, guardería"),
    "laboratory": ("laboratory, lab, science lab, workshop, garage", "laboratorio, taller, garaje"),
    "hospital": ("hospital, clinic, emergency room, doctor's office, ward, hospital corridor", "hospital, clínica, consulta, urgencias, quirófano"),
    "library": ("library, bookstore, bookshop, study room", "biblioteca, librería, sala de estudio"),
    "restaurant": ("restaurant, dining room, canteen, cafeteria, food court, pizzeria", "restaurante, comedor, cantina, pizzería"),
    "restaurant/cafe": ("cafe, café, coffee shop, tea room, bistro, diner, bakery cafe", "cafetería, café bar, salón de té, bistró"),
    "restaurant/bar": ("bar, pub, tavern, saloon, inn, nightclub bar", "bar, taberna, mesón, posada, pub, cantina del oeste"),
    "shop": ("shop, store, supermarket, grocery store, market, mall, boutique, toy store, flower shop", "tienda, supermercado, mercado, centro comercial, boutique, juguetería, floristería"),
    "shop/bakery": ("bakery, patisserie, pastry shop, bakehouse", "panadería, pastelería, obrador"),
    "stage": ("stage, spotlight, spotlights, concert, concert hall, theater, theatre, opera house, nightclub, club, disco, dance floor, party, festival stage, karaoke, circus", "escenario, foco, focos, concierto, sala de conciertos, teatro, ópera, discoteca, club, pista de baile, fiesta, karaoke, circo"),
    "hall/museum": ("museum, art gallery, gallery, exhibition", "museo, galería, galería de arte, exposición"),
    "hall": ("hall, ballroom, mansion, palace hall, throne room, great hall, corridor, hallway, church, cathedral, temple, chapel, dungeon, tower room, dark tower, tower, haunted house, manor", "salón, mansión, sala del trono, pasillo, corredor, iglesia, catedral, templo, capilla, mazmorra, torre, casa encantada"),
    "indoor": ("living room, studio, art studio, atelier, room, apartment, flat, home, house, indoors, inside, lounge, attic, basement, bathroom, hotel lobby, lobby, gym, cabin interior", "sala de estar, estudio, salita, apartamento, piso, casa, hogar, dentro, ático, sótano, baño, vestíbulo, gimnasio"),
    # exteriors
    "underwater": ("underwater, under water, under the sea, undersea, ocean floor, seabed, sea floor, coral reef, reef, deep sea, aquarium", "bajo el agua, bajo el mar, fondo del mar, fondo marino, arrecife, arrecife de coral, acuario, mar profundo"),
    "space": ("space, outer space, galaxy, nebula, cosmos, orbit, space station, spaceship interior, starfield, universe", "espacio, espacio exterior, galaxia, nebulosa, cosmos, órbita, universo"),
    "moon": ("moon surface, on the moon, lunar surface, the moon's surface, lunar", "superficie lunar, en la luna, sobre la luna"),
    "mars": ("mars, red planet, martian desert, alien planet, another planet", "marte, planeta rojo, otro planeta, planeta alienígena"),
    "castle": ("castle, fortress, palace, citadel, courtyard, kingdom, medieval town, castle walls, battlements, keep, ramparts", "castillo, fortaleza, palacio, ciudadela, patio del castillo, reino, murallas, almenas"),
    "stadium": ("stadium, arena, pitch, soccer field, football field, football pitch, court, basketball court, tennis court, sports field, gym court, boxing ring", "estadio, cancha, campo de fútbol, pista de tenis, pabellón, cuadrilátero, ring"),
    "stadium/track": ("race track, racetrack, racing track, circuit, track, speedway, velodrome", "circuito, pista de carreras, autódromo, velódromo"),
    "rooftop": ("rooftop, rooftops, roof, roofs, skyline view rooftop, helipad", "azotea, azoteas, tejado, tejados, helipuerto"),
    "terrace": ("terrace, balcony, patio, porch, deck, veranda, sun deck", "terraza, balcón, patio, porche, veranda, terracita"),
    "street": ("street, avenue, alley, alleyway, sidewalk, crosswalk, boulevard, plaza, town square, main street, market street, crossroads, intersection", "calle, avenida, callejón, acera, bulevar, plaza, plaza mayor, cruce, esquina"),
    "city": ("city, downtown, skyline, metropolis, skyscraper, skyscrapers, new york, tokyo, paris, london, madrid, barcelona, buenos aires, mexico city, los angeles, chicago, hong kong, cyberpunk city, neon city, urban, town center, abandoned city", "ciudad, centro, centro de la ciudad, rascacielos, metrópolis, urbe, ciudad abandonada"),
    "harbor": ("harbor, harbour, port, dock, docks, pier, marina, wharf, boardwalk, quay", "puerto, muelle, embarcadero, dársena, malecón"),
    "village": ("village, town, small town, hamlet, countryside town, old town, pueblo", "pueblo, aldea, villa, pueblito, casco antiguo"),
    "road": ("road, highway, motorway, freeway, country road, coastal road, dirt road, route", "carretera, autopista, autovía, camino, sendero de tierra, ruta"),
    "beach": ("beach, sea, ocean, shore, coast, seaside, seashore, surf, bay, coastline, waves, sand", "playa, mar, océano, costa, orilla, bahía, olas, arena, litoral"),
    "island": ("island, tropical island, desert island, islet, atoll", "isla, isla desierta, isla tropical, islote, atolón"),
    "lake": ("lake, river, pond, lagoon, stream, creek, waterfall, canal, riverbank, riverside", "lago, río, estanque, laguna, arroyo, cascada, catarata, canal, ribera"),
    "snow": ("arctic, antarctica, glacier, tundra, iceberg, polar, north pole, ice, frozen lake, snowfield, ski slope, ski resort, snowy field, ice rink", "ártico, antártida, glaciar, tundra, iceberg, polo norte, hielo, lago helado, pista de esquí, estación de esquí, pista de hielo"),
    "volcano": ("volcano, lava, crater, volcanic, magma", "volcán, lava, cráter, volcánico, magma"),
    "cave": ("cave, cavern, grotto, mine, tunnel, underground, crypt", "cueva, caverna, gruta, mina, túnel, subterráneo, cripta"),
    "jungle": ("jungle, rainforest, tropical forest, amazon, swamp, marsh, bayou", "selva, jungla, bosque tropical, amazonas, pantano, ciénaga"),
    "savanna": ("savanna, savannah, waterhole, watering hole, safari, grassland, plains, outback, serengeti, prairie, steppe", "sabana, abrevadero, safari, llanura, pradera, estepa"),
    "desert": ("desert, dunes, dune, sahara, oasis, canyon, badlands, wild west", "desierto, dunas, duna, sáhara, oasis, cañón, lejano oeste"),
    "mountains": ("mountain, mountains, peak, peaks, summit, cliff, cliffs, alps, himalaya, mountain top, hilltop, ridge, mountain pass", "montaña, montañas, sierra, cumbre, pico, acantilado, alpes, himalaya, cima, cordillera"),
    "forest": ("forest, woods, woodland, trees, grove, enchanted forest, pine forest, clearing, campsite, camp", "bosque, arboleda, árboles, claro del bosque, bosque encantado, campamento"),
    "garden": ("garden, backyard, greenhouse, orchard, vineyard, yard, courtyard garden, flower garden, vegetable garden, botanical garden", "jardín, huerto, huerta, invernadero, vergel, viñedo, patio trasero, jardín botánico"),
    "park": ("park, playground, zoo, picnic area, city park, skate park, amusement park, fairground, theme park", "parque, zoo, zoológico, parque infantil, parque de atracciones, feria"),
    "farm": ("farm, barnyard, ranch, stable, farmyard, pasture, chicken coop, pigsty", "granja, rancho, establo, cortijo, corral, pasto, gallinero, pocilga"),
    "field/sunflowers": ("sunflower field, field of sunflowers, sunflowers field", "campo de girasoles"),
    "field/lavender": ("lavender field, field of lavender, lavender fields", "campo de lavanda, campo de lavanda"),
    "field/wheat": ("wheat field, field of wheat, cornfield, corn field, field of corn, rice field, paddy, hayfield", "trigal, campo de trigo, maizal, campo de maíz, arrozal"),
    "field/flowers": ("flower field, field of flowers, tulip field, poppy field, meadow of flowers, wildflowers", "campo de flores, campo de tulipanes, campo de amapolas"),
    "field": ("field, fields, meadow, meadows, grassland meadow", "campo, campos, prado, prados"),
    "countryside": ("countryside, hills, hill, hillside, valley, rolling hills, green hills, village outskirts, nature, outdoors, outside", "campiña, colinas, colina, ladera, valle, naturaleza, al aire libre, fuera"),
}

TIMES_OF_DAY: dict[str, tuple[str, ...]] = {
    "night": (
        "night", "midnight", "nighttime", "at night", "moonlight", "moonlit", "starry", "stars", "starry night",
        "noche", "medianoche", "nocturno", "nocturna", "luna", "estrellas", "estrellada", "de noche",
    ),
    "sunset": (
        "sunset", "dusk", "evening", "golden hour", "twilight", "atardecer", "anochecer", "ocaso",
        "crepúsculo", "puesta de sol", "tarde noche",
    ),
    "dawn": ("dawn", "sunrise", "daybreak", "early morning", "amanecer", "alba", "madrugada", "aurora"),
    "day": (
        "day", "daytime", "noon", "midday", "morning", "afternoon", "sunny", "sunshine", "sunlit", "bright",
        "día", "mediodía", "mañana", "soleado", "soleada", "sol", "tarde", "luminoso", "luminosa",
    ),
}

WEATHER: dict[str, tuple[str, ...]] = {
    "storm": (
        "storm", "stormy", "thunder", "thunderstorm", "lightning", "hurricane", "tempest", "tormenta",
        "trueno", "truenos", "relámpago", "relámpagos", "rayo", "rayos", "huracán", "tempestad",
    ),
    "snow": (
        "snow", "snowy", "snowing", "snowfall", "blizzard", "snowflakes", "nieve", "nevando", "nieva",
        "nevada", "nevado", "nevadas", "nevados", "ventisca", "copos",
    ),
    "rain": (
        "rain", "rainy", "raining", "drizzle", "downpour", "showers", "rainfall", "rains", "lluvia",
        "lluvioso", "lluviosa", "lloviendo", "llueve", "llovizna", "aguacero", "chaparrón",
    ),
    "fog": ("fog", "foggy", "mist", "misty", "haze", "hazy", "niebla", "neblina", "bruma", "brumoso", "brumosa"),
    "wind": (
        "wind", "windy", "breeze", "gust", "gusts", "gale", "viento", "ventoso", "ventosa", "brisa", "ráfaga",
        "ráfagas", "vendaval",
    ),
    "clear": ("clear", "clear sky", "cloudless", "despejado", "cielo despejado"),
}

MOODS: dict[str, tuple[str, ...]] = {
    "tense": (
        "tense", "scary", "ominous", "horror", "suspense", "creepy", "eerie", "mysterious", "danger",
        "dark", "fear", "haunted", "spooky", "tenso", "tensa", "miedo", "terror", "siniestro", "misterioso",
        "misteriosa", "peligro", "oscuro", "oscura", "encantada", "tenebroso",
    ),
    "sad": (
        "sad", "melancholic", "melancholy", "lonely", "gloomy", "tears", "crying", "grief", "empty",
        "abandoned", "triste", "melancólico", "melancólica", "solitario", "solitaria", "lágrimas", "llorando",
        "vacío", "vacía", "abandonado", "abandonada",
    ),
    "epic": (
        "epic", "dramatic", "heroic", "majestic", "triumphant", "battle", "fights", "duel", "épico", "épica",
        "dramático", "dramática", "heroico", "majestuoso", "batalla", "lucha", "duelo",
    ),
    "romantic": (
        "romantic", "love", "kiss", "date", "romance", "romántico", "romántica", "amor", "beso", "cita",
    ),
    "happy": (
        "happy", "joyful", "cheerful", "fun", "playful", "party", "celebrate", "celebration", "dance",
        "dancing", "laughing", "birthday", "feliz", "alegre", "divertido", "divertida", "fiesta", "celebración",
        "baila", "bailando", "riendo", "cumpleaños",
    ),
    "calm": (
        "calm", "peaceful", "serene", "relaxing", "quiet", "gentle", "cozy", "cosy", "tranquilo", "tranquila",
        "sereno", "serena", "relajante", "paz", "acogedor", "acogedora",
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
        "zoom", "acercamiento", "se acerca la cámara", "primer plano",
    ),
    "pull_out": (
        "pull out", "pulls out", "pull back", "pulls back", "zoom out", "zooms out", "dolly out",
        "wide shot", "se aleja la cámara", "plano general", "alejamiento",
    ),
    "tilt_up": ("tilt up", "tilts up", "crane up", "inclina hacia arriba"),
    "tilt_down": ("tilt down", "tilts down", "crane down", "inclina hacia abajo"),
    "static": (
        "static", "still shot", "locked", "tripod", "fixed camera", "cámara fija", "plano fijo",
    ),
}

# Words that begin a new shot when they open a sentence or clause.
SHOT_MARKERS: tuple[str, ...] = (
    "cut to", "then", "later", "after that", "afterwards", "meanwhile", "finally", "next", "suddenly",
    "corte a", "luego", "después", "despues", "más tarde", "mas tarde", "mientras tanto", "finalmente",
    "entonces", "de repente",
)

# A place a thing implies when the prompt names none: a dragon lives in a castle, a chef in a kitchen.
# Checked in order, so a knight with a dragon is at a castle before anything else is considered.
IMPLIED_PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("space", ("astronaut", "spaceship", "ufo", "alien", "planet_prop", "star_prop")),
    ("underwater", ("coral", "octopus", "jellyfish", "shark", "starfish", "diver", "submarine")),
    ("field/sunflowers", ("sunflowers",)),
    ("field/lavender", ("lavender",)),
    ("castle", ("knight", "dragon", "king", "queen", "prince", "princess", "crown", "viking", "unicorn")),
    ("hall", ("ghost", "vampire", "coffin")),
    ("kitchen", ("chef", "paella", "pan", "pancakes", "tortilla", "soup")),
    ("shop/bakery", ("baker", "bread", "cupcake")),
    ("restaurant", ("waiter", "pizza", "pasta", "sushi", "burger")),
    ("restaurant/cafe", ("coffee",)),
    ("hospital", ("doctor", "nurse", "patient", "wheelchair")),
    ("classroom", ("teacher", "student", "blackboard")),
    ("laboratory", ("scientist", "flask", "robot")),
    ("office", ("businessperson", "laptop")),
    ("library", ("book",)),
    ("stage", ("singer", "musician", "microphone", "turntable", "piano", "drum", "clown", "dancer", "magician")),
    ("stadium", ("athlete", "soccer_ball", "goal", "trophy", "boxer", "basketball", "tennis")),
    ("beach", ("surfer", "surfboard", "sandcastle", "wave", "mermaid", "dolphin", "whale", "seal", "crab",
               "seagull", "pirate", "sailboat", "ship", "boat", "canoe")),
    ("snow", ("skier", "skis", "snowman", "penguin", "sled", "santa", "seal")),
    ("savanna", ("lion", "giraffe", "zebra", "elephant", "rhino", "hippo", "leopard", "kangaroo")),
    ("jungle", ("monkey", "gorilla", "parrot", "snake", "crocodile", "frog", "tiger")),
    ("desert", ("camel", "cowboy", "lizard")),
    ("farm", ("farmer", "cow", "pig", "sheep", "goat", "chicken", "tractor", "donkey", "duck")),
    ("forest", ("wolf", "bear", "deer", "fox", "owl", "squirrel", "hedgehog", "raccoon", "elf", "tent",
                "campfire", "explorer", "witch", "wizard", "fairy")),
    ("lake", ("fisherman", "fishing_rod", "swan", "fish")),
    ("street", ("police", "taxi", "bus", "car", "motorcycle", "skateboard", "skater", "firefighter",
                "truck", "zombie")),
    ("city", ("superhero", "helicopter")),
    ("road", ("cyclist", "bicycle", "van")),
    ("mountains", ("eagle", "goat")),
    ("park", ("bench", "kite", "dog", "balloon", "fountain")),
    ("garden", ("flowers", "butterfly", "bee", "bush", "ladybug", "snail")),
    ("indoor", ("cat", "christmas_tree", "gift", "cake", "chair", "bed", "clock", "phone")),
)
# fmt: on


def place_of(name: str) -> tuple[str, str]:
    """"field/sunflowers" -> ("field", "sunflowers"); "kitchen" -> ("kitchen", "")."""
    setting, _, variant = name.partition("/")
    return setting, variant
