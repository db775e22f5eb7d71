"""Voiceprint separation on synthetic speakers: same-speaker against different-speaker distances.

    .venv/bin/python bench/voiceprint.py [--threshold 0.2] [--fit] [--seed 7]

(about 20-40 s on 2 CPU cores.)

Nobody can be recorded here, so the speakers are espeak-ng voices (cielo.generation.audio.speech): one
speaker is one (variant, pitch) pair, m1..m7 and f1..f5 at two pitches each (24 speakers; the two pitches of
one variant count as two speakers, and are the hardest pairs to tell apart). Each speaks 8 sentences, 4 in
English and 4 in Spanish, at 24 kHz. Each clip also gets "re-recorded" copies, the way someone reusing another
person's recording would degrade it: room noise at 20 dB SNR (44.1 kHz), a -12 dB gain change, a telephone
band (300-3400 Hz, 8 kHz), and "replay": played through a small speaker into a room (150-6000 Hz, a short
echo, 20 dB SNR noise, -6 dB, 16 kHz).

Pairs: same speaker = two clips of one speaker with different sentences (in any condition), or one
sentence clean against its own degraded copy (the re-upload case); different speakers = every pair of
clips from two speakers. Printed: distance quantiles per group, the equal error rate, and for a range of
thresholds the false-accept rate (different speakers under it: an honest person refused) and the
false-reject rate (the same speaker over it: a reused voice let through), plus the check as the app makes
it, one new recording against one stored print per other speaker (see one_against_many).

`--fit` prints the feature standardisation constants (FEATURE_MEAN, FEATURE_SCALE in
cielo/likeness/voiceprint.py) computed from this population's raw features.

What it cannot show: how real people's voices spread. espeak voices are formant synthesis with clean,
regular differences; real speakers differ less tidily and real channels are worse, so treat these figures
as an upper bound on how well the embedding separates people.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from cielo.likeness.voiceprint import (
    DEFAULT_VOICE_MATCH_THRESHOLD,
    voice_features,
    voiceprint,
)
from cielo.generation.audio.speech import VoiceSettings, speak

RATE = 24_000
SENTENCES = [
    ("en", "The quick brown fox jumps over the lazy dog near the river bank."),
    ("en", "Please call Stella and ask her to bring these things with her from the store."),
    ("en", "My grandmother grew tomatoes, beans and sweet peppers in her garden every summer."),
    ("en", "We watched the sunset from the old bridge while the city lights came on."),
    ("es", "El perro corre por el parque todas las mañanas con su dueño."),
    ("es", "Mañana vamos a visitar a mis abuelos en el pueblo de la montaña."),
    ("es", "La biblioteca cierra a las ocho, así que tenemos que darnos prisa."),
    ("es", "Me gusta cocinar arroz con pollo los domingos para toda la familia."),
]
# (variant, pitch): male variants a little lower, female a little higher, each at two pitches 25 apart.
SPEAKERS = [(f"m{i}", p) for i in range(1, 8) for p in (30, 55)] + [
    (f"f{i}", p) for i in range(1, 6) for p in (45, 70)
]
CONDITIONS = ("clean", "noise", "gain", "phone", "replay")


# --- re-recordings ---------------------------------------------------------------------------------------


def fast_len(n: int) -> int:
    """FFT length for n samples: the next power of two (a prime length would be many times slower)."""
    return 1 << int(np.ceil(np.log2(n)))


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """1/f noise: closer to a room's rumble and fans than white noise."""
    size = fast_len(n)
    spectrum = np.fft.rfft(rng.standard_normal(size))
    f = np.fft.rfftfreq(size)
    spectrum[1:] /= np.sqrt(f[1:] / f[1])
    spectrum[0] = 0.0
    noise = np.fft.irfft(spectrum, size)[:n]
    return noise / noise.std()


def add_noise(x: np.ndarray, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    noise = pink_noise(x.size, rng)
    return x + noise * x.std() / 10 ** (snr_db / 20)


def band(x: np.ndarray, rate: int, low: float, high: float) -> np.ndarray:
    """A band-pass with gentle (raised-cosine, about an octave wide) skirts, done in the FFT domain."""
    size = fast_len(x.size)
    spectrum = np.fft.rfft(x, size)
    f = np.fft.rfftfreq(size, 1 / rate)
    with np.errstate(divide="ignore"):
        octaves_low = np.log2(np.maximum(f, 1e-3) / low)
        octaves_high = np.log2(np.maximum(f, 1e-3) / high)
    gain = np.clip(0.5 + octaves_low, 0, 1) * np.clip(0.5 - octaves_high, 0, 1)
    gain = np.sin(gain * np.pi / 2) ** 2
    return np.fft.irfft(spectrum * gain, size)[: x.size]


def resample(x: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    if rate_out < rate_in:
        x = band(x, rate_in, 1.0, 0.45 * rate_out)
    n_out = round(x.size * rate_out / rate_in)
    return np.interp(np.arange(n_out) * (rate_in / rate_out), np.arange(x.size), x)


def room_echo(x: np.ndarray, rate: int, rng: np.random.Generator) -> np.ndarray:
    """A crude small room: a 150 ms exponentially decaying noise tail, convolved in the FFT domain."""
    n = int(0.15 * rate)
    tail = rng.standard_normal(n) * np.exp(-np.arange(n) / (0.03 * rate)) * 0.04
    tail[0] = 1.0
    size = fast_len(x.size + n - 1)
    out = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(tail, size), size)[: x.size]
    return out * x.std() / out.std()


def rerecord(x: np.ndarray, condition: str, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """One copy of a 24 kHz clip in `condition`, and the rate it comes at."""
    if condition == "clean":
        return x, RATE
    if condition == "noise":
        return add_noise(resample(x, RATE, 44_100), 20.0, rng), 44_100
    if condition == "gain":
        return x * 10 ** (-12 / 20), RATE
    if condition == "phone":
        return resample(band(x, RATE, 300.0, 3400.0), RATE, 8_000), 8_000
    if condition == "replay":
        y = room_echo(band(x, RATE, 150.0, 6000.0), RATE, rng)
        return add_noise(resample(y, RATE, 16_000), 20.0, rng) * 0.5, 16_000
    raise ValueError(condition)


# --- figures ---------------------------------------------------------------------------------------------


def error_rates(same: np.ndarray, diff: np.ndarray, threshold: float) -> tuple[float, float]:
    """(false accept, false reject): different speakers under the threshold, the same speaker at/over it."""
    return float(np.mean(diff < threshold)), float(np.mean(same >= threshold))


def equal_error_rate(same: np.ndarray, diff: np.ndarray) -> tuple[float, float]:
    """The EER and the threshold where false accepts and false rejects cross (on a 0.001 grid)."""
    grid = np.linspace(0.0, 2.0, 2001)
    fa = np.searchsorted(np.sort(diff), grid, side="left") / diff.size
    fr = 1.0 - np.searchsorted(np.sort(same), grid, side="left") / same.size
    i = int(np.argmin(np.abs(fa - fr)))
    return float((fa[i] + fr[i]) / 2), float(grid[i])


QUANTILES = (0.0, 0.01, 0.05, 0.5, 0.95, 0.99, 1.0)


def row(name: str, d: np.ndarray, threshold: float, same: bool) -> str:
    cells = "".join(f"{q:7.3f}" for q in np.quantile(d, QUANTILES))
    label, errors = ("FR", np.mean(d >= threshold)) if same else ("FA", np.mean(d < threshold))
    return f"  {name:<46}{d.size:>8}{cells}   {label} {100 * errors:5.1f} %"


def one_against_many(D: np.ndarray, speaker: np.ndarray, sentence: np.ndarray, clean: np.ndarray,
                     threshold: float) -> tuple[float, float]:
    """The check as the app makes it: one new recording against one stored print per other user.

    Every speaker has one stored print (a clean clip of the next sentence, so never the words of the new
    recording). For each clip: is it refused as an honest newcomer (some other speaker's print under the
    threshold, with its own speaker's print left out), and is it caught as a reused voice (its own speaker's
    print, stored as someone else's, is the nearest and under the threshold)?
    """
    refused, caught = [], []
    n_sentences = sentence.max() + 1
    for i in range(D.shape[0]):
        stored = np.flatnonzero(clean & (sentence == (sentence[i] + 1) % n_sentences))
        own = stored[speaker[stored] == speaker[i]]
        others = stored[speaker[stored] != speaker[i]]
        refused.append(D[i, others].min() < threshold)
        caught.append(D[i, own].min() < min(threshold, D[i, others].min()))
    return float(np.mean(refused)), float(np.mean(caught))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_VOICE_MATCH_THRESHOLD)
    parser.add_argument("--fit", action="store_true", help="print the standardisation constants and stop")
    parser.add_argument("--seed", type=int, default=7, help="for the added noise and room echo")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    start = time.perf_counter()
    clips = []  # (speaker index, sentence index, condition, audio, rate)
    for s, (variant, pitch) in enumerate(SPEAKERS):
        for k, (language, text) in enumerate(SENTENCES):
            audio = speak(text, VoiceSettings(language=language, variant=variant, pitch=pitch, rate=165), RATE)
            for condition in CONDITIONS:
                copy, rate = rerecord(audio.astype(np.float64), condition, rng)
                clips.append((s, k, condition, copy, rate))
    synth_s = time.perf_counter() - start

    if args.fit:
        features = np.array([voice_features(a, r) for _, _, _, a, r in clips])
        print(f"# {len(clips)} clips, {features.shape[1]} features")
        for name, values in (("FEATURE_MEAN", features.mean(axis=0)), ("FEATURE_SCALE", features.std(axis=0))):
            lines = [", ".join(f"{v:.4f}" for v in values[i : i + 12]) for i in range(0, values.size, 12)]
            print(f"{name} = np.array([\n" + "".join(f"    {line},\n" for line in lines) + "])")
        return

    start = time.perf_counter()
    prints = [voiceprint(a, r) for _, _, _, a, r in clips]
    embed_s = time.perf_counter() - start
    if any(p is None for p in prints):
        raise SystemExit(f"{sum(p is None for p in prints)} clips gave no print")
    P = np.array(prints, dtype=np.float64)
    D = np.clip(1.0 - P @ P.T, 0.0, 2.0)  # the prints are unit vectors: this is voice_distance for all pairs

    speaker = np.array([c[0] for c in clips])
    sentence = np.array([c[1] for c in clips])
    condition = np.array([c[2] for c in clips])
    language = np.array([SENTENCES[c[1]][0] for c in clips])
    variant = np.array([SPEAKERS[c[0]][0] for c in clips])
    upper = np.triu(np.ones_like(D, dtype=bool), k=1)  # each pair once
    same_spk = (speaker[:, None] == speaker[None, :]) & upper
    diff_spk = (speaker[:, None] != speaker[None, :]) & upper
    same_sent = sentence[:, None] == sentence[None, :]
    same_lang = language[:, None] == language[None, :]
    clean = condition == "clean"
    both_clean = clean[:, None] & clean[None, :]

    def clean_vs(cond: str) -> np.ndarray:
        other = condition == cond
        return (clean[:, None] & other[None, :]) | (other[:, None] & clean[None, :])

    groups_same = [
        ("other sentence, same language, both clean", same_spk & ~same_sent & same_lang & both_clean),
        ("other sentence, other language, both clean", same_spk & ~same_lang & both_clean),
    ]
    groups_same += [(f"other sentence, clean vs {c}", same_spk & ~same_sent & clean_vs(c)) for c in CONDITIONS[1:]]
    groups_same += [(f"same sentence, clean vs {c} (re-upload)", same_spk & same_sent & clean_vs(c))
                    for c in CONDITIONS[1:]]
    same_variant = variant[:, None] == variant[None, :]
    groups_diff = [
        ("all, any condition", diff_spk),
        ("same sentence (a shared script), any condition", diff_spk & same_sent),
        ("other sentence, any condition", diff_spk & ~same_sent),
        ("same variant, pitch 25 apart", diff_spk & same_variant),
        ("different variant", diff_spk & ~same_variant),
    ]
    # Every same-speaker pair except a clip against an identical copy of itself.
    all_same = D[same_spk & ~(same_sent & (condition[:, None] == condition[None, :]))]
    all_diff = D[diff_spk]
    reupload = np.concatenate([D[mask] for name, mask in groups_same if "re-upload" in name])

    seconds = sum(a.size / r for *_, a, r in clips) / len(clips)
    print(
        f"{len(SPEAKERS)} speakers x {len(SENTENCES)} sentences x {len(CONDITIONS)} conditions = {len(clips)} clips "
        f"({seconds:.1f} s on average); synthesis and degradation {synth_s:.1f} s, prints {embed_s:.1f} s "
        f"({1000 * embed_s / len(clips):.1f} ms per clip)"
    )
    print(f"\ncosine distance quantiles; errors at threshold {args.threshold:.3f}")
    header = "".join(f"{'q' + format(q, 'g'):>7}" for q in QUANTILES)
    print(f"  {'pairs':<46}{'count':>8}{header}   errors")
    print(" same speaker (FR: over the threshold)")
    for name, mask in groups_same:
        print(row(name, D[mask], args.threshold, same=True))
    print(" different speakers (FA: under the threshold)")
    for name, mask in groups_diff:
        print(row(name, D[mask], args.threshold, same=False))

    eer, eer_t = equal_error_rate(all_same, all_diff)
    fa, fr = error_rates(all_same, all_diff, args.threshold)
    print(f"\nequal error rate {100 * eer:.2f} % at distance {eer_t:.3f} "
          f"({all_same.size} same-speaker pairs, {all_diff.size} different-speaker pairs)")
    print("\nthreshold  FA all  FA same sentence  FR all  re-uploads caught | one vs 23 stored: honest refused  "
          "reused voice caught")
    diff_same_sentence = D[diff_spk & same_sent]
    for t in sorted({0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, round(eer_t, 3), args.threshold}):
        fa_t, fr_t = error_rates(all_same, all_diff, t)
        refused, caught = one_against_many(D, speaker, sentence, clean, t)
        mark = " <" if t == args.threshold else ""
        print(
            f"  {t:5.3f}  {100 * fa_t:6.2f} %  {100 * np.mean(diff_same_sentence < t):14.2f} %  {100 * fr_t:5.1f} %"
            f"  {100 * np.mean(reupload < t):15.1f} % | {100 * refused:31.1f} %  {100 * caught:17.1f} %{mark}"
        )
    refused, caught = one_against_many(D, speaker, sentence, clean, args.threshold)
    print(
        f"\nsummary: EER {100 * eer:.2f} % (at {eer_t:.3f}); threshold {args.threshold:.3f}: FA {100 * fa:.2f} %, "
        f"FR {100 * fr:.1f} %, re-uploads caught {100 * np.mean(reupload < args.threshold):.1f} %, "
        f"honest refused vs 23 {100 * refused:.1f} %, reused voice caught {100 * caught:.1f} %; "
        f"{1000 * embed_s / len(clips):.1f} ms per print"
    )


if __name__ == "__main__":
    main()
