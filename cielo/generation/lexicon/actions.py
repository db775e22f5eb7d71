"""Actions the preview engine animates, and the English and Spanish verbs (and a few nouns) for each.

Verbs are listed in their base form (English) or infinitive (Spanish); forms.py makes the forms a
prompt uses. A verb phrase ("casts a spell", "dar de comer") is matched before its words, so
"plays the guitar" is music, not a game. Each action is motion in the engine (a gait, a swing, a
stir), never a still pose.
"""

from __future__ import annotations

# fmt: off
ACTIONS: dict[str, tuple[str, str]] = {
    # action: (english base verbs, spanish infinitives)
    "walk": (
        ("walk, waddle, stroll, wander, march, hike, pace, step, stride, amble, trek, tiptoe, limp, shuffle, stumble, "
        "head, go, come, cross, enter, arrive, leave, approach, explore, roam, patrol, pass, lead, follow, push, "
        "pull, carry, deliver, bring, visit, return, step out, walk in, walk out, come out"),
        ("caminar, pasear, andar, marchar, deambular, recorrer, cruzar, entrar, llegar, salir, acercarse, "
        "explorar, patrullar, pasar, seguir, empujar, llevar, traer, cargar, ir, venir, volver, atravesar, "
        "visitar"),
    ),
    "run": (
        ("run, sprint, jog, race, rush, chase, flee, hurry, dash, gallop, trot, escape, hunt, stalk, pursue, "
        "charge, speed, zoom"),
        "correr, esprintar, trotar, galopar, perseguir, huir, escapar, apresurarse, cazar, acechar, embestir",
    ),
    "dance": (
        "dance, twirl, spin, waltz, tango, salsa, boogie, groove, breakdance, pirouette, sway",
        "bailar, danzar, girar, bailotear, contonearse",
    ),
    "jump": (
        "jump, leap, hop, bounce, skip, vault, somersault, flip over, do a trick, trampoline, pounce, play",
        "saltar, brincar, botar, rebotar, jugar",
    ),
    "cook": (
        ("cook, mix, pour, whisk, fry, bake, stir, grill, chop, flip, saute, roast, boil, simmer, knead, prepare, make dinner, "
        "make breakfast, make lunch, toss, season, barbecue, serve"),
        ("cocinar, mezclar, verter, batir, freír, hornear, remover, asar, picar, cortar, preparar, guisar, hervir, amasar, "
        "voltear, servir, hacer la comida, hacer la cena"),
    ),
    "fight": (
        ("fight, battle, duel, attack, spar, box, wrestle, clash, strike, slash, swing, punch, kick, defend, "
        "confront, face, fence, joust, battle it out, breathe fire, spit fire, charge at"),
        ("luchar, pelear, combatir, atacar, batirse, enfrentarse, boxear, golpear, defender, esgrimir, "
        "escupir fuego, lanzar fuego, echar fuego, batallar, enfrentar"),
    ),
    "fly": (
        "fly, soar, glide, hover, flap, swoop, take off, flutter, circle overhead, launch, lift off, land",
        "volar, planear, sobrevolar, revolotear, despegar, aterrizar, elevarse",
    ),
    "float": ("float, drift, levitate, bob, haunt", "flotar, levitar, ir a la deriva, deslizarse, rondar"),
    "swim": (
        "swim, dive, paddle, splash, snorkel, breach, surface, circle",
        "nadar, bucear, chapotear, sumergirse, zambullirse, salpicar",
    ),
    "play_music": (
        ("play music, play the guitar, play the piano, play the violin, play the drums, play the trumpet, "
        "play the flute, play the cello, play the saxophone, strum, drum, perform, rock out, jam, dj, mix"),
        ("tocar, tocar la guitarra, tocar el piano, tocar el violín, tocar la batería, tocar la trompeta, "
        "tocar música, interpretar, actuar, rasguear, pinchar"),
    ),
    "play_ball": (
        ("play soccer, play football, play basketball, play tennis, play catch, play ball, kick, throw, catch, "
        "score, dribble, shoot hoops, pass the ball, serve the ball, juggle"),
        ("jugar al fútbol, jugar fútbol, jugar al baloncesto, jugar al tenis, jugar a la pelota, patear, lanzar, "
        "atrapar, marcar, regatear, chutar, encestar, hacer malabares"),
    ),
    "sing": ("sing, hum, serenade, rap, chant, yodel", "cantar, tararear, rapear, entonar"),
    "wave": ("wave, greet, wave hello, wave goodbye, beckon, point, salute", "saludar, despedirse, señalar, hacer señas"),
    "eat": (
        ("eat, drink, bite, sip, taste, munch, nibble, feast, dine, snack, have lunch, have dinner, have breakfast, "
        "have coffee, share a meal, devour, lick, graze, feed on, have a picnic"),
        "comer, beber, morder, probar, saborear, merendar, desayunar, cenar, almorzar, tomar, devorar, lamer, pastar",
    ),
    "feed": ("feed, give food to", "dar de comer, alimentar"),
    "read": ("read, study, browse, review, learn", "leer, estudiar, hojear, repasar, aprender"),
    "write": (
        "write, draw, type, sketch, scribble, take notes, work, code, doodle, knit, sew",
        "escribir, dibujar, teclear, bocetar, apuntar, trabajar, programar, tejer, coser",
    ),
    "paint": ("paint, color, colour, decorate", "pintar, colorear, decorar"),
    "talk": (
        ("talk, chat, speak, argue, discuss, gossip, explain, tell, ask, call, phone, interview, present, "
        "complain, joke, chatter, meet, negotiate, teach, lecture"),
        ("hablar, charlar, conversar, discutir, platicar, explicar, contar, preguntar, llamar, entrevistar, "
        "presentar, quejarse, bromear, reunirse, negociar, enseñar"),
    ),
    "sit": (
        "sit, rest, relax, lounge, wait, sunbathe, meditate, perch, kneel, pose, sit down",
        "sentarse, descansar, relajarse, esperar, tomar el sol, meditar, posarse, arrodillarse, posar",
    ),
    "sleep": ("sleep, nap, doze, snooze, dream, lie down, hibernate", "dormir, echarse una siesta, soñar, acostarse, hibernar"),
    "wake": ("wake up, awaken, rise, get up, stretch, yawn", "despertarse, despertar, levantarse, estirarse, bostezar"),
    "ride": (
        "ride, cycle, pedal, bike, horseback ride, ride a horse, ride a bike",
        "montar, cabalgar, pedalear, montar a caballo, montar en bicicleta",
    ),
    "drive": ("drive, steer, cruise, motor, honk", "conducir, manejar, pilotar, circular, pitar"),
    "sail": ("sail, row, navigate, set sail, cruise the sea", "navegar, remar, zarpar"),
    "glide_board": (
        "surf, skate, ski, snowboard, skateboard, sled, slide, sledge, ice skate, rollerblade",
        "surfear, patinar, esquiar, deslizarse, tirarse en trineo",
    ),
    "climb": ("climb, scale, clamber, ascend, climb up, crawl", "escalar, trepar, subir, ascender, gatear"),
    "hug": ("hug, embrace, kiss, cuddle, hold hands, snuggle, comfort", "abrazar, besar, acurrucarse, consolar, abrazarse, besarse"),
    "laugh": ("laugh, blow out, blow, giggle, smile, grin, chuckle, cheer, celebrate, clap, applaud, high five, party", "reír, soplar, sonreír, carcajearse, celebrar, aplaudir, festejar, animar, vitorear"),
    "cry": ("cry, weep, sob, mourn, sulk, sigh, worry", "llorar, sollozar, lamentarse, suspirar, preocuparse"),
    "cast_spell": (
        ("cast a spell, cast spells, conjure, enchant, do magic, perform magic, summon, bewitch, levitate objects, "
        "pull a rabbit"),
        "lanzar un hechizo, hacer magia, conjurar, hechizar, invocar, embrujar, sacar un conejo",
    ),
    "fish": ("go fishing, cast a line, reel in, fishing, catch a fish", "pescar, ir de pesca"),
    "roar": ("roar, hoot, bark, howl, meow, growl, hiss, neigh, moo, oink, quack, chirp, tweet, squawk, snarl, purr, bleat, crow, trumpet, scream, shout, yell", "rugir, ulular, ladrar, aullar, maullar, gruñir, sisear, relinchar, mugir, graznar, piar, gritar, chillar, ronronear, balar, cacarear, barritar"),
    "work": (
        ("build, take, grab, put, give, hand, offer, hammer, dig, sweep, clean, water, plant, garden, mop, fix, repair, chop wood, pick, harvest, "
        "collect, gather, pick up, wash, scrub, tidy, farm, lift, tend"),
        ("construir, coger, agarrar, poner, dar, entregar, ofrecer, martillar, cavar, barrer, limpiar, regar, plantar, arreglar, reparar, serrar, recoger, "
        "cosechar, lavar, fregar, ordenar, cultivar, levantar, cuidar"),
    ),
    "spray": ("put out, extinguish, spray, hose, hose down", "apagar, extinguir, rociar, sofocar"),
    "photograph": ("take photos, take a photo, take pictures, take a picture, photograph, film, record, take a selfie", "hacer fotos, sacar fotos, fotografiar, grabar, filmar, hacerse un selfie"),
    "explode": ("explode, blow up, burst, erupt, crash, collapse, shatter", "explotar, estallar, reventar, erupcionar, chocar, derrumbarse"),
    "look": (
        ("look, watch, stare, observe, gaze, see, admire, notice, spot, peek, search, look for, seek, listen, wonder, "
        "think, hold, stand, wait for, guard, hide, sniff, smell, open, close, find, discover, reach, hold up, show"),
        ("mirar, observar, contemplar, ver, admirar, buscar, escuchar, pensar, sostener, sujetar, estar de pie, "
        "vigilar, esconder, esconderse, olfatear, oler, abrir, cerrar, encontrar, descubrir, alcanzar, mostrar"),
    ),
}

# Nouns that name an action ("a duel", "una siesta"): read as the action wherever they appear.
ACTION_NOUNS: dict[str, tuple[str, str]] = {
    "fight": ("fight, battle, duel, sword fight, swordfight, boxing match, showdown, brawl", "pelea, batalla, duelo, combate, lucha"),
    "dance": ("dance, tango, waltz, ballet, flamenco, salsa, dance party, choreography", "baile, danza, vals, ballet, flamenco, coreografía"),
    "jump": ("jump, trick, stunt, flip, backflip, somersault", "salto, truco, voltereta, pirueta, acrobacia"),
    "run": ("race, run, chase, marathon", "carrera, persecución, maratón"),
    "sleep": ("nap, sleep", "siesta"),
    "cook": ("cooking, barbecue", "cocina en vivo"),
    "eat": ("meal, dinner, lunch, breakfast, feast", "comida, cena, almuerzo, desayuno, banquete, merienda"),
    "swim": ("swim, dive", "baño, chapuzón, buceo, natación"),
    "cast_spell": ("spell, magic trick, magic show", "hechizo, truco de magia, espectáculo de magia"),
    "hug": ("hug, kiss, embrace", "abrazo, beso"),
    "play_music": ("concert, song, melody, serenade, performance, gig", "canción, melodía, serenata, actuación"),
    "play_ball": ("match, game, soccer match, football match, basketball game", "partido, partido de fútbol, juego"),
    "fish": ("fishing trip", "pesca"),
    "photograph": ("photo, photoshoot, selfie, picture", "foto, sesión de fotos, selfi, selfie"),
    "explode": ("explosion, eruption, crash", "explosión, erupción, choque"),
}

# "make" / "hacer" is cooking when the clause names food, and work (building) otherwise.
MAKE_VERBS: tuple[str, str] = ("make, prepare, create, craft", "hacer, preparar, crear, elaborar, fabricar")

# Actions that are not a motion of their own: the figure stays in its idle animation, which always moves.
QUIET_ACTIONS = frozenset({"look", "talk"})
# fmt: on
