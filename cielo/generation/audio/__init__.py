"""Sound for engines that make none: espeak-ng speech, synthesised ambience, a music bed, a mixer."""
