"""Who speaks each line of dialogue, and with what: a speech model from the registry or espeak-ng.

    recording   a cameo's recorded voice, cleaned into a voice prompt (no torch)
    model       a registry speech model (CSM) loaded through transformers, kept warm like video pipelines
    voicebox    the per-video choice: which line gets which voice (a cameo's own, a stable preset per
                speaker, or espeak-ng), and the synthesis itself

`voicebox_for(model_name)` is what the soundtrack asks for; with no speech model configured it is espeak-ng,
exactly as before, so a default install needs no weights.
"""

from cielo.generation.speech.voicebox import EspeakVoicebox, ModelVoicebox, Voicebox, voicebox_for

__all__ = ["EspeakVoicebox", "ModelVoicebox", "Voicebox", "voicebox_for"]
