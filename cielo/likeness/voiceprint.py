"""Voiceprints: a small speaker embedding, in numpy, for refusing a cameo voice that is someone else's.

What it measures: how a voice sounds on average, as far as a clip's statistics can separate that from what
is said. From the voiced parts of a clip it takes the mean mel-cepstrum (the long-term shape of the vocal tract's resonances), how widely the
cepstrum and its frame-to-frame change vary (articulation), and the median and spread of the fundamental
frequency (pitch). Each dimension is standardised with fixed constants so that none dominates, and the
vector is L2-normalised; two prints are compared by cosine distance.

Its limits, honestly: this is a statistics-based embedding, not a trained speaker network (no x-vector or
ECAPA model is shipped). It was tuned on synthetic voices (espeak-ng, bench/voiceprint.py), whose
differences are cleaner than people's. What is said still moves a print about as much as a similar voice
does, so at the default threshold it mostly catches a recording used again (re-uploaded, or played back
into a microphone with room noise, a gain change or a telephone-like filter) and only sometimes the same
voice saying other words. Two people with similar voices can fall under the threshold, and one person
through a very different microphone or channel can fall over it. Its job is to raise the cost of reusing
someone else's recording, the way the face match does for photos. A match proves nothing about identity,
and the absence of a match does not prove the voice is the uploader's.
"""

from __future__ import annotations

import numpy as np

# --- analysis settings -----------------------------------------------------------------------------------

RATE = 16_000  # every clip is analysed at this rate, whatever it was recorded at
FRAME = 400  # 25 ms
HOP = 160  # 10 ms
N_FFT = 1024  # the 25 ms frame zero-padded: a smoother spectrum, and every narrow low band gets 3+ bins
# 60 bands and 40 cepstra rather than the usual 40 and 20: on the bench the high-order cepstra (fine
# spectral detail, including the harmonics of the voice in the narrow low bands) are the ones that tell
# speakers apart best (equal error rate about 12 % with 40/20, 11 % with 40/30, 9 % with 60/40).
N_MELS = 60
N_CEPS = 40  # c0..c39; c0 (loudness) is dropped from the features, so gain does not move a print
# The mel bands span 100-3800 Hz, not the full 8 kHz: an 8 kHz recording, a phone line or a cheap
# microphone has nothing above ~3.8 kHz, and bands that are empty in one copy and full in the other would
# make the same voice look like two. Speaker information below 3.8 kHz (formants 1-3, pitch) is most of it.
F_LOW, F_HIGH = 100.0, 3800.0
# Mel energies are floored at this fraction of the clip's mean band energy before the log. Background noise
# fills the spectrum's valleys, between formants and above the voice; flooring the valleys in every copy
# makes a clean and a noisy recording of one voice agree (on the bench, with 40 bands and 20 cepstra, a
# 20 dB SNR copy's median distance to its clean original went from 0.29 without the floor to 0.02).
MEL_FLOOR = 0.01
VOICED_DB = 30.0  # frames within this many dB of the loudest are taken as speech
NOISE_MARGIN_DB = 6.0  # ... and at least this far above the noise floor (the quietest frames)
MIN_VOICED_S = 1.0  # under this much voiced speech there is no print
F0_MIN, F0_MAX = 60.0, 420.0
F0_FRAME = 640  # 40 ms: at least two periods of the lowest pitch
F0_CLARITY = 0.5  # normalised autocorrelation peak needed to call a frame periodic

N_FEATURES = 3 * (N_CEPS - 1) + 2  # cepstral means, cepstral spreads, delta spreads, f0 median and spread

# After standardisation, each group's weight in the distance. Standardising alone would give every one of
# the 119 dimensions the same say, so the f0 median (one number, and the single most telling one) would be
# drowned by 117 cepstral statistics. Chosen by hand on the bench, in round steps, not optimised:
# - c1, c2 means at 0.5: they are mostly the spectrum's overall tilt, which a microphone or phone line
#   changes as much as a voice does;
# - cepstral spreads at 0.5 and delta spreads at 0.3: they follow what is said and how fast as much as who
#   says it (dropping the deltas altogether scores about the same; they are kept at a low weight);
# - f0 median at 2 (as much as four unit dimensions), f0 spread at 1 (intonation varies with the sentence).
FEATURE_WEIGHT = np.concatenate([
    [0.5, 0.5], np.ones(N_CEPS - 3),  # cepstral means c1..c39
    np.full(N_CEPS - 1, 0.5),  # cepstral spreads
    np.full(N_CEPS - 1, 0.3),  # delta spreads
    [2.0, 1.0],  # log-f0 median, log-f0 spread
])

# Fixed standardisation: each feature minus its mean, divided by its spread, over the bench's synthetic
# population (`bench/voiceprint.py --fit` prints these: 24 espeak speakers x 8 sentences in English and
# Spanish x 5 conditions, clean and re-recorded, 960 clips). They are constants, not fitted per comparison, so a print stays
# comparable with prints stored earlier; recomputing them means recomputing every stored print.
FEATURE_MEAN = np.array([
    -2.2198, 0.4558, -3.3814, -1.1809, -1.1460, -1.0105, 0.6228, -0.6344, 0.0637, 0.4165, -0.2693, -0.1149,
    -0.4078, -0.2768, -0.1395, -0.4081, 0.0564, -0.0732, 0.0635, -0.1038, -0.0559, -0.0985, -0.0391, 0.0343,
    0.0619, 0.0288, 0.0148, 0.0072, 0.0342, 0.0252, 0.0385, 0.0531, -0.0168, 0.0309, -0.0392, -0.0175,
    -0.0065, -0.0009, -0.0097, 3.5781, 5.4468, 4.5624, 3.9223, 2.9809, 2.4170, 2.5522, 2.4005, 2.4262,
    2.0524, 1.8343, 1.7979, 1.7269, 1.6519, 1.6072, 1.5610, 1.4378, 1.3347, 1.2711, 1.2013, 1.1347,
    1.0901, 1.0434, 1.0450, 0.9804, 0.9110, 0.8921, 0.8165, 0.7748, 0.7360, 0.6743, 0.6561, 0.6198,
    0.5960, 0.5606, 0.5378, 0.5108, 0.4997, 0.4735, 1.0507, 1.3573, 1.2220, 1.0726, 0.8447, 0.7534,
    0.7527, 0.7265, 0.7211, 0.6413, 0.5690, 0.5558, 0.5268, 0.5041, 0.4766, 0.4550, 0.4154, 0.3779,
    0.3494, 0.3338, 0.3126, 0.2973, 0.2897, 0.2820, 0.2748, 0.2614, 0.2524, 0.2391, 0.2290, 0.2227,
    0.2071, 0.2000, 0.1924, 0.1858, 0.1757, 0.1727, 0.1645, 0.1636, 0.1576, 4.8720, 0.0533,
])
FEATURE_SCALE = np.array([
    1.6182, 1.8866, 1.1280, 1.5465, 0.9630, 1.2786, 0.7358, 0.7737, 0.9451, 0.7809, 0.6938, 0.7804,
    0.8831, 1.0110, 0.9597, 0.7628, 0.8414, 0.8071, 0.6804, 0.6728, 0.5425, 0.4328, 0.4730, 0.2995,
    0.2704, 0.2888, 0.2095, 0.1936, 0.2343, 0.2115, 0.1951, 0.1732, 0.1523, 0.1384, 0.1242, 0.1221,
    0.1069, 0.1007, 0.0919, 0.6095, 0.8335, 0.7759, 0.5790, 0.7720, 0.4615, 0.6182, 0.4401, 0.6777,
    0.4846, 0.3720, 0.4715, 0.3510, 0.3192, 0.3765, 0.3471, 0.3783, 0.3952, 0.4582, 0.4823, 0.4933,
    0.5072, 0.4691, 0.4666, 0.4009, 0.3560, 0.3723, 0.3456, 0.3288, 0.3036, 0.2757, 0.2656, 0.2294,
    0.2183, 0.1999, 0.1857, 0.1690, 0.1697, 0.1486, 0.1887, 0.2682, 0.2660, 0.1604, 0.1663, 0.1352,
    0.1624, 0.1301, 0.1637, 0.1423, 0.1057, 0.1252, 0.1080, 0.0988, 0.1154, 0.0909, 0.0845, 0.0868,
    0.0907, 0.1044, 0.1026, 0.1082, 0.1126, 0.1038, 0.1016, 0.0945, 0.0962, 0.0960, 0.0920, 0.0886,
    0.0857, 0.0835, 0.0756, 0.0722, 0.0676, 0.0656, 0.0612, 0.0620, 0.0590, 0.4142, 0.0157,
])

# Chosen on bench/voiceprint.py (24 espeak-ng speakers, 8 sentences each in English and Spanish, clean and
# re-recorded copies). At 0.20: 0.21 % of different-speaker pairs fall under it (1.1 % when both read the
# same sentence, as people reading the same script do), and against one stored print for each of 23 other
# speakers 3.3 % of honest recordings would be refused. It catches 100 % of noisy (20 dB SNR) and gain-
# changed re-uploads of the same recording and ~70 % of phone-band or replayed-in-a-room ones (84.5 % of
# all re-uploads), but only ~1 in 3 recordings of the same voice saying something else (58 % of same-
# speaker, same-language clean pairs and 12 % across languages are under it). The equal error rate is
# 8.9 %, at 0.60, where 9 % of different-speaker pairs match: every newcomer would collide with someone
# in a community of a few dozen. The check compares one recording with every other user's, so the false
# match rate per pair has to be small, and this threshold favours honest newcomers over catching a voice
# reused with new words. Settings.cameo_voice_match_threshold overrides it.
DEFAULT_VOICE_MATCH_THRESHOLD = 0.20


# --- the print -------------------------------------------------------------------------------------------


def voiceprint(audio: np.ndarray, rate: int) -> np.ndarray | None:
    """A fixed-length, L2-normalised float32 print of the voice in `audio` (mono, any rate 8-48 kHz).

    None when there is under about a second of voiced speech: too little to say whose voice it is.
    """
    features = voice_features(audio, rate)
    if features is None:
        return None
    z = (features - FEATURE_MEAN) / FEATURE_SCALE * FEATURE_WEIGHT
    norm = float(np.linalg.norm(z))
    if not np.isfinite(norm) or norm == 0.0:
        return None
    return (z / norm).astype(np.float32)


def voice_features(audio: np.ndarray, rate: int) -> np.ndarray | None:
    """The raw (unstandardised) feature vector; the bench fits the standardisation constants on these."""
    x = np.asarray(audio, dtype=np.float64)
    if x.ndim == 2:  # (channels, n) or (n, channels): average to mono
        x = x.mean(axis=0 if x.shape[0] <= 2 else 1)
    x = _to_analysis_rate(x.reshape(-1), int(rate))
    if x.size < FRAME + HOP * int(MIN_VOICED_S * RATE / HOP):
        return None
    # Pre-emphasis flattens speech's natural -6 dB/octave tilt so the upper formants count too.
    emphasised = np.append(x[0], x[1:] - 0.97 * x[:-1])
    frames = _frames(emphasised, FRAME, HOP) * np.hamming(FRAME)
    spectrum = np.fft.rfft(frames, N_FFT)
    power = spectrum.real**2 + spectrum.imag**2  # |X|^2 without the square root abs() would take
    energy_db = 10.0 * np.log10(power.sum(axis=1) + 1e-12)
    voiced = _voiced(energy_db)
    if voiced.sum() * HOP < MIN_VOICED_S * RATE:
        return None
    mel_power = power[voiced] @ _mel_bank().T
    mel = np.log(mel_power + MEL_FLOOR * mel_power.mean() + 1e-12)
    ceps = mel @ _dct_matrix().T  # (frames, N_CEPS)
    ceps = ceps[:, 1:]  # drop c0: overall loudness
    deltas = _deltas(ceps)
    f0 = _log_f0(x, voiced)  # on the plain signal: pre-emphasis weakens the fundamental
    if f0.size < 10:  # no clear pitch anywhere: whispering, noise, music without a voice
        return None
    q25, q50, q75 = np.percentile(f0, [25, 50, 75])
    return np.concatenate(
        [ceps.mean(axis=0), ceps.std(axis=0), deltas.std(axis=0), [q50, (q75 - q25) / 2.0]]
    )


def voice_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine distance between two prints: 0 for the same direction, up to 2 for opposite ones."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    if denom == 0.0:
        return 1.0
    return float(np.clip(1.0 - float(a @ b) / denom, 0.0, 2.0))


def closest_voice(print_: np.ndarray, others: dict[str, np.ndarray], threshold: float) -> str | None:
    """The id of the nearest print in `others` when it is under `threshold`, else None.

    Prints of another length (made by a version of this module with other features) cannot be compared and
    never match: they have to be recomputed from their recordings.
    """
    best_id, best = None, float("inf")
    for other_id, other in others.items():
        if np.shape(other) != np.shape(print_):
            continue
        d = voice_distance(print_, other)
        if d < best:
            best_id, best = other_id, d
    return best_id if best < threshold else None


def to_bytes(vec: np.ndarray) -> bytes:
    """Little-endian float32, as stored."""
    return np.asarray(vec, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored print back as a float32 vector."""
    return np.frombuffer(data, dtype="<f4").astype(np.float32)


# --- helpers ---------------------------------------------------------------------------------------------


def _to_analysis_rate(x: np.ndarray, rate: int) -> np.ndarray:
    if x.size == 0:
        return x
    x = x - x.mean()
    if rate == RATE:
        return x
    if rate > RATE:
        # Linear interpolation does not filter: without this, content above 8 kHz would fold back into the
        # speech band. One FFT of the whole clip (zero-padded to a power of two, which FFTs fast whatever
        # the clip's length) is exact and cheap at cameo lengths.
        n = 1 << int(np.ceil(np.log2(x.size)))
        spectrum = np.fft.rfft(x, n)
        spectrum[int(spectrum.size * (0.95 * RATE / rate)) :] = 0.0
        x = np.fft.irfft(spectrum, n)[: x.size]
    n_out = round(x.size * RATE / rate)
    return np.interp(np.arange(n_out) * (rate / RATE), np.arange(x.size), x)


def _frames(x: np.ndarray, size: int, hop: int) -> np.ndarray:
    count = 1 + (x.size - size) // hop
    if count <= 0:
        return np.zeros((0, size))
    return np.lib.stride_tricks.sliding_window_view(x, size)[::hop][:count]


def _voiced(energy_db: np.ndarray) -> np.ndarray:
    """Frames loud enough to be speech: near the loudest, and clear of the background noise."""
    loudest = np.percentile(energy_db, 99)  # not the max: one click should not set the scale
    floor = np.percentile(energy_db, 10)
    return energy_db > max(loudest - VOICED_DB, floor + NOISE_MARGIN_DB)


def _log_f0(x: np.ndarray, voiced: np.ndarray) -> np.ndarray:
    """log f0 (Hz) of the voiced frames that are clearly periodic, by normalised autocorrelation."""
    # 40 ms windows centred on the 25 ms analysis frames.
    padded = np.pad(x, (F0_FRAME - FRAME) // 2)
    frames = _frames(padded, F0_FRAME, HOP)[voiced]  # same count as the analysis frames
    if frames.shape[0] == 0:
        return np.zeros(0)
    frames = frames - frames.mean(axis=1, keepdims=True)
    spectrum = np.fft.rfft(frames * np.hanning(F0_FRAME), 2 * F0_FRAME)
    ac = np.fft.irfft(spectrum.real**2 + spectrum.imag**2)[:, :F0_FRAME]  # zero-padded: no wrap-around
    lo, hi = int(RATE / F0_MAX), int(RATE / F0_MIN)
    # Divide by the window's own autocorrelation so long lags are not penalised for overlapping less.
    window_ac = np.fft.irfft(np.abs(np.fft.rfft(np.hanning(F0_FRAME), 2 * F0_FRAME)) ** 2)[:F0_FRAME]
    norm = ac[:, lo:hi] / (ac[:, :1] + 1e-12) * (window_ac[0] / window_ac[lo:hi])
    lag = np.argmax(norm, axis=1)
    peak = norm[np.arange(lag.size), lag]
    clear = peak > F0_CLARITY
    return np.log(RATE / (lo + lag[clear]))


def _deltas(ceps: np.ndarray, width: int = 2) -> np.ndarray:
    """The usual regression deltas over +-2 frames (over the voiced frames, joined)."""
    if ceps.shape[0] < 2 * width + 1:
        return np.zeros_like(ceps)
    padded = np.pad(ceps, ((width, width), (0, 0)), mode="edge")
    n = ceps.shape[0]
    num = sum(k * (padded[width + k : width + k + n] - padded[width - k : width - k + n]) for k in
              range(1, width + 1))
    return num / (2 * sum(k * k for k in range(1, width + 1)))


_MEL_BANK: np.ndarray | None = None
_DCT: np.ndarray | None = None


def _mel_bank() -> np.ndarray:
    global _MEL_BANK
    if _MEL_BANK is None:
        def mel(f):
            return 2595.0 * np.log10(1.0 + np.asarray(f) / 700.0)

        def hz(m):
            return 700.0 * (10.0 ** (np.asarray(m) / 2595.0) - 1.0)

        edges = hz(np.linspace(mel(F_LOW), mel(F_HIGH), N_MELS + 2))
        freqs = np.fft.rfftfreq(N_FFT, 1.0 / RATE)
        bank = np.zeros((N_MELS, freqs.size))
        for i in range(N_MELS):
            left, centre, right = edges[i : i + 3]
            rising = (freqs - left) / (centre - left)
            falling = (right - freqs) / (right - centre)
            bank[i] = np.clip(np.minimum(rising, falling), 0.0, None)
        _MEL_BANK = bank
    return _MEL_BANK


def _dct_matrix() -> np.ndarray:
    """Orthonormal DCT-II, N_CEPS x N_MELS (what scipy's dct(norm="ortho") computes)."""
    global _DCT
    if _DCT is None:
        n = np.arange(N_MELS)
        k = np.arange(N_CEPS)[:, None]
        dct = np.cos(np.pi * k * (2 * n + 1) / (2 * N_MELS)) * np.sqrt(2.0 / N_MELS)
        dct[0] /= np.sqrt(2.0)
        _DCT = dct
    return _DCT
