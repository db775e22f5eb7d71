"""Speech seconds per second of compute: a CSM speech model (random weights, built in code and loaded from its
folder like real weights) speaking dialogue lines in a cameo's voice, against espeak-ng speaking the same lines
in this process (the baseline every install has).

`--size real` uses CSM-1B's published sizes (a 1B backbone, a 100M depth decoder and Mimi), so the figure is
what real weights cost on this machine; `--size tiny` is the test model, for a quick look at the overheads.
Each line is spoken after a 4 s voice prompt (the cameo's recording), as in a video; the first line of each
size is a warm-up and is not counted. On a GPU (when one is lent) the model runs there in bfloat16.

    .venv/bin/python bench/speech.py [--size real] [--lines 3] [--seconds 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

LINES = [
    "Good morning! The sea looks calm today, shall we sail?",
    "I packed sandwiches, two apples and a thermos of tea.",
    "Look at that seagull, it is stealing your hat!",
    "Let us head back before the storm reaches the harbour.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=("tiny", "real"), default="tiny")
    parser.add_argument("--lines", type=int, default=3, help="lines measured (after one warm-up line)")
    parser.add_argument("--seconds", type=float, default=3.0, help="speech generated per line (the cap a slot sets)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    import torch

    from cielo.generation.audio.speech import VoiceSettings, speak
    from cielo.generation.registry import _build
    from cielo.generation.speech.model import Turn, load_speech, say
    from cielo.testing.tiny_speech import csm_model

    prompt = speak("four two one nine, and then seven seven", VoiceSettings("en", "f3", 60, 150), 24_000)
    lines = [LINES[i % len(LINES)] for i in range(args.lines + 1)]

    started = time.perf_counter()
    espeak_audio = sum(speak(line, VoiceSettings("en", "m3", 45, 165), 24_000).size for line in lines[1:]) / 24_000
    espeak_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        built = time.perf_counter()
        csm_model(Path(folder) / "csm", size=args.size)
        build_seconds = time.perf_counter() - built
        spec = _build("bench-csm", {"kind": "csm", "path": str(Path(folder) / "csm")}, Path(folder), "bench")
        loaded = load_speech(spec)
        context = [Turn(0, "four two one nine, and then seven seven", prompt)]
        say(loaded, lines[0], speaker=0, context=context, seed=0, max_seconds=min(1.0, args.seconds))  # warm-up
        made, spent = 0.0, 0.0
        for n, line in enumerate(lines[1:], start=1):
            started = time.perf_counter()
            pcm = say(loaded, line, speaker=0, context=context, seed=n, max_seconds=args.seconds)
            if loaded.device.type == "cuda":
                torch.cuda.synchronize()
            spent += time.perf_counter() - started
            made += pcm.size / 24_000

    device = torch.cuda.get_device_name() if loaded.device.type == "cuda" else f"CPU, {torch.get_num_threads()} threads"
    print(f"speech model: CSM ({args.size}, {loaded.bytes / 1e9:.2f} GB of {loaded.options['dtype']} weights) on {device}")
    print(f"  built and saved in {build_seconds:.1f} s, loaded in {loaded.load_seconds:.1f} s")
    print(f"  {made:.1f} s of speech in {spent:.2f} s: {made / spent:.3f} speech seconds per second of compute "
          f"({'faster' if made > spent else 'slower'} than real time)")
    print(f"espeak-ng, same lines: {espeak_audio:.1f} s of speech in {espeak_seconds:.3f} s: "
          f"{espeak_audio / espeak_seconds:.1f} speech seconds per second")
    print(f"ratio: the speech model takes {(spent / made) / (espeak_seconds / espeak_audio):.0f}x espeak-ng's "
          "compute per second of speech")


if __name__ == "__main__":
    main()
