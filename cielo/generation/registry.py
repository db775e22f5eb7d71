"""The model registry: which neural models this installation serves, where their weights live and how
to run them.

Entries come from two places: built-in entries (the open models Cielo knows, each looking for its
weights under `$CIELO_HOME/models/<name>`), and the operator's file (`Settings.models_file`, default
`$CIELO_HOME/models.toml`; TOML or JSON). A file entry with a built-in's name overrides only the fields
it sets; a new name may say `base = "<other entry>"` to start from that entry.

    [models.ltx-2]
    path = "/srv/weights/LTX-2"          # Hugging Face layout: model_index.json + one folder per part
    memory = "model_offload"

    [models.wan-fast]
    base = "wan2.1-t2v-1.3b"
    steps = 30
    cache = "first_block"
    cache_options = { threshold = 0.08 }
    compile = true

A `ModelCatalog` (cielo.generation.catalog) is built from these entries and one installation's Settings:
every entry that answers requests is a model name the API accepts, whether or not its weights are present;
the catalog refuses a missing one with `model_unavailable` before a job is queued, and again in the worker
before it loads, so a job never crashes mid-render.

This module imports neither torch nor diffusers: listing models and checking folders stays cheap.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cielo.config import Settings
from cielo.generation.errors import GenerationError


# A model on another server that speaks OpenAI's Videos API (cielo.generation.engines.remote).
REMOTE_KINDS = ("openai-compatible",)
VIDEO_KINDS = ("ltx2", "wan", "wan-i2v", "wan-vace", "ltx", *REMOTE_KINDS)
AUDIO_KINDS = ("stable-audio",)
# Speech models that continue a voice from a short recording (cielo.generation.speech).
SPEECH_KINDS = ("csm",)
KINDS = VIDEO_KINDS + AUDIO_KINDS + SPEECH_KINDS
LANGUAGES = ("en", "es")  # the languages a plan's dialogue can be in
MEMORY_MODES = ("gpu", "model_offload", "group_offload", "sequential_offload")
DTYPES = ("auto", "float32", "bfloat16", "float16")
STORAGE_DTYPES = ("float8_e4m3fn", "float8_e5m2")
CACHES = ("first_block", "taylorseer", "mag", "pyramid")
# Which diffusers cache hooks run on which pipeline (diffusers 0.42, tried on each kind): the block
# caches need the transformer block registered with diffusers' hooks, which LTX-2's is not yet.
CACHE_SUPPORT = {
    "wan": CACHES,
    "wan-i2v": CACHES,
    "wan-vace": CACHES,
    "ltx": ("taylorseer", "mag", "pyramid"),
    "ltx2": ("taylorseer",),
}
# Models a cameo's likeness can be trained for (cielo.generation.training).
TRAINABLE_KINDS = ("wan", "ltx2")
# Models that can edit a video (denoising the end of the schedule from the source's noised latents): Wan through
# its diffusers video-to-video sibling, LTX-2 in its own call (calls._ltx2_edit_inputs). Wan 2.2's two experts
# and TI2V cannot (cannot_edit).
EDIT_KINDS = ("wan", "ltx2")
INDEX_FILE = "model_index.json"
# Native sizes must divide into whole latent patches: VAE downscale x transformer patch.
SIZE_MULTIPLE = {"ltx2": 32, "ltx": 32, "wan": 16, "wan-i2v": 16, "wan-vace": 16}


class RegistryError(ValueError):
    """The registry file cannot be read or names something invalid; the message says where."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    kind: str  # one of KINDS: the diffusers pipeline this folder holds
    path: Path  # weights folder, Hugging Face layout
    dtype: str = "auto"  # "auto": bfloat16 on a GPU, float32 on a CPU
    storage_dtype: str | None = None  # fp8 weight storage (layerwise casting) for the denoiser(s)
    steps: int = 30
    guidance: float = 5.0
    guidance_2: float | None = None  # Wan 2.2's low-noise expert (transformer_2); default = guidance
    sizes: tuple[str, ...] = ()  # "WxH" the model renders natively; requests are fitted from the nearest
    fps: int = 24  # the frame rate the model was trained at
    frame_multiple: int = 8  # num_frames must be frame_multiple * k + 1
    max_frames: int = 121
    memory: str = "gpu"  # one of MEMORY_MODES (ignored on a CPU)
    vae_tiling: bool = False
    cache: str | None = None  # one of CACHES: a diffusers cache hook on the denoiser
    cache_options: dict[str, Any] = field(default_factory=dict)
    compile: bool = False  # torch.compile the denoiser's repeated blocks
    attention_backend: str | None = (
        None  # diffusers attention backend ("flash", "sage", "_native_cudnn", ...)
    )
    audio_model: str | None = None  # a text-to-audio entry that scores this video-only model
    # A speech entry that speaks this model's dialogue (default: Settings.speech_model). On LTX-2 it replaces
    # the model's own audio with the pipeline's soundtrack.
    speech_model: str | None = None
    languages: tuple[str, ...] = ()  # speech models: the languages they speak (other lines go to espeak-ng)
    negative_prompt: str = ""
    call_options: dict[str, Any] = field(default_factory=dict)  # extra keyword arguments for the pipeline
    scheduler_options: dict[str, Any] = field(default_factory=dict)  # e.g. {flow_shift = 3.0} for Wan at 480p
    loras: tuple[Path, ...] = ()  # adapters always applied (a style, a step-distillation LoRA)
    preview_every: int = 2  # denoising steps between preview frames
    edit_strength: float = 0.6  # edits (EDIT_KINDS): how much of the source's noise path is redone, 0-1
    description: str = ""
    # Remote entries (REMOTE_KINDS): where the server is, which of its models, how to sign in, what it accepts.
    base_url: str | None = None  # e.g. "https://gpu.example/v1": the Videos API lives at {base_url}/videos
    remote_model: str | None = None  # the `model` the remote server is asked for
    api_key_env: str | None = None  # the environment variable that holds its API key (never the key itself)
    extra_fields: dict[str, Any] = field(default_factory=dict)  # added to every create request's body
    seconds: tuple[str, ...] = ()  # durations it accepts ("4", "8", "12"); empty = any
    timeout_seconds: float = 1800.0  # the longest a remote render may take, retries included

    @property
    def is_remote(self) -> bool:
        return self.kind in REMOTE_KINDS

    @property
    def is_audio(self) -> bool:
        return self.kind in AUDIO_KINDS

    @property
    def is_speech(self) -> bool:
        return self.kind in SPEECH_KINDS

    @property
    def serves_requests(self) -> bool:
        """Video models answer requests; audio and speech models serve them."""
        return not (self.is_audio or self.is_speech)

    @property
    def native_sizes(self) -> list[tuple[int, int]]:
        return [_parse_size(s, self.name) for s in self.sizes]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["path"] = str(self.path)
        data["loras"] = [str(p) for p in self.loras]
        data["sizes"] = list(self.sizes)
        data["seconds"] = list(self.seconds)
        data["languages"] = list(self.languages)
        return data


# Wan 2.1 / 2.2 at 16 fps, 81 frames (5 s); flow shift 3.0 is the published setting for 480p.
_WAN = {
    "guidance": 5.0,
    "fps": 16,
    "frame_multiple": 4,
    "max_frames": 81,
    "sizes": ("832x480", "480x832"),
    "scheduler_options": {"flow_shift": 3.0},
}

# Per-kind defaults: what the published checkpoints expect.
_KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    "ltx2": {
        "steps": 40,
        "guidance": 4.0,
        "fps": 24,
        "frame_multiple": 8,
        "max_frames": 257,
        "sizes": ("1280x704", "704x1280", "960x544", "544x960", "768x512", "512x768"),
        "call_options": {"max_sequence_length": 1024},
    },
    "wan": {**_WAN, "steps": 50},
    "wan-i2v": {**_WAN, "steps": 40},
    "wan-vace": {**_WAN, "steps": 30},
    "ltx": {
        "steps": 50,
        "guidance": 3.0,
        "fps": 24,
        "frame_multiple": 8,
        "max_frames": 161,
        "sizes": ("768x512", "512x768", "704x480", "480x704"),
        "call_options": {"max_sequence_length": 128},
    },
    # For a text-to-audio model max_frames is the longest clip it makes at once, in seconds.
    "stable-audio": {"steps": 100, "guidance": 7.0, "fps": 1, "frame_multiple": 1, "max_frames": 47},
    # Speech: max_frames is the longest line in seconds; CSM-1B was trained on English.
    "csm": {"steps": 1, "fps": 1, "frame_multiple": 1, "max_frames": 30, "languages": ("en",), "preview_every": 0,
            "edit_strength": 1.0},
    # The remote server decides steps and frames; `sizes` and `seconds` say what it accepts (empty: anything).
    "openai-compatible": {"steps": 1, "fps": 24, "sizes": (), "preview_every": 0},
}

# The open models Cielo knows by name. Their weights are looked for under models_dir/<name>.
_WAN_NEGATIVE = "blurry, static, low quality, distorted, watermark, text, subtitles"
BUILTIN_MODELS: dict[str, dict[str, Any]] = {
    "ltx-2": {
        "kind": "ltx2",
        "description": "LTX-2: joint video and audio (the default neural engine)",
        "negative_prompt": "blurry, low quality, distorted, watermark, text",
    },
    "wan2.1-t2v-1.3b": {
        "kind": "wan",
        "description": "Wan 2.1 text to video, 1.3B (480p)",
        "negative_prompt": _WAN_NEGATIVE,
        "audio_model": "stable-audio-open-1.0",
    },
    "wan2.1-t2v-14b": {
        "kind": "wan",
        "description": "Wan 2.1 text to video, 14B (480p and 720p)",
        "negative_prompt": _WAN_NEGATIVE,
        "sizes": ("832x480", "480x832", "1280x720", "720x1280"),
        "audio_model": "stable-audio-open-1.0",
    },
    "wan2.2-t2v-a14b": {
        "kind": "wan",
        "description": "Wan 2.2 text to video, two 14B experts (high and low noise)",
        "negative_prompt": _WAN_NEGATIVE,
        "steps": 40,
        "guidance": 4.0,
        "guidance_2": 3.0,
        "sizes": ("1280x720", "720x1280", "832x480", "480x832"),
        "scheduler_options": {"flow_shift": 12.0},
        "audio_model": "stable-audio-open-1.0",
    },
    "wan2.1-i2v-14b-480p": {
        "kind": "wan-i2v",
        "description": "Wan 2.1 image to video, 14B (480p): input_reference becomes frame one",
        "negative_prompt": _WAN_NEGATIVE,
        "audio_model": "stable-audio-open-1.0",
    },
    "wan2.1-vace-1.3b": {
        "kind": "wan-vace",
        "description": "Wan 2.1 VACE, 1.3B: cameo reference images placed in the video",
        "negative_prompt": _WAN_NEGATIVE,
        "audio_model": "stable-audio-open-1.0",
    },
    "ltx-video": {
        "kind": "ltx",
        "description": "LTX-Video 0.9 text to video",
        "audio_model": "stable-audio-open-1.0",
    },
    "stable-audio-open-1.0": {
        "kind": "stable-audio",
        "description": "Stable Audio Open: effects and ambience",
    },
    "csm-1b": {
        "kind": "csm",
        "description": "Sesame CSM-1B: dialogue in cameo voices (English; Spanish lines use espeak-ng)",
    },
}

_FIELDS = {f.name for f in dataclasses.fields(ModelSpec)}
_FILE_ONLY = {"base"}


def models_dir(settings: Settings) -> Path:
    return (settings.models_dir or settings.home / "models").expanduser().resolve()


def loras_dir(settings: Settings) -> Path:
    return (settings.loras_dir or settings.home / "loras").expanduser().resolve()


def models_file(settings: Settings) -> Path | None:
    """The registry file in use: the configured one (which must exist) or $CIELO_HOME/models.toml if present."""
    if settings.models_file is not None:
        return Path(settings.models_file).expanduser().resolve()
    default = (settings.home / "models.toml").expanduser().resolve()
    return default if default.exists() else None


def _parse_size(text: str, name: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in str(text).lower().split("x"))
    except ValueError:
        raise RegistryError(f"model {name!r}: size {text!r} is not WIDTHxHEIGHT") from None
    if w <= 0 or h <= 0:
        raise RegistryError(f"model {name!r}: size {text!r} must be positive")
    return w, h


def _read_file(path: Path) -> dict[str, dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(f"cannot read the model registry {path}: {exc}") from exc
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegistryError(
            f"{path} is not valid {'JSON' if path.suffix == '.json' else 'TOML'}: {exc}"
        ) from exc
    models = data.get("models", {})
    if not isinstance(models, dict) or not all(isinstance(v, dict) for v in models.values()):
        raise RegistryError(f"{path}: expected [models.<name>] tables")
    unknown_top = set(data) - {"models"}
    if unknown_top:
        raise RegistryError(
            f"{path}: unknown top-level keys {sorted(unknown_top)}; entries go under [models.<name>]"
        )
    return models


def _build(name: str, values: dict[str, Any], base_dir: Path, source: str) -> ModelSpec:
    unknown = set(values) - _FIELDS - _FILE_ONLY
    if unknown:
        raise RegistryError(f"{source}: model {name!r} has unknown keys {sorted(unknown)}")
    kind = values.get("kind")
    if kind not in KINDS:
        raise RegistryError(f"{source}: model {name!r} needs kind = one of {', '.join(KINDS)} (got {kind!r})")
    merged: dict[str, Any] = {**_KIND_DEFAULTS[kind], **{k: v for k, v in values.items() if k != "base"}}
    merged["name"] = name
    path = Path(str(merged.get("path") or name)).expanduser()
    merged["path"] = path if path.is_absolute() else (base_dir / path).resolve()
    merged["sizes"] = tuple(str(s) for s in merged.get("sizes", ()))
    merged["seconds"] = tuple(str(s) for s in merged.get("seconds", ()))
    merged["languages"] = tuple(str(s) for s in merged.get("languages", ()))
    # Adapter paths in the file were made absolute by the reader (relative to the file).
    merged["loras"] = tuple(Path(str(x)).expanduser() for x in merged.get("loras", ()))
    try:
        spec = ModelSpec(**merged)
    except TypeError as exc:
        raise RegistryError(f"{source}: model {name!r}: {exc}") from exc
    _validate(spec, source)
    return spec


_REMOTE_ONLY = ("base_url", "remote_model", "api_key_env")


def _validate_remote(spec: ModelSpec, where: str) -> None:
    if not spec.base_url or not spec.base_url.startswith(("http://", "https://")):
        raise RegistryError(f"{where}: base_url must be the server's http(s) address, e.g. https://host/v1")
    if not spec.remote_model:
        raise RegistryError(f"{where}: remote_model must name the model to ask the remote server for")
    if spec.api_key_env is not None and not spec.api_key_env.replace("_", "").isalnum():
        raise RegistryError(f"{where}: api_key_env names an environment variable (not the key itself)")
    if not isinstance(spec.extra_fields, dict):
        raise RegistryError(f"{where}: extra_fields must be a table of fields")
    if any(not s.isdigit() or int(s) < 1 for s in spec.seconds):
        raise RegistryError(f"{where}: seconds must list whole numbers of seconds, e.g. [\"4\", \"8\", \"12\"]")
    if spec.timeout_seconds <= 0:
        raise RegistryError(f"{where}: timeout_seconds must be positive")


def _validate(spec: ModelSpec, source: str) -> None:
    where = f"{source}: model {spec.name!r}"
    if spec.is_remote:
        _validate_remote(spec, where)
        return
    if any(getattr(spec, key) is not None for key in _REMOTE_ONLY) or spec.extra_fields or spec.seconds:
        raise RegistryError(f"{where}: base_url, remote_model, api_key_env, extra_fields and seconds belong to "
                            f"remote models (kind {' or '.join(REMOTE_KINDS)})")
    if spec.dtype not in DTYPES:
        raise RegistryError(f"{where}: dtype must be one of {', '.join(DTYPES)}")
    if spec.storage_dtype is not None and spec.storage_dtype not in STORAGE_DTYPES:
        raise RegistryError(f"{where}: storage_dtype must be one of {', '.join(STORAGE_DTYPES)}")
    if spec.memory not in MEMORY_MODES:
        raise RegistryError(f"{where}: memory must be one of {', '.join(MEMORY_MODES)}")
    if spec.cache is not None and spec.cache not in CACHE_SUPPORT.get(spec.kind, ()):
        usable = ", ".join(CACHE_SUPPORT.get(spec.kind, ())) or "none"
        raise RegistryError(
            f"{where}: cache {spec.cache!r} does not work with kind {spec.kind!r} (usable: {usable})"
        )
    if spec.steps < 1 or spec.fps < 1 or spec.frame_multiple < 1 or spec.max_frames < 1:
        raise RegistryError(f"{where}: steps, fps, frame_multiple and max_frames must be positive")
    if spec.preview_every < 0:
        raise RegistryError(f"{where}: preview_every must be 0 (off) or more")
    if not 0 < spec.edit_strength <= 1 or int(spec.steps * spec.edit_strength) < 1:
        raise RegistryError(f"{where}: edit_strength must be at most 1 and leave at least one of the steps")
    if spec.serves_requests and not spec.sizes:
        raise RegistryError(f"{where}: sizes must list at least one WIDTHxHEIGHT")
    if any(language not in LANGUAGES for language in spec.languages):
        raise RegistryError(f"{where}: languages must be among {', '.join(LANGUAGES)}")
    multiple = SIZE_MULTIPLE.get(spec.kind, 1)
    for w, h in spec.native_sizes:
        if w % multiple or h % multiple:
            raise RegistryError(
                f"{where}: size {w}x{h} must be a multiple of {multiple} for kind {spec.kind!r}"
            )


def load_registry(settings: Settings) -> dict[str, ModelSpec]:
    """Built-in entries merged with the registry file's; RegistryError when the file is wrong."""
    base_dir = models_dir(settings)
    raw = _builtin_raw(base_dir)
    source = {name: "built-in" for name in raw}
    path = models_file(settings)
    if settings.models_file is not None and path is not None and not path.exists():
        raise RegistryError(f"the model registry {path} (CIELO_MODELS_FILE) does not exist")
    if path is not None:
        file_base = path.parent
        for name, values in _read_file(path).items():
            if name == "cielo-preview":
                raise RegistryError(
                    f"{path}: 'cielo-preview' is the built-in preview engine, not a model entry"
                )
            values = dict(values)
            if "path" in values:  # paths in the file are relative to the file
                p = Path(str(values["path"])).expanduser()
                values["path"] = str(p if p.is_absolute() else (file_base / p).resolve())
            if "loras" in values:
                values["loras"] = [
                    str(q if (q := Path(str(x)).expanduser()).is_absolute() else (file_base / q).resolve())
                    for x in values["loras"]
                ]
            if "base" in values and values["base"] not in raw:
                raise RegistryError(
                    f"{path}: model {name!r} has base {values['base']!r}, which is not defined above"
                )
            start = raw[values["base"]] if "base" in values else raw.get(name, {})
            raw[name] = {**start, **values}
            source[name] = str(path)
    specs = {name: _build(name, values, base_dir, source[name]) for name, values in raw.items()}
    for spec in specs.values():
        if spec.audio_model is not None and spec.audio_model not in specs:
            raise RegistryError(
                f"{source[spec.name]}: model {spec.name!r} names audio_model "
                f"{spec.audio_model!r}, which is not in the registry"
            )
        if spec.audio_model is not None and not specs[spec.audio_model].is_audio:
            raise RegistryError(
                f"{source[spec.name]}: audio_model {spec.audio_model!r} is not a text-to-audio model"
            )
        if spec.speech_model is not None and not (spec.speech_model in specs and specs[spec.speech_model].is_speech):
            raise RegistryError(f"{source[spec.name]}: model {spec.name!r} names speech_model {spec.speech_model!r}, "
                                f"which is not a speech model in the registry (kind {' or '.join(SPEECH_KINDS)})")
    return specs


def weights_problem(spec: ModelSpec) -> str | None:
    """None when the folder looks loadable, else what is missing (for people). A remote model has no weights:
    what it needs is its API key in the environment."""
    if spec.is_remote:
        if spec.api_key_env and not os.environ.get(spec.api_key_env):
            return f"the environment variable {spec.api_key_env} (its API key) is not set"
        return None
    index = spec.path / INDEX_FILE
    if not spec.path.is_dir():
        return f"no weights folder at {spec.path}"
    if spec.is_speech:
        return _transformers_folder_problem(spec)
    if not index.is_file():
        return f"{spec.path} has no {INDEX_FILE} (expected a diffusers pipeline saved with save_pretrained)"
    try:
        components = json.loads(index.read_text())
    except ValueError as exc:
        return f"{index} is not valid JSON: {exc}"
    missing = [
        key
        for key, value in components.items()
        if not key.startswith("_")
        and isinstance(value, list)
        and value[0] is not None
        and not (spec.path / key).is_dir()
    ]
    if missing:
        return f"{spec.path} lacks the component folders {', '.join(sorted(missing))}"
    for lora in spec.loras:
        if not lora.exists():
            return f"LoRA adapter {lora} does not exist"
    return None


def _transformers_folder_problem(spec: ModelSpec) -> str | None:
    """A speech model is a transformers folder: config, weights, tokenizer and processor."""
    wanted = {
        "config.json": ("config.json",),
        "weights": ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin"),
        "a tokenizer": ("tokenizer.json", "tokenizer_config.json"),
        "a processor": ("processor_config.json", "preprocessor_config.json"),
    }
    missing = [what for what, names in wanted.items() if not any((spec.path / n).is_file() for n in names)]
    if missing:
        return f"{spec.path} lacks {', '.join(missing)} (expected a transformers model saved with save_pretrained)"
    return None


def neural_stack_problem() -> str | None:
    """None when torch and diffusers can be imported (without importing them)."""
    missing = [m for m in ("torch", "diffusers", "transformers") if importlib.util.find_spec(m) is None]
    if missing:
        return (
            f"the neural extra is not installed ({', '.join(missing)} missing): pip install 'cielo[neural]'"
        )
    return None


def builtins_only(settings: Settings) -> dict[str, ModelSpec]:
    """The built-in entries alone (what a catalog serves when the registry file is broken)."""
    base_dir = models_dir(settings)
    return {
        name: _build(name, values, base_dir, "built-in") for name, values in _builtin_raw(base_dir).items()
    }


def _builtin_raw(base_dir: Path) -> dict[str, dict[str, Any]]:
    # The default folder is fixed here, so an entry deriving from a built-in shares its weights.
    return {name: {"path": str(base_dir / name), **values} for name, values in BUILTIN_MODELS.items()}


def check_ready(spec: ModelSpec) -> None:
    problem = (None if spec.is_remote else neural_stack_problem()) or weights_problem(spec)
    if problem:
        raise GenerationError(
            "model_unavailable",
            f"Model {spec.name!r} is not available on this server: {problem}. "
            "An operator can see every model with `cielo models list`.",
        )


def cannot_edit(spec: ModelSpec) -> str | None:
    """Why `spec` cannot edit a video, or None when it can (check_ready has vouched for its folder)."""
    why = None
    if spec.kind not in EDIT_KINDS:
        why = f"kind {spec.kind!r} has no video-to-video pipeline"
    elif spec.kind == "wan":
        try:
            index = json.loads((spec.path / INDEX_FILE).read_text())
        except (OSError, ValueError):
            index = {}
        # WanVideoToVideoPipeline runs one transformer with one timestep per frame.
        if (index.get("transformer_2") or [None])[0] is not None:
            why = "its two experts have no video-to-video pipeline"
        elif index.get("expand_timesteps"):
            why = "Wan 2.2 TI2V's per-token timesteps have no video-to-video pipeline"
    if why is None:
        return None
    return (f"Model {spec.name!r} cannot edit videos ({why}); edit with LTX-2, a Wan 2.1 text-to-video "
            "model or cielo-preview, or remix instead.")
