"""The `cielo` command: serve, generate, plan, worker, doctor, capacity, verify, db, admin; `models` is in
`cli/models.py`, the checks of `doctor` in `cli/doctor.py`, what commands share in `cli/common.py`."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cielo.config import VALID_SECONDS, VALID_SIZES, Settings
from cielo.cli.common import open_sessions, console, load_settings, run_db_action
from cielo.cli.models import models_app
from cielo.logs import configure_logging

app = typer.Typer(help="Cielo: open, self-hosted social video generation.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
admin_app = typer.Typer(help="Users, keys and invites.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(models_app, name="models")


@app.command()
def serve(
    host: str = typer.Option(None, help="Address to listen on (CIELO_HOST, default 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (CIELO_PORT, default 8000)."),
    workers: int = typer.Option(None, help="Worker processes to start here; 0 = none (CIELO_WORKERS)."),
) -> None:
    """Run the web app and API, with worker processes, creating the database on first start."""
    from cielo.accounts.bootstrap import first_start
    from cielo.app import create_app
    from cielo.db.migrate import upgrade
    from cielo.workers.supervisor import WorkerPool
    from cielo.service import serve as run_service

    settings = load_settings(host=host, port=port, workers=workers)
    configure_logging(settings.log_format)
    if settings.workers:
        _require_safety(settings)
    upgrade(settings.resolved_database_url)

    async def bootstrap():
        engine, sessions = open_sessions(settings)
        try:
            return await first_start(sessions, settings)
        finally:
            await engine.dispose()

    created = asyncio.run(bootstrap())

    def started() -> None:
        # Printed once the server listens, so the sign-in details are the last lines on the screen; never
        # wrapped, so each value copies whole.
        say = partial(console.print, soft_wrap=True, highlight=False)
        if created:
            say(f"\n[bold green]First start.[/] Sign in at {settings.base_url}/login as "
                f"[bold]@{created.handle}[/] with password [bold]{escape(created.password)}[/]")
            say(f"Invite code for a friend: [bold]{created.invite_code}[/]  ({settings.base_url}/signup)")
            say(f"API key (shown once): [bold]{created.api_key}[/]")
            say(f"  OpenAI SDK: OpenAI(base_url='{settings.base_url}/v1', api_key='<that key>')\n")
        else:
            say(f"Cielo at {settings.base_url} (data in {settings.home})")

    run_service(settings, create_app(settings), WorkerPool(settings, settings.workers), on_started=started)


def _require_safety(settings: Settings) -> None:
    """No unmarked video by accident: refuse to start workers while a needed safety part is missing."""
    from cielo.safety.parts import SafetyIncomplete, safety_parts

    missing = [part for part in safety_parts(settings) if part.missing]
    if missing and not settings.allow_missing_safety:
        console.print(str(SafetyIncomplete(missing)), style="red", markup=False, highlight=False)
        raise typer.Exit(1)


@app.command()
def worker(
    processes: int = typer.Option(1, help="Worker processes to run."),
    models: list[str] = typer.Option(
        [], "--models", help="Render only these models (repeat, or separate with commas); default: every model. "
        "Same as CIELO_WORKER_MODELS."),
) -> None:
    """Run worker processes against the configured database (no web server)."""
    from cielo.db.migrate import upgrade
    from cielo.generation.catalog import ModelCatalog
    from cielo.workers.supervisor import STOP_SIGNALS, WorkerPool

    settings = load_settings()
    chosen = [name.strip() for option in models for name in option.split(",") if name.strip()]
    if chosen:
        settings = settings.model_copy(update={"worker_models": chosen})
    if settings.worker_models:
        catalog = ModelCatalog(settings)
        if catalog.error:
            console.print(catalog.error, style="red", markup=False, highlight=False)
            raise typer.Exit(1)
        known = catalog.names()
        unknown = [name for name in settings.worker_models if name not in known]
        if unknown:
            console.print(f"No such model: {', '.join(unknown)}. This server knows: {', '.join(known)}.",
                          style="red", markup=False, highlight=False)
            raise typer.Exit(1)
    configure_logging(settings.log_format)
    _require_safety(settings)
    upgrade(settings.resolved_database_url)
    pool = WorkerPool(settings, processes)
    stop = threading.Event()
    for sig in STOP_SIGNALS:
        signal.signal(sig, lambda *_: stop.set())
    pool.start()
    serving = ", ".join(settings.worker_models) if settings.worker_models else "every model"
    console.print(f"{processes} worker process(es) running for {serving}; Ctrl-C stops them.")
    stop.wait()
    started = time.monotonic()
    pool.begin_stop()
    pool.join(started + settings.shutdown_seconds - 0.5)


@app.command()
def generate(
    prompt: str = typer.Argument(..., help="What the video shows and says."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the mp4."),
    seconds: str = typer.Option("4", help=f"One of {', '.join(VALID_SECONDS)}."),
    size: str = typer.Option("720x1280", help=f"One of {', '.join(VALID_SIZES)}."),
    seed: int = typer.Option(0, help="Same prompt + seed + settings = same video."),
    image: Path | None = typer.Option(None, help="Image guiding the first frame."),
    model: str | None = typer.Option(None, help="Model name (default: the configured default)."),
    handle: str = typer.Option(None, help="The @handle the visible mark shows (default: your user name)."),
) -> None:
    """Render one video on this machine, without a server: the same file the server makes (visible and
    invisible marks, frame check, C2PA), from the same one-pass encode."""
    from cielo.errors import CieloError
    from cielo.generation import GenerationError, GenerationRequest, run_pipeline
    from cielo.generation.catalog import ModelCatalog
    from cielo.ids import new_id
    from cielo.safety.guard import SafetyGuard
    from cielo.uploads import reference_png

    settings = load_settings()
    guard = SafetyGuard(settings)
    handle = handle or _local_handle()
    video_id = new_id("video")
    if seconds not in VALID_SECONDS:
        raise typer.BadParameter(f"seconds must be one of {', '.join(VALID_SECONDS)}", param_hint="--seconds")
    if size not in VALID_SIZES:
        raise typer.BadParameter(f"size must be one of {', '.join(VALID_SIZES)}", param_hint="--size")
    width, height = (int(v) for v in size.split("x"))
    with tempfile.TemporaryDirectory(prefix="cielo-") as tmp:
        reference = None
        if image is not None:
            try:
                data = reference_png(image.read_bytes(), settings.max_upload_bytes, "--image")
            except (OSError, CieloError) as exc:
                console.print(f"[red]{getattr(exc, 'message', exc)}[/]")
                raise typer.Exit(2) from exc
            reference = Path(tmp) / "reference.png"
            reference.write_bytes(data)
        request = GenerationRequest(prompt=prompt, seconds=int(seconds), width=width, height=height, seed=seed,
                                    input_reference=reference, model=settings.resolve_model(model))
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                      TimeElapsedColumn(), console=console) as bar:
            task = bar.add_task("starting", total=100)
            work = Path(tmp) / "work"
            finishing = guard.finishing(video_id=video_id, handle=handle, width=width, height=height,
                                        fps=request.fps, teen=False)
            try:
                result = run_pipeline(request, work, filters=[finishing], models=ModelCatalog(settings),
                                      progress=lambda f, stage: bar.update(task, completed=f * 97, description=stage))
                bar.update(task, completed=97, description="moderation and signature")
                finished = guard.finish(result, work, video_id=video_id, model=request.model, teen=False,
                                        finishing=finishing)
            except GenerationError as exc:
                finishing.close()
                console.print(f"[red]{exc}[/]")
                raise typer.Exit(1) from exc
            bar.update(task, completed=100, description="done")
        output.parent.mkdir(parents=True, exist_ok=True)
        temporary = output.with_name(f".{output.name}.part")
        shutil.copyfile(finished.video, temporary)
        temporary.replace(output)
    engine_note = "" if result.metadata.get("neural") else " (preview engine: not a neural model)"
    marks = ", ".join(finished.report["watermarks"] + finished.report["checks"])
    console.print(f"Wrote {output} ({result.seconds:.2f} s, {size}){engine_note}; {video_id} by @{handle}: {marks}",
                  soft_wrap=True)
    if guard.missing:
        console.print(f"[yellow]Made without: {', '.join(guard.missing)} (`cielo doctor` says how to add them)[/]")


def _local_handle() -> str:
    """The user name of this machine's account, as a handle (letters, digits and underscores)."""
    import getpass
    import re

    name = re.sub(r"[^A-Za-z0-9_]", "", getpass.getuser())[:30]
    return name if len(name) >= 3 else "cielo"


@app.command("plan")
def plan_command(
    prompt: str = typer.Argument(..., help="What the video shows and says."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole plan as JSON."),
    seconds: str = typer.Option("8", help=f"One of {', '.join(VALID_SECONDS)}."),
    size: str = typer.Option("720x1280", help=f"One of {', '.join(VALID_SIZES)}."),
    seed: int = typer.Option(0, help="Same prompt + seed = same plan."),
) -> None:
    """Show how a prompt is read: shots, who is in them, what they do and say, and what the preview
    engine draws (`drawn`) or cannot draw (`not_drawn`). Renders nothing."""
    import json

    from cielo.generation.plan import make_plan

    if seconds not in VALID_SECONDS:
        raise typer.BadParameter(f"seconds must be one of {', '.join(VALID_SECONDS)}", param_hint="--seconds")
    if size not in VALID_SIZES:
        raise typer.BadParameter(f"size must be one of {', '.join(VALID_SIZES)}", param_hint="--size")
    width, height = (int(v) for v in size.split("x"))
    plan = make_plan(prompt, seed=seed, seconds=int(seconds), width=width, height=height)
    if as_json:
        typer.echo(json.dumps(plan.to_dict(), ensure_ascii=False, indent=1))
        return
    names = {s.id: s.name for s in plan.subjects}
    for shot in plan.shots:
        who = ", ".join(f"{names[i]} ({shot.actions[i]})" if i in shot.actions else names[i]
                        for i in shot.subjects if i in names)
        console.print(f"[bold]{shot.start:5.2f}-{shot.end:5.2f}s[/] {shot.setting} {shot.time_of_day} {shot.weather} "
                      f"{shot.framing} {shot.camera}: {who or 'nobody'}", highlight=False)
    for line in plan.dialogue:
        console.print(f"  {line.start:5.2f}-{line.end:5.2f}s {line.speaker_name}: {line.text}", highlight=False)
    drawn = ", ".join(f"{d['word']} ({d['kind']})" for d in plan.drawn)
    console.print(f"drawn: {drawn or 'nothing named'}", highlight=False)
    missing = ", ".join(d["word"] + (f" ({d['reason']})" if d.get("reason") else "") for d in plan.not_drawn)
    console.print(f"[red]not drawn: {missing}[/]" if missing else "not drawn: nothing", highlight=False)


@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help="One JSON object per part.")) -> None:
    """Check every part this installation runs on; exit 1 when a part the configuration needs is missing."""
    from dataclasses import asdict

    from rich.table import Table

    from cielo.cli.doctor import MISSING, OK, run_checks

    settings = load_settings()
    checks = run_checks(settings)
    failed = [check.part for check in checks if check.failed]
    if as_json:
        for check in checks:
            print(json.dumps(asdict(check)))
        raise typer.Exit(1 if failed else 0)
    table = Table(title=f"Cielo {settings.home}", expand=False)
    table.add_column("part", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("detail", overflow="fold")
    colours = {OK: "green", MISSING: "red"}
    for check in checks:
        colour = colours.get(check.status, "yellow") if check.needed else "dim"
        table.add_row(check.part, f"[{colour}]{check.status}[/]", escape(check.detail))
    console.print(table)
    if failed:
        console.print(f"[red]Missing what this configuration needs: {', '.join(failed)}[/]")
        raise typer.Exit(1)
    console.print("[green]Everything this configuration needs is here.[/]")


@app.command()
def capacity(
    workers: list[str] = typer.Option([], "--workers", help="MODEL=N: workers serving a model (repeat). Default: "
                                      "CIELO_WORKERS for each model with measured renders, or cielo-preview."),
    render_seconds: list[str] = typer.Option([], "--render-seconds", help="MODEL=S: render time to plan with "
                                             "(repeat); default: the mean of the last week's renders."),
    videos_per_person: float = typer.Option(3.0, help="Videos a daily active person makes (the quota caps it)."),
    peak_share: float = typer.Option(0.1, min=0.0417, max=1.0, help="Share of a day's videos in its busiest hour."),
    wait_target: float = typer.Option(60.0, min=0.0, help="Seconds the p95 queue wait may reach in that hour."),
) -> None:
    """How many daily active people each worker pool can serve within the queue-wait target (M/M/c)."""
    from rich.table import Table

    from cielo.db.migrate import upgrade
    from cielo.jobs import capacity as planner

    settings = load_settings()
    upgrade(settings.resolved_database_url)

    try:
        pools = planner.parse_pairs(workers, int)
        given = planner.parse_pairs(render_seconds, float)
    except ValueError as exc:
        console.print(f"--workers and --render-seconds take MODEL=NUMBER: {exc}", style="red", markup=False)
        raise typer.Exit(2) from None

    async def read() -> planner.CapacityReport:
        engine, sessions = open_sessions(settings)
        try:
            async with sessions() as session:
                return await planner.capacity_report(
                    session, settings, workers=pools, render_seconds=given, videos_per_person=videos_per_person,
                    peak_share=peak_share, wait_target_s=wait_target)
        finally:
            await engine.dispose()

    report = asyncio.run(read())
    table = Table(title=f"p95 queue wait <= {wait_target:g} s in the busiest hour ({peak_share:.0%} of a day's "
                        f"videos), {report.videos_per_person:g} videos a person a day", expand=False)
    for column in ("model", "workers", "render s", "people a day", "videos in that hour", "pool busy"):
        table.add_column(column, no_wrap=True, justify="left" if column == "model" else "right")
    for row in report.rows:
        if row.plan is None:
            table.add_row(row.model, str(row.workers), "not measured", "-", "-", "-")
            continue
        source = f"({row.measured_videos} videos)" if row.measured_videos else "(given)"
        table.add_row(row.model, str(row.workers), f"{row.render_seconds:.1f} {source}",
                      f"{row.plan.max_daily_people:,}", f"{row.plan.busiest_hour_videos:,.0f}",
                      f"{row.plan.utilisation:.0%}")
    console.print(table)
    console.print(f"Now: {report.active_people:,} people made videos in the last 24 hours; the last hour's p95 "
                  f"queue wait was {report.recent_p95_wait:.1f} s.")
    if any(row.plan is None for row in report.rows):
        console.print("A model without renders this week needs --render-seconds MODEL=S.")


@app.command()
def verify(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="An mp4 made by Cielo.")) -> None:
    """Check a video's C2PA manifest: exit 0 when it is intact and signed, 1 otherwise."""
    from cielo.safety.guard import SafetyGuard

    guard = SafetyGuard(load_settings())
    if not guard.signing:
        console.print(escape("C2PA verification needs c2pa-python: reinstall Cielo (pip install -e .); "
                             "`cielo doctor` lists what is missing"), style="red")
        raise typer.Exit(2)
    report = guard.credentials.verify(file)
    if report.manifest is None:
        console.print(f"[red]{file}: no C2PA manifest[/]")
        raise typer.Exit(1)
    generator = report.manifest.get("claim_generator") or report.manifest.get("claim_generator_info")
    console.print(f"video id: {report.video_id}\ngenerator: {generator}\nstate: {report.state}")
    if not report.valid:
        for error in report.errors:
            console.print(f"[red]  {error}[/]")
        console.print(f"[red]{file}: INVALID: the file changed after it was signed, or the signature is bad[/]")
        raise typer.Exit(1)
    console.print(f"[green]{file}: valid{' and trusted' if report.trusted else ''}[/]")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database schema to the latest revision."""
    from cielo.db.migrate import upgrade

    settings = load_settings()
    upgrade(settings.resolved_database_url)
    console.print(f"Database at {settings.resolved_database_url} is up to date.")


@admin_app.command("create-user")
def create_user(
    handle: str,
    admin: bool = typer.Option(False, "--admin", help="Make the user an administrator."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a user (no invite needed)."""
    from cielo.accounts import service as accounts

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None

    async def action(session, settings):
        return await accounts.create_user(session, settings, handle=handle, password=password, is_admin=admin)

    user = run_db_action(action)
    console.print(f"Created @{user.handle}{' (admin)' if user.is_admin else ''}.")


@admin_app.command("api-key")
def api_key(handle: str, name: str = typer.Option("cli", help="A label for the key.")) -> None:
    """Create an API key for a user; the key is printed alone on the last line."""
    from cielo.accounts import service as accounts

    async def action(session, settings):
        user = await accounts.user_by_handle(session, handle)
        token, _ = await accounts.create_api_key(session, user, name)
        return token

    token = run_db_action(action)
    console.print(f"API key for @{handle} (shown once):")
    print(token)


@admin_app.command("invites")
def invites(handle: str, count: int = typer.Option(0, help="Mint this many new invites first.")) -> None:
    """Show a user's invite codes, minting new ones with --count."""
    from cielo.accounts import service as accounts

    async def action(session, settings):
        user = await accounts.user_by_handle(session, handle)
        if count:
            await accounts.mint_invites(session, settings, user, count)
        return await accounts.invite_summary(session, user)

    for invite in run_db_action(action):
        state = f"joined: @{invite['used_by']}" if invite["used_by"] else "unused"
        print(f"{invite['code']}  {state}")
