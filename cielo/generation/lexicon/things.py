"""The things the preview engine can draw, and the English and Spanish words that name them.

Each table maps a kind (the name the engine draws by) to its words, English then Spanish, comma
separated; a kind written "dog/golden_retriever" is a variant of a kind (drawn as a dog with that
breed's look). ":m" / ":f" after a word gives its grammatical gender, which becomes the person's.
Only singular forms are listed: plurals are generated (see forms.py).

Every kind listed here has a drawing in `cielo.generation.engines.preview` (a test checks), so a
word found here is a promise that the picture shows it.
"""

from __future__ import annotations

# fmt: off

PEOPLE: dict[str, tuple[str, str]] = {
    "person": (
        ("person, man:m, woman:f, guy:m, lady:f, gentleman:m, someone, human, adult, friend, stranger, "
        "neighbor, neighbour, tourist, traveler, traveller, passenger, customer, boyfriend:m, "
        "girlfriend:f, husband:m, wife:f, mother:f, father:m, mom:f, dad:m, mum:f, brother:m, sister:f, "
        "son:m, daughter:f, uncle:m, aunt:f, cousin, wife:f, bride:f, groom:m, teenager, teen, youth, "
        "guest, visitor, pedestrian, villager, citizen, worker, influencer, vlogger, model, actor:m, "
        "actress:f, parent, partner, lover, individual, shopper, couple member"),
        ("persona, hombre:m, mujer:f, señor:m, señora:f, chico:m, chica:f, amigo:m, amiga:f, "
        "desconocido:m, desconocida:f, vecino:m, vecina:f, turista, viajero:m, viajera:f, pasajero:m, "
        "pasajera:f, cliente, novio:m, novia:f, marido:m, esposo:m, esposa:f, madre:f, padre:m, mamá:f, "
        "papá:m, hermano:m, hermana:f, hijo:m, hija:f, tío:m, tía:f, primo:m, prima:f, adolescente, "
        "joven, invitado:m, invitada:f, visitante, peatón:m, aldeano:m, aldeana:f, trabajador:m, "
        "trabajadora:f, modelo, actor:m, actriz:f"),
    ),
    "child": (
        ("child, kid, boy:m, girl:f, toddler, schoolboy:m, schoolgirl:f, little boy:m, little girl:f, "
        "youngster, grandson:m, granddaughter:f, grandchild, nephew:m, niece:f"),
        ("niño:m, niña:f, nene:m, nena:f, crío:m, cría:f, chaval:m, chavala:f, pequeño:m, pequeña:f, "
        "nieto:m, nieta:f, sobrino:m, sobrina:f, muchacho:m, muchacha:f"),
    ),
    "baby": ("baby, infant, newborn", "bebé, bebe, recién nacido:m, recién nacida:f"),
    "elder": (
        ("grandmother:f, grandfather:m, grandma:f, grandpa:m, granny:f, old man:m, old woman:f, "
        "old lady:f, elderly man:m, elderly woman:f, grandparent, senior, pensioner"),
        ("abuela:f, abuelo:m, anciano:m, anciana:f, viejo:m, vieja:f, abuelita:f, abuelito:m, "
        "señor mayor:m, señora mayor:f, jubilado:m, jubilada:f"),
    ),
    "chef": ("chef, cook, head chef, sous chef, kitchen chef", "chef, cocinero:m, cocinera:f, jefe de cocina:m"),
    "baker": ("baker, pastry chef, confectioner", "panadero:m, panadera:f, pastelero:m, pastelera:f, repostero:m, repostera:f"),
    "waiter": (
        "waiter:m, waitress:f, bartender, barista, server, barman:m, sommelier",
        "camarero:m, camarera:f, mesero:m, mesera:f, barista, mozo:m",
    ),
    "knight": ("knight:m, paladin, squire, crusader", "caballero:m, paladín:m, escudero:m, cruzado:m"),
    "soldier": ("soldier, warrior, guard, gladiator, archer, spartan", "soldado, guerrero:m, guerrera:f, guardia, gladiador:m, arquero:m, arquera:f"),
    "viking": ("viking, barbarian", "vikingo:m, vikinga:f, bárbaro:m"),
    "samurai": ("samurai", "samurái, samurai"),
    "ninja": ("ninja", "ninja"),
    "pirate": ("pirate, buccaneer, captain hook", "pirata, bucanero:m, corsario:m"),
    "king": ("king:m, emperor:m, monarch", "rey:m, emperador:m, monarca"),
    "queen": ("queen:f, empress:f", "reina:f, emperatriz:f"),
    "prince": ("prince:m", "príncipe:m"),
    "princess": ("princess:f", "princesa:f"),
    "wizard": ("wizard:m, sorcerer, mage, warlock, sorceress:f, druid, merlin", "mago:m, maga:f, hechicero:m, hechicera:f, brujo:m, druida"),
    "magician": ("magician, illusionist, conjurer", "ilusionista, prestidigitador:m"),
    "witch": ("witch:f", "bruja:f"),
    "astronaut": ("astronaut, cosmonaut, spaceman:m, spacewoman:f", "astronauta, cosmonauta"),
    "doctor": ("doctor, physician, surgeon, dentist, vet, veterinarian, medic", "doctor:m, doctora:f, médico:m, médica:f, cirujano:m, cirujana:f, dentista, veterinario:m, veterinaria:f"),
    "nurse": ("nurse, paramedic", "enfermero:m, enfermera:f, paramédico:m, paramédica:f"),
    "patient": ("patient", "paciente, enfermo:m, enferma:f"),
    "scientist": ("scientist, chemist, researcher, inventor, professor, physicist, engineer", "científico:m, científica:f, químico:m, química:f, investigador:m, investigadora:f, inventor:m, inventora:f, ingeniero:m, ingeniera:f"),
    "teacher": ("teacher, instructor, tutor, lecturer", "profesor:m, profesora:f, maestro:m, maestra:f, docente, instructor:m, instructora:f"),
    "student": ("student, pupil, schoolchild, classmate, graduate", "estudiante, alumno:m, alumna:f, compañero de clase:m, universitario:m, universitaria:f"),
    "police": (
        ("police officer, policeman:m, policewoman:f, cop, officer, sheriff, detective, inspector, "
        "security guard, police"),
        "policía, agente, guardia civil, sheriff, detective, inspector:m, inspectora:f, vigilante",
    ),
    "firefighter": ("firefighter, fireman:m, firewoman:f", "bombero:m, bombera:f"),
    "farmer": ("farmer, rancher, shepherd, peasant, gardener, farmhand", "granjero:m, granjera:f, campesino:m, campesina:f, pastor:m, pastora:f, agricultor:m, agricultora:f, jardinero:m, jardinera:f, ganadero:m"),
    "cowboy": ("cowboy:m, cowgirl:f, ranger, gunslinger", "vaquero:m, vaquera:f, forajido:m"),
    "clown": ("clown, jester, mime", "payaso:m, payasa:f, bufón:m, mimo"),
    "superhero": ("superhero, superheroine:f, hero, heroine:f, vigilante hero", "superhéroe:m, superheroína:f, héroe:m, heroína:f"),
    "businessperson": (
        ("businessman:m, businesswoman:f, executive, ceo, manager, boss, lawyer, banker, accountant, "
        "salesman:m, office worker, employee, secretary, politician, president, mayor, journalist, reporter, "
        "news anchor, host, presenter, programmer, developer, designer"),
        ("empresario:m, empresaria:f, ejecutivo:m, ejecutiva:f, jefe:m, jefa:f, abogado:m, abogada:f, "
        "banquero:m, contable, oficinista, empleado:m, empleada:f, secretario:m, secretaria:f, político:m, "
        "política:f, presidente:m, presidenta:f, alcalde:m, alcaldesa:f, periodista, reportero:m, "
        "reportera:f, presentador:m, presentadora:f, programador:m, programadora:f, diseñador:m, diseñadora:f"),
    ),
    "athlete": (
        ("athlete, player, soccer player, football player, footballer, striker, goalkeeper, runner, jogger, "
        "sprinter, tennis player, golfer, gymnast, sportsman:m, sportswoman:f, coach, referee, "
        "marathon runner, rugby player, baseball player, volleyball player"),
        ("atleta, jugador:m, jugadora:f, futbolista, delantero:m, portero:m, portera:f, corredor:m, "
        "corredora:f, tenista, golfista, gimnasta, deportista, entrenador:m, entrenadora:f, árbitro:m"),
    ),
    "athlete/basketball": ("basketball player", "jugador de baloncesto:m, jugadora de baloncesto:f, baloncestista"),
    "boxer": ("boxer, fighter, wrestler, karate fighter, martial artist", "boxeador:m, boxeadora:f, luchador:m, luchadora:f, karateca"),
    "musician": (
        ("musician, guitarist, pianist, violinist, drummer, cellist, bassist, trumpeter, flutist, "
        "saxophonist, rock star, rockstar, band member, street musician, busker, composer, dj, mariachi"),
        ("músico:m, música:f, guitarrista, pianista, violinista, baterista, violonchelista, "
        "bajista, trompetista, flautista, saxofonista, estrella de rock, compositor:m, compositora:f, dj, mariachi"),
    ),
    "singer": ("singer, vocalist, pop star, opera singer, rapper, crooner", "cantante, vocalista, estrella del pop, cantaor:m, cantaora:f, rapero:m, rapera:f"),
    "dancer": ("dancer, ballerina:f, ballet dancer, breakdancer, flamenco dancer", "bailarín:m, bailarina:f, bailaor:m, bailaora:f, danzante"),
    "surfer": ("surfer", "surfista, surfero:m, surfera:f"),
    "skier": ("skier, snowboarder", "esquiador:m, esquiadora:f, snowboarder"),
    "skater": ("skater, skateboarder, roller skater, ice skater, figure skater", "patinador:m, patinadora:f, skater"),
    "cyclist": ("cyclist, biker, bike rider, mountain biker", "ciclista, motociclista, motorista"),
    "painter": ("painter, artist, sculptor, illustrator", "pintor:m, pintora:f, artista, escultor:m, escultora:f, ilustrador:m, ilustradora:f"),
    "builder": ("builder, construction worker, carpenter, plumber, electrician, mechanic, handyman, lumberjack", "albañil, obrero:m, obrera:f, constructor:m, carpintero:m, carpintera:f, fontanero:m, electricista, mecánico:m, mecánica:f, leñador:m"),
    "fisherman": ("fisherman:m, fisherwoman:f, angler, fisher", "pescador:m, pescadora:f"),
    "sailor": ("sailor, captain, seaman:m, mariner, boatman, rower", "marinero:m, marinera:f, capitán:m, capitana:f, navegante, remero:m"),
    "pilot": ("pilot, aviator, flight attendant, stewardess:f", "piloto, aviador:m, aviadora:f, azafata:f, auxiliar de vuelo"),
    "diver": ("diver, scuba diver, snorkeler, swimmer, lifeguard", "buzo, buceador:m, buceadora:f, submarinista, nadador:m, nadadora:f, socorrista"),
    "explorer": ("explorer, adventurer, hiker, climber, mountaineer, backpacker, archaeologist, camper, scout", "explorador:m, exploradora:f, aventurero:m, aventurera:f, excursionista, senderista, escalador:m, escaladora:f, alpinista, montañero:m, arqueólogo:m, arqueóloga:f, mochilero:m, mochilera:f"),
    "photographer": ("photographer, cameraman, filmmaker, director", "fotógrafo:m, fotógrafa:f, camarógrafo:m, cineasta, director:m, directora:f"),
    "monk": ("monk, priest, nun:f, friar, pilgrim, shaman", "monje:m, monja:f, cura:m, sacerdote:m, fraile:m, peregrino:m, peregrina:f, chamán:m"),
    "santa": ("santa, santa claus, father christmas", "papá noel, santa claus"),
    "robot": ("robot, android, cyborg, droid, machine", "robot, androide, cíborg, droide"),
    "alien": ("alien, extraterrestrial, martian", "alienígena, extraterrestre, marciano:m, marciana:f, alien"),
    "zombie": ("zombie, undead, mummy", "zombi, zombie, momia, muerto viviente"),
    "vampire": ("vampire, dracula", "vampiro:m, vampira:f, drácula"),
    "ghost": ("ghost, spirit, phantom, specter, spectre, poltergeist", "fantasma, espíritu, espectro"),
    "mermaid": ("mermaid:f, merman:m, siren", "sirena:f, tritón:m"),
    "fairy": ("fairy, pixie, sprite, angel", "hada, duende, ángel"),
    "elf": ("elf, dwarf, gnome, hobbit, leprechaun", "elfo:m, elfa:f, enano:m, enana:f, gnomo:m"),
    "monster": ("monster, troll, ogre, giant, yeti, bigfoot, creature, goblin, orc, beast, demon", "monstruo, trol, ogro, gigante, yeti, criatura, goblin, orco, bestia, demonio"),
}

ANIMALS: dict[str, tuple[str, str]] = {
    "dog": ("dog, puppy, pup, doggy, hound, mutt, pooch", "perro:m, perra:f, perrito:m, perrita:f, cachorro:m, cachorra:f, chucho:m, can"),
    "dog/golden_retriever": ("golden retriever, retriever", "golden retriever, perro golden"),
    "dog/labrador": ("labrador, black lab", "labrador"),
    "dog/dalmatian": ("dalmatian", "dálmata"),
    "dog/husky": ("husky, malamute, sled dog", "husky, perro de trineo"),
    "dog/poodle": ("poodle", "caniche"),
    "dog/dachshund": ("dachshund, sausage dog, wiener dog", "perro salchicha, teckel"),
    "dog/corgi": ("corgi", "corgi"),
    "dog/german_shepherd": ("german shepherd, police dog", "pastor alemán"),
    "dog/chihuahua": ("chihuahua", "chihuahua"),
    "dog/bulldog": ("bulldog, pug", "bulldog, carlino, pug"),
    "dog/beagle": ("beagle", "beagle"),
    "cat": ("cat, kitten, kitty, tomcat, house cat", "gato:m, gata:f, gatito:m, gatita:f, minino:m, michi"),
    "cat/black": ("black cat", "gato negro:m, gata negra:f"),
    "fox": ("fox, vixen", "zorro:m, zorra:f, zorrito:m"),
    "wolf": ("wolf, coyote, werewolf", "lobo:m, loba:f, coyote, hombre lobo"),
    "bear": ("bear, grizzly, brown bear, bear cub, teddy bear", "oso:m, osa:f, osezno:m, oso pardo, osito:m, oso de peluche"),
    "bear/polar": ("polar bear", "oso polar"),
    "bear/panda": ("panda, giant panda, panda bear", "panda, oso panda"),
    "deer": ("deer, reindeer, fawn, stag, elk, moose, antelope, gazelle", "ciervo:m, cierva:f, venado:m, reno, cervatillo:m, alce, antílope, gacela"),
    "rabbit": ("rabbit, bunny, hare, easter bunny", "conejo:m, coneja:f, conejito:m, liebre"),
    "squirrel": ("squirrel, chipmunk", "ardilla"),
    "mouse": ("mouse, rat, hamster, guinea pig", "ratón:m, ratoncito:m, rata, hámster, cobaya"),
    "hedgehog": ("hedgehog, porcupine", "erizo"),
    "raccoon": ("raccoon, badger, skunk, otter, beaver, ferret, weasel", "mapache, tejón, mofeta, nutria, castor, hurón, comadreja"),
    "horse": ("horse, pony, stallion, mare, foal, steed", "caballo:m, yegua:f, poni, potro:m, corcel"),
    "donkey": ("donkey, mule, burro", "burro:m, burra:f, asno:m, mula"),
    "zebra": ("zebra", "cebra"),
    "unicorn": ("unicorn, pegasus", "unicornio, pegaso"),
    "cow": ("cow, bull, ox, calf, cattle, buffalo, bison, yak", "vaca:f, toro:m, buey, ternero:m, ternera:f, búfalo, bisonte, yak"),
    "pig": ("pig, piglet, hog, boar, swine", "cerdo:m, cerda:f, cerdito:m, puerco:m, cochinito:m, jabalí"),
    "sheep": ("sheep, lamb, ram, alpaca", "oveja:f, cordero:m, carnero:m, borrego:m, alpaca"),
    "goat": ("goat, kid goat, billy goat, ibex", "cabra:f, cabrito:m, macho cabrío"),
    "camel": ("camel, dromedary, llama", "camello:m, dromedario:m"),
    "elephant": ("elephant, mammoth", "elefante:m, elefanta:f, mamut"),
    "giraffe": ("giraffe", "jirafa"),
    "lion": ("lion:m, lioness:f, lion cub", "león:m, leona:f, cachorro de león"),
    "tiger": ("tiger, tigress:f", "tigre, tigresa:f"),
    "leopard": ("leopard, cheetah, jaguar, panther, lynx, puma, cougar", "leopardo, guepardo, jaguar, pantera, lince, puma"),
    "monkey": ("monkey, chimpanzee, chimp, ape, baboon, lemur, orangutan", "mono:m, mona:f, chimpancé, simio, babuino, lémur, orangután"),
    "gorilla": ("gorilla, king kong", "gorila"),
    "kangaroo": ("kangaroo, wallaby", "canguro"),
    "koala": ("koala, sloth", "koala, perezoso"),
    "hippo": ("hippo, hippopotamus", "hipopótamo"),
    "rhino": ("rhino, rhinoceros", "rinoceronte"),
    "crocodile": ("crocodile, alligator, croc, caiman", "cocodrilo, caimán, aligátor"),
    "lizard": ("lizard, iguana, gecko, chameleon, komodo dragon", "lagarto, lagartija, iguana, geco, camaleón"),
    "snake": ("snake, serpent, python, cobra, viper, boa", "serpiente, culebra, pitón, cobra, víbora, boa"),
    "turtle": ("turtle, tortoise, sea turtle", "tortuga, tortuga marina"),
    "frog": ("frog, toad, tadpole", "rana, sapo, renacuajo"),
    "dinosaur": ("dinosaur, t-rex, tyrannosaurus, raptor, velociraptor, dino", "dinosaurio, tiranosaurio, velociraptor"),
    "dragon": ("dragon, wyvern, drake", "dragón, dragona:f"),
    "bird": ("bird, sparrow, robin, songbird, bluebird, finch, canary, blackbird, chick, birdie", "pájaro:m, pajarito:m, ave, gorrión, petirrojo, canario, jilguero, mirlo, pollito"),
    "owl": ("owl", "búho, lechuza, mochuelo"),
    "eagle": ("eagle, hawk, falcon, vulture, condor", "águila, halcón, buitre, cóndor"),
    "parrot": ("parrot, macaw, parakeet, cockatoo, toucan", "loro, papagayo, guacamayo, periquito, cacatúa, tucán"),
    "duck": ("duck, duckling, goose", "pato:m, pata:f, patito:m, ganso, oca"),
    "swan": ("swan", "cisne"),
    "chicken": ("chicken, hen, rooster, cockerel, turkey", "gallina:f, gallo:m, pollo, pavo"),
    "pigeon": ("pigeon, dove", "paloma, pichón"),
    "seagull": ("seagull, gull, albatross, pelican", "gaviota, albatros, pelícano"),
    "flamingo": ("flamingo, heron, stork, crane", "flamenco, garza, cigüeña, grulla"),
    "penguin": ("penguin, puffin", "pingüino, frailecillo"),
    "peacock": ("peacock, peafowl", "pavo real"),
    "crow": ("crow, raven, magpie", "cuervo, urraca"),
    "hummingbird": ("hummingbird", "colibrí"),
    "phoenix": ("phoenix, firebird", "fénix, ave fénix"),
    "bat": ("bat", "murciélago"),
    "butterfly": ("butterfly, moth", "mariposa, polilla"),
    "bee": ("bee, bumblebee, wasp, hornet, honeybee", "abeja, abejorro, avispa"),
    "ladybug": ("ladybug, ladybird, beetle", "mariquita, escarabajo"),
    "spider": ("spider, tarantula", "araña, tarántula"),
    "snail": ("snail, slug, caterpillar, worm", "caracol, babosa, oruga, gusano"),
    "fish": ("fish, goldfish, salmon, trout, tuna, clownfish, koi, piranha", "pez, pececito, pez dorado, salmón, trucha, atún, pez payaso, carpa koi, piraña"),
    "shark": ("shark, great white", "tiburón"),
    "dolphin": ("dolphin, porpoise, orca, killer whale", "delfín, marsopa, orca"),
    "whale": ("whale, humpback, blue whale", "ballena, cachalote"),
    "octopus": ("octopus, squid, kraken", "pulpo, calamar, kraken"),
    "jellyfish": ("jellyfish, jelly", "medusa"),
    "crab": ("crab, lobster, shrimp", "cangrejo, langosta, gamba, camarón"),
    "seal": ("seal, sea lion, walrus", "foca, león marino, morsa"),
    "starfish": ("starfish, sea star", "estrella de mar"),
}

VEHICLES: dict[str, tuple[str, str]] = {
    "car": ("car, automobile, jeep, suv, convertible, sedan, minivan, limousine, limo", "coche, carro, auto, automóvil, todoterreno, descapotable, limusina"),
    "car/taxi": ("taxi, cab, taxicab", "taxi"),
    "car/police": ("police car, patrol car, squad car", "coche de policía, patrulla, coche patrulla"),
    "car/race": ("race car, racecar, racing car, sports car, formula one car, supercar", "coche de carreras, deportivo, fórmula uno"),
    "van": ("van, camper, campervan, delivery van, ice cream truck, food truck", "furgoneta, caravana, autocaravana, camioneta"),
    "bus": ("bus, school bus, double-decker, minibus", "autobús, bus, autocar, guagua"),
    "truck": ("truck, lorry, pickup truck, pickup, dump truck", "camión, camioneta de carga"),
    "truck/fire": ("fire truck, fire engine, firetruck", "camión de bomberos"),
    "truck/ambulance": ("ambulance", "ambulancia"),
    "tractor": ("tractor, bulldozer, excavator, digger", "tractor, excavadora, bulldozer"),
    "bicycle": ("bicycle, bike, tricycle, mountain bike", "bicicleta, bici, triciclo"),
    "motorcycle": ("motorcycle, motorbike, scooter, moped, vespa, dirt bike", "moto, motocicleta, scooter, vespa, ciclomotor"),
    "skateboard": ("skateboard, longboard, scooter board", "monopatín, patineta, skate"),
    "train": ("train, locomotive, steam train, steam engine, subway, metro, tram, streetcar, bullet train", "tren, locomotora, tren de vapor, metro, tranvía, tren bala"),
    "boat": ("boat, rowboat, fishing boat, motorboat, speedboat, raft, gondola, ferry", "barca, bote, lancha, barco de pesca, balsa, góndola, ferry, barquito"),
    "sailboat": ("sailboat, yacht, sailing boat, catamaran, schooner", "velero, yate, barco de vela, catamarán, goleta"),
    "ship": ("ship, cruise ship, ocean liner, steamship, tanker, cargo ship, titanic, warship, ark", "barco, buque, crucero, transatlántico, navío, carguero, arca"),
    "ship/pirate": ("pirate ship, galleon", "barco pirata, galeón"),
    "canoe": ("canoe, kayak, paddleboard", "canoa, kayak, piragua"),
    "submarine": ("submarine, submersible", "submarino"),
    "plane": ("plane, airplane, aeroplane, jet, airliner, aircraft, jumbo jet, fighter jet, seaplane, biplane, glider", "avión, avioneta, jet, hidroavión, planeador"),
    "helicopter": ("helicopter, chopper, drone", "helicóptero, dron"),
    "hot_air_balloon": ("hot air balloon, hot-air balloon, air balloon, blimp, zeppelin, airship", "globo aerostático, globo de aire caliente, zepelín, dirigible"),
    "rocket": ("rocket, space shuttle, missile", "cohete, transbordador espacial"),
    "spaceship": ("spaceship, spacecraft, starship, space ship, space station, shuttle", "nave espacial, nave, astronave, estación espacial"),
    "ufo": ("ufo, flying saucer, saucer, alien ship", "ovni, platillo volante, platillo volador"),
    "sled": ("sled, sleigh, sledge, toboggan", "trineo"),
    "carriage": ("carriage, stagecoach, wagon, chariot, cart, horse-drawn carriage", "carruaje, diligencia, carreta, carro de caballos, cuadriga"),
}

FOOD: dict[str, tuple[str, str]] = {
    "paella": ("paella, risotto, fried rice, rice", "paella, arroz, risotto"),
    "pizza": ("pizza, pizza slice, flatbread", "pizza, porción de pizza"),
    "cake": ("cake, birthday cake, wedding cake, cheesecake, pie, tart", "tarta, pastel, bizcocho, tarta de cumpleaños, pastel de cumpleaños, torta, tarta de queso"),
    "cupcake": ("cupcake, muffin, donut, doughnut, cookie, biscuit, macaron, brownie, croissant", "magdalena, cupcake, dónut, rosquilla, galleta, cruasán, croissant, churro"),
    "burger": ("burger, hamburger, cheeseburger, hot dog, sandwich, wrap", "hamburguesa, perrito caliente, bocadillo, sándwich, emparedado"),
    "bread": ("bread, baguette, loaf, bun, toast, pretzel", "pan, barra de pan, baguette, hogaza, tostada, bollo"),
    "pancakes": ("pancake, waffle, crepe", "tortita, gofre, crepe, panqueque"),
    "tortilla": ("tortilla, omelette, omelet, taco, burrito, quesadilla, empanada, nachos, fajita", "tortilla, tortilla de patatas, taco, burrito, quesadilla, empanada, nachos"),
    "pasta": ("pasta, spaghetti, noodles, ramen, lasagna, macaroni", "pasta, espaguetis, fideos, ramen, lasaña, macarrones"),
    "soup": ("soup, stew, broth, chili, curry, potion", "sopa, guiso, caldo, cocido, puchero, crema, poción, gazpacho"),
    "salad": ("salad, vegetables, veggies, greens, lettuce", "ensalada, verduras, vegetales, lechuga"),
    "sushi": ("sushi, sashimi, dumplings, dim sum", "sushi, sashimi, empanadillas"),
    "ice_cream": ("ice cream, ice-cream, gelato, popsicle, sundae, frozen yogurt", "helado, polo, sorbete"),
    "coffee": ("coffee, cup of coffee, espresso, latte, cappuccino, tea, cup of tea, hot chocolate, mug, cup, teacup, teapot", "café, taza de café, té, taza de té, chocolate caliente, taza, capuchino"),
    "drink": ("drink, juice, lemonade, soda, milkshake, smoothie, cocktail, wine, beer, glass, water bottle, champagne", "bebida, zumo, jugo, limonada, refresco, batido, cóctel, vino, cerveza, vaso, copa, champán"),
    "fruit": ("fruit, fruit bowl, grapes, berries, cherries, peach, pear, mango, pineapple, lemon", "fruta, frutas, uvas, cerezas, melocotón, pera, mango, piña, limón"),
    "apple": ("apple, red apple, tomato", "manzana, tomate"),
    "orange": ("orange, tangerine, mandarin", "naranja, mandarina"),
    "banana": ("banana, bananas, plantain", "plátano, banana, banano"),
    "watermelon": ("watermelon, melon", "sandía, melón"),
    "strawberry": ("strawberry, strawberries, raspberry", "fresa, frambuesa"),
    "carrot": ("carrot, vegetable garden vegetable", "zanahoria"),
    "cheese": ("cheese, cheese wheel", "queso"),
    "egg": ("egg, eggs, fried egg", "huevo, huevo frito"),
    "chocolate": ("chocolate, candy, sweets, lollipop, candy cane", "chocolate, caramelo, golosina, chuche, piruleta, bombón"),
    "popcorn": ("popcorn", "palomitas"),
    "honey": ("honey, honey jar, jam", "miel, tarro de miel, mermelada"),
    "nut": ("nut, acorn, walnut, peanut, hazelnut, seed, seeds", "nuez, bellota, cacahuete, avellana, semilla, semillas"),
    "meat": ("steak, meat, barbecue, bbq, sausage, chicken wings, ham, turkey dinner", "carne, filete, barbacoa, salchicha, jamón, chorizo, asado"),
    "fish_dish": ("grilled fish, seafood, fish and chips, prawns", "pescado, marisco, gambas, pescaíto frito"),
    "bamboo": ("bamboo, bamboo shoots", "bambú, brotes de bambú"),
}

OBJECTS: dict[str, tuple[str, str]] = {
    # instruments
    "guitar": ("guitar, electric guitar, acoustic guitar, bass guitar, ukulele, banjo, lute, mandolin", "guitarra, guitarra eléctrica, ukelele, laúd, banjo"),
    "piano": ("piano, grand piano, keyboard, organ, synthesizer, harpsichord", "piano, teclado, órgano, sintetizador"),
    "violin": ("violin, cello, viola, fiddle, double bass, harp", "violín, violonchelo, chelo, viola, contrabajo, arpa"),
    "drum": ("drum, drums, drum kit, bongos, tambourine, timpani", "tambor, batería, bongos, pandereta, timbal"),
    "trumpet": ("trumpet, trombone, saxophone, sax, tuba, horn, flute, clarinet, harmonica, bagpipes", "trompeta, trombón, saxofón, saxo, tuba, flauta, clarinete, armónica, gaita"),
    "microphone": ("microphone, mic", "micrófono, micro"),
    "turntable": ("turntable, decks, dj decks, record player, speakers, boombox, radio, headphones", "tocadiscos, platos, altavoces, radio, cascos, auriculares"),
    # things held
    "book": ("book, novel, notebook, diary, magazine, newspaper, letter, map, scroll, comic, spellbook, menu", "libro, novela, cuaderno, diario, revista, periódico, carta, mapa, pergamino, cómic, menú"),
    "phone": ("phone, smartphone, cellphone, mobile phone, mobile, tablet", "teléfono, móvil, celular, smartphone, tableta"),
    "laptop": ("laptop, computer, pc, monitor, screen, typewriter", "portátil, ordenador, computadora, pantalla, máquina de escribir"),
    "camera": ("camera, video camera, binoculars, selfie stick", "cámara, videocámara, prismáticos, palo selfie"),
    "umbrella": ("umbrella, parasol", "paraguas, sombrilla"),
    "balloon": ("balloon, party balloon, balloons", "globo, globos"),
    "kite": ("kite", "cometa, papalote"),
    "soccer_ball": ("ball, soccer ball, football, soccer, beach ball, volleyball", "balón, pelota, balón de fútbol, fútbol, pelota de playa, voleibol"),
    "basketball": ("basketball, basketball hoop, hoop", "baloncesto, balón de baloncesto, básquet, canasta"),
    "tennis": ("tennis, tennis racket, racket, badminton, ping pong, baseball bat, bat and ball, golf club", "tenis, raqueta, bádminton, ping pong, bate, palo de golf"),
    "sword": ("sword, blade, katana, saber, sabre, dagger, lightsaber, axe, spear, lance", "espada, katana, sable, daga, puñal, hacha, lanza, sable de luz"),
    "shield": ("shield, armor, armour, helmet", "escudo, armadura, yelmo"),
    "bow": ("bow, bow and arrow, arrow, crossbow", "arco, flecha, ballesta"),
    "wand": ("wand, magic wand, staff, scepter, sceptre, spell, magic", "varita, varita mágica, bastón, cetro, hechizo, magia"),
    "broom": ("broom, broomstick, mop, rake, shovel, spade", "escoba, fregona, rastrillo, pala"),
    "crown": ("crown, tiara, diadem", "corona, tiara, diadema"),
    "hat": ("hat, top hat, magic hat, cap", "sombrero, chistera, gorra, gorro"),
    "scarf": ("scarf, knitting, yarn, wool", "bufanda, tejido, lana, ovillo"),
    "lantern": ("lantern, lamp, torch, flashlight, candle, candles, oil lamp, lantern light", "farol, farolillo, lámpara, antorcha, linterna, vela, velas, candil"),
    "flag": ("flag, banner, pennant", "bandera, estandarte, pancarta"),
    "blackboard": ("blackboard, chalkboard, whiteboard", "pizarra, pizarrón, encerado"),
    "sign": ("sign, shop sign, store sign, signpost, poster, billboard, placard, notice, road sign, neon sign", "letrero, cartel, señal, póster, valla publicitaria, rótulo"),
    "flowers": ("flower, flowers, bouquet, rose, roses, tulip, tulips, daisy, daisies, lily, orchid, poppy, poppies, blossom", "flor, flores, ramo, ramo de flores, rosa, rosas, tulipán, tulipanes, margarita, lirio, orquídea, amapola"),
    "sunflowers": ("sunflower, sunflowers, sunflower field", "girasol, girasoles"),
    "lavender": ("lavender, lavender field, heather", "lavanda, espliego, brezo"),
    "gift": ("gift, present, gift box, parcel, package, box", "regalo, paquete, caja, caja de regalo"),
    "chest": ("treasure chest, treasure, chest, gold coins, coins, gold, jewels", "cofre, tesoro, cofre del tesoro, monedas, oro, joyas"),
    "backpack": ("backpack, rucksack, bag, handbag, suitcase, luggage, briefcase, basket", "mochila, bolso, bolsa, maleta, equipaje, maletín, cesta"),
    "paintbrush": ("paintbrush, brush, easel, canvas, painting, palette", "pincel, caballete, lienzo, cuadro, pintura, paleta"),
    "tools": ("hammer, wrench, saw, toolbox, drill, screwdriver", "martillo, llave inglesa, sierra, caja de herramientas, taladro, destornillador"),
    "fishing_rod": ("fishing rod, fishing pole, fishing net", "caña de pescar, red de pesca"),
    "surfboard": ("surfboard, board, bodyboard", "tabla de surf, tabla"),
    "skis": ("skis, ski, snowboard, ski poles", "esquís, esquí, tabla de snowboard"),
    "trophy": ("trophy, medal, award, prize", "trofeo, medalla, premio"),
    "flask": ("flask, test tube, beaker, chemicals, potion bottle, bottle, jar", "matraz, probeta, tubo de ensayo, químicos, frasco, botella, tarro"),
    "pan": ("pan, frying pan, pot, saucepan, wok, cauldron, kettle", "sartén, olla, cazo, cazuela, paellera, caldero, wok, tetera, marmita"),
    # things that stand
    "stove": ("oven, stove, cooker, grill, fridge, refrigerator, microwave, sink, dishwasher", "horno, fogón, nevera, frigorífico, microondas, fregadero, parrilla"),
    "table": ("table, desk, counter, picnic table, workbench, dining table, picnic, tablecloth", "mesa, escritorio, mostrador, mesa de picnic, picnic, mantel"),
    "chair": ("chair, armchair, stool, throne", "silla, sillón, taburete, trono"),
    "sofa": ("sofa, couch, settee, loveseat", "sofá, diván, canapé"),
    "bench": ("bench, park bench", "banco, banca"),
    "bed": ("bed, sofa bed, hammock, sleeping bag, crib", "cama, hamaca, saco de dormir, cuna"),
    "wheelchair": ("wheelchair, stretcher, pram, stroller, baby carriage", "silla de ruedas, camilla, carrito de bebé, cochecito"),
    "coffin": ("coffin, casket, sarcophagus, tomb, grave", "ataúd, féretro, sarcófago, tumba"),
    "tent": ("tent, tepee, teepee", "tienda de campaña, tipi"),
    "campfire": ("campfire, bonfire, fire, fireplace, flames, fire pit, blaze, wildfire", "fogata, hoguera, fuego, chimenea, llamas, incendio, fuego forestal"),
    "fireworks": ("firework, fireworks, sparkler, sparklers", "fuegos artificiales, bengala, bengalas, cohetes de feria"),
    "snowman": ("snowman, snowmen, snow angel", "muñeco de nieve"),
    "sandcastle": ("sandcastle, sand castle", "castillo de arena"),
    "christmas_tree": ("christmas tree, xmas tree, pine tree decorated", "árbol de navidad, árbol navideño, abeto de navidad"),
    "tree": ("tree, oak, oak tree, palm tree, palm, pine, pine tree, willow, maple, cherry tree, birch, olive tree, apple tree", "árbol, roble, palmera, pino, sauce, arce, cerezo, abedul, olivo, manzano"),
    "bush": ("bush, shrub, hedge, plant, plants, potted plant, cactus, fern, vine, ivy", "arbusto, seto, planta, plantas, maceta, cactus, helecho, enredadera, hiedra"),
    "grass": ("grass, tall grass, reeds, wheat, hay, haystack, crops, corn", "hierba, pasto, césped, juncos, trigo, heno, pajar, cosecha, maíz"),
    "rock": ("rock, boulder, stone, stones, pebbles, cliff rock", "roca, piedra, piedras, peñasco, guijarros"),
    "fountain": ("fountain, water fountain, wishing well", "fuente, pozo"),
    "statue": ("statue, sculpture, monument, bust, totem", "estatua, escultura, monumento, busto, tótem"),
    "bridge": ("bridge, footbridge, viaduct, wooden bridge", "puente, pasarela, viaducto"),
    "house": ("house, cottage, cabin, hut, barn, shed, farmhouse, windmill, igloo", "casa, casita, cabaña, choza, granero, molino, molino de viento, iglú"),
    "tower": ("tower, lighthouse, clock tower, castle tower", "torre, faro, torre del reloj, torreón"),
    "fence": ("fence, gate, wall, railing", "valla, cerca, verja, muro, barandilla"),
    "goal": ("goal, goalpost, soccer goal", "portería, gol"),
    "clock": ("clock, watch, alarm clock, hourglass", "reloj, despertador, reloj de arena"),
    "mirror": ("mirror, picture frame, portrait", "espejo, retrato"),
    "telescope": ("telescope, microscope", "telescopio, microscopio"),
    "robot_toy": ("toy, toys, teddy, doll, puppet, robot toy, toy car, lego", "juguete, juguetes, muñeca, muñeco, marioneta, peluche"),
    "rainbow": ("rainbow, double rainbow", "arcoíris, arco iris"),
    "wave": ("wave, big wave, huge wave, giant wave, tsunami, surf wave", "ola, ola gigante, gran ola, tsunami"),
    "coral": ("coral, corals, coral reef, seaweed, kelp, anemone", "coral, corales, arrecife de coral, alga, algas, anémona"),
    "bubbles": ("bubble, bubbles, soap bubbles", "burbuja, burbujas, pompas de jabón"),
    "snowflake": ("snowball, snowballs", "bola de nieve, bolas de nieve"),
    "lightning_bolt": ("lightning bolt, thunderbolt", "rayo de luz, relámpago grande"),
    "moon_prop": ("full moon, crescent moon, big moon", "luna llena, luna creciente"),
    "planet_prop": ("planet, saturn, jupiter, earth, globe, sun planet", "planeta, saturno, júpiter, la tierra, globo terráqueo"),
    "star_prop": ("shooting star, comet, meteor, asteroid", "estrella fugaz, cometa espacial, meteorito, asteroide"),
    "explosion": ("explosion, blast, smoke cloud, smoke", "explosión, estallido, humo, nube de humo"),
}

# Collective nouns: the kinds of the people (or animals) they stand for.
GROUPS: dict[str, tuple[tuple[str, ...], str, str]] = {
    # name: (member kinds (child is a child), english words, spanish words)
    "couple": (("person:m", "person:f"), "couple, pair of lovers, newlyweds, two lovers", "pareja, novios, recién casados"),
    "family": (("person:m", "person:f", "child:m", "child:f"), "family", "familia"),
    "crowd": (("person", "person", "person", "person", "person", "person"), "crowd, audience, spectators, fans, protesters, group of people", "multitud, público, gente, espectadores, aficionados, muchedumbre"),
    "team": (("athlete", "athlete", "athlete", "athlete"), "team, squad", "equipo"),
    "band": (("musician", "musician", "singer"), "band, rock band, orchestra, choir, mariachi band", "banda, grupo de música, orquesta, coro"),
    "army": (("soldier", "soldier", "soldier", "soldier"), "army, troops", "ejército, tropas"),
    "flock": (("bird", "bird", "bird", "bird", "bird"), "flock, flock of birds", "bandada, bandada de pájaros"),
    "herd": (("cow", "cow", "cow"), "herd, herd of cows, cattle herd", "manada, rebaño, manada de vacas"),
    "school_of_fish": (("fish", "fish", "fish", "fish"), "school of fish, shoal", "banco de peces"),
    "pack": (("wolf", "wolf", "wolf"), "pack of wolves, wolf pack", "manada de lobos, jauría"),
}
# fmt: on

TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "person": PEOPLE,
    "animal": ANIMALS,
    "vehicle": VEHICLES,
    "food": FOOD,
    "object": OBJECTS,
}


def kind_of(name: str) -> str:
    """"dog/golden_retriever" -> "dog"."""
    return name.split("/", 1)[0]


def all_kinds() -> dict[str, str]:
    """Every drawable kind (variants folded into their kind) -> its category."""
    return {kind_of(name): category for category, table in TABLES.items() for name in table}
