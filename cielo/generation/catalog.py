"""The models one installation serves, built from its Settings: `ModelCatalog(settings)`.

The app makes one in `create_app` (held beside the media store in its services), each worker makes one for
its process, the CLI makes one for a command; nothing is read from the environment behind their back, so two
apps with different settings in one process serve exactly their own models. A catalog knows:

- the names a request may ask for: the built-in preview engine and every registry entry that renders video
  (text-to-audio and speech entries serve those, they answer no request);
- whether a name can render here now (`check_ready`: weights present, the neural stack installed, the mode
  supported), checked before a job is queued and again in the worker;
- the engine of a name, made on first use and kept, so a model loads once per process;
- which speech model speaks a video model's dialogue.

A broken registry file is logged and leaves the built-in entries, so one typo never takes the app down;
`cielo models list` shows the error.
"""

from __future__ import annotations

import logging
import threading

from cielo.config import Settings
from cielo.generation.engines import Engine
from cielo.generation.errors import GenerationError
from cielo.generation.registry import (
    ModelSpec,
    RegistryError,
    builtins_only,
    cannot_edit,
    check_ready,
    load_registry,
    neural_stack_problem,
    weights_problem,
)
from cielo.generation.request import PREVIEW_MODEL

log = logging.getLogger("cielo.catalog")


class ModelCatalog:
    def __init__(self, settings: Settings, specs: dict[str, ModelSpec] | None = None) -> None:
        self.settings = settings
        self.error: str | None = None  # why the registry file was not used, when it was not
        if specs is None:
            try:
                specs = load_registry(settings)
            except RegistryError as exc:
                log.error("model registry not loaded: %s", exc)
                self.error = str(exc)
                specs = builtins_only(settings)
        self.specs = specs
        self._engines: dict[str, Engine] = {}
        self._lock = threading.Lock()

    @classmethod
    def preview_only(cls) -> ModelCatalog:
        """The built-in preview engine alone, speaking with espeak-ng: what a caller without settings (a test, a
        script) renders with."""
        return cls(Settings(speech_model=None), specs={})

    # ------------------------------------------------------------------------------------- names

    def names(self) -> list[str]:
        """Every model name a request may ask for, ready here or not."""
        return sorted([PREVIEW_MODEL, *(name for name, spec in self.specs.items() if spec.serves_requests)])

    def spec(self, name: str | None) -> ModelSpec | None:
        return self.specs.get(name or "")

    def needs_image(self, name: str) -> bool:
        """Whether `name` cannot make a new video without an input_reference image (Wan image-to-video)."""
        spec = self.spec(name)
        return spec is not None and spec.kind == "wan-i2v"

    def check_ready(self, name: str, mode: str = "generate") -> None:
        """Raise GenerationError before a job is queued when `name` cannot render `mode` here.

        "model_not_found" for a name this catalog does not serve, "model_unavailable" when the weights (or the
        neural extra) are missing, "unsupported_mode" when the model cannot do what is asked. The preview
        engine is always ready. `mode="speech"` checks a speech model."""
        if mode == "speech":
            spec, problem = self.speech_problem(name)
            if problem is not None:
                raise GenerationError("model_unavailable", f"Speech model {name!r} is not available: {problem}.")
            return
        if name == PREVIEW_MODEL:
            return
        spec = self.spec(name)
        if spec is None or not spec.serves_requests:
            raise GenerationError("model_not_found", f"unknown model {name!r} (available: {', '.join(self.names())})")
        check_ready(spec)
        if spec.is_remote and mode in ("edit", "extend"):
            raise GenerationError("unsupported_mode", f"Model {spec.name!r} runs on another server, which has no "
                                  "copy of the source video: it makes new videos and remixes (edit or extend with "
                                  "cielo-preview or a local model).")
        if mode == "edit" and (why := cannot_edit(spec)):
            raise GenerationError("unsupported_mode", why)

    # ------------------------------------------------------------------------------------- engines

    def engine(self, name: str) -> Engine:
        """The engine serving `name`, made on first use and kept; GenerationError for an unknown name or a
        model that cannot load here."""
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                engine = self._engines[name] = self._make(name)
            return engine

    def _make(self, name: str) -> Engine:
        if name == PREVIEW_MODEL:
            from cielo.generation.engines.preview import PreviewEngine

            return PreviewEngine()
        self.check_ready(name)
        spec = self.spec(name)
        if spec.is_remote:
            from cielo.generation.engines.remote import RemoteEngine

            return RemoteEngine(spec)
        from cielo.generation.engines.diffusers import DiffusersEngine

        return DiffusersEngine(spec, self)

    # ------------------------------------------------------------------------------------- speech

    def speech_model_for(self, video_model: str | None) -> str | None:
        """The speech model that speaks the dialogue of `video_model`'s videos: its entry's own, else the
        installation's (Settings.speech_model); None: espeak-ng."""
        spec = self.spec(video_model)
        return (spec.speech_model if spec is not None else None) or self.settings.speech_model

    def speech_problem(self, name: str) -> tuple[ModelSpec | None, str | None]:
        """The speech entry called `name` and why it cannot speak here (None when it can)."""
        spec = self.spec(name)
        if spec is None or not spec.is_speech:
            return None, "it is not a speech model in the registry"
        return spec, neural_stack_problem() or weights_problem(spec)

    def speech_model_here(self) -> str | None:
        """The speech model a video made now would speak with, when it can (None: espeak-ng)."""
        name = self.speech_model_for(None)
        return name if name and self.speech_problem(name)[1] is None else None
