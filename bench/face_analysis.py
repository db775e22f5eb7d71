"""Face analysis cost, as a ratio to dlib's HOG detector alone, measured in the same run.

    python bench/face_analysis.py [--repeat 5] [--frames 16]

Per 512 px image: detection + 68 landmarks + 128-d embedding + quality/pose (``FaceAnalyzer.analyze``)
against ``FaceAnalyzer.detect``. Per sampled clip (a 4 s 512x512 H.264 clip encoded here): decoding and
sampling (``read_clip``), analysing every sampled frame and the liveness decision, against detection
alone on the same sampled frames. Needs a face photo that ships in a package: scikit-image's astronaut
or matplotlib's grace_hopper.jpg.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image

from cielo.uploads import read_clip
from cielo.likeness.faces import FaceAnalyzer
from cielo.likeness.liveness import Challenge, analyze_frames, check_liveness


def sample_faces() -> dict[str, np.ndarray]:
    faces: dict[str, np.ndarray] = {}
    try:
        import skimage.data

        faces["astronaut"] = np.ascontiguousarray(skimage.data.astronaut())
    except ImportError:
        pass
    try:
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
        grace = Image.open(path).convert("RGB")
        side = min(grace.size)
        grace = grace.crop((0, 0, side, side)).resize((512, 512), Image.Resampling.LANCZOS)
        faces["grace_hopper"] = np.asarray(grace)
    except ImportError:
        pass
    if not faces:
        raise SystemExit("needs scikit-image or matplotlib for a sample face photo")
    return faces


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs, after one warm-up."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def encode_mp4(image: np.ndarray, seconds: float = 4.0, fps: int = 10) -> bytes:
    import av

    buffer = io.BytesIO()
    h, w = image.shape[:2]
    with av.open(buffer, mode="w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "18"}
        pil = Image.fromarray(image)
        for i in range(int(seconds * fps)):
            dx, dy, zoom = 3 * math.sin(i / 5), 2 * math.cos(i / 7), 1 + 0.02 * math.sin(i / 9)
            k = 1 / zoom
            moved = pil.transform(
                (w, h),
                Image.Transform.AFFINE,
                (k, 0, w / 2 - k * (w / 2 + dx), 0, k, h / 2 - k * (h / 2 + dy)),
            )
            frame = av.VideoFrame.from_ndarray(np.asarray(moved), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frames", type=int, default=16, help="frames sampled per clip")
    args = parser.parse_args()

    analyzer = FaceAnalyzer()
    start = time.perf_counter()
    _ = analyzer.models
    print(f"model load (once per process): {time.perf_counter() - start:.2f} s")

    print(f"\nper 512 px image (median of {args.repeat}):")
    print(f"{'image':<14}{'detect':>10}{'analyze':>10}{'ratio':>8}  faces")
    ratios = []
    for name, image in sample_faces().items():
        detect = timed(lambda image=image: analyzer.detect(image), args.repeat)
        full = timed(lambda image=image: analyzer.analyze(image), args.repeat)
        ratios.append(full / detect)
        print(
            f"{name:<14}{detect * 1000:>8.0f}ms{full * 1000:>8.0f}ms{full / detect:>7.2f}x  {len(analyzer.analyze(image))}"
        )

    image = next(iter(sample_faces().values()))
    data = encode_mp4(image)
    clip = read_clip(data, n_frames=args.frames)
    challenge = Challenge(("left", "right"), "1234")

    def whole_clip() -> None:
        c = read_clip(data, n_frames=args.frames)
        observations = analyze_frames(c.frames, analyzer)
        check_liveness(observations, challenge, frames=c.frames, audio=c.audio)

    detect_only = timed(lambda: [analyzer.detect(f) for f in clip.frames], max(1, args.repeat // 2))
    decode = timed(lambda: read_clip(data, n_frames=args.frames), max(1, args.repeat // 2))
    total = timed(whole_clip, max(1, args.repeat // 2))
    print(f"\nper sampled clip (4 s, 512x512 H.264, {args.frames} frames sampled):")
    print(f"  detection alone on the sampled frames  {detect_only:6.2f} s   1.00x")
    print(f"  decode + sample (read_clip)            {decode:6.2f} s   {decode / detect_only:.2f}x")
    print(f"  read_clip + analyze + check_liveness   {total:6.2f} s   {total / detect_only:.2f}x")
    print(
        f"\nfull analysis / detection alone: image {statistics.mean(ratios):.2f}x, clip {total / detect_only:.2f}x"
    )


if __name__ == "__main__":
    main()
