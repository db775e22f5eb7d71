"""Where each subject is: on the ground, in the sky, in the water, in someone's hands, on a table.

The reader knows what the prompt named and who uses what; casting turns that into placements the
picture can honour: a bird that flies is in the sky, a guitar someone plays is in their hands, paella
someone cooks is on a table in front of them, a boat is on the water.
"""

from __future__ import annotations

from cielo.generation.plan.model import Subject

FLYERS = {
    "bird", "eagle", "seagull", "pigeon", "crow", "hummingbird", "phoenix", "bat", "butterfly", "bee", "parrot",
    "ladybug",
}
SWIMMERS = {"fish", "shark", "dolphin", "whale", "octopus", "jellyfish", "seal", "turtle"}
SKY_THINGS = {
    "plane", "helicopter", "hot_air_balloon", "spaceship", "ufo", "rainbow", "fireworks", "moon_prop",
    "planet_prop", "star_prop", "lightning_bolt", "kite", "balloon", "rocket",
}
WATER_THINGS = {"boat", "sailboat", "ship", "canoe", "submarine", "wave"}
# Small enough to hold: drawn in the holder's hand.
HELD_THINGS = {
    "sword", "shield", "bow", "wand", "broom", "book", "phone", "camera", "umbrella", "balloon", "kite", "soccer_ball",
    "basketball", "tennis", "guitar", "violin", "trumpet", "microphone", "flag", "lantern", "paintbrush", "tools",
    "fishing_rod", "flask", "pan", "coffee", "drink", "ice_cream", "cupcake", "burger", "bread", "fruit", "apple",
    "orange", "banana", "strawberry", "carrot", "nut", "chocolate", "popcorn", "egg", "bamboo", "flowers", "gift",
    "trophy", "backpack", "scarf", "hat", "crown", "sunflowers", "skis", "surfboard", "snowflake", "honey", "cheese",
}
# Dishes and things used sitting down: on a table in front of whoever uses them.
TABLE_THINGS = {
    "paella", "pizza", "cake", "pancakes", "tortilla", "pasta", "soup", "salad", "sushi", "meat", "fish_dish",
    "watermelon", "laptop", "turntable",
}
WATER_SETTINGS = {"beach", "lake", "harbor", "island"}


def place_subjects(
    subjects: list[Subject], actions: dict[str, list[str]], settings: dict[str, str], default: str
) -> None:
    """Set each subject's placement from its kind, what it does and where it first appears (in place)."""
    by_id = {s.id: s for s in subjects}
    for s in subjects:
        doing = actions.get(s.id, [])
        setting = settings.get(s.id, settings.get(s.holder or "", default))
        if s.kind == "object":
            holder = by_id.get(s.holder or "")
            if holder is not None and s.species in HELD_THINGS:
                s.placement = "held"
            elif s.species in TABLE_THINGS or (holder is not None and s.category == "food"):
                s.placement = "table"
            elif s.species in SKY_THINGS:
                s.placement = "sky"
            elif s.species in WATER_THINGS and (setting in WATER_SETTINGS or setting == "underwater"):
                s.placement = "water"
            else:
                s.placement = "ground"
            if s.species == "submarine" and setting == "underwater":
                s.placement = "sky"  # mid-water: it floats like anything else down there
            continue
        if s.rides and s.rides in by_id:
            s.placement = by_id[s.rides].placement if by_id[s.rides].kind == "object" else "ground"
            continue
        sky = "fly" in doing or s.species == "fairy"
        if s.species in FLYERS and not ({"walk", "sit", "eat", "sleep", "run"} & set(doing)):
            sky = True
        if sky:
            s.placement = "sky"
        elif s.species in SWIMMERS or "swim" in doing or (s.species == "mermaid" and setting in WATER_SETTINGS):
            s.placement = "water"
        if s.action == "idle" and doing:
            s.action = doing[0]
        if s.action == "idle" and s.placement == "sky" and s.kind == "animal":
            s.action = "fly"
        if s.action == "idle" and s.placement == "water" and s.kind == "animal":
            s.action = "swim"
    for s in subjects:
        if s.kind == "object" and s.placement == "table" and s.holder is None:
            # A dish nobody uses stands on a table by itself, in front of the first person if any.
            person = next((p for p in subjects if p.kind == "person"), None)
            s.holder = person.id if person else None
