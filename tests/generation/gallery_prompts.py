"""Prompts the gallery test renders and the vocabulary was built against (the "development" set).

The coverage benchmark's held-out prompts live elsewhere (bench/data/preview_coverage_heldout.jsonl)
and were written before the vocabulary grew; nothing here repeats them.

Each entry: the prompt, and the kinds its plan must draw (subjects, the place and the actions).
"""

from __future__ import annotations

# (prompt, kinds that must be drawn: species for subjects, "place:<setting>", "action:<action>")
GALLERY: list[tuple[str, tuple[str, ...]]] = [
    # the examples from the issue
    ("A knight fights a dragon in a castle", ("knight", "dragon", "place:castle", "action:fight")),
    ("A spaceship flies past a purple nebula", ("spaceship", "place:space", "action:fly")),
    ("a golden retriever in sunflowers", ("dog", "sunflowers", "place:field")),
    ("A kitchen with rain on the window", ("place:kitchen",)),
    ('Two friends chat on a park bench. Ana: "¿Has visto la película?" Bob: "Sí, me encantó."',
     ("person", "bench", "place:park")),
    ("una chef cocinando paella en una terraza soleada", ("chef", "paella", "place:terrace", "action:cook")),
    # people and roles
    ("An astronaut plants a flag on the moon", ("astronaut", "flag", "place:moon")),
    ("A doctor and a nurse walk down a hospital corridor", ("doctor", "nurse", "place:hospital", "action:walk")),
    ("Un bombero apaga un incendio en la ciudad de noche", ("firefighter", "campfire", "place:city")),
    ("A wizard with a wand casts a spell in an enchanted forest", ("wizard", "wand", "place:forest", "action:cast_spell")),
    ("Una princesa y un rey bailan en el salón del trono", ("princess", "king", "place:hall", "action:dance")),
    ("A pirate with a parrot sails a pirate ship at sunset", ("pirate", "parrot", "ship", "action:sail")),
    ("A teacher explains something to three students in a classroom", ("teacher", "student", "place:classroom")),
    ("Un científico mezcla pociones en su laboratorio", ("scientist", "place:laboratory")),
    ("A robot and an alien play chess on a spaceship", ("robot", "alien", "spaceship")),
    ("A clown juggles balloons at a circus", ("clown", "balloon", "place:stage")),
    # animals
    ("A cat sleeps on a sofa in the living room", ("cat", "sofa", "place:indoor", "action:sleep")),
    ("Dos caballos galopan por la playa al amanecer", ("horse", "place:beach", "action:run")),
    ("An elephant and a giraffe drink at a waterhole on the savanna", ("elephant", "giraffe", "place:savanna", "action:eat")),
    ("A penguin waddles across the ice", ("penguin", "place:snow", "action:walk")),
    ("Un pulpo y una medusa nadan en el fondo del mar", ("octopus", "jellyfish", "place:underwater", "action:swim")),
    ("An owl hoots from a tree in a dark forest at night", ("owl", "tree", "place:forest")),
    ("A lion chases a zebra", ("lion", "zebra", "action:run")),
    ("Un dinosaurio ruge en la selva bajo la lluvia", ("dinosaur", "place:jungle", "action:roar")),
    ("A unicorn runs through a field of flowers under a rainbow", ("unicorn", "rainbow", "place:field", "action:run")),
    ("Three ducks swim on a pond in the park", ("duck", "place:lake", "action:swim")),
    # vehicles
    ("A red sports car drives along a coastal highway", ("car", "place:road", "action:drive")),
    ("Un tren de vapor cruza el valle", ("train", "place:countryside")),
    ("A helicopter flies over the city at night", ("helicopter", "place:city", "action:fly")),
    ("A sailboat on a calm lake at dawn", ("sailboat", "place:lake")),
    ("Un niño monta en bicicleta por el parque", ("child", "bicycle", "place:park", "action:ride")),
    ("A hot air balloon floats over the mountains", ("hot_air_balloon", "place:mountains")),
    # food and objects
    ("A baker takes bread out of the oven in a bakery", ("baker", "bread", "place:shop")),
    ("Una familia come pizza en un restaurante", ("person", "child", "pizza", "place:restaurant", "action:eat")),
    ("A girl blows out the candles on a birthday cake", ("child", "cake")),
    ("A guitarist plays the guitar on stage under the spotlights", ("musician", "guitar", "place:stage", "action:play_music")),
    ("Campers sit around a campfire under the stars", ("explorer", "campfire", "action:sit")),
    ("Un pintor pinta un cuadro en su estudio", ("painter", "paintbrush", "action:paint")),
    # places and weather
    ("A rainy street in Tokyo at night with neon signs", ("sign", "place:street")),
    ("Un volcán entra en erupción al atardecer", ("place:volcano",)),
    ("A soccer player scores in a stadium full of fans", ("athlete", "place:stadium")),
    ('A woman reads a book in a library. She whispers "This is the best chapter."', ("person", "book", "place:library", "action:read")),
    ("A snowman in a snowy village at Christmas", ("snowman", "place:village")),
    ('A shop sign that says "OPEN" on a sunny street', ("sign", "place:street")),
]
