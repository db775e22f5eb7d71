"""`cielo models ...`: the model registry from the command line (list, check, train a cameo's LoRA)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from cielo.cli.common import console, load_settings, run_db_action

models_app = typer.Typer(help="Neural models: registry, weights, LoRA training.", no_args_is_help=True)


def _settings():
    return load_settings()


def _speed(spec) -> str:
    parts = []
    if spec.cache:
        parts.append(f"cache={spec.cache}")
    if spec.compile:
        parts.append("compile")
    if spec.attention_backend:
        parts.append(f"attention={spec.attention_backend}")
    if spec.storage_dtype:
        parts.append(spec.storage_dtype)
    return ", ".join(parts) or "-"


@models_app.command("list")
def list_models(as_json: bool = typer.Option(False, "--json", help="One JSON object per model.")) -> None:
    """Every registered model, where its weights should be, and whether they are there."""
    from cielo.generation.registry import RegistryError, load_registry, models_file, weights_problem

    settings = _settings()
    source = models_file(settings)
    try:
        specs = load_registry(settings)
    except RegistryError as exc:
        console.print(f"[bold red]The model registry has an error:[/] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        for spec in specs.values():
            problem = weights_problem(spec)
            print(json.dumps({**spec.to_dict(), "weights_present": problem is None, "problem": problem}))
        return
    table = Table(title=f"Models ({source or 'built-in entries; no models.toml'})")
    # Names stay whole (people copy them); other cells wrap instead of being cut with an ellipsis when the
    # terminal (or a pipe: 80 columns) is narrow.
    table.add_column("model", no_wrap=True, min_width=max(len(name) for name in [*specs, "cielo-preview"]))
    for column in ("kind", "weights", "steps", "memory", "speed", "sound"):
        table.add_column(column, overflow="fold")
    problems = []
    for spec in specs.values():
        problem = weights_problem(spec)
        if problem is not None:
            problems.append(f"  {spec.name}: {problem}")
        speech = spec.speech_model or settings.speech_model or "espeak-ng"
        if spec.is_audio or spec.is_speech:
            sound = "(makes audio)" if spec.is_audio else f"(speaks: {', '.join(spec.languages)})"
        elif spec.kind == "ltx2" and not spec.speech_model:
            sound = "model"
        else:
            sound = f"{spec.audio_model or 'sound design'} + speech by {speech}"
        table.add_row(
            spec.name,
            spec.kind,
            "[green]present[/]" if problem is None else "[red]missing[/]",
            str(spec.steps),
            spec.memory,
            _speed(spec),
            sound,
        )
    table.add_row("cielo-preview", "preview", "[green]built in[/]", "-", "-", "-",
                  f"sound design + speech by {settings.speech_model or 'espeak-ng'}")
    console.print(table)
    if settings.speech_model and not (settings.speech_model in specs and specs[settings.speech_model].is_speech):
        problems.append(f"  CIELO_SPEECH_MODEL={settings.speech_model}: not a speech model in the registry "
                        "(dialogue falls back to espeak-ng)")
    if problems:
        console.print("Missing weights (a request for these models is refused with model_unavailable):")
        for line in problems:
            console.print(line, soft_wrap=True)


@models_app.command("check")
def check(name: str) -> None:
    """Exit 0 when MODEL can render on this machine; otherwise say why and exit 1."""
    from cielo.generation import GenerationError
    from cielo.generation.catalog import ModelCatalog

    models = ModelCatalog(_settings())
    spec = models.spec(name)
    try:
        models.check_ready(name, mode="speech" if spec is not None and spec.is_speech else "generate")
    except GenerationError as exc:
        console.print(f"[red]{exc.code}[/]: {exc.message}")
        raise typer.Exit(1) from exc
    console.print(f"[green]{name} is ready[/]")


@models_app.command("train-lora")
def train_lora(
    model: str,
    cameo: str = typer.Argument(..., help="The cameo's handle: prompts that say @handle load this adapter."),
    images: list[Path] = typer.Argument(  # noqa: B008
        None, help="Reference frames (png/jpg); default: the frames stored when the cameo was recorded."),
    steps: int = typer.Option(400, help="Optimisation steps."),
    rank: int = typer.Option(16, help="LoRA rank."),
    learning_rate: float = typer.Option(1e-4, "--lr", help="AdamW learning rate."),
) -> None:
    """Train CAMEO's likeness for MODEL on reference frames; Ctrl-C cancels and writes nothing."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from cielo.generation import GenerationCancelled, GenerationError
    from cielo.generation.training import train_cameo_lora
    from cielo.generation.training.lora import LoraTrainingConfig

    settings = _settings()
    if not images:
        images = _stored_reference_frames(cameo)
    config = LoraTrainingConfig(steps=steps, rank=rank, learning_rate=learning_rate)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task(f"training @{cameo} for {model}", total=1.0)
        try:
            result = train_cameo_lora(
                settings,
                model,
                cameo,
                images,
                config=config,
                progress=lambda f: bar.update(task, completed=f),
            )
        except (KeyboardInterrupt, GenerationCancelled):  # the adapter is only written at the very end
            console.print("[yellow]cancelled[/]")
            raise typer.Exit(130) from None
        except GenerationError as exc:
            console.print(f"[red]{exc.code}[/]: {exc.message}")
            raise typer.Exit(1) from exc
    console.print(
        f"adapter written to {result.adapter_dir} (loss {result.initial_loss:.4f} -> {result.final_loss:.4f})"
    )


def _stored_reference_frames(handle: str) -> list[Path]:
    """The reference crops kept for the cameo @handle in this server's database and media store."""
    from cielo.cameos.service import cameo_by_handle
    from cielo.errors import InvalidInput, NotFound
    from cielo.storage import make_media_store

    async def frames(session, settings) -> list[Path]:
        cameo = await cameo_by_handle(session, handle)
        if cameo is None:
            raise NotFound(f"cameo_not_found: no cameo @{handle.lstrip('@')} on this server.")
        store = make_media_store(settings)
        found = [store.local_path(key) for key in cameo.reference_keys or [] if store.exists(key)]
        if not found:
            raise InvalidInput(f"invalid_request: @{cameo.handle} has no stored reference frames; pass image files.")
        return found

    return run_db_action(frames)
