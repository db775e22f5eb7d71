"""What a person or character looks and sounds like, with no database and no users: faces (detection,
embeddings, quality, reference crops), liveness checks on a recorded clip, the identity metric of a finished
video, voices (the espeak-ng menu and the pitch pick), voiceprints, @mentions in a prompt, and the typed cameo
reference every renderer receives.

It sits below both `generation` (which draws and voices cameos) and the platform (`cameos`, which stores them
and decides who may use them), so neither has to import the other for it.
"""
