"""Loading a registry model's pipeline, placing it in memory, switching on its speed options, and
keeping loaded pipelines warm across jobs.

Loading a real video model takes tens of seconds to minutes, so a worker keeps what it loaded: the
`WarmPipelines` of a process hold pipelines least-recently-used first and drop the oldest when a new
one would not fit the memory budget (`Settings.engine_memory_budget_gb`; on a GPU the card's memory,
on a CPU half of the RAM, when it is 0). The newest pipeline is always kept, even over budget: a model
that is too big for the budget still renders, it just never shares the worker with another one.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import torch

from cielo.generation.errors import GenerationError
from cielo.generation.registry import INDEX_FILE, ModelSpec

log = logging.getLogger("cielo.engines.diffusers")

PIPELINE_CLASSES = {
    "ltx2": "LTX2Pipeline",
    "wan": "WanPipeline",
    "wan-i2v": "WanImageToVideoPipeline",
    "wan-vace": "WanVACEPipeline",
    "ltx": "LTXPipeline",
    "stable-audio": "StableAudioPipeline",
}
DENOISERS = ("transformer", "transformer_2", "unet")


def device() -> torch.device:
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def torch_dtype(spec: ModelSpec, on: torch.device) -> torch.dtype:
    if spec.dtype == "auto":
        return torch.bfloat16 if on.type == "cuda" else torch.float32
    return getattr(torch, spec.dtype)


def denoisers(pipe: Any) -> list[torch.nn.Module]:
    """The transformer(s) of a pipeline: the modules that run once per step and take the speed options."""
    return [m for name in DENOISERS if isinstance(m := getattr(pipe, name, None), torch.nn.Module)]


def module_bytes(pipe: Any) -> int:
    """Bytes of every weight and buffer the pipeline holds (what it costs to keep it loaded)."""
    total = 0
    for component in pipe.components.values():
        if isinstance(component, torch.nn.Module):
            for tensor in (*component.parameters(), *component.buffers()):
                total += tensor.numel() * tensor.element_size()
    return total


@dataclass
class LoadedPipeline:
    spec: ModelSpec
    pipe: Any
    device: torch.device
    dtype: torch.dtype
    bytes: int
    load_seconds: float
    options: dict[str, Any] = field(default_factory=dict)  # what was switched on, for metadata
    lock: threading.Lock = field(default_factory=threading.Lock)  # one render at a time per pipeline


def load_pipeline(spec: ModelSpec) -> LoadedPipeline:
    """`from_pretrained(spec.path)` with the registry's dtype, memory mode and speed options."""
    import diffusers

    on = device()
    dtype = torch_dtype(spec, on)
    expected = PIPELINE_CLASSES[spec.kind]
    try:
        found = json.loads((spec.path / INDEX_FILE).read_text()).get("_class_name")
    except (OSError, ValueError) as exc:
        raise GenerationError("model_unavailable", f"cannot read {spec.path / INDEX_FILE}: {exc}") from exc
    if found != expected:
        raise GenerationError(
            "model_unavailable",
            f"model {spec.name!r} is registered as kind {spec.kind!r} ({expected}) but {spec.path} holds {found}",
        )
    started = time.perf_counter()
    try:
        pipe = getattr(diffusers, expected).from_pretrained(str(spec.path), dtype=dtype)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise GenerationError(
            "model_unavailable", f"cannot load {spec.name!r} from {spec.path}: {exc}"
        ) from exc
    pipe.set_progress_bar_config(disable=True)
    if spec.scheduler_options:
        pipe.scheduler = type(pipe.scheduler).from_config(pipe.scheduler.config, **spec.scheduler_options)
    options: dict[str, Any] = {
        "device": on.type,
        "dtype": str(dtype).removeprefix("torch."),
        "denoisers": [name for name in DENOISERS if isinstance(getattr(pipe, name, None), torch.nn.Module)],
    }
    options.update(_place(pipe, spec, on, dtype))
    options.update(apply_speed_options(pipe, spec))
    loaded = LoadedPipeline(
        spec=spec,
        pipe=pipe,
        device=on,
        dtype=dtype,
        bytes=module_bytes(pipe),
        load_seconds=round(time.perf_counter() - started, 3),
        options=options,
    )
    log.info("loaded %s (%s, %.2f GB) in %.1fs", spec.name, expected, loaded.bytes / 1e9, loaded.load_seconds)
    return loaded


def _place(pipe: Any, spec: ModelSpec, on: torch.device, dtype: torch.dtype) -> dict[str, Any]:
    """Memory mode, fp8 storage and VAE tiling. On a CPU everything simply stays in RAM."""
    applied: dict[str, Any] = {}
    if spec.storage_dtype is not None:
        storage = getattr(torch, spec.storage_dtype)
        for module in denoisers(pipe):
            # Weights are stored in fp8 and upcast layer by layer to the compute dtype when used.
            module.enable_layerwise_casting(storage_dtype=storage, compute_dtype=dtype)
        applied["storage_dtype"] = spec.storage_dtype
    if on.type != "cuda":
        applied["memory"] = "cpu"
    elif spec.memory == "gpu":
        pipe.to(on)
        applied["memory"] = "gpu"
    elif spec.memory == "model_offload":
        pipe.enable_model_cpu_offload()
        applied["memory"] = "model_offload"
    elif spec.memory == "sequential_offload":
        pipe.enable_sequential_cpu_offload()
        applied["memory"] = "sequential_offload"
    elif spec.memory == "group_offload":
        # Block-level groups streamed ahead of use: close to all-on-GPU speed at a fraction of the memory.
        pipe.enable_group_offload(
            onload_device=on,
            offload_device=torch.device("cpu"),
            offload_type="block_level",
            num_blocks_per_group=1,
            use_stream=True,
        )
        applied["memory"] = "group_offload"
    if spec.vae_tiling:
        vae = getattr(pipe, "vae", None)
        if vae is not None and hasattr(vae, "enable_tiling"):
            vae.enable_tiling()
            applied["vae_tiling"] = True
    return applied


def taylorseer_targets(module: torch.nn.Module) -> dict[str, list[str]]:
    """Which modules TaylorSeer hooks on `module`, when the registry names none: every repeated block skips
    its work on a cached step, and each output projection (video, and LTX-2's audio) is predicted from its
    Taylor series. diffusers' own default hooks modules named like "blocks.N...attn", which matches nothing
    in Wan (attn1, attn2) and only the audio/video cross-attention in LTX-2: the cache then never skipped
    (measured 1.00x on Wan)."""
    blocks = [name for name, child in module.named_children()
              if isinstance(child, torch.nn.ModuleList) and "block" in name]
    outputs = [name for name, child in module.named_children()
               if name.endswith("proj_out") and isinstance(child, torch.nn.Linear)]
    return {"skip_predict_identifiers": [rf"{name}\.\d+" for name in blocks], "cache_identifiers": outputs}


def cache_config(name: str, options: dict[str, Any], pipe: Any, module: torch.nn.Module) -> Any:
    """The diffusers cache-hook configuration called `name` for the denoiser `module`, with the registry's
    options."""
    from diffusers.hooks import (
        FirstBlockCacheConfig,
        MagCacheConfig,
        PyramidAttentionBroadcastConfig,
        TaylorSeerCacheConfig,
    )

    options = dict(options)
    if name == "first_block":
        return FirstBlockCacheConfig(**options)
    if name == "taylorseer":
        if "cache_identifiers" not in options and "skip_predict_identifiers" not in options:
            options.update(taylorseer_targets(module))
        return TaylorSeerCacheConfig(**options)
    if name == "mag":
        if "mag_ratios" in options:
            options["mag_ratios"] = torch.tensor(options["mag_ratios"], dtype=torch.float32)
        else:
            options.setdefault("calibrate", True)  # no ratios for this checkpoint yet: measure them
        return MagCacheConfig(**options)
    if name == "pyramid":
        # It needs the pipeline's current timestep to decide when to reuse attention outputs.
        options.setdefault("current_timestep_callback", lambda: pipe.current_timestep)
        options.setdefault("spatial_attention_block_skip_range", 2)
        return PyramidAttentionBroadcastConfig(**options)
    raise GenerationError("model_unavailable", f"unknown cache {name!r}")


def compile_repeated_blocks(module: torch.nn.Module) -> bool:
    """Regional compilation: each repeated transformer block's own forward is compiled (one compiled graph
    reused by every block, compiled in seconds rather than minutes). Returns False when the model names no
    repeated blocks.

    It compiles the blocks' forward functions, before any cache hook wraps them, rather than what diffusers'
    `compile_repeated_blocks` compiles (the module call, hooks included): dynamo then traced TaylorSeer's
    Python bookkeeping too, guarded on its step counter and hook instance, recompiled on every step and
    block, and fell back to eager past its limit of 8 (LTX-2 at 1280x704: taylorseer + compile 2.22x, under
    taylorseer alone plus compile's own gain). Hooks now run eagerly around the compiled blocks.

    Not `fullgraph`: hooks inside a block (fp8 layerwise casting, a cache on the attention) break its graph,
    and a broken graph must cost speed, not fail the job; without breaks the graph is the same."""
    names = set(getattr(module, "_repeated_blocks", None) or ())
    blocks = [child for child in module.modules() if type(child).__name__ in names]
    for block in blocks:
        block.forward = torch.compile(block.forward)
    return bool(blocks)


def apply_speed_options(pipe: Any, spec: ModelSpec) -> dict[str, Any]:
    """torch.compile, cache hook and attention backend on the denoiser(s); returns what took effect."""
    applied: dict[str, Any] = {}
    modules = denoisers(pipe)
    if spec.compile:
        # First, so the cache hooks wrap the compiled blocks (see compile_repeated_blocks).
        for module in modules:
            if not compile_repeated_blocks(module):
                module.compile()
        applied["compile"] = True
    if spec.cache:
        for module in modules:
            module.enable_cache(cache_config(spec.cache, spec.cache_options, pipe, module))
        applied["cache"] = {
            "kind": spec.cache,
            **{k: v for k, v in spec.cache_options.items() if k != "mag_ratios"},
        }
    if spec.attention_backend:
        for module in modules:
            module.set_attention_backend(spec.attention_backend)
        applied["attention_backend"] = spec.attention_backend
    return applied


# ------------------------------------------------------------------------------- warm pipelines


def default_budget_bytes() -> int:
    if torch.cuda.is_available():
        return int(torch.cuda.get_device_properties(0).total_memory)
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2)
    except (ValueError, OSError):
        return 16 * 1024**3


def _fingerprint(spec: ModelSpec) -> str:
    return json.dumps(spec.to_dict(), sort_keys=True, default=str)


class WarmPipelines:
    """Loaded pipelines by model, least recently used first, within a byte budget."""

    def __init__(self, budget_bytes: int, loader=load_pipeline) -> None:
        self.budget_bytes = budget_bytes
        self._loader = loader
        self._loaded: OrderedDict[str, tuple[str, LoadedPipeline]] = OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0  # how many times a pipeline was loaded (a warm hit does not count)

    def get(self, spec: ModelSpec, loader=None) -> tuple[LoadedPipeline, bool]:
        """The loaded pipeline of `spec` and whether it was already warm. `loader` replaces this cache's own
        for models that are not diffusers pipelines (speech models), so one budget covers every model."""
        fingerprint = _fingerprint(spec)
        with self._lock:
            held = self._loaded.get(spec.name)
            if held is not None and held[0] == fingerprint:
                self._loaded.move_to_end(spec.name)
                return held[1], True
            if held is not None:  # the registry entry changed: the old pipeline is stale
                self._drop(spec.name)
            loaded = (loader or self._loader)(spec)
            self.loads += 1
            self._loaded[spec.name] = (fingerprint, loaded)
            self._fit()
            return loaded, False

    def names(self) -> list[str]:
        with self._lock:
            return list(self._loaded)

    def held_bytes(self) -> int:
        with self._lock:
            return sum(entry.bytes for _, entry in self._loaded.values())

    def clear(self) -> None:
        with self._lock:
            for name in list(self._loaded):
                self._drop(name)

    def _fit(self) -> None:
        while len(self._loaded) > 1 and sum(e.bytes for _, e in self._loaded.values()) > self.budget_bytes:
            oldest = next(iter(self._loaded))
            log.info("unloading %s to stay within %.1f GB", oldest, self.budget_bytes / 1e9)
            self._drop(oldest)

    def _drop(self, name: str) -> None:
        # A render still running on it keeps its own reference; the memory returns when it ends.
        self._loaded.pop(name)
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()


_warm: WarmPipelines | None = None
_warm_lock = threading.Lock()


def release_warm_pipelines() -> None:
    """Unload this process's warm pipelines, if any (before a likeness training loads its own copy on a GPU)."""
    with _warm_lock:
        warm = _warm
    if warm is not None:
        warm.clear()


def warm_pipelines(budget_gb: float = 0.0) -> WarmPipelines:
    """This process's warm pipelines (created on first use with the given budget)."""
    global _warm
    with _warm_lock:
        if _warm is None:
            budget = int(budget_gb * 1024**3) if budget_gb > 0 else default_budget_bytes()
            _warm = WarmPipelines(budget)
        return _warm
