"""The rules of each category, in English and Spanish, as data for `cielo.safety.rules.RuleSet`.

Written against normalised text (lower case, no accents: "niña" is "nina"). A word goes in a rule alone only
when it has no everyday sense; anything that does ("kill", "shoot", "bomb", "cortar", "tetas") needs its
harmful context in the same sentence: a person as the target, a how-to, a lethal intent. The classifier
(moderation.py) covers paraphrases; these rules are what must never slip, and what explains a refusal
word for word. Kept apart from the labelled sets: rules were written from the tuning set's mistakes.
"""

from __future__ import annotations

from cielo.safety.rules import Rule

SEXUAL = "sexual"
MINORS = "minors"
VIOLENCE = "violence"
SELF_HARM = "self_harm"
HATE = "hate"
WEAPONS = "weapons"
DRUGS = "drugs"


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


def _words(*alternatives: str) -> str:
    """Whole words or phrases: `_words("kill", "shoot")` does not match "skill"."""
    return r"\b" + _any(*alternatives) + r"\b"


# ---------------------------------------------------------------------------------------- shared words
PRONOUN_OBJ = _any(
    "him", "her", "them", "me", "you", "us", "someone", "somebody", "people", "a man", "a woman", "a person",
    "a guy", "a girl", "a boy", "a kid", "a child",
)
# People and animals that violence can be aimed at (a lobster or the lights are not).
TARGET_EN = _words(
    r"(?:my|his|her|their|your|our|the|a|an|some|that|this)(?: \w+)?(?:'s)? (?:neighbou?rs?|wife|husband|"
    r"ex|boss|teacher|mom|mum|"
    r"dad|mother|father|brother|sister|girlfriend|boyfriend|partner|coworker|colleague|classmate|"
    r"roommate|friend|"
    r"man|woman|person|guy|girl|boy|kid|child|baby|cop|officer|stranger|hostage|prisoner|dog|cat|puppy|"
    r"kitten|pet|"
    r"step(?:dad|mom|mum|father|mother|son|daughter|brother|sister)|grandma|grandpa|grandmother|"
    r"grandfather|uncle|aunt|cousin|"
    r"son|daughter|landlord|tenant|rival|bully)", "someone", "somebody", "people", "everyone", "him", "her",
    "them",
)
TARGET_ES = _words(
    r"(?:a |al )?(?:mi|mis|tu|su|sus|el|la|los|las|un|una|unos|unas|ese|esa)(?: \w+)? (?:vecin[oa]s?|"
    r"mujer|marido|ex|jef[ae]|"
    r"profesora?|madre|padre|herman[oa]|novi[oa]|pareja|companer[oa]|amig[oa]|hombre|persona|tio|tia|"
    r"chic[oa]|nin[oa]|"
    r"bebe|policia|desconocid[oa]|rehen|prisioner[oa]|perro|gato|cachorro|mascota|padrastro|madrastra|"
    r"abuel[oa]|"
    r"hij[oa]|prim[oa]|casero|rival|cunad[oa]|suegr[oa])s?", "a alguien", "alguien", "a la gente", "a todos",
    "a todo el mundo",
)
CHILD = _any(
    r"\bchild(?:ren)?\b", r"\bkids?\b", r"\btoddlers?\b", r"\bminors?\b", r"\bunderage\b",
    r"\bteen(?:age|ager|agers|s)?\b", r"\bschool ?(?:girl|boy)s?\b", r"\blittle (?:girl|boy)s?\b",
    r"\byoung (?:girl|boy)s?\b", r"\bpre-?teens?\b", r"\bmiddle ?school(?:er|ers)?\b",
    r"\bgrade ?school(?:er|ers)?\b",
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|[4-8]th) graders?\b",
    r"\b(?:[1-9]|1[0-7])[ -]?(?:year[ -]?olds?|yo|anos|anitos)\b",
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen)"
    r"[ -]years?[ -]olds?\b",
    r"\b(?:girl|boy|kid|teen|nina|nino|chica|chico|cria|crio)s?,? (?:aged? |of |de )?(?:[1-9]|1[0-7])\b",
    r"\bbab(?:y|ies)\b", r"\bnewborns?\b", r"\binfants?\b", r"\bbebes?\b", r"\brecien nacid[oa]s?\b",
    r"\bnin[oa]s?\b", r"\bnenas?\b", r"\bcri[oa]s?\b", r"\bchiquill[oa]s?\b",
    r"\bmenor(?:es)?(?: de edad)?\b", r"\badolescentes?\b", r"\bpreadolescentes?\b",
    r"\bcolegial(?:a|as|es)?\b", r"\b(?:de|en) primaria\b",
    r"\bde (?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|"
    r"diecisiete) anos\b",
)

# ---------------------------------------------------------------------------------------------- sexual
_SEXUAL_ALONE = (
    # English
    r"\bporn\w*", r"\bxxx\b", r"\bnsfw\b", r"\bhentai\b", r"\bnudes?\b", r"\bnudity\b", r"\bnaked\b",
    r"\btopless\b", r"\bfull[ -]frontal\b", r"\bgenital\w*", r"\bmasturbat\w*", r"\borgasm\w*",
    r"\borg(?:y|ies)\b", r"\bthreesomes?\b", r"\bgang ?bangs?\b", r"\bcum(?:shots?|ming|s)?\b",
    r"\bcreampie\w*", r"\bsex (?:scenes?|tapes?|videos?|acts?|positions?)\b",
    r"\b(?:having|have|had|has|doing) sex\b", r"\bsex with\b",
    r"\b(?:explicit|hardcore|graphic|oral|anal) sex\w*", r"\bintercourse\b", r"\bblow ?jobs?\b",
    r"\bhand ?jobs?\b", r"\bjerk(?:s|ing|ed)? (?:him|himself|herself|myself)? ?off\b",
    r"\bjack(?:s|ing|ed)? off\b", r"\bwank\w*", r"\bstrip ?tease\w*", r"\bpenis\w*", r"\bvagina\w*",
    r"\bvulva\b", r"\berections?\b", r"\bboners?\b", r"\bclit(?:oris)?\b", r"\bdicks?\b", r"\bcocks?\b",
    r"\btits\b", r"\btitties\b", r"\bboob(?:s|ies)\b", r"\bnipples?\b", r"\bpuss(?:y|ies)\b",
    r"\bdoggy ?style\b", r"\bonlyfans\b", r"\bcam ?girls?\b",
    r"\bfuck(?:s|ed|ing)? (?:her|him|them|each other|me|hard)\b", r"\bget(?:s|ting)? fucked\b",
    r"\bfucking (?:her|him)\b", r"\bsuck(?:s|ing|ed)? (?:a |his |my |him |her )?(?:dick|cock|tits|off)\b",
    r"\bin the nude\b", r"\b(?:bare|exposed|naked) (?:breasts?|nipples?|butt\w*|ass|bottoms?|crotch)\b",
    (r"\b(?:takes?|taking|took|pulls?|pulling) off (?:all )?(?:her|his|their) (?:clothes|bra and panties|"
    r"panties|underwear)\b"),
    r"\b(?:strips?|stripping|stripped|undress(?:es|ing|ed)?) (?:completely|fully|naked|nude|to nothing)\b",
    r"\b(?:no|without) (?:panties|underwear|bra|knickers) on\b", r"\bno panties\b", r"\bwith nothing on\b",
    (r"\b(?:hand|hands|fingers) (?:in|into|down|inside) (?:her|his|their) (?:panties|pants|underwear|"
    r"knickers|bra)\b"),
    r"\bhaving anal\b", r"\bcrotch (?:shot|close)\b",
    r"\bclose[ -]?ups? of (?:a |her |his )?(?:naked|nude)\b",
    r"\badult (?:movies?|films?|videos?|content|entertainment)\b",
    r"\bexpos(?:e|es|ed|ing) (?:himself|herself|themselves)\b",
    r"\bfuck(?:ing)? (?:on|in) (?:a|the|her|his|their)\b", r"\b(?:\w+ )?(?:and|y) (?:a )?(?:\w+ )?fucking\b",
    # Spanish
    r"\bporno\w*", r"\bdesnud[oa]s?\b", r"\bdesnud(?:andose|arse|ate|ando|an|a|o)\b", r"\bdesnudez\b",
    r"\ben (?:pelotas|bolas|cueros|porretas)\b", r"\bsexo (?:explicito|oral|anal|duro|en)\b",
    r"\b(?:tener|teniendo|tienen|tiene|hacen|hacer) sexo\b", r"\brelaciones sexuales\b",
    r"\bteniendo relaciones\b", r"\bgenitales\b", r"\borgias?\b", r"\bmasturb\w*",
    r"\bhacer(?:se|le|me)? una paja\b", r"\bhaciendose una paja\b",
    r"\bpajas?\b(?= (?:en|a|al|mientras|debajo))", r"\bpajear\w*", r"\bmamadas?\b", r"\bchupandosela\b",
    r"\bchupar(?:sela|la) (?:a|al)\b", r"\bchupa(?:ndo)? la polla\b",
    r"\bfoll(?:ar|an|ando|ado|amos|aron|arse|andose|ando|en)\b",
    r"\b(?:echar|echando|echan|echaron|echamos) (?:un|unos) polvos?\b",
    r"\bpollas?\b(?! (?:de corral|asada|frita))", r"\bpene\b", r"\bvagina\b", r"\bvulva\b",
    r"\berecci(?:on|ones)\b", r"\bestriptis\b",
    r"\b(?:pechos|senos|tetas|pezones) (?:al aire|desnud\w*|descubiert\w*|fuera)\b",
    (r"\b(?:ensena|ensename|ensenando|ensenar|muestra|mostrando|mostrar|saca|sacando|sacar|"
    r"enseno) (?:las |sus )?(?:tetas|pezones|genitales|la polla|el pene)\b"),
    r"\bsin (?:bragas|calzones|sujetador)\b", r"\babr(?:e|irse|iendose|ete) de piernas\b",
    r"\bsexo\b(?= (?:muy )?(?:explicito|sin censura))", r"\bmuy explicit[oa]s?\b",
    r"\b(?:quitandose|quitarse|se quita|quitate|se quitan) (?:toda la ropa|la ropa entera|todo)\b",
    r"\bse desnudan\b", r"\b(?:de forma|muy) explicita\b", r"\bpeliculas? (?:para|de) adultos\b",
    r"\bcontenido (?:para )?adultos\b", r"\bvideos? (?:para adultos|sexual(?:es)?|xxx)\b",
    r"\bexhibicionistas?\b",
    (r"\bmete(?:r|rle|le)? (?:la|las) manos? (?:en|dentro de|por dentro de) (?:las|sus|los) (?:bragas|"
    r"calzoncillos|pantalones)\b"),
    r"\b(?:quitandose|quitarse|se quita|quitate) (?:el sujetador|las bragas|la ropa interior|el tanga)\b",
)
# Phrases blanked before any rule runs: an everyday sense of a rule word.
EXEMPT_PHRASES: tuple[str, ...] = (
    r"\bnaked (?:mole[ -]?rats?|eye|truth|flame|ambition|burgers?|juice)\b",
    r"\bsuicide (?:prevention|awareness|hotlines?|squad|watch)\b",
    r"\b(?:prevencion|prevenir|prevencion y ayuda) (?:del|de|el) suicidio\b",
    r"\bsuicidio\b(?= (?:y ayuda|prevencion))", r"\bgore-?tex\b", r"\bal gore\b",
    r"\bcoke (?:zero|bottle|can)\b", r"\bjoints? (?:pain|of the)\b", r"\bcum laude\b",
    r"\bpussy ?(?:cat|willow)s?\b", r"\bcock-?a-?doodle\w*\b", r"\bbath ?bombs?\b", r"\bphoto ?bomb\w*",
    r"\bbombas? de (?:bano|agua|sabor|humo|confeti|color(?:es)?)\b",
    (r"\b(?:water|squirt|nail|glue|staple|heat|spray|toy|nerf|paintball|"
    r"paint|laser|radar|massage|caulk|caulking|grease) (?:guns?|pistols?|blasters?)\b"),
    r"\bpistolas? de (?:agua|clavos|silicona|pintura|aire caliente|juguete|grapas|masaje|calor|laser)\b",
    r"\bsex(?:ual)? (?:education|health|ed)\b", r"\beducacion sexual\b", r"\bsalud sexual\b",
    r"\bself[ -]harm (?:awareness|prevention|support|recovery)\b", r"\bfake blood\b", r"\bsangre falsa\b",
    r"\bheadless horseman\b", r"\bjinete sin cabeza\b", r"\btorture (?:instruments?|museum|devices?)\b",
    r"\binstrumentos? de tortura\b", r"\bmoros y cristianos\b", r"\bcomo (?:el |la )?(?:bomba|pistola)\b",
    r"\bkill(?:s|ed|ing)? (?:the|those|these) (?:lights|engine|heat|music|noise|mood|ball|lamp|power|fire)\b",
    r"\bnude (?:lipstick|color|colour|heels|shoes|tones?|palette|makeup)\b",
    r"\bnipples? of (?:a|the) bottle\b", r"\b(?:classical|classic|renaissance|baroque|greek|roman) nudes?\b",
    (r"\bnudes? (?:paintings?|portraits?|statues?|sculptures?|"
    r"drawings?|studies|study)\b"), r"\bdesnud[oa]s? (?:clasic[oa]s?|artistic[oa]s?|renacentistas?)\b",
    r"\bjuego del ahorcado\b", r"\bhangman\b",
    # negations and recovery: "no gore", "sin sangre", "stopped cutting", "dejo de autolesionarse"
    r"\b(?:no|without|sin) (?:gore|blood|nudity|sangre|desnudos|violencia)\b",
    r"\b(?:stop(?:ped)?|quit|recover(?:ing|ed|y)? from|prevent(?:ing)?) (?:self[ -]?harm\w*|cutting)\b",
    r"\b(?:dejo|dejar|dejaron|dejan|deja|superar|supero|prevenir) (?:de )?(?:autolesion\w*|cortarse)\b",
    (r"\bscrew(?:ing|s|ed)? (?:in|on|into|off|up) (?:the|a|his|her) (?:light ?bulbs?|bulbs?|lids?|caps?|"
    r"shelf|shelves|screws?)\b"),
    r"\bbang(?:ing|s|ed)? (?:on|at) the (?:door|drums?|table|wall|pots?)\b",
)
_CLOTHES_OFF_CONTEXT = r"\b(?:sex|fuck\w*|follan|follar|hacen el amor|lo hacen|naked|desnud\w*)\b"

# ---------------------------------------------------------------------------------------------- minors
# With a word for a child in the same sentence, these make a prompt "minors" (none of them needs to be
# sexual on its own: "a 12 year old in a thong").
CHILD_SEXUAL_TERMS: tuple[str, ...] = (
    r"\bsex(?:o|y|ys|ies|ual\w*|ualiz\w*|ualis\w*)?\b", r"\bnaked\b", r"\bnude\w*", r"\bundress\w*",
    r"\berotic\w*", r"\bseductiv\w*", r"\bprovocativ\w*", r"\blingerie\b", r"\bsensual\w*", r"\bporn\w*",
    r"\bstrip(?:ping|ped|per|pers|tease)?\b", r"\bsuggestiv\w*", r"\bunderwear\b", r"\bthongs?\b",
    r"\bg-?strings?\b", r"\bnighties?\b", r"\bno clothes\b", r"\btouching (?:her|him|them)sel(?:f|ves)\b",
    r"\blifting her skirt\b", r"\bsexting\b", r"\bdesnud\w*", r"\bropa interior\b", r"\bsugerente\b",
    r"\bseductor\w*", r"\blenceria\b", r"\bhentai\b", r"\btangas?\b", r"\bsin ropa\b", r"\btocandose\b",
    r"\blevantandose la falda\b", r"\bsexys?\b", r"\bsee[ -]through\b", r"\btransparen\w*",
    r"\bprivate parts\b", r"\bpartes intimas\b",
    r"\b(?:grabad[oa]|filmad[oa]|fotografiad[oa]) por un (?:hombre|desconocido|adulto)\b",
    r"\b(?:filmed|recorded|photographed) by (?:a|an) (?:man|stranger|adult|older man)\b",
    (r"\b(?:in (?:his|her) underwear|en calzoncillos|en bragas)\b.{0,30}\b(?:filmed|grabad\w*|for a man|"
    r"para un hombre|camera|camara)\b"),
    r"\bhaving relations\b", r"\bteniendo relaciones\b", r"\berotic[oa]s?\b",
    r"\bkiss(?:es|ing)? .{0,20}\bon the (?:mouth|lips)\b.{0,20}\bin bed\b",
    r"\bbesando en la boca\b.{0,40}\ben la cama\b",
)

# --------------------------------------------------------------------------------------------- violence
_VIOLENCE_ALONE = (
    r"\b(?:throw\w*|spray\w*|splash\w*|pour\w*) (?:\w+ )?acid (?:at|on|in|into) (?:people|someone|her|his|him|their|a |the )",
    r"\b(?:lanz\w*|tir\w*|roci\w*|ech\w*) (?:\w+ )?acido (?:a|en|sobre) (?:la gente|alguien|la cara|su cara|una|un)\b",
    r"\bacid attacks?\b", r"\bataques? con acido\b",
    r"\bdecapitat\w*", r"\bbehead\w*", r"\bdismember\w*", r"\bdisembowel\w*", r"\bmutilat\w*", r"\bgore\b",
    r"\bgory\b", r"\bpool of blood\b",
    r"\bblood (?:spray\w*|splatter\w*|gushing|spurting|pooling|everywhere|all over)\b",
    r"\b(?:lots|a lot|pools) of blood\b", r"\bcovered in blood\b", r"\bguts (?:spill\w*|hanging|pouring)\b",
    r"\bbrains? (?:splatter\w*|blown out|comes? out|coming out|on the (?:wall|floor|ground))\b",
    r"\b(?:skinned|burned|burnt|burning|buried) alive\b",
    r"\b(?:school|mass|church|mosque|synagogue|mall|concert) shootings?\b",
    (r"\b(?:beaten|beat|kicked|stabbed|stab|stabbing|tortured|whipped|stomped|hacked|strangled|"
    r"choked) (?:(?!it\b)\w+ )?to death\b"),
    r"\bmassacre\w*", r"\bexecution[ -]style\b", r"\bslit(?:s|ting)? (?:\w+ ){0,2}throats?\b",
    r"\bthroats? (?:being )?(?:slit|cut)\b", r"\bcut(?:s|ting)? (?:\w+ ){0,2}throats?\b",
    r"\bmangled (?:corpses?|bodies|body)\b", r"\bsevered (?:heads?|limbs?|arms?|legs?|hands?)\b",
    r"\bblown to (?:pieces|bits)\b",
    r"\b(?:legs?|arms?|heads?|limbs?|hands?|fingers?) (?:blown|ripped|torn|chopped|hacked|cut) off\b",
    r"\b(?:bones?|organs?) (?:showing|sticking out|exposed)\b",
    r"\b(?:head|brains?) (?:blown|blew|blowing) (?:off|out)\b",
    r"\bblow(?:s|ing)? (?:his|her|their|someone's|a man's) (?:head|brains) (?:off|out)\b",
    (r"\b(?:cut|cuts|cutting|chop|chops|chopping|hack|hacking|rip|ripping|tear|tearing) off (?:a |his |"
    r"her |their |the )?(?:\w+'s )?"
    r"(?:fingers?|ears?|head|hands?|tongue|arms?|legs?|nose|toes?)\b"),
    r"\b(?:chop|chopping|chopped|cut|cutting) (?:up )?(?:a|the|his|her) (?:body|corpse)\b",
    r"\b(?:body|corpse) (?:into|in) pieces\b", r"\bgoug\w* out\b",
    r"\brip(?:s|ping)? out (?:his|her|their|someone's|a \w+'s) (?:teeth|eyes|nails|tongue|heart)\b",
    r"\bshot in the back of the head\b", r"\bfiring squad\b", r"\bhead on a (?:spike|pike|stake)\b",
    r"\b(?:bodies|corpses|body parts) (?:everywhere|piled|all over|scattered|on the floor|on the ground)\b",
    r"\bcurb ?stomp\w*",
    (r"\b(?:until|till) (?:he|she|it|they)(?:'s| is| are)? (?:dies|die|dead|stops? moving|bleeds?|"
    r"stops? breathing|unrecognizable|"
    r"collapses?|faints?|passes out|goes limp|goes still|stops struggling)\b"),
    r"\bhasta que se (?:desploma|desmaya|queda inmovil|queda quiet[oa])\b",
    r"\b(?:until|till) (?:his|her|their) face is (?:unrecognizable|destroyed|gone)\b",
    # Spanish
    r"\bdecapit\w*", r"\bdesmembr\w*", r"\bdescuartiz\w*", r"\bmutilad\w*", r"\bdegoll\w*",
    r"\bcharco de sangre\b",
    r"\bsangre (?:a chorros?|salpicando|por todas partes|por todos lados|por todo)\b",
    r"\bsale la sangre a chorro\b", r"\bsesos\b", r"\b(?:quemad|despellejad|enterrad)[oa]s? viv[oa]s?\b",
    r"\bmasacre\w*",
    (r"\btiroteo (?:masivo|en (?:un|una|el|la) (?:escuela|colegio|instituto|concierto|centro comercial|"
    r"iglesia|mezquita))\b"),
    (r"\b(?:golpead|apalead|apalizad|apunalad|torturad|azotad|pateado|"
    r"estrangulad)[oa]s? hasta (?:la muerte|morir|matarl[oa]s?)\b"),
    r"\bhasta (?:matarl[oa]s?|que (?:muere|muera|se muere|deja de moverse|deja de respirar|sangra|sangre))\b",
    r"\bhasta (?:desfigurar\w*|reventarl\w*|dejarl[oa] irreconocible)\b", r"\bmata(?:n|r|ron)? a palos\b",
    r"\bcadaveres (?:destrozados|mutilados|amontonados)\b",
    r"\b(?:cuerpos|cadaveres) (?:por todas partes|amontonados|tirados por)\b",
    r"\b(?:rajan|rajarle|rajaron|raja) el cuello\b",
    (r"\b(?:cortarle|cortan|cortaron|corta|cortandole) (?:la cabeza|el cuello|los dedos|las manos|"
    r"la oreja|la lengua|el brazo|la pierna|las orejas)\b"),
    (r"\b(?:le|les) (?:cortan|arrancan|vuelan|revientan) (?:la cabeza|el brazo|los dedos|la pierna|"
    r"las piernas|los ojos)\b"),
    (r"\b(?:arrancar|arrancarle|arrancan|sacar|sacarle|sacan) (?:los|las|el|la) (?:ojos|dientes|unas|"
    r"lengua|corazon)\b"),
    r"\btiro en la nuca\b", r"\b(?:fusilad\w*|fusilar\w*|fusilando\w*)", r"\bpeloton de fusilamiento\b",
    r"\b(?:cabeza|cabezas) (?:clavadas? )?en una pica\b", r"\btrocea\w* (?:un|el) (?:cadaver|cuerpo)\b",
    r"\b(?:cuerpo|cadaver) (?:descuartizado|troceado|en trozos|en pedazos)\b",
    r"\b(?:conductor|hombre|mujer) sin cabeza\b", r"\bvolar(?:le)? la cabeza\b",
    r"\bpisotear(?:le)? la cabeza\b",
    r"\b(?:tripas|intestinos|visceras) (?:saliendo|fuera|colgando|desparramad\w*)\b",
    (r"\b(?:cut\w*|rip\w*|tear\w*|pull\w*|gouge\w*) (?:[\w']+ ){0,2}(?:tongue|eyes?|heart|teeth|"
    r"fingernails|nails) out\b"),
    r"\b(?:skull|head)s? (?:cracked|split|smashed|bashed|caved) (?:open|in)\b",
    r"\b(?:crack\w*|split\w*|smash\w*|bash\w*) (?:\w+ ){0,2}(?:skull|head) (?:open|in)\b",
    (r"\b(?:abren|abrir|abrirle|abriendole|rompen|romperle|parten|partirle|revientan|reventarle|aplastan|"
    r"aplastarle) (?:el|la) (?:craneo|cabeza)\b"),
    (r"\b(?:beat\w*|kick\w*|stab\w*|stomp\w*|punch\w*|hack\w*|club\w*|bludgeon\w*|whip\w*|tortur\w*|"
    r"strangl\w*|burn\w*) (?!it\b)(?:\w+ ){1,5}to death\b"),
    (r"\b(?:matando|matan|mataron|matar|mato|matarlo|matarla) a (?:patadas|golpes|palos|punetazos|"
    r"pedradas|tiros|navajazos|cuchilladas|hachazos)\b"),
    r"\bdespedaz\w*", r"\bbayonet\w*", r"\bbayonetazos?\b", r"\bremat\w* a (?:los|las) herid[oa]s\b",
    (r"\b(?:drown\w*|ahog\w*) (?:.{0,20} )?(?:a )?(?:his|her|their|a|the|su|al|a la|a su|un|"
    r"una) (?:\w+ )?(?:wife|husband|child|baby|man|woman|girlfriend|"
    r"boyfriend|mujer|marido|hijo|hija|bebe|nino|nina|novia|novio|hombre)\b"),
    r"\b(?:forc\w*|obliga\w*) .{0,30}\b(?:to drink|a beber) (?:the )?(?:poison|veneno)\b",
    (r"\b(?:carv\w*|graba\w*|cut\w*|cort\w*) .{0,40}\b(?:into|en) (?:the |el |la )?(?:victim'?s?|"
    r"victima)\b|\b(?:victim'?s?|victima)\b.{0,10}\b(?:chest|skin|pecho|piel)\b|"
    r"\b(?:carv\w*|graba\w*|cut\w*|cort\w*)\b.{0,30}\b(?:chest|skin|pecho|piel)\b.{0,15}\b(?:victim'?s?|"
    r"victima)\b"),
    r"\bhacer(?:le|les)? pedazos a\b", r"\barrancandole las unas\b",
    r"\bpulling out (?:his|her|their) (?:finger)?nails\b",
    r"\b(?:guts|intestines|entrails) (?:out|spilling|hanging)\b",
    r"\bejecutad[oa]s? de un (?:disparo|tiro)\b", r"\b(?:disparo|tiro|balazo) en la (?:cabeza|cara|nuca)\b",
    r"\b(?:body|corpse)\b.{0,20}\bin pieces\b",
    (r"\b(?:golpead|apalead|apunalad|acuchillad|torturad|azotad|pateado|estrangulad)[oa]s?\b"
    r".{0,40}\bhasta (?:la muerte|morir|matarl[oa]s?)\b"),
    (r"\b(?:punch\w*|hit\w*|slap\w*|kick\w*|shak\w*|beat\w*|throw\w*|smash\w*) (?:a|the|his|her|"
    r"my) (?:\w+ )?(?:baby|infant|newborn)\b"
    r"(?! (?:rattle|toy|bottle|monitor|carriage|stroller|shower|food|book|blanket|swing|photos?))"),
    (r"\b(?:punetazos|patadas|bofetadas|golpes|golpear|pegar|pegarle|sacudir|zarandear|lanzar|"
    r"tirar) (?:a )?(?:un|una|el|la|su|mi) (?:\w+ )?"
    r"(?:bebe|recien nacid[oa])\b(?! (?:reborn|de juguete))"),
)
_KILL_EN = _words(
    r"kill\w*", r"murder\w*", r"poison\w*", r"stab\w*", r"strangl\w*", r"shoot", r"shooting", r"run over",
    r"hurt\w*", r"beat up", r"torture\w*", r"drown\w*", r"suffocat\w*",
)
_KILL_ES = _words(
    r"matar(?:l[oae]s?)?", r"mato", r"hacer(?:le|les)? dano", r"asesinar(?:l[oae]s?)?",
    r"envenenar(?:l[oae]s?)?", r"apunalar(?:l[oae]s?)?", r"estrangular(?:l[oae]s?)?",
    r"atropellar(?:l[oae]s?)?", r"torturar(?:l[oae]s?)?", r"ahogar(?:l[oae]s?)?", r"hacer dano",
    r"pegar(?:le)? un tiro", r"dispararl[ea]s?",
)
_HOW_TO = _any(
    r"\bhow (?:to|do i|do you|would i|can i|should i|could i)\b", r"\bways? to\b", r"\bbest way\b",
    r"\bwithout (?:getting caught|anyone knowing|leaving (?:a trace|evidence))\b", r"\bget away with\b",
    r"\bi (?:want|wanna|am going|m going|need) to\b", r"\bplan(?:ning)? to\b", r"\btips (?:to|for|on)\b",
    r"\bstep[ -]by[ -]step\b", r"\bcomo (?:puedo |se puede |podria )?\w+",
    r"\bsin que (?:me|nos|le|lo|la) (?:pillen|descubran|cojan)\b",
    r"\bwithout leaving (?:marks|bruises|a mark)\b", r"\bsin dejar (?:marcas|huella|rastro)\b", r"\bquiero\b",
    r"\bvoy a\b", r"\bla (?:mejor )?forma de\b", r"\bmanera de\b", r"\bpaso a paso\b", r"\btrucos? para\b",
)
_CRUEL_EN = _words(
    r"(?:kick\w*|throw\w*|toss\w*|drag\w*|beat\w*|burn\w*|drown\w*|hang\w*|skin\w*|torture\w*|shak\w*|"
    r"punch\w*|slap\w*|stomp\w*|whip\w*|starv\w*) (?:a|an|the|my|his|her|their|that)? ?(?:\w+ )?"
    r"(?:cats?|dogs?|puppy|puppies|kittens?|baby|babies|infant|newborn|toddler|animal|horse|pet)"
)
_CRUEL_ES = _words(
    r"(?:tirar|tira|tiran|patear|patea|arrastrar|arrastra|ahogar|ahoga|quemar|quema|colgar|cuelga|"
    r"sacudir|sacude|"
    r"pegar|pega|pegando|golpear|golpea|azotar|desollar|torturar|punetazos|patadas|dar(?:le)? punetazos) "
    r"(?:a )?(?:un|una|el|la|mi|su|los|las)? ?(?:gatos?|perros?|cachorros?|gatitos?|bebes?|recien nacido|"
    r"animal(?:es)?|caballos?|mascotas?)"
)
_CRUEL_CONTEXT = _words(
    r"off (?:a |the )?(?:balcony|roof|bridge|building|window)", r"behind (?:a|the|his|her) car", "until",
    r"violently", r"to death", r"in the face", r"for fun", r"alive",
    r"por (?:el|la) (?:balcon|ventana|azotea)", r"atad[oa] al coche", r"hasta", r"violentamente",
    r"por diversion", r"viv[oa]", r"en la cara", r"a palos", r"until it stops", r"on purpose", r"a proposito",
)
_ATTACK_PLACES = _any(
    r"\b(?:crowded|crowd|market|school|church|mosque|synagogue|concert|bus|subway|metro|mall|stadium|"
    r"festival|parade|"
    r"classroom|shopping mall|nightclub|club|office|hospital|students|people|worshippers|shoppers)\b",
    r"\b(?:mercado|escuela|colegio|instituto|iglesia|mezquita|sinagoga|concierto|autobus|metro|"
    r"centro comercial|"
    r"estadio|festival|desfile|gente|multitud)\b",
)

# ---------------------------------------------------------------------------------------------- self-harm
_SELF_HARM_ALONE = (
    r"\bself[ -]?harm\w*", r"\bself[ -]?injur\w*", r"\bsuicid\w*",
    r"\bkill(?:s|ing|ed)? (?:himself|herself|myself|themselves|yourself|oneself|ourselves)\b",
    r"\bhang(?:s|ing|ed)? (?:himself|herself|myself|themselves|yourself|oneself)\b",
    r"\bshoot(?:s|ing)? (?:himself|herself|myself|themselves|yourself)\b",
    r"\bshot (?:himself|herself|myself)\b",
    (r"\b(?:cut|cuts|cutting|slit|slits|slitting|slice|slicing|slash\w*) (?:his|her|my|their|"
    r"your) (?:own )?(?:wrists?|veins|forearms?|thighs?)\b"),
    (r"\b(?:cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|starve|starving|starved) (?:myself|"
    r"herself|himself|themselves|yourself)\b(?! (?:a |some )?(?:slice|piece|bread|cake|food))"),
    r"\bend(?:s|ing|ed)? (?:his|her|my|their|your) (?:own )?life\b", r"\bend it all\b",
    r"\bpro[ -]?(?:ana|mia)\b", r"\bthinspo\w*", r"\bthinspiration\b", r"\bmeanspo\b",
    r"\b(?:lethal|fatal|deadly) dos(?:e|es|age)\b",
    r"\b(?:don'?t|do not|doesn'?t|does not) want to (?:live|be alive|wake up)\b",
    r"\bnothing (?:left )?to live for\b",
    r"\b(?:want|wants|wanna|wanted|going) to (?:die|kill myself|end it)\b(?! (?:of|from|laughing))",
    r"\bnever wake up\b", r"\bto not wake up\b", r"\bnot to wake up\b",
    r"\b(?:noose|rope|belt|cord) (?:around|round) (?:his|her|their|my|your) (?:own )?neck\b",
    (r"\b(?:gun|pistol|barrel|revolver) (?:to|against|in) (?:his|her|their|my|your) (?:own )?(?:head|"
    r"temple|mouth)\b"),
    r"\b(?:barrel|muzzle) of (?:a|the|his|her) (?:gun|pistol|revolver) in (?:his|her|their|my) mouth\b",
    (r"\b(?:purg\w*|vomit\w*|throw(?:ing)? up) (?:after|after every|after each) (?:eating|meals?|"
    r"every meal|each meal|dinner|lunch)\b"),
    r"\b(?:hide|hiding|cover up|covering) (?:my|the|her|his|their)? ?(?:self[ -]harm|cuts|scars|cutting)\b",
    r"\b(?:drink\w*|swallow\w*) (?:a bottle of )?bleach\b",
    r"\bjump(?:s|ed|ing)? to (?:his|her|their|my|your) death\b",
    r"\bdie in (?:my|his|her|their|your) sleep\b",
    r"\bmorir(?:me|se)? (?:mientras duermo|dormid[oa]|en suenos)\b",
    r"\b(?:cut|cutting|cortar\w*|cortes?)\b.{0,12}\b(?:deeper|mas profundo)\b",
    # Spanish
    r"\bautolesi\w*", r"\bsuicid\w*",
    r"\bcort(?:arse|arme|andose|andome|arte) (?:las|los) (?:venas|munecas|brazos|muslos|piernas)\b",
    r"\bcortandose\b(?! (?:el pelo|las unas|la barba|el flequillo))",
    r"\bcortarme\b(?! (?:el pelo|las unas|la barba|el flequillo|un trozo))", r"\bhaciendose cortes\b",
    r"\bquit(?:arse|arme|andose|ate|arte|o) la vida\b", r"\bahorc(?:arse|arme|andose|ado|ada|ate)\b",
    r"\b(?:pegarse|pegandose|pegarme|me pego|se pega) un tiro\b", r"\bdisparandose\b",
    r"\bvolarse la (?:cabeza|tapa de los sesos)\b", r"\bmatarme\b",
    r"\bmatarse\b(?! (?:a |trabajando|estudiando))", r"\bacabar con (?:todo|mi vida)\b",
    r"\b(?:ya )?no (?:quiero|quiere|quieres|queria) (?:seguir )?vivir\b", r"\bquiero morir(?:me)?\b(?! de)",
    r"\bganas de morir(?:me)?\b(?! de)", r"\bdosis (?:letal|mortal)\b", r"\bpara no despertar(?:me|se)?\b",
    r"\bno despertar(?:me)? nunca\b", r"\b(?:soga|cuerda|cinturon) al cuello\b",
    r"\b(?:pistola|canon|revolver) (?:en|contra) (?:la|su|mi) (?:sien|boca)\b",
    r"\b(?:vomitar|vomito|vomita|vomitando) (?:despues de|tras) (?:comer|cada comida|las comidas)\b",
    r"\b(?:esconder|ocultar|tapar) (?:los|mis|sus) cortes\b",
    r"\b(?:beber|bebe|bebiendo|tomar|tomarse) lejia\b",
    r"\bquemar(?:me|se)\b.{0,30}\b(?:cigarr\w*|mechero|plancha|a proposito)\b",
    (r"\b(?:cortandose|aranandose|quemandose|golpeandose|mordiendose|aranarse|cortarse|"
    r"golpearse)\b.{0,40}\b(?:hasta sangrar|sangr\w*|"
    r"a proposito|se odia|me odio|para sentir|castigarse)\b"),
    (r"\b(?:scratch\w*|hit\w*|bit\w*|punch\w*|burn\w*|cut\w*|slic\w*) (?:her|his|my|"
    r"their) (?:own )?(?:arms?|legs?|skin|wrists?|face|thighs?)\b"
    r".{0,40}\b(?:bleed\w*|on purpose|hates? (?:herself|himself|myself|themselves)|to feel|punish\w*)\b"),
    r"\bquemandose\b.{0,30}\b(?:cigarr\w*|mechero|plancha|a proposito)\b",
)
_DIE_EN = _words(
    r"to die", r"die", r"dying", r"to death", r"end it", r"end his life", r"end her life", r"on purpose",
    r"goodbye note", r"suicide note", r"farewell note", r"let go", r"nothing to live for", r"last time",
    r"never come back", r"kill (?:myself|himself|herself)", r"overdose", r"lethal", r"to not wake up",
    r"ready to jump", r"(?:it )?will all be over", r"all be over", r"goodbye letter", r"letter of goodbye",
    r"won'?t wake up", r"wouldn'?t wake up", r"never wakes? up", r"stones in (?:her|his|their|my) pockets",
)
_DIE_ES = _words(
    r"para morir", r"morir", r"morirse", r"a proposito", r"carta de despedida", r"nota de despedida",
    r"despedida", r"soltarse", r"no quiere vivir", r"no despertar", r"sobredosis", r"mortal", r"acabar",
    r"se acabara todo", r"acabara todo", r"todo se acabara", r"carta de adios", r"no despiert[ae]",
    r"piedras en los bolsillos",
)
_LEAP = _any(
    r"\bjump\w* (?:off|from|in front of)\b", r"\bstep\w* (?:off|in front of)\b",
    r"\bthrow\w* (?:himself|herself|myself|themselves) (?:off|from|in front of)\b",
    r"\b(?:edge|ledge) of (?:the|a) (?:roof|bridge|building|cliff)\b",
    r"\btir(?:arse|arme|andose|ate|o|a) (?:del|de un|de una|de la|de los|desde|por|a las)\b",
    r"\bsalt(?:ar|ando|a) (?:del|de un|de una|desde)\b", r"\bborde de la azotea\b", r"\bwaiting to die\b",
    r"\b(?:a punto de|ready to) (?:tirarse|saltar|jump)\b", r"\b(?:cornisa|ledge)\b",
    r"\bwalk\w* into the (?:sea|ocean|river|lake|water)\b",
    r"\bmeter(?:se|me)? en el (?:mar|rio|lago|agua)\b",
    r"\bentr(?:ar|ando|a|o) en el (?:mar|rio|lago|agua)\b",
)
_PILLS = _any(
    r"\b(?:sleeping |the )?pills?\b", r"\btablets\b", r"\bparacetamol\b", r"\binsulin\b", r"\bpastillas\b",
    r"\binsulina\b", r"\bpills? to overdose\b", r"\boverdose\b", r"\bsobredosis\b",
)
_DOSE_ASK = _any(
    r"\bhow (?:many|much)\b", r"\bevery (?:single )?pill\b", r"\btodas las pastillas\b", r"\bcuant[oa]s?\b",
    r"\bwhat dose\b", r"\bque dosis\b", r"\btaking all\b", r"\bme las tomo todas\b", r"\btomo todas\b",
    r"\ball of them tonight\b", r"\bswallow\w* (?:a|the) (?:whole )?bottle\b", r"\btragandose un bote\b",
    r"\btomandose todas\b", r"\btaking all (?:his|her|my) pills\b",
    r"\bswallow\w* (?:them all|all of them|them with|a handful|every one)\b", r"\bse las (?:traga|toma)\b",
)
_STARVE = _any(
    r"\bstarv\w* (?:myself|herself|himself|yourself)\b", r"\bnot feel(?:ing)? hungry\b",
    r"\bdejar de comer\b", r"\bsin (?:tener )?hambre\b", r"\bno comer nada\b", r"\bno como nada\b",
    r"\bhide (?:that )?i'?m starving\b",
)
_THIN = _any(r"\b(?:thin|skinny|lose weight|adelgazar|delgad[oa]|flac[oa])\b", r"\bhide\b", r"\besconder\b")

# --------------------------------------------------------------------------------------------------- hate
GROUPS_EN = _words(
    r"jews?", "jewish people", "muslims?", "islam", "arabs?", "blacks", "black people", "africans",
    "immigrants?", "migrants?", "refugees", "mexicans", "latinos", "asians", "chinese(?: people)?", "indians",
    "gypsies", "roma", "gays?", "gay people", "lesbians", "homosexuals", "trans(?: people| women| men)?",
    "transgender(?: people)?", "women", "disabled(?: people)?", "christians", "catholics", "hindus", "sikhs",
    "whites", "white people", "foreigners", "minorities",
)
GROUPS_ES = _words(
    "judios", "judio", "musulmanes", "moros", "arabes", "negros", "africanos", "inmigrantes", "migrantes",
    "refugiados", "sudacas", "latinos", "mexicanos", "chinos", "asiaticos", "gitanos", "gays", "maricones",
    "homosexuales", "lesbianas", "trans", "transexuales", "mujeres", "discapacitados", "minusvalidos",
    "cristianos", "blancos", "extranjeros", "minorias",
)
_DEHUMANISE = _words(
    r"(?:are|is|as|were) (?:all |just |nothing but |like )?(?:future |born |little )?(?:vermin|rats|apes|"
    r"monkeys|animals|cockroaches|subhuman|parasites|"
    r"a plague|inferior|terrorists|criminals(?: by nature)?|rapists|thieves|a virus|a disease|sick|"
    r"freaks|monsters|dirty|filth|"
    r"trash|worthless|savages|an infestation|a cancer|property|dirty terrorists)",
    r"(?:son|es|como|eran) (?:todos |todas |solo |unos |unas |como )?(?:unos |unas )?(?:futuros |"
    r"futuras )?(?:ratas|monos|animales|cucarachas|parasitos|"
    r"una plaga|inferiores|basura|terroristas|delincuentes(?: por naturaleza)?|violadores|ladrones|"
    r"un virus|una enfermedad|"
    r"enfermos|monstruos|bichos raros|sucios|asquerosos|salvajes|escoria|infrahumanos|una infestacion|"
    r"un cancer|propiedad)",
    r"(?:should|must|need to|deserve to|ought to) (?:all )?(?:be )?(?:die|killed|deported|gassed|shot|"
    r"exterminated|wiped out|"
    r"removed|cured|locked up|hanged|hung|burned|put down|sterili[sz]ed|eliminated|beaten|caged|enslaved|"
    r"hunted|hunted down|expelled)",
    r"(?:hay que|habria que|deberian|merecen|tienen que) (?:\w+ )?(?:matar\w*|morir|echar\w*|eliminar\w*|"
    r"exterminar\w*|encerrar\w*|"
    r"curar\w*|sacrificar\w*|pegar\w*|deportar\w*|colgar\w*|quemar\w*|gasear\w*|borrar\w*|golpes|"
    r"una paliza|cazar\w*|expulsar\w*)",
    r"(?:worthless|no valen nada|deben obedecer|should obey|belong in the kitchen|a la cocina)",
    r"(?:control(?:s|ling)?|controlan|controlando|controla) (?:the |el |los |las )?(?:world|media|banks|"
    r"mundo|medios|bancos)",
    r"(?:huge|big|hooked|enorme|ganchuda) (?:nose|nariz)|(?:nose|nariz) (?:huge|enorme|ganchuda)",
    r"(?:should|shouldn'?t|should not|deserve to) (?:never )?(?:have been|be) born|no (?:deberian|merecen) (?:haber )?nacer|"
    r"no deberian haber nacido|(?:are|is|son|es) (?:a|an|una|un) (?:burden|carga|lastre)|"
    r"vermin|rapists|cockroaches|subhumans?|parasites|savages|infrahumanos|violadores|cucarachas|"
    r"parasitos|alimanas|escoria",
    r"born (?:thieves|criminals|liars|killers)|nacen (?:ladrones|delincuentes|mentirosos|asesinos)|"
    r"(?:thieves|criminals|ladrones|delincuentes) "
    r"(?:by nature|by birth|por naturaleza)",
    r"(?:are|son) (?:all |todos |unos )?(?:pedophiles|paedophiles|pederastas|pedofilos|groomers|"
    r"degenerates|degenerados|perverts|"
    r"pervertidos|liars|mentirosos|greedy|avariciosos|avaros)|mienten|pederastas|pedofilos",
    r"(?:dispar\w*|fusilar\w*|ahorcar\w*|pegar(?:les)? un tiro|tirotear\w*)",
)
_GROUP_CALL = (
    r"\b(?:kill|gas|hang|shoot|burn|exterminate|deport|lynch) (?:all )?(?:the |all the |those )?",
    (r"\b(?:matar|colgar|colgad|quemar|quemad|exterminar|gasear|echar|linchar|matad|"
    r"echad) a (?:todos )?(?:los|las) "),
    r"\bmuerte a (?:los|las|todos los) ", r"\bdeath to (?:all )?(?:the )?",
)
_SLURS = (
    r"\bnigg(?:er|ers|a|as|az)\b", r"\bfaggots?\b", r"\bkikes?\b", r"\bspics?\b", r"\bchinks?\b",
    r"\bwetbacks?\b", r"\btrann(?:y|ies)\b", r"\bretards\b", r"\bragheads?\b", r"\btowel ?heads?\b",
    r"\bgooks?\b", r"\bbeaners?\b", r"\bsudacas?\b", r"\bmaricon(?:es)?\b", r"\bpanchitos?\b",
    r"\bnegratas?\b", r"\bsubnormales\b", r"\bmongolos\b", r"\bmoros? de mierda\b", r"\bnegros? de mierda\b",
    r"\bterroristas? de mierda\b", r"\bterrorist pigs?\b", r"\bjudios? de mierda\b",
    r"\bput[oa]s? (?:inmigrantes|moros|negros|gitanos|judios|maricones)\b",
)
_PERPETRATORS = _words(
    r"hitler", r"the ss", r"las ss", r"nazis?", r"the third reich", r"the reich", r"el reich", r"holocaust",
    r"holocausto", r"genocides?", r"genocidios?",
    r"(?:christchurch|mosque|mezquita|mezquita de christchurch) (?:shooter|asesino|gunman)",
    r"asesino de la mezquita", r"breivik", r"kkk", r"lynchings?", r"linchamientos?",
)
_GLORIFY = _words(
    r"celebrat\w*", r"glorif\w*", r"heroe?s?", r"heroic\w*", r"honou?r\w*", r"homenaje", r"gloria", r"glory",
    r"a good thing", r"was right", r"did nothing wrong", r"tenia razon", r"celebrando", r"celebrar",
    r"ensalzando", r"admir\w*", r"desfilando como heroes", r"parody celebrating", r"parodia celebrando",
)
_GROUP_MEMBERS = _any(
    r"\ba (?:gay|lesbian|trans|jewish|muslim|black|gypsy|roma|arab|immigrant|disabled|mexican|"
    r"asian) (?:couple|man|woman|family|person|kid|boy|girl|teen|guy)\b",
    r"\b(?:gay|lesbian|trans|jewish|muslim|black|gypsy|arab|immigrant) (?:couples?|people|families|men|"
    r"women|kids)\b",
    r"\buna? (?:pareja|familia|mujer|hombre|persona|chico|chica|nino|nina) (?:gay|lesbiana|trans|"
    r"judi[oa]|musulman[a]?|negr[oa]|gitan[oa]|arabe|inmigrante|discapacitad[oa])\b",
    r"\buna? (?:pareja|familia) de (?:hombres|mujeres|gitanos|judios|musulmanes|inmigrantes|gays)\b",
    r"\b(?:a|an) (?:woman|man|girl) (?:in|wearing) a (?:hijab|niqab|burqa|turban|kippah|yarmulke)\b",
    r"\buna? (?:mujer|chica|hombre) con (?:hiyab|velo|burka|turbante|kipa)\b",
    r"\b(?:mosque|synagogue|temple|pride flag|rainbow flag|mezquita|sinagoga|bandera gay|bandera lgtb\w*|"
    r"bandera arcoiris)\b",
)
_ATTACK = _words(
    r"beat\w*", r"ston\w*", r"throwing stones", r"lynch\w*", r"burn\w*", r"attack\w*", r"spit\w* on",
    r"shout\w* at", r"yell\w* at", r"harass\w*", r"apedre\w*", r"peg(?:ar|ando|an|aron|a)", r"paliza",
    r"linch\w*", r"quem\w*", r"atac\w*", r"escup\w*", r"gritando?le", r"gritandole", r"acos\w*",
    r"go back to your country", r"vuelvete a tu pais",
)

# ---------------------------------------------------------------------------------------------- weapons
_MAKE = _any(
    r"\bhow (?:to|do i|do you|would i|can i|could i|should i)(?: \w+)? (?:make|build|create|assemble|"
    r"cook|mix|convert|turn|3d ?print|"
    r"print|get|buy|manufacture|craft|rig|pack|put together|brew|synthesi[sz]e|extract)\b",
    r"\b(?:make|makes|making|made|build|builds|building|built|assemble|assembling|manufactur\w*|"
    r"3d[ -]?print\w*|print(?:ing)?|"
    r"convert\w*|turn\w*|craft\w*|rig\w*|brew\w*|synthesi[sz]\w*|extract\w*|pack\w*|cook\w*|mix\w*)\b",
    r"\b(?:step[ -]by[ -]step|tutorial|instructions?|recipe|guide|diy|homemade|home[ -]made|at home|"
    r"blueprints?|schematics?)\b",
    r"\b(?:como|cómo) (?:se )?(?:hace|hacer|hago|fabrica|fabricar|fabrico|monta|montar|monto|construir|"
    r"construyo|preparar|preparo|"
    r"conseguir|consigo|comprar|compro|convertir|convierto|imprimir|imprimo|mezclar|armar|armo)\b",
    r"\b(?:hacer|fabricar|montar|construir|preparar|convertir|imprimir|mezclar|armar|mezcla|proporcion)\b",
    r"\b(?:paso a paso|tutorial|instrucciones|"
    r"receta|guia|caser[oa]s?|en casa|planos)\b",
)
_EXPLOSIVE = _any(
    r"\b(?:pipe|nail|car|truck|letter|pressure[ -]cooker|dirty|fertili[sz]er|homemade) bombs?\b",
    r"\bbombs?\b", r"\bexplosives?\b", r"\bexplosive (?:vest|belt|device)s?\b", r"\bgrenades?\b",
    r"\bnapalm\b", r"\bmolotovs?\b", r"\bmolotov cocktails?\b", r"\bthermite\b", r"\bied\b", r"\bieds\b",
    r"\bdetonators?\b", r"\btatp\b", r"\banfo\b", r"\bc-?4\b", r"\bsemtex\b", r"\bdynamite\b",
    r"\bblack powder\b", r"\bgunpowder\b", r"\bricin\b", r"\bsarin\b", r"\bnerve (?:gas|agents?)\b",
    r"\bmustard gas\b", r"\bchlorine gas\b", r"\b(?:toxic|poison(?:ous)?|deadly|lethal) gas\b",
    r"\bflamethrowers?\b", r"\bbombas?(?: casera| caseras| de clavos| lapa)?\b", r"\bcoches? bomba\b",
    r"\bexplosivos?\b", r"\bchalecos? explosivos?\b", r"\bartefactos? explosivos?\b",
    r"\bgranadas? (?:casera|caseras|de mano|explosivas?|de fragmentacion)\b", r"\btermita\b(?!s)",
    r"\bdetonador(?:es)?\b", r"\bpolvora\b", r"\bricina\b",
    r"\bgas (?:toxico|cloro|mostaza|nervioso|sarin|venenoso)\b", r"\blanzallamas\b", r"\bdinamita\b",
    r"\b(?:camion|furgoneta|coche) bomba\b", r"\bfertili[sz]er (?:and|with|y|con) (?:diesel|fuel|gasoline)\b",
    r"\bfertilizante (?:y|con) (?:gasoleo|gasolina|diesel)\b",
)
_FIREARM = _any(
    r"\b(?:guns?|firearms?|pistols?|handguns?|rifles?|shotguns?|revolvers?|ar-?15s?|ak-?47s?|glocks?|"
    r"uzis?|machine ?guns?|"
    r"submachine guns?|assault (?:rifles?|weapons?))\b",
    r"\b(?:silencers?|suppressors?|auto ?sears?|bump ?stocks?|full[ -]?auto(?:matic)?|select[ -]fire)\b",
    r"\b(?:pistolas?|armas?(?: de fuego)?|rifles?|escopetas?|fusil(?:es)?|revolver(?:es)?|metralletas?|"
    r"glock|ak-?47|"
    r"silenciador(?:es)?|automatic[oa]s?)\b",
)
_ILLEGAL_GUN = _any(
    r"\b(?:ghost|zip|untraceable|unregistered|undetectable|homemade|home[ -]made|3d[ -]?printed|"
    r"printed) (?:guns?|pistols?|firearms?|rifles?)\b",
    r"\b(?:convert\w*|turn\w*) .{0,30}\b(?:full[ -]?auto\w*|automatic|auto)\b",
    r"\bfull[ -]?auto conversion\b",
    r"\b(?:without|no) (?:a )?(?:background checks?|serial numbers?|license|papers|questions asked)\b",
    r"\b(?:past|through|by) (?:the )?metal detectors?\b", r"\b(?:dark ?web|deep ?web|black market)\b",
    r"\b(?:sin|no) (?:papeles|licencia|numero de serie|permiso)\b", r"\bque no (?:detecten|detectan|pite)\b",
    r"\bdetectores? de metales\b", r"\bmercado negro\b", r"\bsin registrar\b",
    r"\b(?:convertir|convierto|convertirla|convertirlo) .{0,30}\bautomatic[oa]s?\b",
    r"\b(?:pistolas?|armas?) caser[oa]s?\b", r"\b(?:pistola|arma)s? (?:con|de) (?:tubos|una impresora)\b",
    r"\bimpresora 3d\b", r"\bimprimir en 3d\b", r"\bsilenciador(?:es)? caser[oa]s?\b", r"\bsolvent trap\b",
)
_PRISON_BLADE = _any(r"\b(?:shivs?|shanks?|pinchos?|punzon(?:es)?)\b")
_PRISON = _any(r"\b(?:prison|jail|cell|toothbrush|carcel|prision|celda|cepillo de dientes)\b")
_POISON = _any(
    r"\bpoisons?\b", r"\bvenenos?\b", r"\btoxic gas\b", r"\bgas toxico\b", r"\bbleach and ammonia\b",
    r"\blejia y amoniaco\b",
)
_HARM_INTENT = _any(
    r"\bto (?:kill|hurt|harm|use on|poison|attack|throw at|burn)\b",
    r"\b(?:someone|somebody|people|the police|cops)\b",
    r"\bpara (?:matar|hacer dano|usarlo contra|usar contra|envenenar|atacar|tirarselo|quemar)\b",
    r"\b(?:a alguien|contra alguien|a la policia|a la gente)\b", r"\bhacer dano\b",
)
_BLADE_MAKE = _any(
    r"\bsharpen\w* .{0,30}\binto a\b",
    r"\b(?:make|making|how to make|hacer|como hacer|fabricar|como fabricar)\b",
)


def _standard_rules() -> list[Rule]:
    rules: list[Rule] = [Rule(SEXUAL, p) for p in _SEXUAL_ALONE]
    rules += [
        Rule(
            SEXUAL,
            r"\b(?:strip|undress|get|gets|getting) naked\b|\b(?:clothes off|sin ropa)\b",
            _CLOTHES_OFF_CONTEXT,
        ),
        Rule(
            SEXUAL,
            r"\b(?:tits|boobs|breasts|tetas|pechos)\b",
            r"\b(?:show|shows|showing|flash\w*|ensena\w*|muestra\w*|fuera|out)\b",
        ),
        Rule(
            SEXUAL,
            r"\bspread(?:s|ing)? (?:her|their|his) legs\b",
            r"\b(?:camera|for him|for me|no panties|naked|nude|porn)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:riding|rides|cabalgando|cabalga) (?:a |al |him|un )?(?:man|guy|hombre|tio)?\b",
            r"\b(?:explicit\w*|naked|nude|sex|explicito|desnud\w*)\b",
        ),
        Rule(
            SEXUAL,
            r"\bhacer el amor\b|\bhaciendo el amor\b",
            r"\b(?:explicit\w*|genitales|desnud\w*|sin ropa|muy explicit\w*)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:banging|screwing|humping|shagging|boning|fucking|bang|screw|hump|shag)\b",
            r"\b(?:couple|guy|girl|man|woman|her|him|each other|they|two people|bathroom|bed|car|hood|"
            r"hotel|backseat|back seat)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:haciendolo|lo hacen|lo hicieron|hacerlo|lo estan haciendo|tirandose a|se la tira|"
            r"se lo tira|cepillandose a)\b",
            r"\b(?:pareja|encima|capo|coche|cama|sofa|bano|desnud\w*|sin ropa|chico|chica|tio|tia)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:tear\w*|rip\w*|pull\w*) (?:each other'?s|her|his|their) clothes off\b|"
            r"\barrancandose la ropa\b",
            r"\b(?:going at it|dandolo todo|on the floor|en el suelo|sex|naked|desnud\w*|bed|cama)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:webcam\w*|cam ?girls?|onlyfans|for tips|por propinas)\b",
            r"\b(?:body|cuerpo|everything|todo|naked|desnud\w*|"
            r"tits|tetas|strip\w*)\b",
        ),
        Rule(
            SEXUAL,
            r"\b(?:lo hacen|lo hicieron|do it|doing it|did it)\b",
            r"\b(?:naked|undress\w*|clothes off|sin ropa|desnud\w*|doggy|sofa|couch|bed|cama)\b",
        ),
    ]
    rules += [
        Rule(MINORS, p)
        for p in (
            r"\bloli(?:con)?\b", r"\bshota(?:con)?\b", r"\bjailbait\b", r"\bchild porn\w*",
            r"\bkiddie porn\w*", r"\bpornografia infantil\b", r"\bcsam\b",
            r"\bpedo(?:phil\w*|fil\w*) (?:videos?|content|material|porn\w*|pics|images|fotos)\b",
            r"\bcp\b(?= (?:video|pics|images))",
        )
    ]
    rules += [Rule(MINORS, CHILD, _any(*CHILD_SEXUAL_TERMS))]
    rules += [Rule(MINORS, CHILD, _any(*_SEXUAL_ALONE))]
    rules += [Rule(VIOLENCE, p) for p in _VIOLENCE_ALONE]
    rules += [
        Rule(VIOLENCE, _KILL_EN + r"\s+" + TARGET_EN, _HOW_TO),
        Rule(VIOLENCE, _KILL_ES + r"\s+" + TARGET_ES, _HOW_TO),
        Rule(
            VIOLENCE,
            _KILL_EN + r"\s+(?:my|his|her|the) (?:ex|wife|husband|boss|neighbou?r\w*)",
            r"\b(?:get away|caught|tonight|plan)\b",
        ),
        Rule(VIOLENCE, _CRUEL_EN, _CRUEL_CONTEXT),
        Rule(VIOLENCE, _CRUEL_ES, _CRUEL_CONTEXT),
        Rule(
            VIOLENCE,
            r"\b(?:execut(?:e|es|ed|ing)|shoot(?:s|ing)?|gun(?:s|ning)? down|opens? fire on|"
            r"opening fire on|firing at|fires at|"
            r"mow(?:s|ing)? down) (?:\w+ )?(?:prisoners|hostages|civilians|students|children|kids|people|"
            r"everyone|worshippers|"
            r"shoppers|the crowd|a crowd|classmates|a (?:man|woman|hostage|prisoner|child|cop|"
            r"police officer))\b",
            r"\b(?:kneeling|back of the head|ditch|hall\w*|school|class\w*|everyone|inside|dead|blood\w*|"
            r"bodies|in the (?:face|head)|"
            r"one by one|execution|mall|concert|church|mosque)\b",
        ),
        Rule(VIOLENCE, r"\b(?:open(?:s|ed|ing)? fire|abr(?:e|en|iendo|io|ieron) fuego)\b", _ATTACK_PLACES),
        Rule(
            VIOLENCE,
            r"\b(?:shoot\w*|shot|execut\w*|gun\w* down|mow\w* down|fusil\w*|dispar\w*)\b",
            r"\b(?:civilians|prisoners|hostages|kneeling|ditch|one by one|civiles|prisioneros|rehenes|"
            r"arrodillad\w*|zanja|uno a uno|"
            r"uno por uno)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:strangl\w*|estrangul\w*|chok(?:ed|ing) (?:him|her) out)\b",
            r"\b(?:cord|wire|cable|rope|face|purple|belt|hands|"
            r"to death|until|cuerda|cable|cinturon|cara|morad\w*|manos|hasta)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:hack\w*|chop\w*|cut\w*|tear\w*|rip\w*) .{0,25}\bapart\b",
            r"\b(?:family|man|woman|people|him|her|them|body|"
            r"victims?|children|kids|person|wife|husband)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:bomb|bomba|explosion|explosivo)\b.{0,25}\b(?:tearing|ripping|destroying|blowing up|"
            r"killing|kills|destroz\w*|"
            r"revent\w*|matando|mata)\b",
            r"\b(?:children|kids|people|crowd|passengers|ninos|gente|pasajeros|multitud|bus|autobus|"
            r"school|colegio|full of|lleno de)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:shoot\w*|shot|dispar\w*|tirote\w*)\b",
            r"\b(?:blood\w*|sangre|sangrando|dead|muert[oa]s?|kill\w*|"
            r"point[ -]blank in the|en el pecho|in the chest)\b",
        ),
        Rule(
            VIOLENCE,
            r"\bpren(?:de|den|dio|dieron|der|diendo) fuego\b",
            r"\b(?:hombre|mujer|persona|alguien|nino|al que|a la que)\b",
        ),
        Rule(
            MINORS,
            CHILD,
            r"\b(?:grown|adult) (?:man|woman|men)\b.{0,30}\bin bed\b|\b(?:hombre|"
            r"mujer) adult[oa]\b.{0,30}\ben la cama\b|"
            r"\bun adulto\b.{0,30}\ben la cama\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:ejecut(?:a|an|ando|aron|ar)|dispar(?:a|an|ando|o|aron) a|fusil\w*|acribill\w*|abr(?:e|"
            r"en|iendo|io) fuego)\b",
            r"\b(?:prisioneros|rehenes|civiles|alumnos|estudiantes|ninos|gente|todos|fieles|arrodillados|"
            r"nuca|zanja|pasillos|muert[oa]s?|"
            r"centro comercial|concierto|iglesia|mezquita|en la cara|en la cabeza|uno a uno)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:set(?:s|ting)? off|detonat\w*|explod\w*|blow(?:s|ing)? up|hacer explotar|"
            r"hace explotar|haciendo explotar|"
            r"hizo explotar|estallar) (?:a |an |the |una |la )?(?:\w+ )?(?:bomb|bomba|device|explosives?|"
            r"artefacto)\b",
            _ATTACK_PLACES,
        ),
        Rule(
            VIOLENCE,
            r"\b(?:torture\w*|tortur\w*)\b",
            r"\b(?:prisoner|hostage|man|woman|person|someone|him|her|pliers|electric\w*|blood\w*|"
            r"knife|alicates|descargas|rehen|preso|prisioner[oa]|hombre|mujer|alguien|sangre|cuchillo|puppy|dog|cat|kitten|"
            r"animal|horse|cachorro|perro|gato|caballo|lighter|mechero)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:stab\w*|apunal\w*|acuchill\w*)\b",
            r"\b(?:over and over|repeatedly|again and again|blood\w*|to death|una y otra vez|"
            r"muchas veces|sangre|hasta matarl\w*|gore)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:run(?:ning)? over|atropell\w*)\b",
            r"\b(?:crush\w*|aplast\w*|gore|on purpose|a proposito|body|cuerpo)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:burn\w*|set\w*) (?:him|her|a man|a woman|a person|someone|people) (?:alive|on fire)\b|"
            r"\bprende(?:n|r)? fuego a (?:un|una) "
            r"(?:hombre|mujer|persona)\b|\bset on fire by\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:beat\w*|punch\w*|kick\w*|golpe\w*|paliza|pegar\w*)\b",
            r"\b(?:until (?:his|her) face|unrecognizable|desfigur\w*|"
            r"to a pulp|bloody pulp|hasta que sangr\w*)\b",
        ),
        Rule(
            VIOLENCE,
            r"\b(?:shoot\w*|shot|pegarle un tiro|pegar un tiro|disparar\w*)\b",
            r"\b(?:in the face|in the head|en la cara|en la cabeza|"
            r"a (?:un|una) (?:policia|hombre|mujer|nino))\b",
        ),
    ]
    rules += [Rule(SELF_HARM, p) for p in _SELF_HARM_ALONE]
    rules += [
        Rule(SELF_HARM, _LEAP, _DIE_EN),
        Rule(SELF_HARM, _LEAP, _DIE_ES),
        Rule(SELF_HARM, _PILLS, _DOSE_ASK),
        Rule(SELF_HARM, _PILLS, _DIE_EN),
        Rule(SELF_HARM, _PILLS, _DIE_ES),
        Rule(SELF_HARM, _STARVE, _THIN),
        Rule(
            SELF_HARM,
            r"\b(?:how|what is|what's|which is|la|cual es la|cual es) (?:the )?(?:most painless|"
            r"least painful|easiest|quickest|fastest|"
            r"best|forma menos dolorosa|manera menos dolorosa|forma mas facil|forma mas rapida|"
            r"mejor forma)\b",
            r"\b(?:end it|end my life|die|dying|acabar|morir|matarme|kill myself|suicid\w*)\b",
        ),
        Rule(
            SELF_HARM,
            r"\bhow (?:deep|hard|long)\b|\bhasta que profundidad\b|\bmas profundo\b",
            r"\b(?:cut\w*|cortar\w*|cortes?)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:most painless|least painful|easiest|quickest|fastest|best|simplest|surest|"
            r"painless) (?:way|method|ways)\b|"
            r"\b(?:forma|manera) (?:mas|menos) (?:facil|rapida|dolorosa|segura|sencilla)\b|"
            r"\bmejor (?:forma|manera)\b",
            r"\b(?:to die|die|dying|end it|end my life|kill myself|suicid\w*|morir|matarme|acabar con|"
            r"quitarme la vida)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:scarf|rope|belt|cord|cable|sheet|tie)\b (?:tied )?(?:around|round) (?:his|her|their|"
            r"my) (?:own )?neck\b|"
            r"\b(?:panuelo|bufanda|cuerda|soga|cinturon|cable|sabana|corbata) (?:atad[oa] )?al cuello\b",
            r"\b(?:chair|silla|closet|armario|beam|viga|hook|gancho|ceiling|techo|hang\w*|colg\w*|stool|"
            r"taburete|door|puerta|rail|barandilla)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:bleed(?:ing)? out|desangr\w*)\b",
            r"\b(?:wrists?|munecas?|how long|cuanto|myself|yourself|me|te)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:noose|nudo de horca|soga)\b",
            r"\b(?:garage|garaje|neck|cuello|chair|silla|beam|viga|ceiling|techo|"
            r"himself|herself|tree|arbol|hang\w*|colgar\w*|alone|solo|sola)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:ty(?:ing|es|e)|making|makes|knot\w*) (?:a |the )?noose\b|\b(?:haciendo|hace|"
            r"atando) un nudo de horca\b",
            r"\b(?:garage|garaje|room|cuarto|alone|solo|sola|himself|herself|chair|silla|beam|viga)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:my|mis|sus|her|his|their) (?:cuts|cortes|scars|cicatrices|self[ -]harm)\b",
            r"\b(?:hide|hiding|cover\w*|heal\w* without|without (?:my |her |his )?(?:parents|mom|dad|mum|"
            r"anyone|family) (?:seeing|noticing|knowing|finding)|"
            r"sin que (?:mis padres|nadie|mi madre|mi padre|mi familia|sus padres)|esconder|ocultar|"
            r"tapar|disimular)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:stop eating|quit eating|dejen de comer|deja de comer|dejar de comer|not eat anything|"
            r"no comer nada)\b"
            r"(?! (?:sugar|junk|meat|bread|candy|sweets|fast food|so much|that|dulces|azucar|carne|pan|"
            r"tanto|eso|chucherias))",
            r"\b(?:fat|fatty|gord[oa]s?|thin|skinny|delgad\w*|flac\w*|weight|peso|adelgazar|ugly|feas?)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:blade|razor|cuchilla|navaja|cutter|cuter)\b",
            r"\b(?:her|his|my|su|mi|la) (?:own )?(?:wrists?|munecas?|"
            r"forearms?|antebrazos?|thighs?|muslos?)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:cut\w*|slic\w*|raja\w*|cortand\w*|cortar\w*)\b",
            r"\b(?:her|his|my|their|el|los|las|su|sus) (?:own )?"
            r"(?:thighs?|wrists?|forearms?|arms?|muslos|munecas|antebrazos?|brazos|"
            r"venas)\b(?=.{0,40}\b(?:razor|blade|cuchilla|"
            r"cutter|bathroom|bano|on purpose|a proposito)\b)",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:burn\w*|quem\w*)\b",
            r"\b(?:my|his|her|mi|su|el) (?:own )?(?:arm|skin|brazo|piel)\b(?=.{0,40}\b(?:cigarett\w*|"
            r"cigarr\w*|"
            r"lighter|iron|mechero|plancha|to feel|para sentir|on purpose|a proposito)\b)",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:carbon monoxide|engine running|motor encendido|exhaust)\b",
            r"\b(?:die|to die|waiting to die|garage|garaje|"
            r"para no despertar|morir|encerr\w*|locked)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:romantici[sz]\w*|beautiful|peaceful|bonito|romantiza\w*|glamori[sz]\w*)\b",
            r"\b(?:suicid\w*|killing yourself|self[ -]harm)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:i want to|i'm going to|quiero|voy a) (?:die|kill myself|end it|morir|matarme|acabar)\b",
            r"\b(?:tonight|now|esta noche|ya)\b",
        ),
        Rule(
            SELF_HARM,
            r"\b(?:bleach|lejia|poison|veneno|antifreeze)\b",
            r"\b(?:to die|para morir|to end it|para acabar)\b",
        ),
    ]
    rules += [
        Rule(HATE, p)
        for p in (
            r"\bheil hitler\b", r"\bsieg heil\b", r"\bwhite power\b", r"\bwhite supremac\w*", r"\bkkk\b",
            r"\bku klux\b", r"\bfinal solution\b", r"\bsolucion final\b", r"\bsupremacia blanca\b",
            r"\b1488\b", r"\bhitler (?:was right|did nothing wrong|tenia razon)\b", r"\bgloria al reich\b",
            r"\bglory to the reich\b",
            *_SLURS,
            (r"\bholocaust(?:o)? (?:never happened|is a lie|was a hoax|didn'?t happen|was fake|nunca "
            r"(?:paso|ocurrio|existio)|es (?:una )?mentira|es un invento|fue un invento)\b"),
        )
    ]
    for group in (GROUPS_EN, GROUPS_ES):
        rules.append(Rule(HATE, group, _DEHUMANISE))
        rules += [Rule(HATE, call + group.removeprefix(r"\b")) for call in _GROUP_CALL]
    rules += [
        Rule(HATE, _GLORIFY, _PERPETRATORS),
        Rule(HATE, _GROUP_MEMBERS, _ATTACK),
        Rule(HATE, r"\b(?:burn\w*|quem\w*)\b", r"\b(?:mosque|synagogue|mezquita|sinagoga)\b"),
        Rule(HATE, r"\b(?:swastika|esvastica)\b", r"\b(?:kill|death to|muerte a|matar)\b"),
        Rule(
            HATE,
            r"\b(?:jews?|jewish|judios?|judias?)\b",
            r"\b(?:counting (?:his |their )?money|contando dinero|money[- ]grubbing|hoarding money|"
            r"greedy|avaricios\w*|usurer\w*)\b",
        ),
    ]
    rules += [
        Rule(WEAPONS, _MAKE, _EXPLOSIVE),
        Rule(WEAPONS, _ILLEGAL_GUN, _any(_MAKE, r"\b(?:buy|get|comprar|conseguir|donde)\b", _FIREARM)),
        Rule(
            WEAPONS,
            _any(r"\b(?:convert|turn|make)\b", r"\bconvertir\b", r"\bhacer\b"),
            r"\b(?:full[ -]?auto\w*|automatic[oa]?|automatica)\b",
        ),
        Rule(
            WEAPONS,
            r"\b(?:how to|how do i|como)\b.{0,30}\b(?:make|build|3d ?print|hacer|fabricar|imprimir)\b",
            _FIREARM,
        ),
        Rule(WEAPONS, _PRISON_BLADE, _PRISON),
        Rule(
            WEAPONS,
            r"\b(?:sharpen\w*|afilar|afila|afilando)\b",
            r"\b(?:into a weapon|weapon|shank|shiv|to stab|to kill|arma|pincho|"
            r"para apunalar|para clavar|para matar)\b",
        ),
        Rule(
            WEAPONS,
            r"\b(?:tasers?|stun guns?|taseres|pistolas? tas(?:er|eres))\b",
            r"\b(?:kill|lethal|deadly|matar|mortal|letal)\b",
        ),
        Rule(
            WEAPONS,
            _MAKE,
            r"\b(?:strong enough to kill|(?:that|which) (?:can|could|will) kill|capaz de matar|"
            r"que (?:pueda|puede) matar|que mate)\b",
        ),
        Rule(
            WEAPONS,
            r"\b(?:teach me|show me how|explain how|ensename a|explicame como|dime como|tutorial|"
            r"instructions|guide to|step[ -]by[ -]step|"
            r"paso a paso|instrucciones|guia para)\b.{0,30}\b(?:make|build|3d ?print|assemble|fabricar|"
            r"construir|imprimir|montar|hacer)\b",
            _FIREARM,
        ),
        Rule(WEAPONS, _POISON, _any(_HARM_INTENT)),
        Rule(
            WEAPONS,
            r"\b(?:ghost guns?|zip guns?|pipe bombs?|nail bombs?|car bombs?|pressure[ -]cooker bombs?|"
            r"tatp|ieds?)\b",
        ),
    ]
    return rules


def _strict_extra() -> list[Rule]:
    suggestive = (
        r"\blingerie\b", r"\bmaking out\b", r"\bmake out\b", r"\bseductive\w*", r"\bsexy\b", r"\bsensual\w*",
        r"\berotic\w*", r"\bsultry\b", r"\bsteamy\b", r"\blap ?dances?\b", r"\bburlesque\b", r"\bgarter\w*",
        r"\bstrip ?clubs?\b", r"\bstrippers?\b", r"\bbooty\b", r"\bthongs?\b", r"\bsee[ -]through\b",
        r"\bropa interior\b", r"\blenceria\b", r"\bbesandose apasionadamente\b", r"\bprovocativ\w*",
        r"\bseductor\w*", r"\btwerk\w*", r"\benroll(?:arse|andose|ados|adas)\b",
        r"\bliandose\b(?! (?:un|el|un porro|un canuto|un cigarro))", r"\bsubid[oa] de tono\b",
        r"\bligueros?\b", r"\btangas?\b", r"\bbaile erotico\b", r"\bclub de (?:striptease|alterne)\b",
    )
    drugs = (
        r"\bjoints?\b", r"\bblunts?\b", r"\bweed\b", r"\bmarijuana\b", r"\bcannabis\b", r"\bcocaine\b",
        r"\bcoke\b", r"\bcrack\b", r"\bheroin\b", r"\bmeth\b", r"\blines of\b", r"\bsnort\w*",
        r"\bget(?:ting)? (?:high|stoned)\b", r"\bstoners?\b", r"\bbongs?\b", r"\bthc\b", r"\bmolly\b",
        r"\becstasy\b", r"\bmdma\b", r"\blsd\b", r"\bacid trip\b", r"\bshrooms\b", r"\bsmoking a bowl\b",
        r"\bmarihuana\b", r"\bporros?\b", r"\bcanutos?\b", r"\bcocaina\b", r"\bheroina\b", r"\besnif\w*",
        r"\bdrogas?\b", r"\bdrogandose\b", r"\bdrugs?\b", r"\brayas? de\b", r"\buna raya\b",
        r"\bpastillas? en (?:una|la) fiesta\b", r"\bhierba\b(?= (?:en|y|para fumar))",
        r"\bmaria\b(?= (?:en|para))", r"\bpetas?\b", r"\bpastis\b", r"\bfumad[oa]s?\b(?! de)",
        r"\b(?:tomando|tomar|toma|tomandose) (?:pastillas|pastis|extasis|tripis)\b", r"\bextasis\b",
        r"\btripis?\b", r"\bsetas alucinogenas\b",
    )
    return [Rule(SEXUAL, p) for p in suggestive] + [Rule(DRUGS, p) for p in drugs]


STANDARD_RULES: tuple[Rule, ...] = tuple(_standard_rules())
STRICT_EXTRA_RULES: tuple[Rule, ...] = tuple(_strict_extra())
