"""The safety parts a video depends on, which of them this install has, and which the configuration needs.

Every part installs with Cielo itself; a part can still be missing (a trimmed image, a package removed by
hand, the MiniLM weights not installed). A worker refuses to render while a needed part is missing, unless
the operator allowed it with CIELO_ALLOW_MISSING_SAFETY; `cielo doctor` lists the parts with the fix.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from cielo.config import Settings
from cielo.safety import minilm

REINSTALL = "reinstall Cielo: pip install -e ."
# Its code needs OpenCV, which Cielo does not use (cielo/safety/frames.py runs the model): the model alone.
NUDENET_HINT = "pip install --no-deps nudenet==3.4.2"


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    present: bool
    needed: bool
    fix: str

    @property
    def missing(self) -> bool:
        return self.needed and not self.present


def installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def safety_parts(settings: Settings) -> list[Part]:
    moderating = settings.moderation_enabled
    return [
        Part("classifier", "prompt classifier (MiniLM)", minilm.available(),
             moderating and settings.moderation_classifier,
             f"{minilm.INSTALL_HINT}, or set CIELO_MODERATION_CLASSIFIER=false"),
        Part("frames", "frame moderation (NudeNet)", installed("onnxruntime") and _nudenet_model(),
             moderating and settings.frame_moderation,
             f"{NUDENET_HINT}, or set CIELO_FRAME_MODERATION=false"),
        Part("invisible", "invisible watermark", installed("pywt"), True, REINSTALL),
        Part("c2pa", "C2PA signing", installed("c2pa", "cryptography"), True, REINSTALL),
    ]


def _nudenet_model() -> bool:
    from cielo.safety.frames import find_model

    try:
        find_model()
    except FileNotFoundError:
        return False
    return True


class SafetyIncomplete(RuntimeError):
    """A needed safety part is missing and the operator did not allow rendering without it."""

    def __init__(self, missing: list[Part]) -> None:
        lines = [f"  - {p.label}: {p.fix}" for p in missing]
        super().__init__(
            "Videos would be made without these safety parts, so no worker will render:\n" + "\n".join(lines)
            + "\nInstall them, or set CIELO_ALLOW_MISSING_SAFETY=true to render without them "
            "(every video's metadata then lists what it lacks). `cielo doctor` checks the whole install.")
        self.missing = missing
