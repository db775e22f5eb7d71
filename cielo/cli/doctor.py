"""`cielo doctor`: every part an installation runs on, checked for real, with the fix for what is missing.

A check is "needed" when this configuration uses the part (the classifier unless
CIELO_MODERATION_CLASSIFIER=false, a model's weights when it is the default model or an alias target, a GPU
when such a model needs one...). The command exits non-zero when a needed part is missing.
"""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cielo.config import Settings

OK, MISSING, OFF, UNUSED = "ok", "missing", "off", "not needed"


@dataclass(frozen=True)
class Check:
    part: str
    status: str  # OK | MISSING | OFF | UNUSED
    detail: str
    needed: bool = True

    @property
    def failed(self) -> bool:
        return self.needed and self.status == MISSING


def _attempt(part: str, probe, fix: str, *, needed: bool = True) -> Check:
    """Runs `probe()` (returns a detail string); any exception is the part missing, with `fix`."""
    try:
        return Check(part, OK, probe(), needed)
    except Exception as exc:  # noqa: BLE001 - whatever broke is what the operator must see
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Check(part, MISSING, f"{reason[:200]} - fix: {fix}", needed)


def run_checks(settings: Settings) -> list[Check]:
    from cielo.safety.parts import safety_parts

    checks = [scratch_writable(settings), disk_free(settings), _database(settings), _media_store(settings),
              _faces()]
    for part in safety_parts(settings):
        if not part.needed:
            checks.append(Check(part.label, OFF, "turned off by the configuration", needed=False))
        else:
            checks.append(_safety_part(part, settings))
    checks.append(_c2pa_signer(settings))
    checks.append(_attempt("speech (espeak-ng)", _espeak, "reinstall Cielo: pip install -e . (espeakng-loader)"))
    checks.extend(_models(settings))
    return checks


def _database(settings: Settings) -> Check:
    def probe() -> str:
        from alembic.script import ScriptDirectory
        from sqlalchemy import text

        from cielo.db.migrate import alembic_config
        from cielo.db.session import make_engine

        async def current() -> str | None:
            engine = make_engine(settings.resolved_database_url)
            try:
                async with engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
                    has_table = await connection.run_sync(
                        lambda sync: sync.dialect.has_table(sync, "alembic_version"))
                    if not has_table:
                        return None
                    return (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar()
            finally:
                await engine.dispose()

        revision = asyncio.run(asyncio.wait_for(current(), 15))
        head = ScriptDirectory.from_config(alembic_config(settings.resolved_database_url)).get_current_head()
        where = settings.resolved_database_url.split("@")[-1]
        if revision is None:
            return f"{where}: reachable, no schema yet (`cielo serve` or `cielo db upgrade` creates it)"
        if revision != head:
            return f"{where}: schema {revision}; `cielo serve` or `cielo db upgrade` migrates it to {head}"
        return f"{where} (schema {head})"

    return _attempt("database", probe, "check CIELO_DATABASE_URL; `cielo db upgrade` creates or migrates the schema")


def _media_store(settings: Settings) -> Check:
    def probe() -> str:
        from cielo.storage import make_media_store

        store = make_media_store(settings)
        key = f"doctor/{int(time.time() * 1000)}"
        store.put_bytes(key, b"ok")
        if store.local_path(key).read_bytes() != b"ok":
            raise RuntimeError("a written object read back differently")
        store.delete(key)
        return settings.media_url or str(settings.resolved_media_dir)

    fix = ("check CIELO_MEDIA_URL's bucket and the AWS_* settings (endpoint, keys, region)" if settings.media_url
           else "make the media folder writable (CIELO_MEDIA_DIR)")
    return _attempt("media store", probe, fix)


def _faces() -> Check:
    def probe() -> str:
        import dlib  # noqa: F401

        from cielo.likeness.faces import find_models_dir

        return f"dlib models in {find_models_dir()}"

    return _attempt("faces (cameos)", probe, "reinstall Cielo: pip install -e . (dlib-bin, face_recognition_models)")


def _safety_part(part, settings: Settings) -> Check:
    """A part that is installed is also loaded, so a broken install shows here and not on a first video."""
    if not part.present:
        return Check(part.label, MISSING, f"not installed - fix: {part.fix}")

    def probe() -> str:
        if part.key == "classifier":
            from cielo.safety import classifier, minilm
            from cielo.safety.moderation import Moderator

            Moderator().check("a fox on a beach")
            return f"MiniLM from {minilm.find_model_dir()}, weights from {classifier.MODEL_FILE}"
        if part.key == "frames":
            import numpy as np

            from cielo.safety.frames import check_frames

            check_frames([np.zeros((64, 64, 3), np.uint8)])
            from cielo.safety.frames import find_model

            return f"NudeNet {find_model()} on onnxruntime"
        if part.key == "invisible":
            import numpy as np

            from cielo.safety.invisible import InvisibleWatermark

            mark = InvisibleWatermark(scale=settings.invisible_watermark_strength)
            frame = mark.embed(np.full((256, 256, 3), 128, np.uint8), "video_" + "0" * 32)
            mark.detect_frames([frame])
            return "dwtDctSvd"
        import c2pa  # noqa: F401

        return "c2pa-python imports"

    return _attempt(part.label, probe, part.fix)


def _c2pa_signer(settings: Settings) -> Check:
    if importlib.util.find_spec("c2pa") is None:
        return Check("C2PA signer", MISSING, "c2pa-python is not installed - fix: reinstall Cielo: pip install -e .")

    def probe() -> str:
        from cielo.safety.guard import SafetyGuard

        credentials = SafetyGuard(settings).credentials.credentials
        if not credentials.cert_chain_pem or not credentials.private_key_pem:
            raise RuntimeError("empty certificate chain or key")
        if settings.c2pa_cert_chain:
            return f"operator's certificate {settings.c2pa_cert_chain}"
        return f"local CA in {settings.home / 'keys' / 'c2pa'}"

    return _attempt("C2PA signer", probe,
                    "set CIELO_C2PA_CERT_CHAIN and CIELO_C2PA_PRIVATE_KEY to readable PEM files, or unset both")


def _espeak() -> str:
    from cielo.generation.audio.speech import VoiceSettings, speak

    samples = speak("hello", VoiceSettings("en", "m3", 50, 170), 24000)
    if samples.size == 0:
        raise RuntimeError("espeak-ng produced no sound")
    return f"{samples.size / 24000:.2f} s of speech for 'hello'"


def _models(settings: Settings) -> list[Check]:
    from cielo.generation.registry import RegistryError, load_registry, neural_stack_problem, weights_problem

    try:
        specs = load_registry(settings)
    except RegistryError as exc:
        return [Check("model registry", MISSING, f"{exc} - fix: correct the registry file")]
    used = {settings.resolve_model(None), *settings.model_aliases.values()}
    checks = [Check("cielo-preview", OK, "built in (not a neural model)", "cielo-preview" in used)]
    if settings.speech_model:  # configured, it is needed: without it dialogue quietly falls back to espeak-ng
        if settings.speech_model in specs and specs[settings.speech_model].is_speech:
            used.add(settings.speech_model)
        else:
            checks.append(Check("speech model", MISSING, f"CIELO_SPEECH_MODEL={settings.speech_model} is not a "
                                "speech model in the registry - fix: name a kind = \"csm\" entry, or unset it"))
    stack = neural_stack_problem()
    needs_gpu = False
    for spec in specs.values():
        needed = spec.name in used
        problem = weights_problem(spec) or (stack if needed else None)
        if problem is None:
            needs_gpu = needs_gpu or (needed and spec.memory == "gpu")
            checks.append(Check(f"model {spec.name}", OK, f"weights in {spec.path}", needed))
        elif needed:
            checks.append(Check(f"model {spec.name}", MISSING, f"{problem} - fix: put the model's weights there "
                                "(Hugging Face layout) or choose another CIELO_DEFAULT_MODEL"))
        else:
            checks.append(Check(f"model {spec.name}", UNUSED, problem, needed=False))
    checks.append(_gpu(needs_gpu))
    return checks


def _gpu(needed: bool) -> Check:
    if importlib.util.find_spec("torch") is None:
        return Check("GPU", MISSING if needed else UNUSED, "torch is not installed (pip install 'cielo[neural]')",
                     needed)

    def probe() -> str:
        import torch

        if not torch.cuda.is_available():
            raise RuntimeError("torch sees no CUDA device")
        return f"{torch.cuda.get_device_name(0)}, {torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB"

    check = _attempt("GPU", probe, "a CUDA build of torch and a visible GPU", needed=needed)
    return check if check.status == OK or needed else Check("GPU", UNUSED, check.detail.split(" - fix")[0], False)


def disk_free(settings: Settings) -> Check:
    free = shutil.disk_usage(settings.home).free / 2**30
    status = OK if free >= 1 else MISSING
    return Check("disk", status, f"{free:.1f} GiB free in {settings.home}")


def scratch_writable(settings: Settings) -> Check:
    def probe() -> str:
        with tempfile.NamedTemporaryFile(dir=settings.home) as handle:
            handle.write(b"ok")
        return str(Path(settings.home).resolve())

    return _attempt("data folder", probe, "make CIELO_HOME writable")
